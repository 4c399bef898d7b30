"""System checks: `manage.py check` (and every start) says which tz database this process reads."""

import zoneinfo

from django.core.checks import Info, Warning, register

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


@register(deploy=True)
def tz_database_in_use(app_configs, **kwargs):
    return [Info(f"Time zone data: IANA {tz_database_version()} (the pinned tzdata wheel).", id="core.I001")]
