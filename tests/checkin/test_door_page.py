"""The door page: only a mission's organisers and check-in staff see it, it runs no inline or outside script,
and organisers export a session's arrivals as CSV with the times in the session's place."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest

from events.checkin import services
from tests.factories import UserFactory, briefing_factory

pytestmark = pytest.mark.django_db


def door_url(session):
    return f"/manage/sessions/{session.pk}/door/"


def export_url(session):
    return f"/manage/sessions/{session.pk}/arrivals.csv"


def test_organisers_and_check_in_staff_get_the_door_page(client, door):
    services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)

    for user in (door.organiser, door.volunteer):
        client.force_login(user)
        response = client.get(door_url(door.session))
        assert response.status_code == 200
        assert "Public business briefing" in response.content.decode()


def test_everyone_else_gets_404(client, door):
    other = briefing_factory()
    other.stop.mission.organisers.add(door.volunteer)  # an organiser, but of another mission
    attendee = UserFactory(email="ana@lonestar.example")

    for user in (door.volunteer, door.company.user, door.delegate.user, attendee):
        client.force_login(user)
        assert client.get(door_url(door.session)).status_code == 404
        assert client.get(export_url(door.session)).status_code == 404
    client.logout()
    assert client.get(door_url(door.session)).status_code == 302  # to sign in


def test_check_in_staff_check_in_but_do_not_export(client, door):
    services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    client.force_login(door.volunteer)

    page = client.get(door_url(door.session)).content.decode()

    assert export_url(door.session) not in page
    assert client.get(export_url(door.session)).status_code == 404


def test_the_page_runs_only_its_own_script_files_and_allows_the_camera_to_itself(client, door):
    client.force_login(door.organiser)

    response = client.get(door_url(door.session))
    page = response.content.decode()

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []  # no inline script
    sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page)
    assert sources
    assert all(source.startswith("/static/") for source in sources)  # nothing from a CDN
    assert any(re.fullmatch(r"/static/vendor/zxing-browser-[\d.]+/zxing-browser\.min\.js", s) for s in sources)
    assert "/static/js/door.js" in sources
    # The shared camera code, before the page's script that uses it (deferred scripts run in order).
    assert sources.index("/static/js/qr_camera.js") < sources.index("/static/js/door.js")
    assert not re.search(r"\son[a-z]+=", page)  # no inline handler
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["Content-Security-Policy"].count("script-src 'self'") == 1
    # Whoever is on the list gets a badge, so that finding them by name can check them in.
    assert {badge.email for badge in door.mission.badges.all()} >= {"ana@lonestar.example", "bo@lonestar.example"}
    assert export_url(door.session) in page


def ana_arrives(door, *, nonce):
    """Ana Ruiz's badge is scanned at 09:12:30 in Chicago, uploaded five minutes later."""
    arrival = dt.datetime(2099, 2, 10, 9, 12, 30, tzinfo=ZoneInfo("America/Chicago"))
    secret = services.issue_badges(door.mission)["ana@lonestar.example"].secret
    services.check_in(
        door.session,
        acting_user=door.organiser,
        nonce=nonce,
        secret=secret,
        scanned_at=arrival,
        now=arrival + dt.timedelta(minutes=5),
    )


def test_the_export_lists_everyone_expected_with_arrival_times_in_the_sessions_zone(client, door):
    door.organiser.full_name = "Nadia Bennani"
    door.organiser.save()
    ana_arrives(door, nonce="export-scan-1")
    client.force_login(door.organiser)

    response = client.get(export_url(door.session))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Name", "Organisation", "Role", "Checked in at (America/Chicago)"]
    assert rows[1:] == [  # by name, as the list is
        ["Ana Ruiz", "Lone Star Cloud", "Attendee", "2099-02-10T09:12:30-06:00"],
        ["Bo Lee", "Lone Star Cloud", "Attendee", ""],
        ["Nadia Bennani", "", "Organiser", ""],
        ["Omar Tazi", "Dakhla-Oued Eddahab", "Delegate", ""],
    ]
    assert "cy@gone.example" not in response.content.decode()  # a cancelled registration is not expected


def test_an_arrival_stays_in_the_export_after_the_registration_is_cancelled(client, door):
    """A helper checked Marcus in, then his company cancelled: his arrival was gone from the export, while the
    certificates still counted his check-in and the report "3 people checked in". An arrival happened."""
    from events.registrations.services import cancel_registration

    ana_arrives(door, nonce="export-left-1")
    cancel_registration(door.registration, acting_user=door.company.user)
    client.force_login(door.organiser)

    rows = list(csv.reader(io.StringIO(client.get(export_url(door.session)).content.decode("utf-8-sig"))))

    assert ["Ana Ruiz", "Lone Star Cloud", "No longer on the list", "2099-02-10T09:12:30-06:00"] in rows
    assert not [row for row in rows if row[0] == "Bo Lee"]  # not arrived, not expected any more


def test_the_export_keeps_a_name_that_looks_like_a_formula_as_text(client, door):
    door.registration.attendees.filter(email__iexact="bo@lonestar.example").update(full_name="=HYPERLINK(1)")
    client.force_login(door.organiser)

    rows = list(csv.reader(io.StringIO(client.get(export_url(door.session)).content.decode("utf-8-sig"))))

    assert ["'=HYPERLINK(1)", "Lone Star Cloud", "Attendee", ""] in rows


def test_the_mission_page_links_to_the_door_for_organisers_and_staff_only(client, door):
    services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    mission_page = f"/missions/{door.mission.slug}/"

    client.force_login(door.volunteer)
    assert door_url(door.session) in client.get(mission_page).content.decode()
    client.force_login(door.company.user)
    assert door_url(door.session) not in client.get(mission_page).content.decode()


def test_in_french_the_script_gets_french_texts_and_the_export_french_headers(client, door):
    from html.parser import HTMLParser

    class DoorData(HTMLParser):
        data = {}

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "door-page" in (attrs.get("class") or ""):
                self.data = attrs

    client.force_login(door.organiser)
    parser = DoorData()
    parser.feed(client.get(door_url(door.session), HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    header = client.get(export_url(door.session), HTTP_ACCEPT_LANGUAGE="fr").content.decode("utf-8-sig").splitlines()[0]

    assert parser.data["data-checked-in"] == "Enregistré"
    assert parser.data["data-already"] == "Déjà enregistré à {time} ({zone})"
    assert parser.data["data-waiting"] == "En attente d’envoi ({count})"
    assert header == "Nom,Organisation,Rôle,Enregistré à (America/Chicago)"
