from django import template

from config.tz_database import tz_database_version as _version

register = template.Library()


@register.simple_tag
def tz_database_version() -> str:
    """The IANA release every process reads, e.g. "2026f", for the admin to show."""
    return _version()
