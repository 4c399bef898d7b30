"""After a tz data upgrade: future times keep their local time; their UTC instants follow the new rules."""

from django.core.management.base import BaseCommand

from config.tz_database import tz_database_version
from events.core.wall_clock import rederive_instants


class Command(BaseCommand):
    help = (
        "Recompute the UTC instants of future sessions, slots and deadlines from their local time under "
        "the tz data in use, and send updates for those that moved. Idempotent; run after upgrading tzdata."
    )

    def handle(self, *args, **options):
        moved = rederive_instants()
        self.stdout.write(f"Time zone data: IANA {tz_database_version()}")
        for label, count in moved.items():
            self.stdout.write(f"{label}: {count} moved")
