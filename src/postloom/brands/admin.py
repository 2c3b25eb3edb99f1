from django.contrib import admin

from postloom.brands.models import Business, Invitation, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "language", "timezone", "created_at"]
    search_fields = ["name", "website"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "business", "role", "created_at", "expires_at", "accepted_at"]
    exclude = ["token"]
    raw_id_fields = ["business", "invited_by", "accepted_by"]
