"""The admin reads registrations; what it changes goes through the services, as the pages and the API do.

Before, its forms wrote rows directly: an attendee's address changed there was never invited at the new
one (nor checked against the mission's delegates or another company's people), an attendee added
there took no seat, a registration added or deleted there skipped the waitlist and the mail, and any
staff member could rewrite another mission's registration questions.
"""

import pytest
from django.contrib.auth.models import Permission

from events.agenda.models import Invitation
from events.notifications.models import OutboundEmail
from events.registrations import services
from events.registrations.models import Attendee, Question, Registration
from tests.factories import DelegateFactory, RepresentativeFactory, UserFactory, briefing_factory
from tests.missions.test_admin import posted_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def meetings():
    return briefing_factory(capacity=20, kind="b2b_meetings", title="One-to-one meetings", attendees_per_company=2)


def register(session, name, *emails):
    representative = RepresentativeFactory(organization__name=name)
    return services.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": email.split("@")[0].title(), "email": email} for email in emails],
    )


def attendee_url(attendee):
    return f"/admin/registrations/attendee/{attendee.pk}/change/"


def test_an_address_corrected_in_the_admin_is_invited_at_the_new_one(superuser_client):
    briefing = briefing_factory(capacity=20, title="Business briefing", attendees_per_company=2)
    attendee = register(briefing, "Atlas Cloud", "ana@atlas.example").attendees.get()
    assert OutboundEmail.objects.filter(to="ana@atlas.example", kind="invitation.request").count() == 1
    url = attendee_url(attendee)

    response = superuser_client.post(url, posted_back(superuser_client, url, email="ana.ruiz@atlas.example"))

    assert response.status_code == 302
    assert Attendee.objects.get(pk=attendee.pk).email == "ana.ruiz@atlas.example"
    assert Invitation.objects.filter(email="ana.ruiz@atlas.example", cancelled=False).exists()
    assert OutboundEmail.objects.filter(to="ana.ruiz@atlas.example", kind="invitation.request").count() == 1


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        (
            "omar@digital.gov.ma",
            "Omar Tazi is a delegate of this mission: delegates meet the companies, they cannot attend for one.",
        ),
        ("sam@bayou.example", "sam@bayou.example already attends One-to-one meetings for another company."),
    ],
)
def test_an_address_the_rules_refuse_is_refused_on_its_field_and_nothing_is_written(
    superuser_client, meetings, address, refusal
):
    DelegateFactory(delegation__mission=meetings.stop.mission, full_name="Omar Tazi", email="omar@digital.gov.ma")
    register(meetings, "Bayou Data", "sam@bayou.example")
    attendee = register(meetings, "Atlas Cloud", "ana@atlas.example").attendees.get()
    mail = OutboundEmail.objects.count()
    url = attendee_url(attendee)

    response = superuser_client.post(url, posted_back(superuser_client, url, email=address))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [refusal]
    assert Attendee.objects.get(pk=attendee.pk).email == "ana@atlas.example"
    assert OutboundEmail.objects.count() == mail


def test_attendees_and_registrations_are_not_added_nor_deleted_in_the_admin(superuser_client, meetings):
    registration = register(meetings, "Atlas Cloud", "ana@atlas.example")
    attendee = registration.attendees.get()

    assert superuser_client.get("/admin/registrations/registration/add/").status_code == 403
    assert superuser_client.get("/admin/registrations/attendee/add/").status_code == 403
    assert (
        superuser_client.post(f"/admin/registrations/attendee/{attendee.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    response = superuser_client.post(f"/admin/registrations/registration/{registration.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Registration.objects.filter(pk=registration.pk, status="confirmed").exists()
    assert Attendee.objects.filter(pk=attendee.pk).exists()


def test_a_registration_is_shown_read_only_with_its_attendees(superuser_client, meetings):
    registration = register(meetings, "Atlas Cloud", "ana@atlas.example", "bo@atlas.example")
    url = f"/admin/registrations/registration/{registration.pk}/change/"

    page = superuser_client.get(url)
    superuser_client.post(url, {"status": "cancelled", "seats": "9", "attendees-TOTAL_FORMS": "3"})

    text = page.content.decode()
    assert page.status_code == 200
    assert "ana@atlas.example" in text
    assert 'name="attendees-0-email"' not in text
    stored = Registration.objects.get(pk=registration.pk)
    assert (stored.status, stored.seats, stored.attendees.count()) == ("confirmed", 2, 2)


def test_a_staff_member_who_does_not_organise_the_mission_cannot_change_its_questions(client, meetings):
    question = Question.objects.create(session=meetings, label="Sector?", kind="text")
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["change_question", "view_question"]))
    client.force_login(staff)
    url = f"/admin/registrations/question/{question.pk}/change/"

    response = client.post(url, {"session": meetings.pk, "label": "Rewritten", "kind": "text", "position": "0"})

    assert response.status_code == 403
    assert Question.objects.get(pk=question.pk).label == "Sector?"


def test_an_organiser_changes_and_removes_a_question_in_the_admin(client, meetings, organiser):
    meetings.stop.mission.organisers.add(organiser)
    organiser.is_staff = True
    organiser.save()
    organiser.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_question", "view_question", "delete_question"])
    )
    question = Question.objects.create(session=meetings, label="Sector?", kind="text")
    client.force_login(organiser)
    url = f"/admin/registrations/question/{question.pk}/change/"

    response = client.post(url, posted_back(client, url, label="Your sector?"))

    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).label == "Your sector?"
    client.post(f"/admin/registrations/question/{question.pk}/delete/", {"post": "yes"})
    assert not Question.objects.filter(pk=question.pk).exists()


@pytest.fixture
def question_admin(client, meetings, organiser):
    """The organiser of the meetings' mission, signed in to the admin with the question permissions."""
    meetings.stop.mission.organisers.add(organiser)
    organiser.is_staff = True
    organiser.save()
    organiser.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_question", "view_question", "delete_question"])
    )
    client.force_login(organiser)
    return organiser


def test_an_answered_question_deleted_in_the_admin_is_refused_with_the_way_to_retire_it(
    client, meetings, question_admin
):
    question = Question.objects.create(session=meetings, label="Sector?", kind="text", required=False)
    registration = register(meetings, "Atlas Cloud", "ana@atlas.example")
    registration.answers.create(question=question, value="Cloud")

    response = client.post(f"/admin/registrations/question/{question.pk}/delete/", {"post": "yes"}, follow=True)

    assert "1 registration has answered this question" in response.content.decode()
    assert registration.answers.get().value == "Cloud"


def test_an_answered_question_deleted_in_bulk_from_the_list_is_refused_with_the_same_message(
    client, meetings, question_admin
):
    """A helper ticked an answered question on the admin's list and chose "Delete selected questions": a 500. What a
    service refuses in bulk is said on the list, as the single delete page says it, and nothing is deleted."""
    answered = Question.objects.create(session=meetings, label="Sector?", kind="text", required=False)
    unanswered = Question.objects.create(session=meetings, label="Team size?", kind="text", required=False)
    register(meetings, "Atlas Cloud", "ana@atlas.example").answers.create(question=answered, value="Cloud")

    response = client.post(
        "/admin/registrations/question/",
        {"action": "delete_selected", "_selected_action": [answered.pk, unanswered.pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert "1 registration has answered this question" in response.content.decode()
    assert Question.objects.filter(pk__in=[answered.pk, unanswered.pk]).count() == 2


def test_the_delete_page_of_an_answered_question_says_at_once_that_it_is_kept(client, meetings, question_admin):
    question = Question.objects.create(session=meetings, label="Sector?", kind="text", required=False)
    register(meetings, "Atlas Cloud", "ana@atlas.example").answers.create(question=question, value="Cloud")

    page = client.get(f"/admin/registrations/question/{question.pk}/delete/", follow=True).content.decode()

    assert "1 registration has answered this question" in page
    assert "Yes, I’m sure" not in page
    assert "Yes, I'm sure" not in page


@pytest.mark.parametrize("parent", ["company", "mission"])
def test_deleting_what_holds_registrations_in_the_admin_is_refused_and_they_stay(superuser_client, meetings, parent):
    """A tester deleted a company in the admin: its registrations, attendees and meetings went with it, the
    waitlist was not promoted and nobody was told. Only a removal through a service (a session's) may take
    registrations with it."""
    registration = register(meetings, "Atlas Cloud", "ana@atlas.example")
    target = registration.organization if parent == "company" else meetings.stop.mission
    url = f"/admin/missions/{'organization' if parent == 'company' else 'mission'}/{target.pk}/delete/"

    confirmation = superuser_client.get(url)
    response = superuser_client.post(url, {"post": "yes"})

    assert "registration" in " ".join(map(str, confirmation.context["perms_lacking"]))
    assert response.status_code == 403
    assert Registration.objects.filter(pk=registration.pk, status="confirmed").exists()


def test_a_company_without_registrations_is_deleted_in_the_admin(superuser_client):
    company = RepresentativeFactory(organization__name="Unused Co").organization

    response = superuser_client.post(f"/admin/missions/organization/{company.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not type(company).objects.filter(pk=company.pk).exists()
