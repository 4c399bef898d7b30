"""Future times planned at a place keep their wall clock as the truth; the UTC instant is derived.

A session typed as 09:30 in Dakhla is 09:30 in Dakhla whatever Morocco's government later decides
about its clocks, and whatever zone an organiser later corrects the stop to. So every model whose
instants were planned in a place's local time mixes in WallClock: next to each instant field (stored
in UTC for queries and constraints) it keeps the wall clock it was planned at, the zone it was read
in and the IANA release that turned one into the other. Whenever that clock changes, the instants
are derived again from the wall clock and the rows that moved are handed to their app's own service
(its retimer), which saves them as any change of time: revised, announced, one update per person.
The clock changes when the tz data is upgraded (`manage.py rederive_instants`), when a place is
given another zone (follow_new_zone), and, for what is planned within a session (a meeting grid's
slots), when the session moves (its app shifts their wall clock and re-derives them the same way).

Instants stay the input of every write (a naive time is read at the place, checked by
events.missions.time_zones.instant_at, before it reaches a model): saving records their wall
clock under the release in use, so the two never disagree within a release.
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.tz_database import tz_database_version
from events.core.local_time import WallClockError, instant_at, instants_at
from events.core.signals import announcements_batched

_SECOND_PASS = "|fold"


def _encode(wall: dt.datetime) -> str:
    # The fold tells the second pass of a repeated hour (PEP 495), which the ISO text cannot say.
    return wall.isoformat() + (_SECOND_PASS if wall.fold else "")


def _decode(text: str) -> dt.datetime:
    fold = text.endswith(_SECOND_PASS)
    return dt.datetime.fromisoformat(text.removesuffix(_SECOND_PASS)).replace(fold=int(fold))


# The zone the wall clock was read in, kept with it. A place's new zone re-reads it there
# (follow_new_zone); rows read in another zone than their place's come from before that rule, when a new
# zone kept the instants: they keep them through a tz upgrade, as their people were last shown.
ZONE_KEY = "zone"


def _read(wall: dt.datetime, zone: str, *, strict: bool) -> dt.datetime:
    if strict:
        return instant_at(wall, zone)
    # As zoneinfo resolves it: a tz upgrade has nobody to ask about a time its new rules skip.
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


def _repeated(wall: dt.datetime, zone: str) -> bool:
    """Whether the clocks of `zone` show `wall` twice (the hour they go back)."""
    try:
        return len(instants_at(wall.replace(fold=0), ZoneInfo(zone))) == 2
    except (OverflowError, KeyError, ValueError):
        return False


def wall_clock_shift(before: dict[str, str], after: dict[str, str], name: str) -> dt.timedelta:
    """How far the local time of `name` moved on the wall clock between two recorded wall clocks."""
    return _decode(after[name]) - _decode(before[name])


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
    # {field: anchor}: fields whose instant is their anchor's plus the time they lasted, whatever the clocks do in
    # between (a slot's end, cut in elapsed time: its start plus its length). Their wall clock is recorded for
    # labels, never read back: read on its own, a slot's end moved by a clock change the slot spans made it last
    # two hours, or no time at all.
    ELAPSED_FROM: dict[str, str] = {}
    # A local time the clocks repeat, read where nobody can be asked which pass it means (rows the product cut, as
    # slots, rather than times a person typed): the pass recorded with it (PEP 495's fold), the first by default.
    REPEATED_TIMES_TAKE_THEIR_RECORDED_PASS = False
    # The relation to the place whose clock the instants are read on (it has a time_zone): what to
    # select_related so that wall_clock_zone() reads no row of its own, and how to find a place's rows.
    WALL_CLOCK_PLACE: str = ""

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

    def planned_clock(self, name) -> str:
        """The local time `name` was planned at, "13:30", as recorded: a row's name says its place's hour (the
        admin said the UTC one), without a query for its place. The UTC hour if none is recorded yet."""
        text = self.wall_clock.get(name)
        moment = _decode(text) if text else getattr(self, name)
        return f"{moment:%H:%M}"

    def record_wall_clock(self) -> None:
        """Read each instant on the place's clock, under the tz release in use; a local time the instant was just
        derived from (instants_from_wall_clock) stays as planned while it names that instant.

        A time planned where the clocks skip it (02:30 on the night they go from 02:00 to 03:00) names the instant
        after the gap: read back from it, it became 03:30, and a break moved onto that night and back came back an
        hour late. Kept, the plan holds, and a later move or tz release reads it again as planned.
        """
        zone = self.wall_clock_zone()
        instants = {name: getattr(self, name) for name in self.WALL_CLOCK_FIELDS}
        self.wall_clock = wall_clock_of(instants, zone)
        for name, wall in self.__dict__.pop("_planned_walls", {}).items():
            if name in self.wall_clock and _read(wall, zone, strict=False) == instants[name]:
                self.wall_clock[name] = _encode(wall)
        self.tz_version = tz_database_version()

    def take_instants(self, moved: dict[str, dt.datetime]) -> None:
        """Set the instants `instants_from_wall_clock` gave (not saved)."""
        for name, instant in moved.items():
            setattr(self, name, instant)

    def wall_clock_label(self) -> str:
        """How an error names the row."""
        return str(self)

    def instants_from_wall_clock(self, *, shift=dt.timedelta(0), strict=False, leaving=()) -> dict[str, dt.datetime]:
        """The instants the recorded wall clock, moved by `shift`, names at the place now, for the fields that move.

        Read in the place's zone of now, under the tz release in use. `strict` for an organiser's change
        (a new zone, a moved session): a local time the clocks skip or repeat there raises WallClockError
        instead of being resolved as zoneinfo would. The fields in `leaving` are not read (the caller gives them).
        """
        zone, recorded_in = self.wall_clock_zone(), self.wall_clock.get(ZONE_KEY)
        moved, self._planned_walls = {}, {}
        for name, text in self.wall_clock.items():
            if name == ZONE_KEY or name in leaving or name in self.ELAPSED_FROM:
                continue
            wall = _decode(text) + shift if shift else _decode(text)
            self._planned_walls[name] = wall  # what record_wall_clock keeps, if the row is saved so
            # Unmoved, and repeated where it was recorded: its pass was chosen there (or cut so), and holds in a
            # new zone that repeats it too. A helper's zone correction from Chicago to Denver was refused on the
            # second 01:30 of a night both zones repeat, asking for an offset the stop's form cannot take.
            chosen = not shift and bool(recorded_in) and _repeated(wall, recorded_in)
            instant = self._read(wall, zone, strict=strict, pass_chosen=chosen)
            if getattr(self, name) != instant:
                moved[name] = instant
        for name, anchor in self.ELAPSED_FROM.items():
            lasted = getattr(self, name) - getattr(self, anchor)
            if name not in leaving and anchor in moved:
                moved[name] = moved[anchor] + lasted
        return moved

    def _read(self, wall: dt.datetime, zone: str, *, strict: bool, pass_chosen: bool = False) -> dt.datetime:
        try:
            return _read(wall, zone, strict=strict)
        except WallClockError as error:
            takes_recorded_pass = self.REPEATED_TIMES_TAKE_THEIR_RECORDED_PASS or pass_chosen
            if error.code != "ambiguous_local_time" or not takes_recorded_pass:
                raise
            return _read(wall, zone, strict=False)  # zoneinfo takes the pass its fold names


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
    version = tz_database_version()

    def stale(model):
        return model.objects.filter(_still_to_come(model, now)).exclude(tz_version=version)

    # A session and its slots may both move: each person hears of it once.
    with announcements_batched(WallClock):
        return _follow(stale)


def _still_to_come(model, now) -> models.Q:
    """The rows of `model` with an instant at or after `now` (under way, or to come)."""
    future = models.Q()
    for name in model.WALL_CLOCK_FIELDS:
        future |= models.Q(**{f"{name}__gte": now})
    return future


@transaction.atomic
def follow_new_zone(place, *, error_key: str, now: dt.datetime | None = None) -> dict[str, int]:
    """`place` was given another zone: everything still to come on its clock keeps its local time, read in the new
    zone.

    Call it once `place` is saved with its new zone. Every row planned at it that is under way or to come is
    derived again and those that moved go to their app's retimer, announced together. What is over keeps its
    instants, as a tz data upgrade keeps them (rederive_instants): people were there, their arrivals were
    recorded against those times, and mailing them an update of it was noise (a helper's zone correction after a
    training sent 42). A local time the new zone skips or repeats is refused: ValidationError under `error_key`,
    naming each such row, and the caller's transaction writes nothing. Returns {model label: rows moved}.
    """
    now = now or timezone.now()

    def rows_of(model):
        return model.objects.filter(_still_to_come(model, now), **{model.WALL_CLOCK_PLACE: place})

    with announcements_batched(WallClock):
        return _follow(rows_of, new_zone_key=error_key)


def follow_new_zone_within(session, *, error_key: str) -> dict[str, int]:
    """`session` moved to a place in another zone, keeping its local times: what is planned within it (the rows
    whose place is reached through it, a meeting grid's slots, breaks and availability) keeps its local times
    too, read in the new zone, as follow_new_zone does for a place. Call it once the session is saved at its new
    place, before anything reads those rows against the session. Same refusals and result as follow_new_zone."""

    def rows_of(model):
        path = model.WALL_CLOCK_PLACE.rpartition("__")[0]  # grid__session__stop -> grid__session
        if not path.endswith("session"):
            return model.objects.none()  # the session itself, or rows planned at the place directly
        return model.objects.filter(**{path: session})

    with announcements_batched(WallClock):
        return _follow(rows_of, new_zone_key=error_key)


def _follow(rows_of, *, new_zone_key: str = "") -> dict[str, int]:
    """Hand the rows `rows_of(model)` gives whose wall clock names other instants to their model's retimer.

    With `new_zone_key`, the place's zone was just changed: every row is read in it, strictly, and a local
    time it cannot keep is refused under that key.
    """
    version = tz_database_version()
    moved_by_model = {}
    for model, service in _RETIMERS.items():
        moves, unchanged, refused = [], [], []
        for row in rows_of(model).select_related(model.WALL_CLOCK_PLACE).order_by("pk"):
            if not new_zone_key and row.wall_clock.get(ZONE_KEY, row.wall_clock_zone()) != row.wall_clock_zone():
                unchanged.append(row)  # read in a zone its place no longer has (ZONE_KEY): its instants stay
                continue
            try:
                moved = row.instants_from_wall_clock(strict=bool(new_zone_key))
            except WallClockError as error:
                reason = " ".join(error.messages)
                refused.append(
                    _("“%(item)s” cannot keep its local time in the new zone: %(reason)s")
                    % {"item": row.wall_clock_label(), "reason": reason}
                )
                continue
            if moved:
                moves.append((row, moved))
            else:
                unchanged.append(row)
        if refused:
            raise ValidationError({new_zone_key: refused})
        if moves:
            service(moves)  # saving them records their wall clock under `version`, in the place's zone
        for row in unchanged:
            if row.wall_clock.get(ZONE_KEY) != row.wall_clock_zone():
                # Read again in the place's zone of now; by a query, since the retimer may have removed the row (a
                # slot left on another's time: a helper's zone correction ended in a 500 saving it).
                row.record_wall_clock()
                model.objects.filter(pk=row.pk).update(wall_clock=row.wall_clock)
        model.objects.filter(pk__in=[row.pk for row in unchanged]).update(tz_version=version)
        moved_by_model[model._meta.label] = len(moves)
    return moved_by_model
