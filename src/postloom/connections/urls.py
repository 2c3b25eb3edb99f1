from django.urls import URLPattern, URLResolver, path

from postloom.connections import meta_views, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("b/<int:business_id>/connections/", views.connections, name="connections"),
    path(
        "b/<int:business_id>/connections/connect/<slug:flow>/",
        views.start,
        name="connections_start",
    ),
    path(
        "b/<int:business_id>/connections/facebook/pages/",
        views.facebook_pages,
        name="connections_facebook_pages",
    ),
    path(
        "b/<int:business_id>/connections/<int:connection_id>/disconnect/",
        views.disconnect,
        name="connections_disconnect",
    ),
    path(
        "b/<int:business_id>/connections/<int:connection_id>/import/",
        views.reimport,
        name="connections_import",
    ),
    # Static redirect URIs (the networks want them registered exactly, without parameters).
    path("connections/<slug:flow>/callback/", views.callback, name="connections_callback"),
    path(
        "connections/meta/<slug:app>/deauthorize/",
        meta_views.deauthorize,
        name="connections_meta_deauthorize",
    ),
    path(
        "connections/meta/<slug:app>/data-deletion/",
        meta_views.data_deletion,
        name="connections_meta_deletion",
    ),
    path(
        "connections/data-deletion/<str:code>/",
        meta_views.deletion_status,
        name="connections_deletion_status",
    ),
]
