from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudioConfig(AppConfig):
    name = "postloom.studio"
    label = "studio"
    verbose_name = _("Content studio")
