from django.contrib import admin

from postloom.connections.models import Connection, DeletionRequest, ImportedMedia


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "business", "variant", "status", "sandbox", "token_expires_at"]
    list_filter = ["platform", "variant", "status", "sandbox"]
    search_fields = ["username", "account_id"]
    # Tokens never appear in the admin, not even encrypted.
    exclude = ["access_token_encrypted", "refresh_token_encrypted"]
    raw_id_fields = ["business", "connected_by"]
    readonly_fields = ["last_refresh_at", "last_refresh_error", "created_at", "updated_at"]


@admin.register(ImportedMedia)
class ImportedMediaAdmin(admin.ModelAdmin):
    list_display = ["media_id", "connection", "media_type", "posted_at"]
    raw_id_fields = ["connection"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    list_display = ["code", "app", "status", "erased", "created_at", "completed_at"]
    readonly_fields = ["code", "app", "user_hash", "erased", "created_at", "completed_at"]
