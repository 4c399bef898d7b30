"""The last line behind registrations and the roster: a meeting never pairs two sides that share a person (an
address that speaks for both), even on data written before the roster and registrations refused it."""

import pytest
from django.core.exceptions import ValidationError

from events.meetings import services
from events.meetings.models import Meeting, MeetingRequest
from events.registrations.models import Attendee

pytestmark = pytest.mark.django_db


def attend_for_company_as_delegate(day, company, delegate):
    """What a registration made before the rule could hold: the delegate's address among a company's attendees."""
    Attendee.objects.filter(registration__organization=day.companies[company].organization).update(
        email=day.delegates[delegate].user.email.upper()
    )
    return day.delegates[delegate].user.email


def test_a_company_cannot_ask_the_delegate_who_attends_for_it(day):
    address = attend_for_company_as_delegate(day, 0, 0)

    with pytest.raises(ValidationError) as error:
        services.request_meeting(
            day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.delegate(0)
        )

    assert error.value.message_dict == {
        "receiver": [f"{address} would sit on both sides of this meeting: choose someone else."]
    }
    assert not MeetingRequest.objects.exists()


def test_a_delegate_cannot_ask_the_company_they_attend_for(day):
    address = attend_for_company_as_delegate(day, 0, 0)

    with pytest.raises(ValidationError) as error:
        services.request_meeting(
            day.grid, acting_user=day.delegates[0].user, requester=day.delegate(0), receiver=day.company(0)
        )

    assert error.value.message_dict == {
        "receiver": [f"{address} would sit on both sides of this meeting: choose someone else."]
    }
    assert not MeetingRequest.objects.exists()


def test_the_scheduler_places_no_meeting_whose_sides_share_a_person(day):
    day.accepted(1, 1)
    attend_for_company_as_delegate(day, 0, 0)
    MeetingRequest.objects.create(
        grid=day.grid, requester=day.company(0), receiver=day.delegate(0), status=MeetingRequest.Status.ACCEPTED
    )

    run = services.execute_run(services.start_run(day.grid, acting_user=day.organiser).pk)

    assert run.status == "done"
    assert [(m.request.requester.name, m.request.receiver.name) for m in Meeting.objects.filter(grid=day.grid)] == [
        ("Company 1", "Delegate 1")
    ]
