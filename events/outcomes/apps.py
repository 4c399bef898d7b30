from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "events.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from events.notifications.composers import register_composer
        from events.outcomes import messages

        register_composer(messages.COMPOSER, messages.compose_feedback_email)
