from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "events.registrations"
    label = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from events.notifications.composers import register_composer
        from events.registrations import messages, receivers  # noqa: F401 - receivers answer what missions ask

        register_composer(messages.COMPOSER, messages.compose_registration_email)
