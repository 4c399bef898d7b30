from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "events.matching"
    label = "matching"
    verbose_name = _("Matching")
