from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "events.agenda"
    verbose_name = _("Agendas and calendar feeds")
