"""Every time a model stores is either planned on a place's wall clock or a moment that was recorded.

DESIGN.md's time rule: a future time planned in a place is its local wall-clock time and zone, and the
UTC instant is derived. A planned time stored as a bare instant stays behind when the session, the
stop's zone or the tz rules move (a participant's arrival did, until the grid's slots left it behind).
So a new DateTimeField must be put on one side here: on a WallClock model's WALL_CLOCK_FIELDS, or
below, as a moment recorded when it happened, a deadline that is an instant, or a copy derived from
a wall clock that its owner keeps in step.
"""

from django.apps import apps
from django.db import models

from events.core.wall_clock import WallClock

# Moments recorded as they happened (or as a worker will act): their instant is the truth.
RECORDED = {
    "accounts.User": {"last_login", "date_joined"},
    "core.PendingAnnouncement": {"announced_at"},
    "missions.Organization": {"created_at", "updated_at"},
    "missions.Mission": {"created_at", "updated_at"},
    "missions.Stop": {"updated_at"},
    "missions.Session": {"updated_at", "revised_at", "place_revised_at"},
    "registrations.Registration": {"created_at", "updated_at"},
    "matching.PriorityAnswer": {"updated_at"},
    "matching.PriorityInvitation": {"invited_at"},
    "notifications.OutboundEmail": {
        "composed_at",
        "due_at",
        "claimed_until",
        "delivery_reported_at",
        "created_at",
        "sent_at",
    },
    "notifications.DeliveryEvent": {"occurred_at", "received_at"},
    "notifications.UnreachableAddress": {"since"},
    "notifications.WebhookPost": {"received_at"},
    # An invitation link's expiry is a span from when it was sent, not a time at a place.
    "companies.Invitation": {"created_at", "expires_at", "accepted_at", "revoked_at"},
    "meetings.MeetingRequest": {"created_at", "updated_at"},
    "meetings.ScheduleVersion": {"published_at"},
    "meetings.Meeting": {"revised_at", "created_at", "updated_at"},
    "meetings.SchedulerRun": {"created_at", "finished_at"},
    "meetings.MeetingOutcome": {"held_at", "no_show_at"},
    # starts_at and ends_at are the entry's, copied when the calendar is sent; its owner moves them.
    "agenda.Invitation": {"stamped_at", "revised_at", "starts_at", "ends_at", "answered_at", "updated_at"},
    "agenda.MovedAddress": {"moved_at"},
    "agenda.FeedToken": {"created_at", "revoked_at", "last_used_at"},
    "checkin.Badge": {"issued_at"},
    "checkin.CheckIn": {"checked_in_at", "recorded_at"},
    "checkin.Scan": {"scanned_at", "recorded_at"},
    "checkin.BadgePrint": {"requested_at", "finished_at"},
    "certificates.SigningKey": {"created_at", "retired_at"},
    "certificates.CertificateDefinition": {"created_at"},
    "certificates.Certificate": {"issued_at", "revoked_at"},
    "certificates.AttendanceMark": {"marked_at"},
    "outcomes.Lead": {"created_at"},
    "outcomes.FollowUpWave": {"sent_at", "created_at"},
    "outcomes.FeedbackRequest": {"created_at"},
    "outcomes.FeedbackAnswer": {"answered_at"},
    "outcomes.MissionFunding": {"updated_at"},
}


def stored_times():
    for model in apps.get_models():
        if model.__module__.startswith("events."):
            names = {field.name for field in model._meta.get_fields() if isinstance(field, models.DateTimeField)}
            if names:
                yield model, names


def test_every_planned_time_is_kept_on_its_place_wall_clock():
    unplaced = {}
    for model, names in stored_times():
        planned = set(model.WALL_CLOCK_FIELDS) if issubclass(model, WallClock) else set()
        if left := names - planned - RECORDED.get(model._meta.label, set()):
            unplaced[model._meta.label] = sorted(left)
    assert unplaced == {}, "planned at a place, so a WallClock field, or a moment recorded (RECORDED)"


def test_the_wall_clock_models_name_their_place():
    for model, _ in stored_times():
        if issubclass(model, WallClock):
            assert model.WALL_CLOCK_FIELDS, model
            assert model.WALL_CLOCK_PLACE, model
            assert not set(model.WALL_CLOCK_FIELDS) & RECORDED.get(model._meta.label, set()), model
