from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "events.meetings"
    verbose_name = _("One-to-one meetings")

    def ready(self):
        from events.core.wall_clock import register_retimer
        from events.meetings import receivers  # noqa: F401 - follows registrations and the roster
        from events.meetings.models import BlockedPeriod, Break, Participant, Slot
        from events.meetings.services.grids import retime_slots, retime_unannounced

        register_retimer(Slot, retime_slots)
        # Read against the slots by the scheduler, so on the same clock; nobody is told when they move.
        for model in (Break, Participant, BlockedPeriod):
            register_retimer(model, retime_unannounced)
