"""Agenda items as iCalendar: stable UIDs, the counterpart and a link in each description."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from events.agenda.ics import CalendarEvent, render_calendar

# UIDs must not change with the host name a feed is fetched under, or calendars would duplicate entries.
UID_DOMAIN = "trade-missions.events"
FEED_REFRESH = dt.timedelta(hours=1)


def _agenda_link(base_url):
    return base_url.rstrip("/") + reverse("agenda:page")


def _description(item, link):
    lines = []
    if item.kind == "meeting":
        lines.append(_("One-to-one meeting with %(name)s") % {"name": item.counterpart})
        lines.extend(item.counterpart_details)
        lines.append(item.description)
    elif item.description:
        lines.append(item.description)
    lines.append(item.mission)
    lines.append(link)
    return "\n".join(line for line in lines if line)


def calendar_event(item, link) -> CalendarEvent:
    """One item as a calendar entry; `link` is the agenda page, named in the entry."""
    if item.kind == "meeting":
        title = _("Meeting with %(name)s") % {"name": item.counterpart}
    elif item.kind == "leg":
        title = _("In %(place)s") % {"place": item.title}
    else:
        title = item.title
    timed = item.starts_at is not None
    return CalendarEvent(
        uid=item.uid,
        start=item.starts_at if timed else item.first_day,
        end=item.ends_at if timed else item.last_day,
        zone=item.zone,
        summary=title,
        description=_description(item, link),
        location=item.location,
        url=link,
        last_modified=item.last_modified,
        sequence=item.sequence,
        categories=(item.mission,) if item.mission else (),
    )


def calendar_for(items, *, name, base_url, refresh=FEED_REFRESH, page=None) -> bytes:
    """A calendar of the items: legs of the itinerary as whole days, sessions and meetings at their times.
    Each entry links `page` (a path), by default the reader's agenda page."""
    # Once: reversing it for each event took a quarter of a long feed's time.
    link = base_url.rstrip("/") + page if page else _agenda_link(base_url)
    events = [calendar_event(item, link) for item in items]
    return render_calendar(events, name=name, refresh=refresh)
