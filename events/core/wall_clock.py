"""Future times planned at a place keep their wall clock as the truth; the UTC instant is derived.

A session typed as 09:30 in Dakhla is 09:30 in Dakhla whatever Morocco's government later decides
about its clocks. So every model whose instants were planned in a place's local time mixes in
WallClock: next to each instant field (stored in UTC for queries and constraints) it keeps the wall
clock it was planned at and the IANA release that turned one into the other. When the tz data is
upgraded, `manage.py rederive_instants` finds future rows derived under an older release and hands
those whose instant moved to their app's own service, which saves them as any change of time.

Instants stay the input of every write (a naive time is read at the place, checked by
events.missions.time_zones.instant_at, before it reaches a model): saving records their wall
clock under the release in use, so the two never disagree within a release.
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.utils import timezone

from config.tz_database import tz_database_version
from events.core.signals import announcements_batched

_SECOND_PASS = "|fold"


def _encode(wall: dt.datetime) -> str:
    # The fold tells the second pass of a repeated hour (PEP 495), which the ISO text cannot say.
    return wall.isoformat() + (_SECOND_PASS if wall.fold else "")


def _decode(text: str) -> dt.datetime:
    fold = text.endswith(_SECOND_PASS)
    return dt.datetime.fromisoformat(text.removesuffix(_SECOND_PASS)).replace(fold=int(fold))


# The zone the wall clock was read in, kept with it: if the place's zone is later changed (and its
# instants kept), the recorded local times still mean what they meant.
ZONE_KEY = "zone"


def wall_clock_of(instants: dict[str, dt.datetime | None], time_zone: str) -> dict[str, str]:
    """{field: instant} read on the clock of `time_zone`, as stored in WallClock.wall_clock (None left out)."""
    zone = ZoneInfo(time_zone)
    recorded = {
        name: _encode(instant.astimezone(zone).replace(tzinfo=None))
        for name, instant in instants.items()
        if instant is not None
    }
    return {ZONE_KEY: time_zone, **recorded} if recorded else {}


class WallClock(models.Model):
    """Mixin: keeps the wall clock of WALL_CLOCK_FIELDS at the zone `wall_clock_zone()` names."""

    WALL_CLOCK_FIELDS: tuple[str, ...] = ()
    # What to select_related so that wall_clock_zone() reads no row of its own.
    WALL_CLOCK_ZONE_FROM: tuple[str, ...] = ()

    # {"starts_at": "2026-12-21T09:30:00", ...}: the local time each instant was planned at.
    wall_clock = models.JSONField(default=dict, blank=True, editable=False)
    tz_version = models.CharField(max_length=16, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.record_wall_clock()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "wall_clock", "tz_version"}
        super().save(*args, **kwargs)

    def wall_clock_zone(self) -> str:
        raise NotImplementedError

    def record_wall_clock(self) -> None:
        """Read each instant on the place's clock, under the tz release in use."""
        instants = {name: getattr(self, name) for name in self.WALL_CLOCK_FIELDS}
        self.wall_clock = wall_clock_of(instants, self.wall_clock_zone())
        self.tz_version = tz_database_version()

    def take_instants(self, moved: dict[str, dt.datetime]) -> None:
        """Set the instants `instants_from_wall_clock` gave (not saved)."""
        for name, instant in moved.items():
            setattr(self, name, instant)

    def instants_from_wall_clock(self) -> dict[str, dt.datetime]:
        """The instants the recorded wall clock names under the tz release in use, for the fields that moved."""
        recorded = dict(self.wall_clock)
        if recorded.pop(ZONE_KEY, self.wall_clock_zone()) != self.wall_clock_zone():
            # The place's zone was changed since, its instants kept: they are the truth until re-read.
            return {}
        zone = ZoneInfo(self.wall_clock_zone())
        moved = {}
        for name, text in recorded.items():
            instant = _decode(text).replace(tzinfo=zone).astimezone(dt.UTC)
            if getattr(self, name) != instant:
                moved[name] = instant
        return moved


# model -> the service that moves rows of it to new instants: service([(row, {field: instant}), ...]).
_RETIMERS: dict[type[models.Model], Callable] = {}


def register_retimer(model: type[WallClock], service: Callable) -> None:
    """Called from an app's ready(): how rows of `model` whose instants moved are changed (and announced)."""
    _RETIMERS[model] = service


@transaction.atomic
def rederive_instants(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Recompute the instants of future rows derived under another tz release; move those that changed.

    Idempotent: a row is restamped with the release in use whether or not it moved, so a second run
    finds nothing. Returns {model label: rows moved}. Past rows keep their instants: they happened.
    """
    now = now or timezone.now()
    # A session and its slots may both move: each person hears of it once.
    with announcements_batched(WallClock):
        return _rederive(now, tz_database_version())


def _rederive(now, version) -> dict[str, int]:
    moved_by_model = {}
    for model, service in _RETIMERS.items():
        future = models.Q()
        for name in model.WALL_CLOCK_FIELDS:
            future |= models.Q(**{f"{name}__gte": now})
        stale = model.objects.filter(future).exclude(tz_version=version).select_related(*model.WALL_CLOCK_ZONE_FROM)
        moves, unchanged = [], []
        for row in stale.order_by("pk"):
            moved = row.instants_from_wall_clock()
            (moves if moved else unchanged).append((row, moved))
        if moves:
            service(moves)  # saving them records their wall clock under `version`
        for row, _ in unchanged:
            if row.wall_clock.get(ZONE_KEY) != row.wall_clock_zone():
                row.save(update_fields=["wall_clock"])  # read again in the place's zone of now
        model.objects.filter(pk__in=[row.pk for row, _ in unchanged]).update(tz_version=version)
        moved_by_model[model._meta.label] = len(moves)
    return moved_by_model
