from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "events.agenda"
    verbose_name = _("Agendas and calendar feeds")

    def ready(self):
        from events.agenda import receivers  # noqa: F401 - connects to what the domain apps announce
