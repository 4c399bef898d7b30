"""The organiser's form that opens (or reshapes) a B2B session's one-to-one meetings."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.core.local_time import instant_at
from events.core.text import validate_multi_line, validate_single_line
from events.meetings.models import MeetingGrid

# "10:20–10:40 Coffee": a dash, an en dash or "to" between the times, then the break's name if it has one.
BREAK_LINE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}):(\d{2})\s*(.*?)\s*$")
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
        zone = self.session.stop.zone
        day = self.session.starts_at.astimezone(zone).date()
        breaks = []
        for number, line in enumerate(self.cleaned_data["breaks"].splitlines(), start=1):
            if not line.strip():
                continue
            found = BREAK_LINE.match(line)
            try:
                if found is None:
                    raise ValueError
                first, second = (dt.time(int(found[h]), int(found[m])) for h, m in ((1, 2), (3, 4)))
            except ValueError:
                raise ValidationError(
                    _("Line %(number)d: write a break as 10:20–10:40, then its name if it has one.")
                    % {"number": number}
                ) from None
            validate_single_line(found[5])
            starts_at = instant_at(dt.datetime.combine(day, first), self.session.stop.time_zone)
            ends_at = instant_at(dt.datetime.combine(day, second), self.session.stop.time_zone)
            breaks.append((starts_at, ends_at, found[5]))
        return breaks

    @classmethod
    def initial_for(cls, grid) -> dict:
        """The form as `grid` stands: what reshaping it starts from."""
        lines = [
            f"{pause.planned_clock('starts_at')}–{pause.planned_clock('ends_at')} {pause.label}".strip()
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
