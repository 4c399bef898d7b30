"""The organiser's form that opens (or reshapes) a B2B session's one-to-one meetings."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.core.local_time import clock_at, instants_at
from events.core.text import validate_multi_line, validate_single_line
from events.meetings.models import MeetingGrid

# "10:20–10:40 Coffee": a dash, an en dash or "to" between the times, then the break's name if it has one. A time
# of the hour the clocks repeat carries its offset as the pages show it: "01:00 (UTC−06:00)".
_TIME = r"(\d{1,2}):(\d{2})(?:\s*\(UTC\s*([+\-−])(\d{2}):(\d{2})\))?"
BREAK_LINE = re.compile(rf"^\s*{_TIME}\s*(?:-|–|—|to)\s*{_TIME}\s*(.*?)\s*$")
MAX_TABLES = 200


class GridForm(forms.Form):
    """Slot length, tables (named Table 1 to Table n), breaks on the stop's clock, who meets whom, request limits.

    `cleaned_data["breaks"]` is a list of (start, end, name), aware instants of the session's day at its stop;
    `cleaned_data["tables"]` the tables' names.
    """

    slot_minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=20)
    tables = forms.IntegerField(
        label=_("Number of tables"),
        min_value=1,
        max_value=MAX_TABLES,
        initial=10,
        help_text=_("Named Table 1, Table 2…"),
    )
    breaks = forms.CharField(
        label=_("Breaks"),
        required=False,
        # Left to right: each line starts with its times, which an Arabic page laid out end first ("10:40–10:20").
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        validators=[validate_multi_line],
        help_text=_("One per line, on the clock of the stop: 10:20–10:40 Coffee"),
    )
    pairing = forms.ChoiceField(label=_("Who meets whom"), choices=MeetingGrid.Pairing.choices)
    requests_per_company = forms.IntegerField(label=_("Requests per company"), min_value=1, max_value=500, initial=10)
    requests_per_delegate = forms.IntegerField(
        label=_("Requests each delegate (or company) may receive"), min_value=1, max_value=500, initial=20
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session

    def clean_tables(self):
        # Not translated: a table's name is the place in every person's invitation, whatever their language
        # (set up in Arabic, English invitations said "الطاولة 1").
        return [f"Table {number}" for number in range(1, self.cleaned_data["tables"] + 1)]

    def clean_breaks(self):
        breaks = []
        for number, line in enumerate(self.cleaned_data["breaks"].splitlines(), start=1):
            if not line.strip():
                continue
            found = BREAK_LINE.match(line)
            try:
                if found is None:
                    raise ValueError
                first, second = (_Said(found.groups()[at : at + 5]) for at in (0, 5))
            except ValueError:
                raise ValidationError(
                    _("Line %(number)d: write a break as 10:20–10:40, then its name if it has one.")
                    % {"number": number}
                ) from None
            validate_single_line(found[11])
            starts_at = self._instant(first, number, self._day_of(first))
            ends_at = self._instant(second, number, self._day_of(first))
            if ends_at <= starts_at:  # 23:50–00:10: over midnight
                ends_at = self._instant(second, number, self._day_of(first) + dt.timedelta(days=1))
            breaks.append((starts_at, ends_at, found[11]))
        return breaks

    def _day_of(self, said) -> dt.date:
        """The day of the session a time is on: the first at which it falls within the session (00:30 in a session
        from 22:00 to 02:00 is the next day's), else the session's first day (the service then refuses it)."""
        zone, session = self.session.stop.zone, self.session
        first_day = session.starts_at.astimezone(zone).date()
        last_day = session.ends_at.astimezone(zone).date()
        for offset in range((last_day - first_day).days + 1):
            day = first_day + dt.timedelta(days=offset)
            wall = dt.datetime.combine(day, said.clock)
            if any(session.starts_at <= instant < session.ends_at for instant in instants_at(wall, zone)):
                return day
        return first_day

    def _instant(self, said, number, day) -> dt.datetime:
        """The instant a time on a line names at the stop on `day`; a field error naming the line if there is
        none, or two and the line does not say which."""
        zone = self.session.stop.zone
        wall = dt.datetime.combine(day, said.clock)
        instants = instants_at(wall, zone)
        if said.offset is not None:
            chosen = [instant for instant in instants if instant.astimezone(zone).utcoffset() == said.offset]
            if not chosen:
                raise ValidationError(
                    _("Line %(number)d: %(time)s is not a time at %(place)s on %(day)s.")
                    % {"number": number, "time": said.text, "place": self.session.stop, "day": _day(day)}
                )
            return chosen[0]
        if not instants:
            raise ValidationError(
                _("Line %(number)d: %(time)s does not exist at %(place)s on %(day)s: the clocks skip it.")
                % {"number": number, "time": said.text, "place": self.session.stop, "day": _day(day)}
            )
        if len(instants) > 1:
            first, second = (clock_at(instant, zone) for instant in instants)
            raise ValidationError(
                _("Line %(number)d: %(time)s happens twice at %(place)s on %(day)s: write %(first)s or %(second)s.")
                % {
                    "number": number,
                    "time": said.text,
                    "place": self.session.stop,
                    "day": _day(day),
                    "first": first,
                    "second": second,
                }
            )
        return instants[0]

    @classmethod
    def initial_for(cls, grid) -> dict:
        """The form as `grid` stands: what reshaping it starts from."""
        zone = grid.session.stop.zone
        lines = [
            f"{clock_at(pause.starts_at, zone)}–{clock_at(pause.ends_at, zone)} {pause.label}".strip()
            for pause in grid.breaks.order_by("starts_at")
        ]
        return {
            "slot_minutes": grid.slot_minutes,
            "tables": grid.tables.count(),
            "breaks": "\n".join(lines),
            "pairing": grid.pairing,
            "requests_per_company": grid.requests_per_company,
            "requests_per_delegate": grid.requests_per_delegate,
        }


class _Said:
    """A time as a line of breaks gives it: its clock, and its UTC offset if the line says one."""

    def __init__(self, groups):
        hours, minutes, sign, offset_hours, offset_minutes = groups
        self.clock = dt.time(int(hours), int(minutes))  # ValueError for 25:00
        self.offset = None
        self.text = f"{self.clock:%H:%M}"
        if sign:
            offset = dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes))
            self.offset = -offset if sign in "-−" else offset
            self.text = f"{self.text} (UTC{'+' if sign == '+' else '−'}{offset_hours}:{offset_minutes})"


def _day(day: dt.date) -> str:
    return date_format(day, "j F Y")
