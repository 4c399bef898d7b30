"""A representative brings colleagues in by an emailed link; the token is a secret kept only as a hash."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from events.companies import services
from events.companies.models import Invitation, hash_token
from events.missions.models import Representative
from events.notifications.models import OutboundEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _invite(api_client, representative, email="chris@lonestar.example", captured=None):
    api_client.force_authenticate(representative.user)
    return api_client.post("/api/v1/company-invitations/", {"email": email}, format="json")


def _token_from_mail(email="chris@lonestar.example"):
    body = OutboundEmail.objects.get(to=email, kind="company.invitation").body_text
    return re.search(r"/company/join/([\w-]+)/", body).group(1)


def test_an_invitation_is_mailed_and_only_its_hash_is_stored(api_client, representative):
    response = _invite(api_client, representative)

    assert response.status_code == 201, response.json()
    token = _token_from_mail()
    assert len(token) >= 43  # 32 random bytes, base64url
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hash_token(token)
    assert token not in str(Invitation.objects.values().get())
    mail = OutboundEmail.objects.get(kind="company.invitation")
    assert "Lone Star Cloud" in mail.subject
    assert "/company/join/" in mail.body_html


def test_the_invited_colleague_accepts_and_represents_the_company(api_client, representative):
    _invite(api_client, representative)
    colleague = UserFactory(email="Chris@lonestar.example")
    api_client.force_authenticate(colleague)

    response = api_client.post(
        "/api/v1/company-invitations/accept/", {"token": _token_from_mail(), "job_title": "CTO"}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert Representative.objects.get(user=colleague).organization == representative.organization
    assert Invitation.objects.get().accepted_at is not None


def test_someone_else_cannot_use_the_link(api_client, representative):
    _invite(api_client, representative)
    api_client.force_authenticate(UserFactory(email="eve@elsewhere.example"))

    response = api_client.post("/api/v1/company-invitations/accept/", {"token": _token_from_mail()}, format="json")

    assert response.status_code == 403
    assert "chris@lonestar.example" in response.json()["detail"]
    assert Representative.objects.count() == 1


def test_a_second_open_invitation_to_the_same_address_is_refused(api_client, representative):
    _invite(api_client, representative)

    response = _invite(api_client, representative, email="CHRIS@lonestar.example")

    assert response.status_code == 400
    assert "already been invited" in response.json()["email"][0]
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize("invitation_state", ["revoked", "expired", "accepted", "unknown"])
def test_a_dead_link_looks_the_same_whatever_killed_it(client, api_client, representative, invitation_state):
    _invite(api_client, representative)
    token = _token_from_mail()
    invitation = Invitation.objects.get()
    if invitation_state == "revoked":
        services.revoke_invitation(invitation, acting_user=representative.user)
    elif invitation_state == "expired":
        Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    elif invitation_state == "accepted":
        services.accept_invitation(token, acting_user=UserFactory(email="chris@lonestar.example"))
    else:
        token = "x" * 43

    page = client.get(f"/company/join/{token}/")

    assert page.status_code == 404
    assert "no longer valid" in page.content.decode()


def test_the_join_page_walks_a_signed_in_colleague_through(client, api_client, representative):
    _invite(api_client, representative)
    colleague = UserFactory(email="chris@lonestar.example")
    client.force_login(colleague)

    page = client.get(f"/company/join/{_token_from_mail()}/")
    assert "Join <bdi>Lone Star Cloud</bdi>" in page.content.decode()
    response = client.post(f"/company/join/{_token_from_mail()}/", {"job_title": "CTO"})

    assert response.status_code == 302
    assert Representative.objects.get(user=colleague).job_title == "CTO"


def test_a_delegate_cannot_become_a_companys_representative(api_client, representative):
    """A helper invited the head of the delegation to represent a company, and she accepted: her meetings page
    then showed her on both sides of a meeting, the company's requests with their Withdraw buttons, and the
    matcher's scores of her fellow delegates."""
    from tests.factories import DelegateFactory

    delegate = DelegateFactory(user=UserFactory(email="sarah@digital.example.ma"))
    _invite(api_client, representative, email="sarah@digital.example.ma")
    api_client.force_authenticate(delegate.user)

    response = api_client.post(
        "/api/v1/company-invitations/accept/", {"token": _token_from_mail("sarah@digital.example.ma")}, format="json"
    )

    assert response.status_code == 409, response.json()
    assert "delegates meet the companies, they cannot represent one" in str(response.json())
    assert not Representative.objects.filter(user=delegate.user).exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_delegate_cannot_create_a_company_either(api_client):
    from tests.factories import DelegateFactory

    delegate = DelegateFactory(user=UserFactory(email="sarah@digital.example.ma"))

    with pytest.raises(Exception, match="they cannot represent one"):
        services.create_company(acting_user=delegate.user, name="Sarah Consulting", country="MA")
    assert not Representative.objects.filter(user=delegate.user).exists()


def test_a_companys_representative_cannot_be_made_a_delegate(representative, organiser):
    from django.core.exceptions import ValidationError

    from events.missions.services import add_delegate
    from tests.factories import DelegationFactory

    delegation = DelegationFactory()
    delegation.mission.organisers.add(organiser)

    with pytest.raises(ValidationError) as refused:
        add_delegate(delegation, acting_user=organiser, full_name="Marcus", email=representative.user.email.upper())

    assert "they cannot represent one" in refused.value.message_dict["email"][0]
