from django.apps import AppConfig


class SystemConfig(AppConfig):
    name = "postloom.system"
    label = "system"
    verbose_name = "System"
