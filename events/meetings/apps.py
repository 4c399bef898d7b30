from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "events.meetings"
    verbose_name = _("One-to-one meetings")

    def ready(self):
        from events.core.wall_clock import register_retimer
        from events.meetings import receivers  # noqa: F401 - follows registrations and the roster
        from events.meetings.models import Break, Slot
        from events.meetings.services.grids import retime_breaks, retime_slots

        register_retimer(Slot, retime_slots)
        register_retimer(Break, retime_breaks)
