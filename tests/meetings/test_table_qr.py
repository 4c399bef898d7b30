"""Issue 13: the table's QR code marks a meeting held. Each table has its own random secret; either side of a
meeting scans it (the same scanner and endpoint as a badge) and their meeting at that table around now is
marked held. Organisers print the session's table cards, one a page."""

import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pypdf
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from pypdf.generic import ContentStream

from events.checkin.meetings import mark_met_by_scan
from events.core.errors import ConflictError
from events.meetings import services
from events.meetings.models import Meeting, MeetingOutcome, Table
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE32_SECRET = re.compile(r"[A-Z2-7]{32}")


@pytest.fixture
def published(day):
    """Delegate 0 sits at Table 1 for two meetings back to back: Company 0 in the first slot, Company 1 in the
    second. Company 2 meets Delegate 1 at Table 2 in the first slot."""
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.book_meeting(day.accepted(1, 0), acting_user=day.organiser, slot=day.slots[1], table=day.tables[0])
    services.book_meeting(day.accepted(2, 1), acting_user=day.organiser, slot=day.slots[0], table=day.tables[1])
    services.publish_schedule(day.grid, acting_user=day.organiser)
    published = Meeting.objects.filter(version__isnull=False).select_related("slot", "table")
    return {(meeting.table.name, meeting.slot.index): meeting for meeting in published}


def test_each_table_has_its_own_unguessable_secret(day):
    extra = services.add_table(day.grid, acting_user=day.organiser, name="Table 4")

    secrets = [table.secret for table in Table.objects.all()]

    assert len(secrets) == 4 == len(set(secrets))
    assert all(BASE32_SECRET.fullmatch(secret) for secret in secrets)
    assert extra.secret in secrets


def test_scanning_the_tables_code_marks_ones_meeting_there_held(day, published):
    first = published[("Table 1", 0)]
    during = first.slot.starts_at + dt.timedelta(minutes=4)

    meeting, outcome = mark_met_by_scan(acting_user=day.companies[0].user, secret=day.tables[0].secret, now=during)

    assert meeting.pk == first.pk
    assert (outcome.held_at, outcome.marked_by) == (during, day.companies[0].user)
    assert MeetingOutcome.objects.filter(held_at__isnull=False).count() == 1


def test_the_other_side_may_scan_it_too_and_early_counts_from_the_start(day, published):
    first = published[("Table 2", 0)]
    sitting_down = first.slot.starts_at - dt.timedelta(minutes=5)

    meeting, outcome = mark_met_by_scan(
        acting_user=day.delegates[1].user, secret=day.tables[1].secret.lower(), now=sitting_down
    )

    assert meeting.pk == first.pk
    assert outcome.held_at == first.slot.starts_at


def test_back_to_back_at_one_table_the_scan_means_the_meeting_of_the_moment(day, published):
    first, second = published[("Table 1", 0)], published[("Table 1", 1)]
    table = day.tables[0].secret
    end_of_first = second.slot.starts_at - dt.timedelta(minutes=2)
    start_of_second = second.slot.starts_at + dt.timedelta(minutes=2)

    meeting_a, _ = mark_met_by_scan(acting_user=day.delegates[0].user, secret=table, now=end_of_first)
    meeting_b, _ = mark_met_by_scan(acting_user=day.delegates[0].user, secret=table, now=start_of_second)

    assert (meeting_a.pk, meeting_b.pk) == (first.pk, second.pk)


@pytest.mark.parametrize(
    "case",
    ["another table", "another time", "not a participant", "another session's table", "unknown code"],
)
def test_a_scan_that_means_no_meeting_of_ones_own_marks_nothing(day, organiser, published, case):
    first = published[("Table 1", 0)]
    during = first.slot.starts_at + dt.timedelta(minutes=4)
    user, secret, now = day.companies[0].user, day.tables[0].secret, during
    if case == "another table":
        secret = day.tables[1].secret  # Company 2's meeting is there, not Company 0's
    elif case == "another time":
        now = day.slots[4].starts_at
    elif case == "not a participant":
        user = UserFactory()
    elif case == "another session's table":
        from tests.meetings.conftest import MeetingDay

        secret = MeetingDay(UserFactory()).tables[0].secret
    else:
        secret = "A" * 32

    with pytest.raises(ConflictError):
        mark_met_by_scan(acting_user=user, secret=secret, now=now)

    assert not MeetingOutcome.objects.filter(held_at__isnull=False).exists()


def test_a_badge_scan_still_works_through_the_same_path(day, published):
    from events.checkin.services import issue_badges

    first = published[("Table 1", 0)]
    badge = issue_badges(day.session.stop.mission)[day.delegates[0].calendar_address]

    meeting, _ = mark_met_by_scan(
        acting_user=day.companies[0].user, secret=badge.secret, now=first.slot.starts_at + dt.timedelta(minutes=1)
    )

    assert meeting.pk == first.pk


def test_the_meeting_scan_api_takes_the_tables_code(api_client, day, published):
    first = published[("Table 2", 0)]
    first.slot.starts_at = timezone.now() - dt.timedelta(minutes=5)
    first.slot.ends_at = timezone.now() + dt.timedelta(minutes=15)
    first.slot.save(update_fields=["starts_at", "ends_at"])
    api_client.force_authenticate(day.companies[2].user)

    wrong = api_client.post("/api/v1/meeting-scans/", {"secret": day.tables[0].secret}, format="json")
    response = api_client.post("/api/v1/meeting-scans/", {"secret": day.tables[1].secret}, format="json")

    assert wrong.status_code == 409
    assert response.status_code == 200, response.json()
    assert response.json()["meeting"] == first.pk
    assert MeetingOutcome.objects.get(request=first.request).marked_by == day.companies[2].user


# Table cards


def cards_url(day):
    return f"/manage/sessions/{day.session.pk}/table-cards.pdf"


def read_qr_codes(pdf: bytes, tmp_path) -> list[str]:
    """What zbarimg reads in each image each page draws, in order."""
    if shutil.which("zbarimg") is None:
        if os.environ.get("REQUIRE_QR_READER"):
            pytest.fail("zbarimg is required here (apt-get install zbar-tools)")
        pytest.skip("zbarimg not installed (apt-get install zbar-tools)")
    files = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        operations = ContentStream(page.get_contents(), page.pdf).operations
        for operands, operator in operations:
            if operator == b"Do":
                files.append(tmp_path / f"qr-{len(files)}.png")
                page.images[operands[0]].image.save(files[-1])
    done = subprocess.run(["zbarimg", "--raw", "-q", *map(str, files)], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_organisers_print_one_card_a_page_with_each_tables_code(client, day, tmp_path):
    client.force_login(day.organiser)

    response = client.get(cards_url(day))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 3
    assert ["Table 1" in page.extract_text() for page in pages] == [True, False, False]
    assert all("One-to-one meetings" in page.extract_text() for page in pages)
    assert read_qr_codes(response.content, tmp_path) == [table.secret for table in day.tables]


def test_table_cards_are_not_found_for_anyone_else(client, day):
    from tests.meetings.conftest import MeetingDay

    other_organiser = UserFactory()
    MeetingDay(other_organiser)

    for outsider in (other_organiser, day.companies[0].user, day.delegates[0].user, UserFactory()):
        client.force_login(outsider)
        assert client.get(cards_url(day)).status_code == 404
    client.logout()
    assert client.get(cards_url(day)).status_code == 302  # to sign in


def test_the_board_links_organisers_to_the_table_cards(client, day):
    client.force_login(day.organiser)

    board = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()

    assert cards_url(day) in board


# The migration


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_tables_distinct_secrets():
    before, after = [("meetings", "0007_meeting_outcomes")], [("meetings", "0008_table_secret")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    mission = _old_mission(old)
    grid = old.get_model("meetings", "MeetingGrid").objects.create(session=mission)
    for name in ("Table 1", "Table 2", "Table 3"):
        old.get_model("meetings", "Table").objects.create(grid=grid, name=name)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps

    secrets = list(new.get_model("meetings", "Table").objects.values_list("secret", flat=True))
    assert len(secrets) == 3 == len(set(secrets))
    assert all(BASE32_SECRET.fullmatch(secret) for secret in secrets)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _old_mission(apps):
    """A session as the historical models see it: only the meetings app was rolled back, so the factories
    still make the missions app's rows."""
    from tests.factories import SessionFactory

    session = SessionFactory(kind="b2b_meetings")
    return apps.get_model("missions", "Session").objects.get(pk=session.pk)


# Where participants scan


def test_the_meetings_page_offers_the_scanner_with_the_camera_to_itself(client, day, published):
    client.force_login(day.companies[0].user)

    response = client.get("/meetings/")

    page = response.content.decode()
    assert 'class="meeting-scan"' in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []  # no inline script
    sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page)
    assert "/static/js/meeting_scan.js" in sources
    # The shared camera code, before the page's script that uses it (deferred scripts run in order).
    assert sources.index("/static/js/qr_camera.js") < sources.index("/static/js/meeting_scan.js")
    assert any(re.fullmatch(r"/static/vendor/zxing-browser-[\d.]+/zxing-browser\.min\.js", s) for s in sources)
    assert "camera=(self)" in response["Permissions-Policy"]


def test_without_a_meeting_there_is_nothing_to_scan(client, day):
    client.force_login(day.companies[0].user)

    response = client.get("/meetings/")

    assert 'class="meeting-scan"' not in response.content.decode()
