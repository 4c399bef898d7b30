"""A pure iCalendar writer: plain data in, RFC 5545 bytes out; no Django, no clock.

Time zones are written as VTIMEZONEs read off the IANA database (see timezones.py), not
inferred by icalendar, so that irregular zones such as Africa/Casablanca come out exact.
"""

from events.agenda.ics.calendar import render_calendar
from events.agenda.ics.event import CalendarEvent

__all__ = ["CalendarEvent", "render_calendar"]
