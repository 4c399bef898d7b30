from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    name = "events.checkin"
    label = "checkin"
    verbose_name = _("Check-in")

    def ready(self):
        from events.checkin import receivers  # noqa: F401 - connects to what the apps below announce
