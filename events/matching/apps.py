from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "events.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from events.matching import messages, services
        from events.notifications.composers import register_composer

        register_composer(services.COMPOSER, messages.compose_invitation_email)
