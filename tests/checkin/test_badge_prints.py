"""Badge prints: asked for by an organiser, built by a worker (in-process here: CELERY_TASK_ALWAYS_EAGER),
one pending print per mission and layout, a failed build says why."""

import datetime as dt
import io

import pypdf
import pytest
from celery import current_app
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from events.checkin import selectors, services
from events.checkin.models import BadgePrint
from events.checkin.tasks import build_badge_print_task
from events.core.errors import PermissionDeniedError
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, UserFactory

pytestmark = pytest.mark.django_db


def pdf_of(badge_print):
    with badge_print.file.open("rb") as stored:
        return pypdf.PdfReader(io.BytesIO(stored.read()))


def test_asking_for_badges_queues_a_print_built_after_commit(door, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")

    assert badge_print.status == BadgePrint.Status.QUEUED
    assert badge_print.requested_by == door.organiser
    assert badge_print.file.name == ""
    assert len(callbacks) == 1


def test_in_eager_mode_the_print_is_ready_once_committed(door, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")

    badge_print.refresh_from_db()
    pdf = pdf_of(badge_print)
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert badge_print.status == BadgePrint.Status.READY
    assert (badge_print.badge_count, badge_print.page_count, len(pdf.pages)) == (4, 4, 4)
    assert badge_print.size == badge_print.file.size
    assert badge_print.finished_at is not None
    assert badge_print.error == ""
    assert "Ana Ruiz" in text
    assert "Cy Gone" not in text


def test_the_a4_print_is_one_sheet_of_labels(door, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a4")

    badge_print.refresh_from_db()
    assert (badge_print.status, badge_print.badge_count, badge_print.page_count) == ("ready", 4, 1)


def test_the_stored_file_has_a_name_nobody_can_guess(door, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
        second = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a4")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.file.name.startswith("badge-prints/")
    assert first.file.name.endswith(".pdf")
    assert len(first.file.name) >= len("badge-prints/") + 32 + len(".pdf")
    assert door.mission.slug not in first.file.name
    assert first.file.name != second.file.name


def test_asking_again_while_a_print_is_pending_returns_that_print(door):
    first = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    BadgePrint.objects.filter(pk=first.pk).update(status=BadgePrint.Status.BUILDING)

    again = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    other_layout = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a4")

    assert again.pk == first.pk
    assert other_layout.pk != first.pk
    assert BadgePrint.objects.count() == 2


def test_asking_again_once_a_print_is_ready_makes_a_new_snapshot(door, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    late = RepresentativeFactory(organization__name="Late Comers")
    register_company(
        door.session,
        acting_user=late.user,
        organization=late.organization,
        attendees=[{"full_name": "Dee Late", "email": "dee@late.example"}],
    )

    with django_capture_on_commit_callbacks(execute=True):
        second = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.pk != first.pk
    assert (first.badge_count, second.badge_count) == (4, 5)
    assert "Dee Late" not in "\n".join(page.extract_text() for page in pdf_of(first).pages)


def test_the_database_refuses_a_second_pending_print(door):
    BadgePrint.objects.create(mission=door.mission, layout="a6")

    with pytest.raises(IntegrityError):
        BadgePrint.objects.create(mission=door.mission, layout="a6", status=BadgePrint.Status.BUILDING)


def test_two_requests_at_once_get_one_print(door, monkeypatch):
    winner = BadgePrint.objects.create(mission=door.mission, layout="a6", requested_by=door.organiser)
    looked = []
    real = selectors.pending_badge_print

    def not_yet_committed(mission, layout):
        # The first look happens before the other request's row is there; the constraint then decides.
        looked.append(layout)
        return None if len(looked) == 1 else real(mission, layout)

    monkeypatch.setattr(selectors, "pending_badge_print", not_yet_committed)

    badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")

    assert badge_print.pk == winner.pk
    assert BadgePrint.objects.count() == 1


def test_a_print_whose_worker_was_lost_is_replaced(door):
    lost = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    BadgePrint.objects.filter(pk=lost.pk).update(status=BadgePrint.Status.BUILDING)
    later = lost.requested_at + services.BADGE_PRINT_STALE_AFTER + dt.timedelta(seconds=1)

    again = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6", now=later)

    lost.refresh_from_db()
    assert again.pk != lost.pk
    assert again.status == BadgePrint.Status.QUEUED
    assert lost.status == BadgePrint.Status.FAILED
    assert lost.error == "The build did not finish; the badges were asked for again."


@pytest.mark.parametrize("who", ["volunteer", "company", "delegate", "other_organiser"])
def test_only_the_mission_s_organisers_ask_for_badges(door, who):
    other = MissionFactory()
    other.organisers.add(UserFactory(email="boss@elsewhere.example"))
    door.mission.check_in_staff.create(user=door.volunteer)
    acting_user = {
        "volunteer": door.volunteer,
        "company": door.company.user,
        "delegate": door.delegate.user,
        "other_organiser": other.organisers.get(),
    }[who]

    with pytest.raises(PermissionDeniedError):
        services.request_badge_print(door.mission, acting_user=acting_user, layout="a6")

    assert BadgePrint.objects.count() == 0


def test_an_unknown_layout_is_refused(door):
    with pytest.raises(ValidationError) as refused:
        services.request_badge_print(door.mission, acting_user=door.organiser, layout="letter")

    assert list(refused.value.message_dict) == ["layout"]
    assert BadgePrint.objects.count() == 0


def test_the_task_builds_the_print_it_is_given(door):
    badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")

    build_badge_print_task.delay(badge_print.pk)

    badge_print.refresh_from_db()
    assert badge_print.status == BadgePrint.Status.READY
    assert badge_print.page_count == 4


def test_a_print_taken_or_finished_already_is_left_alone(door):
    badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    BadgePrint.objects.filter(pk=badge_print.pk).update(status=BadgePrint.Status.BUILDING)

    build_badge_print_task.delay(badge_print.pk)

    badge_print.refresh_from_db()
    assert (badge_print.status, badge_print.file.name) == (BadgePrint.Status.BUILDING, "")


def test_a_failed_build_marks_the_print_failed_with_its_reason(door, monkeypatch):
    from events.checkin import badges

    def broken(*args, **kwargs):
        raise RuntimeError("Pango could not load DejaVu Sans")

    monkeypatch.setattr(badges, "render_badges", broken)
    badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")

    build_badge_print_task.delay(badge_print.pk)

    badge_print.refresh_from_db()
    assert badge_print.status == BadgePrint.Status.FAILED
    assert badge_print.error == "Pango could not load DejaVu Sans"
    assert badge_print.finished_at is not None
    assert badge_print.file.name == ""
    retried = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    assert retried.pk != badge_print.pk


def test_with_a_broker_the_print_is_handed_to_a_worker_by_name(
    door, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent = []
    monkeypatch.setattr(current_app, "send_task", lambda name, args: sent.append((name, args)))

    with django_capture_on_commit_callbacks(execute=True):
        badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a4")

    badge_print.refresh_from_db()
    assert sent == [("events.checkin.build_badge_print", [badge_print.pk])]
    assert build_badge_print_task.name == "events.checkin.build_badge_print"
    assert badge_print.status == BadgePrint.Status.QUEUED


def test_when_no_worker_can_be_reached_the_print_fails_at_once(
    door, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def broker_down(name, args):
        raise ConnectionRefusedError("redis://127.0.0.1:6379")

    monkeypatch.setattr(current_app, "send_task", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")

    badge_print.refresh_from_db()
    assert badge_print.status == BadgePrint.Status.FAILED
    assert badge_print.error == "No worker could be reached; try again."


def test_a_mission_s_prints_newest_first_and_only_its_own(door):
    older = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    newer = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a4")
    BadgePrint.objects.filter(pk=older.pk).update(requested_at=timezone.now() - dt.timedelta(hours=1))
    elsewhere = BadgePrint.objects.create(mission=MissionFactory(), layout="a6")

    shown = selectors.badge_prints_of(door.mission)

    assert [badge_print.pk for badge_print in shown] == [newer.pk, older.pk]
    assert selectors.badge_print_of(door.mission, elsewhere.pk) is None
