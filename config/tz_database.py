"""One time zone database for every process: the pinned `tzdata` wheel, never the system's.

Python's zoneinfo reads the operating system's tz files first and the `tzdata` wheel only where
there are none. The two disagree whenever a government changes its clocks and one of them has not
caught up (Debian 12's 2025b against the wheel's 2026f on Morocco, which stays on +00 from
September 2026), and then the pages, the reminders and the calendars' VTIMEZONE follow different
rules. So the search path is emptied here, where every process (web, worker, beat, management
commands, tests) loads its settings, and PYTHONTZPATH is set for the processes they start.
"""

import os
import zoneinfo

import tzdata


def use_pinned_tz_database() -> None:
    os.environ["PYTHONTZPATH"] = ""
    zoneinfo.reset_tzpath(to=[])
    # Zones read before this point came from the system's files: forget them.
    zoneinfo.ZoneInfo.clear_cache()


def tz_database_version() -> str:
    """The IANA release in use, e.g. "2026f"."""
    return tzdata.IANA_VERSION
