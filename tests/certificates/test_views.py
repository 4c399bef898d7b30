"""The public verification page, the downloads and the published keys: valid, revoked or unknown, and never
more than the certificate itself states."""

import pytest
from django.conf import settings

from events.certificates import services
from tests.certificates.conftest import ARABIC_NAME

pytestmark = pytest.mark.django_db


def test_a_valid_certificate_s_page_says_valid_and_shows_what_it_states(client, issued):
    certificate = issued["fatima@dakhla.example"]

    response = client.get(f"/verify/{certificate.public_id}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="valid"' in page
    assert f'<dd dir="auto"><bdi>{ARABIC_NAME}</bdi></dd>' in page
    assert "Social-media marketing and e-commerce training" in page
    assert "Dakhla-Oued Eddahab Regional Investment Centre" in page


def test_a_revoked_certificate_s_page_says_revoked_with_the_date_not_the_reason(client, training, issued):
    certificate = issued["youssef@dakhla.example"]
    services.revoke_certificate(certificate, acting_user=training.organiser, reason="Signed in for a friend")

    response = client.get(f"/verify/{certificate.public_id}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="revoked"' in page
    assert "was revoked on" in page
    assert "Signed in for a friend" not in page
    assert "certificate.pdf" not in page


def test_an_unknown_id_says_unknown(client, issued):
    response = client.get("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaa/")

    assert response.status_code == 404
    assert 'data-status="unknown"' in response.content.decode()


def test_the_page_never_shows_the_email_or_the_organisation(client, issued):
    certificate = issued["fatima@dakhla.example"]

    page = client.get(f"/verify/{certificate.public_id}/").content.decode().lower()
    document = client.get(f"/verify/{certificate.public_id}/certificate.json").content.decode().lower()

    for private in ("fatima@dakhla.example", "dakhla digital"):
        assert private not in page
        assert private not in document


def test_a_record_altered_in_the_database_reads_as_unknown(client, issued):
    certificate = issued["youssef@dakhla.example"]
    certificate.record = certificate.record.replace("Youssef", "Yussef")
    certificate.save(update_fields=["record"])

    response = client.get(f"/verify/{certificate.public_id}/")

    assert 'data-status="unknown"' in response.content.decode()


def test_the_json_download_carries_the_record_its_signature_and_the_key_id(client, issued):
    certificate = issued["fatima@dakhla.example"]

    document = client.get(f"/verify/{certificate.public_id}/certificate.json").json()

    assert document["credential"]["id"] == f"{settings.SITE_URL}/verify/{certificate.public_id}/"
    assert document["proof"] == {"alg": "EdDSA", "kid": certificate.signing_key.kid, "signature": certificate.signature}


def test_a_revoked_certificate_has_no_downloads(client, training, issued):
    certificate = issued["youssef@dakhla.example"]
    services.revoke_certificate(certificate, acting_user=training.organiser, reason="Duplicate")

    assert client.get(f"/verify/{certificate.public_id}/certificate.json").status_code == 404
    assert client.get(f"/verify/{certificate.public_id}/certificate.pdf").status_code == 404


def test_the_keys_are_published_as_a_jwk_set(client, issued):
    key = issued["fatima@dakhla.example"].signing_key

    response = client.get("/.well-known/certificate-keys.json")

    assert response["Content-Type"] == "application/jwk-set+json"
    assert response.json() == {
        "keys": [{"kty": "OKP", "crv": "Ed25519", "x": key.public_key, "kid": key.kid, "alg": "EdDSA", "use": "sig"}]
    }


def test_the_verification_page_asks_search_engines_not_to_index_it(client, issued):
    response = client.get(f"/verify/{issued['fatima@dakhla.example'].public_id}/")

    assert response["X-Robots-Tag"] == "noindex"
