"""Signed certificate records: canonical JSON signed with Ed25519, and public keys as a JWK set.

Plain data in, plain data out: no models, no clock, nothing of Django, so that what is signed here is
exactly what scripts/verify_certificate.py checks offline (the script repeats these few lines so that it
can travel alone; tests/certificates/test_offline_script.py holds the two together).

The canonical form is JSON with sorted keys, no whitespace, UTF-8 as is (an Arabic name is its letters,
not \\u escapes): RFC 8785 (JCS) for records made only of strings, lists and objects, which is all a
certificate record holds (no numbers, whose formatting is where JCS and json.dumps part ways).
"""

import base64
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "EdDSA"  # JOSE's name for Ed25519 signatures (RFC 8037)
RAW = {"encoding": serialization.Encoding.Raw, "format": serialization.PublicFormat.Raw}


def canonical_json(record: dict) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def b64url(data: bytes) -> str:
    """base64url without padding (RFC 7515), as JWKs and JWS signatures write bytes."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_private_key() -> bytes:
    """32 random bytes: an Ed25519 private key in its raw form."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_key_of(private_key: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes(**RAW)


def sign(record: dict, private_key: bytes) -> str:
    """The Ed25519 signature of the record's canonical form, base64url."""
    return b64url(Ed25519PrivateKey.from_private_bytes(private_key).sign(canonical_json(record)))


def verifies(record: dict, signature: str, public_key: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(from_b64url(signature), canonical_json(record))
    except (InvalidSignature, ValueError):
        return False
    return True


def jwk(kid: str, public_key: bytes) -> dict:
    """A public key as a JSON Web Key (RFC 8037: kty OKP, crv Ed25519, x its 32 bytes base64url)."""
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(public_key), "kid": kid, "alg": ALGORITHM, "use": "sig"}
