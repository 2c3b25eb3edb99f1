from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from postloom.publishing.models import Publication, PublicationAttempt


class AttemptInline(admin.TabularInline):
    model = PublicationAttempt
    extra = 0
    can_delete = False
    readonly_fields = [
        "step", "worker", "started_at", "finished_at", "outcome", "remote_status",
        "error_code", "vendor_code", "http_status", "duration_ms",
    ]  # fmt: skip

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = [
        "id", "business", "platform", "kind", "status", "phase", "scheduled_for",
        "attempts", "error_code", "published_at",
    ]  # fmt: skip
    list_filter = ["status", "platform", "phase"]
    search_fields = ["remote_id", "media_id", "error_code"]
    raw_id_fields = ["business", "post", "connection", "created_by", "cancelled_by"]
    # The engine's bookkeeping is read-only here: changing it by hand could post twice.
    readonly_fields = [
        "remote_id", "in_flight", "media_id", "permalink", "claim_token", "claimed_by",
        "claim_expires_at", "content_hash", "attempts", "polls", "restarts",
    ]  # fmt: skip
    inlines = [AttemptInline]
