"""API throttles, counted in the default cache (Redis in production, so one count for every process).

Each reads its rate from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] when a request comes, not when the
module is imported as DRF's own classes do, so a changed setting (a test's) takes effect; a rate of
None lets every request through. A throttled request gets DRF's 429 with a Retry-After header.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings


class RateFromSettingsMixin:
    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            message = f"REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'] has no rate for {self.scope!r}."
            raise ImproperlyConfigured(message) from None


class AnonymousRateThrottle(RateFromSettingsMixin, throttling.AnonRateThrottle):
    """Every request without a signed-in user, counted per client address."""


class UserRateThrottle(RateFromSettingsMixin, throttling.UserRateThrottle):
    """Every request of a signed-in user, counted per user (anonymous ones per address)."""


class OutreachRateThrottle(RateFromSettingsMixin, throttling.UserRateThrottle):
    """The actions named in settings.API_OUTREACH_ACTIONS ("<router basename>:<action>"), counted
    together per user at the stricter "outreach" rate; every other request passes untouched."""

    scope = "outreach"

    def allow_request(self, request, view):
        action = f"{getattr(view, 'basename', '')}:{getattr(view, 'action', '')}"
        if action not in settings.API_OUTREACH_ACTIONS:
            return True
        return super().allow_request(request, view)
