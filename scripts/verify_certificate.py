#!/usr/bin/env python3
"""Check a certificate's signature offline, with nothing but its published public key.

    python verify_certificate.py certificate.json certificate-keys.json

certificate.json is the signed record as downloaded from /verify/<id>/certificate.json (or attached to the
certificate's PDF): {"credential": {...}, "proof": {"alg": "EdDSA", "kid": ..., "signature": ...}}.
certificate-keys.json is the issuer's key set, saved from /.well-known/certificate-keys.json. Exit status 0
when the signature holds, 1 when it does not, 2 when a file cannot be read.

This file stands alone (Python 3.11 and the `cryptography` package; no Django, no database, no network),
so it can be handed to whoever wants to check a certificate. It repeats the canonical form of
events/certificates/signing.py: JSON with sorted keys, no whitespace, UTF-8. A signature says the record
was issued and not altered; whether it was revoked since is for /verify/<id> to say.
"""

import argparse
import base64
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def canonical_json(record: dict) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def check(document: dict, key_set: dict) -> tuple[bool, str]:
    """(holds, what to tell the person)."""
    proof = document.get("proof") or {}
    kid = proof.get("kid")
    keys = [key for key in key_set.get("keys", []) if key.get("kid") == kid]
    if not keys:
        return False, f"no published key has the id {kid!r}"
    key = keys[0]
    if (key.get("kty"), key.get("crv")) != ("OKP", "Ed25519"):
        return False, f"key {kid} is not an Ed25519 key"
    try:
        public_key = Ed25519PublicKey.from_public_bytes(from_b64url(key["x"]))
        public_key.verify(from_b64url(proof["signature"]), canonical_json(document["credential"]))
    except (InvalidSignature, KeyError, ValueError):
        return False, "the signature does not match the record: it was altered, or signed by another key"
    subject = document["credential"].get("credentialSubject", {})
    title = subject.get("achievement", {}).get("name", "")
    return True, f"signature valid (key {kid}): {subject.get('name', '')} - {title}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("certificate", help="the signed record (certificate.json)")
    parser.add_argument("keys", help="the published key set (certificate-keys.json)")
    arguments = parser.parse_args(argv)
    try:
        with open(arguments.certificate, encoding="utf-8") as file:
            document = json.load(file)
        with open(arguments.keys, encoding="utf-8") as file:
            key_set = json.load(file)
    except (OSError, ValueError) as error:
        print(f"cannot read: {error}", file=sys.stderr)
        return 2
    holds, message = check(document, key_set)
    print(("VALID: " if holds else "INVALID: ") + message)
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
