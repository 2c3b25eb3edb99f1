from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "postloom.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        from postloom.publishing.actions import cancel_for_withdrawn_approval
        from postloom.studio.approval import approval_withdrawn

        # An edit or a rejection of a post cancels what was scheduled for it.
        approval_withdrawn.connect(cancel_for_withdrawn_approval, dispatch_uid="publishing")
