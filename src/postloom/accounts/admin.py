from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from postloom.accounts.models import PolicyConsent, User


class PolicyConsentInline(admin.TabularInline):
    model = PolicyConsent
    extra = 0
    readonly_fields = ["policy", "version", "accepted_at"]
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_staff", "date_joined"]
    search_fields = ["email", "name"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    inlines = [PolicyConsentInline]
    fieldsets = (
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "avatar_url", "language", "theme", "age_confirmed_at"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    )
    add_fieldsets = ((None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),)
