from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "events.missions"
    label = "missions"
    verbose_name = _("Missions")

    def ready(self):
        from events.core.wall_clock import register_retimer
        from events.missions import receivers  # noqa: F401 - connects the receivers
        from events.missions.models import Session
        from events.missions.services import retime_sessions

        register_retimer(Session, retime_sessions)
