from django.urls import path, register_converter

from postloom.catalog import persona_views, photo_views, views


class PhotoKindConverter:
    """Which photos a URL is about: the products' or the personas'."""

    regex = "products|personas"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PhotoKindConverter, "photokind")

PHOTO = "b/<int:business_id>/<photokind:kind>/<int:owner_id>/photos/<int:image_id>/"

urlpatterns = [
    path("b/<int:business_id>/products/", views.products, name="catalog_products"),
    path("b/<int:business_id>/products/new/", views.product_create, name="catalog_product_create"),
    path(
        "b/<int:business_id>/products/<int:product_id>/",
        views.product_edit,
        name="catalog_product_edit",
    ),
    path(
        "b/<int:business_id>/products/<int:product_id>/delete/",
        views.product_delete,
        name="catalog_product_delete",
    ),
    path("b/<int:business_id>/personas/", persona_views.personas, name="catalog_personas"),
    path(
        "b/<int:business_id>/personas/new/",
        persona_views.persona_create,
        name="catalog_persona_create",
    ),
    path(
        "b/<int:business_id>/personas/<int:persona_id>/",
        persona_views.persona_edit,
        name="catalog_persona_edit",
    ),
    path(
        "b/<int:business_id>/personas/<int:persona_id>/delete/",
        persona_views.persona_delete,
        name="catalog_persona_delete",
    ),
    path(PHOTO, photo_views.photo_file, name="catalog_photo_file"),
    path(
        PHOTO + "thumb/",
        photo_views.photo_file,
        {"variant": "thumb"},
        name="catalog_photo_thumb",
    ),
    path(PHOTO + "remove/", photo_views.photo_remove, name="catalog_photo_remove"),
    path(PHOTO + "move/", photo_views.photo_move, name="catalog_photo_move"),
    path(PHOTO + "describe/", photo_views.photo_describe, name="catalog_photo_describe"),
]
