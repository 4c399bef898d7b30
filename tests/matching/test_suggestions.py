"""A company's suggestions (issue 16, "Done when"): a cybersecurity company registered for the Austin
briefing sees the delegate who owns the cybersecurity priority first, with the reasons; and answers to a
priority are checked where they enter."""

import pytest
from django.core.exceptions import ValidationError

from events.core.errors import PermissionDeniedError
from events.matching import services
from events.matching.models import PriorityAnswer
from events.matching.selectors import suggested_delegates
from events.missions.models import Sector
from events.registrations.services import register_company
from tests.factories import (
    DelegateFactory,
    DelegationFactory,
    ProcurementPriorityFactory,
    RepresentativeFactory,
    UserFactory,
    briefing_factory,
)

pytestmark = pytest.mark.django_db


class Briefing:
    """The Austin briefing of a published mission whose delegation owns two priorities."""

    def __init__(self):
        self.session = briefing_factory(title="USTDA business briefing")
        mission = self.session.stop.mission
        mission.status = "published"
        mission.save()
        sectors = {slug: Sector.objects.get(slug=slug) for slug in ("cybersecurity", "e-government")}
        delegation = DelegationFactory(mission=mission)
        self.hicham = DelegateFactory(delegation=delegation, full_name="Hicham El Idrissi")
        self.hicham.sectors.set([sectors["cybersecurity"]])
        self.nadia = DelegateFactory(delegation=delegation, full_name="Nadia Berrada")
        self.nadia.sectors.set([sectors["e-government"]])
        self.soc = ProcurementPriorityFactory(
            delegation=delegation,
            sector=sectors["cybersecurity"],
            title="National SOC upgrade and analyst training",
            seeking="An upgrade of the national security operations centre (SIEM, SOAR) and training for analysts.",
            certifications=["ISO 27001"],
        )
        self.soc.owners.set([self.hicham])
        self.portal = ProcurementPriorityFactory(
            delegation=delegation,
            sector=sectors["e-government"],
            title="Citizen e-services platform",
            seeking="A citizen portal with digital identity and e-signature.",
        )
        self.portal.owners.set([self.nadia])
        self.cyber = RepresentativeFactory(
            organization__name="Bluebonnet Cyber Defense",
            organization__description="Managed security operations centres and analyst training.",
        )
        self.cyber.organization.sectors.set([sectors["cybersecurity"]])
        register_company(
            self.session,
            acting_user=self.cyber.user,
            organization=self.cyber.organization,
            attendees=[{"full_name": "Ana Ruiz", "email": "ana@bluebonnet.example"}],
        )


@pytest.fixture
def briefing():
    return Briefing()


def test_the_cybersecurity_company_sees_the_soc_owner_first_with_the_reasons(briefing):
    services.answer_priority(
        briefing.soc,
        acting_user=briefing.cyber.user,
        offer="We run a managed SOC with SIEM and SOAR, and a 12-week academy for analysts.",
        certifications=["ISO/IEC 27001", "SOC 2"],
    )

    first, *others = suggested_delegates(briefing.cyber.organization)

    assert first.delegate == briefing.hicham
    assert [other.delegate for other in others] == [briefing.nadia]
    assert first.score > others[0].score
    assert "both in Cybersecurity" in first.reasons
    assert "holds ISO 27001, which the priority requires" in first.reasons
    (mentions,) = [
        reason.replace("\u2068", "").replace("\u2069", "") for reason in first.reasons if "mentions" in reason
    ]
    assert "“security”" in mentions
    assert "“training”" in mentions
    assert "Hicham El Idrissi follows Cybersecurity" in first.reasons
    assert first.missing == ()


def test_before_answering_the_suggestion_says_what_is_missing(briefing):
    (first, _second) = suggested_delegates(briefing.cyber.organization)

    assert first.delegate == briefing.hicham
    assert "no answer to this priority yet" in first.missing
    assert "has not said whether it holds ISO 27001" in first.missing


def test_a_company_with_no_registration_gets_no_suggestion(briefing):
    stranger = RepresentativeFactory()

    assert suggested_delegates(stranger.organization) == []


def test_the_meetings_page_shows_the_suggestions_best_first(client, briefing):
    client.force_login(briefing.cyber.user)

    page = client.get("/meetings/").content.decode()

    section = page.split('id="suggested-heading"', 1)[1]
    assert section.index("Hicham El Idrissi") < section.index("Nadia Berrada")
    assert "both in Cybersecurity" in section


@pytest.mark.parametrize(
    ("certifications", "field"),
    [
        (["ISO\n27001"], "certifications"),
        (["x" * 61], "certifications"),
        ([f"C{n}" for n in range(21)], "certifications"),
    ],
)
def test_an_answer_is_checked_where_it_enters_and_nothing_is_written(briefing, certifications, field):
    with pytest.raises(ValidationError) as refused:
        services.answer_priority(
            briefing.soc, acting_user=briefing.cyber.user, offer="A managed SOC.", certifications=certifications
        )

    assert field in refused.value.message_dict
    assert not PriorityAnswer.objects.exists()


def test_an_empty_offer_is_refused_on_its_field(briefing):
    with pytest.raises(ValidationError) as refused:
        services.answer_priority(briefing.soc, acting_user=briefing.cyber.user, offer="")

    assert "offer" in refused.value.message_dict


def test_only_a_representative_answers(briefing):
    with pytest.raises(PermissionDeniedError):
        services.answer_priority(briefing.soc, acting_user=UserFactory(), offer="We can help.")

    assert not PriorityAnswer.objects.exists()


@pytest.mark.parametrize("more", [0, 6])
def test_suggestions_take_the_same_queries_whatever_the_number_of_priorities(
    briefing, more, django_assert_max_num_queries
):
    delegation = briefing.soc.delegation
    for n in range(more):
        owner = DelegateFactory(delegation=delegation, full_name=f"Owner {n}")
        priority = ProcurementPriorityFactory(delegation=delegation, sector=briefing.soc.sector, title=f"Extra {n}")
        priority.owners.set([owner])

    with django_assert_max_num_queries(9):
        suggestions = suggested_delegates(briefing.cyber.organization)

    assert len(suggestions) == min(5, 2 + more)


def test_the_priorities_page_lists_them_and_saves_an_answer(client, briefing):
    client.force_login(briefing.cyber.user)

    page = client.get("/priorities/").content.decode()
    response = client.post(
        f"/priorities/{briefing.soc.pk}/answer/",
        {"offer": "A managed SOC.", "references": "Texas DIR", "certifications": "ISO 27001, SOC 2"},
    )

    assert "National SOC upgrade and analyst training" in page
    assert "Citizen e-services platform" in page
    assert response.status_code == 302
    answer = PriorityAnswer.objects.get()
    assert (answer.organization, answer.priority, answer.certifications) == (
        briefing.cyber.organization,
        briefing.soc,
        ["ISO 27001", "SOC 2"],
    )


def test_a_refused_answer_shows_its_field_error_in_place_and_writes_nothing(client, briefing):
    client.force_login(briefing.cyber.user)

    response = client.post(
        f"/priorities/{briefing.soc.pk}/answer/", {"offer": "A managed SOC.", "certifications": "x" * 61}
    )

    assert response.status_code == 400
    page = response.content.decode()
    section = page.split(f'id="priority-{briefing.soc.pk}"', 1)[1].split("</section>", 1)[0]
    assert "Each certification is a name of 1 to 60 characters." in section
    assert not PriorityAnswer.objects.exists()


def test_the_priorities_page_is_for_representatives(client, briefing):
    client.force_login(UserFactory())

    assert client.get("/priorities/").status_code == 403
    assert client.post(f"/priorities/{briefing.soc.pk}/answer/", {"offer": "x"}).status_code == 302
    assert not PriorityAnswer.objects.exists()


def test_the_delegate_sees_the_companies_that_answered_their_priority(client, briefing):
    services.answer_priority(
        briefing.soc,
        acting_user=briefing.cyber.user,
        offer="A managed SOC with SIEM and SOAR, and an academy for analysts.",
        certifications=["ISO 27001"],
    )
    briefing.hicham.user = UserFactory()
    briefing.hicham.save()
    client.force_login(briefing.hicham.user)

    page = client.get("/meetings/").content.decode()

    section = page.split('id="answering-heading"', 1)[1].split("</section>", 1)[0]
    assert "Bluebonnet Cyber Defense" in section
    assert "holds ISO 27001, which the priority requires" in section


def test_a_pair_has_one_score_whichever_page_reads_it(briefing):
    from events.matching.selectors import companies_answering, pair_score

    services.answer_priority(briefing.soc, acting_user=briefing.cyber.user, offer="A managed SOC for analysts.")
    other = RepresentativeFactory(organization__description="Port terminals and cold-chain warehousing.")
    services.answer_priority(briefing.soc, acting_user=other.user, offer="Warehousing.")
    briefing.hicham.user = UserFactory()
    briefing.hicham.save()

    (suggested, _nadia) = suggested_delegates(briefing.cyber.organization)
    answering = {row.organization: row.score for row in companies_answering(briefing.hicham.user)}

    assert suggested.score == answering[briefing.cyber.organization]

    class Side:
        def __init__(self, organization_id=None, delegate_id=None):
            self.organization_id, self.delegate_id = organization_id, delegate_id

    assert pair_score(Side(organization_id=briefing.cyber.organization.pk), Side(delegate_id=briefing.hicham.pk)) == (
        suggested.score
    )


def test_a_delegate_the_company_already_asked_is_not_suggested_again(client, briefing):
    from events.meetings import services as meeting_services
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(UserFactory(), companies=1, delegates=1, tables=1)
    day.delegates[0].full_name = "Asked Already"
    day.delegates[0].save()
    owned = ProcurementPriorityFactory(
        delegation=day.delegates[0].delegation, sector=briefing.soc.sector, title="Owned by the asked delegate"
    )
    owned.owners.set([day.delegates[0]])
    company = day.companies[0]
    company.organization.sectors.set([briefing.soc.sector])
    day.session.stop.mission.status = "published"
    day.session.stop.mission.save()
    client.force_login(company.user)
    before = client.get("/meetings/").content.decode().split('id="suggested-heading"', 1)[1]

    meeting_services.request_meeting(
        day.grid, acting_user=company.user, requester=day.company(0), receiver=day.delegate(0)
    )
    after = client.get("/meetings/").content.decode()

    assert "Asked Already" in before.split("</section>", 1)[0]
    assert 'id="suggested-heading"' not in after


def test_every_error_of_an_answer_is_shown_at_once_and_duplicates_are_one(client, briefing):
    client.force_login(briefing.cyber.user)

    refused = client.post(f"/priorities/{briefing.soc.pk}/answer/", {"offer": "", "certifications": "x" * 61})
    saved = client.post(
        f"/priorities/{briefing.soc.pk}/answer/", {"offer": "A SOC.", "certifications": "ISO 27001, iso 27001, SOC 2"}
    )

    page = refused.content.decode()
    assert "This field is required." in page
    assert "Each certification is a name of 1 to 60 characters." in page
    assert saved.status_code == 302
    assert PriorityAnswer.objects.get().certifications == ["ISO 27001", "SOC 2"]


@pytest.mark.parametrize("typed", ["ISO 27001، ISO 27017؛ SOC 2", "ISO 27001、ISO 27017; SOC 2"])
def test_certifications_are_separated_as_the_person_writes_commas(client, briefing, typed):
    """Typed in Arabic, "ISO 27001، ISO 27017" (the Arabic comma, U+060C, the one an Arabic keyboard gives) was
    one certification: the meetings page then said the company did not hold ISO 27017, and its score fell."""
    client.force_login(briefing.cyber.user)

    saved = client.post(f"/priorities/{briefing.soc.pk}/answer/", {"offer": "A SOC.", "certifications": typed})

    assert saved.status_code == 302
    assert PriorityAnswer.objects.get().certifications == ["ISO 27001", "ISO 27017", "SOC 2"]


def test_a_company_invited_to_a_priority_finds_it_on_its_page_before_registering(client, briefing):
    from events.matching.models import PriorityInvitation

    invited = RepresentativeFactory(organization__name="Pecan Street Portals")
    PriorityInvitation.objects.create(priority=briefing.portal, organization=invited.organization, score=60)
    client.force_login(invited.user)

    page = client.get("/priorities/").content.decode()

    assert "Citizen e-services platform" in page
    assert "National SOC upgrade and analyst training" not in page
