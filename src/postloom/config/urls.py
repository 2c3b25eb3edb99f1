from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from postloom.api.api import api
from postloom.system.views import healthz, privacy

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard", permanent=False), name="home"),
    path("healthz", healthz, name="healthz"),
    path("privacy/", privacy, name="privacy"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("postloom.accounts.urls")),
    path("api/v1/", api.urls),
    path("", include("postloom.brands.urls")),
    path("", include("postloom.catalog.urls")),
    path("", include("postloom.studio.urls")),
    path("", include("postloom.connections.urls")),
    path("", include("postloom.publishing.urls")),
    path("", include("postloom.publishing.media_urls")),
]

if settings.DEBUG and settings.MEDIA_STORAGE == "local":
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
