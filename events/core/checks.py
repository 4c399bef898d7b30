"""System checks: `manage.py check` (and every start) warns when this process reads another tz database.

Which IANA release is in use is shown on the admin's index page; `check --deploy` prints nothing
when all is well (issue 11).
"""

import zoneinfo

from django.core.checks import Warning, register

from config.tz_database import tz_database_version


@register()
def pinned_tz_database(app_configs, **kwargs):
    if zoneinfo.TZPATH:
        return [
            Warning(
                f"zoneinfo reads the system's time zone files ({', '.join(zoneinfo.TZPATH)}) "
                f"before the pinned tzdata wheel (IANA {tz_database_version()}).",
                hint="Import the `config` package before anything reads a time zone (config/tz_database.py).",
                id="core.W001",
            )
        ]
    return []
