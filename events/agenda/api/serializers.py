"""A person's agenda and feed link as JSON: instants in UTC, wall-clock times in the zone of each place."""

from zoneinfo import ZoneInfo

from django.urls import reverse
from rest_framework import serializers

from events.missions.time_zones import validate_time_zone

KINDS = ["leg", "session", "meeting"]


def _wall_clock(instant, zone) -> str | None:
    """The local date and time at a place with its UTC offset (2027-02-13T09:00:00-06:00), as the sessions API gives
    it, or None for whole days: the offset says which pass of a repeated hour it is (a helper's "02:30" that night
    in Paris happened twice)."""
    if instant is None:
        return None
    return instant.astimezone(ZoneInfo(zone)).isoformat()


class AgendaQuerySerializer(serializers.Serializer):
    tz = serializers.CharField(
        required=False,
        validators=[validate_time_zone],
        help_text="An IANA time zone (e.g. Europe/Paris): each timed item also gets its times there.",
    )


class AgendaItemSerializer(serializers.Serializer):
    """One agenda item. Legs of the itinerary are whole days (first_day to last_day); the rest are timed."""

    kind = serializers.ChoiceField(choices=KINDS)
    key = serializers.CharField(help_text="Stable across edits; the calendar UID is built from it.")
    title = serializers.CharField()
    zone = serializers.CharField(help_text="The IANA time zone of the place.")
    starts_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)
    first_day = serializers.DateField(allow_null=True)
    last_day = serializers.DateField(allow_null=True)
    local_starts_at = serializers.SerializerMethodField(help_text="Wall-clock start in `zone`, with its UTC offset.")
    local_ends_at = serializers.SerializerMethodField(help_text="Wall-clock end in `zone`, with its UTC offset.")
    location = serializers.CharField()
    description = serializers.CharField()
    mission = serializers.CharField()
    counterpart = serializers.CharField(help_text="Whom a meeting is with; empty for legs and sessions.")
    counterpart_details = serializers.ListField(child=serializers.CharField())
    ics_url = serializers.SerializerMethodField(help_text="This item alone as an .ics file (signed-in download).")

    def get_local_starts_at(self, item) -> str | None:
        return _wall_clock(item.starts_at, item.zone)

    def get_local_ends_at(self, item) -> str | None:
        return _wall_clock(item.ends_at, item.zone)

    def get_ics_url(self, item) -> str:
        return self.context["request"].build_absolute_uri(reverse("agenda:item", args=[item.key]))


class AgendaItemInViewerZoneSerializer(AgendaItemSerializer):
    """An agenda item with its times also in the zone the viewer asked for (`?tz=`)."""

    viewer_zone = serializers.SerializerMethodField()
    viewer_starts_at = serializers.SerializerMethodField(help_text="Wall-clock start in `viewer_zone`.")
    viewer_ends_at = serializers.SerializerMethodField(help_text="Wall-clock end in `viewer_zone`.")

    def get_viewer_zone(self, item) -> str:
        return self.context["viewer_zone"]

    def get_viewer_starts_at(self, item) -> str | None:
        return _wall_clock(item.starts_at, self.context["viewer_zone"])

    def get_viewer_ends_at(self, item) -> str | None:
        return _wall_clock(item.ends_at, self.context["viewer_zone"])


class FeedSerializer(serializers.Serializer):
    """The state of a person's calendar feed link. Only a hash of the secret is kept, so the link itself
    is given once, in the answer to the request that creates it (POST), as the agenda page shows it once."""

    active = serializers.BooleanField()
    created_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True, help_text="When a calendar last fetched the feed.")
    url = serializers.URLField(
        allow_null=True, help_text="The feed's link, on SITE_URL when it is set; only in the answer to POST."
    )
    webcal_url = serializers.CharField(allow_null=True, help_text="The same as webcal://; only in answer to POST.")
