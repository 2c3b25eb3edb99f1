"""Signed public media URLs (media_links.py): outside every login, on purpose."""

from django.urls import URLPattern, URLResolver, path

from postloom.publishing.media_views import public_media

urlpatterns: list[URLPattern | URLResolver] = [
    path("public-media/<str:token>/<str:filename>", public_media, name="public_media"),
]
