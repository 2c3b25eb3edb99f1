from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from postloom.catalog.models import Persona, PersonaImage, Product, ProductImage


class PhotoInline(admin.TabularInline):
    extra = 0
    fields = ["image", "width", "height", "alt_text", "position"]
    readonly_fields = ["image", "width", "height"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Photos only arrive through catalog.uploads, which strips their metadata.
        return False


class ProductPhotoInline(PhotoInline):
    model = ProductImage


class PersonaPhotoInline(PhotoInline):
    model = PersonaImage


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "business", "price", "currency", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["name", "business__name"]
    raw_id_fields = ["business"]
    inlines = [ProductPhotoInline]


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["name", "business", "active", "updated_at"]
    search_fields = ["name", "business__name"]
    raw_id_fields = ["business"]
    inlines = [PersonaPhotoInline]
