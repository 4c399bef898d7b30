"""Signed records: the canonical form, the signature against the published key, tampering and rotation."""

import io
import json

import pytest
from django.core.management import call_command

from events.certificates import selectors, services, signing
from events.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db


def published_key(client, kid) -> bytes:
    keys = client.get("/.well-known/certificate-keys.json").json()["keys"]
    (key,) = [key for key in keys if key["kid"] == kid]
    return signing.from_b64url(key["x"])


def test_the_canonical_form_sorts_keys_drops_whitespace_and_keeps_arabic_letters():
    record = {"b": "عمر", "a": ["x", {"d": "1", "c": "2"}]}

    assert signing.canonical_json(record) == '{"a":["x",{"c":"2","d":"1"}],"b":"عمر"}'.encode()


def test_a_signature_verifies_with_the_published_key(client, issued):
    document = selectors.signed_document(issued["fatima@dakhla.example"])

    key = published_key(client, document["proof"]["kid"])

    assert signing.verifies(document["credential"], document["proof"]["signature"], key)


def test_changing_one_character_of_the_record_breaks_the_signature(client, issued):
    document = selectors.signed_document(issued["youssef@dakhla.example"])
    key = published_key(client, document["proof"]["kid"])

    document["credential"]["credentialSubject"]["name"] = "Youssef Alaouj"

    assert not signing.verifies(document["credential"], document["proof"]["signature"], key)


def test_changing_one_character_of_the_signature_breaks_it(client, issued):
    document = selectors.signed_document(issued["youssef@dakhla.example"])
    key = published_key(client, document["proof"]["kid"])
    signature = document["proof"]["signature"]

    tampered = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]

    assert not signing.verifies(document["credential"], tampered, key)


def test_after_rotation_old_certificates_still_verify_and_new_ones_use_the_new_key(client, training, issued):
    old = issued["fatima@dakhla.example"]
    new_key = services.rotate_signing_key()
    training.check_in("sara@dakhla.example", 2)

    (sara,) = services.issue_certificates(old.definition, acting_user=training.organiser)

    keys = client.get("/.well-known/certificate-keys.json").json()["keys"]
    assert [key["kid"] for key in keys] == [old.signing_key.kid, new_key.kid]
    assert sara.signing_key == new_key
    for certificate in (old, sara):
        document = selectors.signed_document(certificate)
        key = published_key(client, document["proof"]["kid"])
        assert signing.verifies(document["credential"], document["proof"]["signature"], key)
    assert selectors.verification(old.public_id).status == selectors.VALID


def test_the_stored_record_is_exactly_the_signed_canonical_form(issued):
    certificate = issued["fatima@dakhla.example"]

    record = json.loads(certificate.record)

    assert signing.canonical_json(record).decode() == certificate.record


def test_the_rotation_command_retires_the_active_key_and_publishes_both(client, issued):
    old = issued["fatima@dakhla.example"].signing_key
    out = io.StringIO()

    call_command("rotate_certificate_key", stdout=out)

    new = services.active_signing_key()
    old.refresh_from_db()
    assert out.getvalue() == f"New signing key: {new.kid}\n"
    assert (old.active, old.retired_at is not None, new.active) == (False, True, True)
    kids = [key["kid"] for key in client.get("/.well-known/certificate-keys.json").json()["keys"]]
    assert kids == [old.kid, new.kid]


def test_only_staff_rotate_the_key(training, issued):
    with pytest.raises(PermissionDeniedError):
        services.rotate_signing_key(acting_user=training.organiser)

    assert services.active_signing_key() == issued["fatima@dakhla.example"].signing_key
