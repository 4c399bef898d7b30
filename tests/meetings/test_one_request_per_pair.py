"""Issue 10: a pair meets at most once: one active request for two people, whoever asked, even at the same moment."""

import pytest
from django.db import IntegrityError, transaction

from events.meetings import services
from events.meetings.models import MeetingRequest
from events.meetings.services import requests as request_services
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser, pairing="anyone")


def test_the_database_refuses_a_second_request_for_a_pair_the_other_way(day):
    MeetingRequest.objects.create(grid=day.grid, requester=day.company(0), receiver=day.company(1))

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(grid=day.grid, requester=day.company(1), receiver=day.company(0))


def test_asking_someone_who_asked_you_at_the_same_moment_is_one_mutual_meeting(day, monkeypatch):
    theirs = MeetingRequest.objects.create(grid=day.grid, requester=day.company(1), receiver=day.company(0))
    # The moment of the race: this request did not see theirs, which the other side had not committed yet.
    real, calls = request_services._reverse_of, []

    def not_yet_then_real(*args):
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(request_services, "_reverse_of", not_yet_then_real)

    mine = services.request_meeting(
        day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.company(1)
    )

    assert mine.pk == theirs.pk
    assert (mine.status, mine.mutual) == ("accepted", True)
    assert MeetingRequest.objects.count() == 1
    assert len(calls) == 2  # the insert was refused by the pair's constraint, then the reverse was found
