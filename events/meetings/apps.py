from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "events.meetings"
    verbose_name = _("One-to-one meetings")
