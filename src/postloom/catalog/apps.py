from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "postloom.catalog"
    label = "catalog"
    verbose_name = _("Products and personas")

    def ready(self) -> None:
        from postloom.catalog import signals  # noqa: F401  (connects the file clean-up)
