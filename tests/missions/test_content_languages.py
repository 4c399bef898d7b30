"""A mission's and a session's texts in English, French and Arabic (issue 15): pages, mail and calendars read
the reader's language, and an empty translation falls back to English, then French, then Arabic."""

import icalendar
import pytest
from django.utils import translation

from events.notifications.models import OutboundEmail
from events.registrations import services as registrations
from tests.factories import MissionFactory, RepresentativeFactory, briefing_factory
from tests.support.outbox import sent

pytestmark = pytest.mark.django_db

TITLES = {"en": "Digital delegation", "fr": "Délégation numérique", "ar": "الوفد الرقمي"}


@pytest.fixture
def mission():
    mission = MissionFactory(status="published", title=TITLES["en"])
    mission.title_fr, mission.title_ar = TITLES["fr"], TITLES["ar"]
    mission.save()
    return mission


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_mission_page_reads_the_readers_language(client, mission, language):
    client.cookies["django_language"] = language

    page = client.get(f"/missions/{mission.slug}/").content.decode()

    assert f"<h1>{TITLES[language]}" in page or f">{TITLES[language]}</h1>" in page or TITLES[language] in page
    for other in set(TITLES) - {language}:
        assert TITLES[other] not in page.split("<main", 1)[1]


def test_an_empty_translation_falls_back_to_english_then_french():
    mission = MissionFactory(title="Investor visit")
    mission.title_fr = "Visite d'investisseurs"
    mission.save()
    french_only = MissionFactory(title="x")
    french_only.title_en, french_only.title_fr = "", "Visite"
    french_only.save()

    with translation.override("ar"):
        assert mission.title == "Investor visit"  # no Arabic: English
        assert french_only.title == "Visite"  # no Arabic, no English: French


def test_the_confirmation_mail_and_its_invitation_read_the_recipients_language():
    session = briefing_factory(title="Cybersecurity briefing")
    session.title_ar = "إحاطة الأمن السيبراني"
    session.save()
    representative = RepresentativeFactory(user__language="ar")

    registration = registrations.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "عمر التازي", "email": "omar@dakhla.example"}],
    )
    mail = sent(OutboundEmail.objects.get(reference=f"registration:{registration.pk}"))

    assert mail.language == "ar"
    assert "إحاطة الأمن السيبراني" in mail.body_text
    assert "إحاطة الأمن السيبراني" in mail.body_html
    # The attendee's invitation (an iTIP REQUEST) in the language the attendee was registered in.
    invitation = sent(OutboundEmail.objects.get(kind="invitation.request", to="omar@dakhla.example"))
    (event,) = icalendar.Calendar.from_ical(invitation.calendar).walk("VEVENT")
    assert "إحاطة الأمن السيبراني" in str(event["SUMMARY"])
    assert event["SUMMARY"].params["LANGUAGE"] == "ar"  # RFC 5545 3.2.10


def test_a_french_title_changed_through_the_api_revises_the_calendar(api_client, organiser):
    session = briefing_factory(title="Briefing")
    session.stop.mission.organisers.add(organiser)
    api_client.force_authenticate(organiser)
    sequence = session.sequence

    response = api_client.patch(f"/api/v1/sessions/{session.pk}/", {"title_fr": "Séance d'information"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Briefing"  # the request's language, English
    assert response.json()["title_fr"] == "Séance d'information"
    session.refresh_from_db()
    assert session.sequence == sequence + 1


def test_a_translation_is_validated_where_it_enters(api_client, organiser):
    session = briefing_factory(title="Briefing")
    session.stop.mission.organisers.add(organiser)
    api_client.force_authenticate(organiser)

    response = api_client.patch(f"/api/v1/sessions/{session.pk}/", {"title_ar": "إحاطة\nBCC: x"}, format="json")

    assert response.status_code == 400
    assert "title_ar" in response.json()
    session.refresh_from_db()
    assert session.title_ar in (None, "")


def test_sectors_are_named_in_the_readers_language():
    from events.missions.models import Sector

    sector = Sector.objects.get(slug="cybersecurity")

    labels = {}
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            labels[language] = sector.label
    assert labels == {"en": "Cybersecurity", "fr": "Cybersécurité", "ar": "الأمن السيبراني"}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_mission_page_links_the_public_programme_feed_in_the_readers_language(client, mission, language):
    client.cookies["django_language"] = language

    page = client.get(f"/missions/{mission.slug}/").content.decode()

    assert f'href="/missions/{mission.slug}/programme.ics?lang={language}"' in page


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_public_programme_feed_speaks_the_language_its_link_names(client, mission, language):
    # A calendar server fetches the feed with no Accept-Language of the person's, or one of its own.
    feed = client.get(f"/missions/{mission.slug}/programme.ics?lang={language}", headers={"Accept-Language": "de"})

    calendar = icalendar.Calendar.from_ical(feed.content)
    assert str(calendar["NAME"]) == TITLES[language]
    assert feed["Content-Language"] == language


def test_a_programme_feed_link_naming_no_language_of_ours_reads_the_request_language(client, mission):
    feed = client.get(f"/missions/{mission.slug}/programme.ics?lang=xx", headers={"Accept-Language": "fr"})

    assert str(icalendar.Calendar.from_ical(feed.content)["NAME"]) == TITLES["fr"]


@pytest.mark.parametrize(("asked", "language"), [("FR", "fr"), ("fr-CA", "fr"), ("ar-MA", "ar"), ("AR", "ar")])
def test_a_programme_feed_link_may_name_a_region_or_use_capitals(client, mission, asked, language):
    feed = client.get(f"/missions/{mission.slug}/programme.ics?lang={asked}")

    assert str(icalendar.Calendar.from_ical(feed.content)["NAME"]) == TITLES[language]


def test_the_public_programme_feed_links_the_missions_public_page_not_a_personal_agenda(client, mission):
    from tests.factories import SessionFactory, StopFactory

    SessionFactory(stop=StopFactory(mission=mission), title="Public briefing")
    feed = icalendar.Calendar.from_ical(client.get(f"/missions/{mission.slug}/programme.ics?lang=en").content)

    events = feed.walk("VEVENT")
    assert events
    for event in events:
        assert str(event["URL"]) == f"http://testserver/missions/{mission.slug}/"
        assert "/agenda/" not in str(event["DESCRIPTION"])
