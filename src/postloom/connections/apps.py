from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectionsConfig(AppConfig):
    name = "postloom.connections"
    label = "connections"
    verbose_name = _("Connected accounts")

    def ready(self) -> None:
        # The brand analysis reads a connected Instagram account through this hook, since
        # brands sits below connections and must not import it.
        from postloom.brands import instagram_sources
        from postloom.connections.selectors import instagram_input

        instagram_sources.register(instagram_input)
