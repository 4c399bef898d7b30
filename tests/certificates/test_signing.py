"""Signed records: the canonical form, the signature against the published key, tampering and rotation."""

import json

import pytest

from events.certificates import selectors, services, signing

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
