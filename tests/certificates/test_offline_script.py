"""scripts/verify_certificate.py checks a certificate offline: run as a separate process, with only the files
a verifier would have (the downloaded record and the published key set), no Django and no database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from events.certificates import services
from tests.certificates.conftest import ARABIC_NAME

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_certificate.py"


def saved(client, tmp_path, certificate) -> tuple[Path, Path]:
    record = tmp_path / "certificate.json"
    keys = tmp_path / "certificate-keys.json"
    record.write_bytes(client.get(f"/verify/{certificate.public_id}/certificate.json").content)
    keys.write_bytes(client.get("/.well-known/certificate-keys.json").content)
    return record, keys


def verify_offline(*files) -> subprocess.CompletedProcess:
    # No DJANGO_SETTINGS_MODULE and no project on the path: the script must need neither.
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "PYTHONPATH"))}
    return subprocess.run(
        [sys.executable, "-I", str(SCRIPT), *map(str, files)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=files[0].parent,
    )


def test_a_downloaded_certificate_verifies_offline_with_the_published_key(client, issued, tmp_path):
    record, keys = saved(client, tmp_path, issued["fatima@dakhla.example"])

    done = verify_offline(record, keys)

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("VALID: signature valid (key ")
    assert ARABIC_NAME in done.stdout


def test_one_character_changed_in_the_record_fails_offline(client, issued, tmp_path):
    record, keys = saved(client, tmp_path, issued["youssef@dakhla.example"])
    document = json.loads(record.read_text())
    document["credential"]["validFrom"] = document["credential"]["validFrom"].replace("20", "21", 1)
    record.write_text(json.dumps(document))

    done = verify_offline(record, keys)

    assert done.returncode == 1
    assert done.stdout.startswith("INVALID: the signature does not match the record")


def test_a_certificate_signed_before_a_rotation_verifies_offline_with_the_old_published_key(client, issued, tmp_path):
    services.rotate_signing_key()
    record, keys = saved(client, tmp_path, issued["youssef@dakhla.example"])

    done = verify_offline(record, keys)

    assert len(json.loads(keys.read_text())["keys"]) == 2
    assert done.returncode == 0


def test_a_key_set_without_the_certificate_s_key_fails_offline(client, issued, tmp_path):
    record, keys = saved(client, tmp_path, issued["youssef@dakhla.example"])
    keys.write_text(json.dumps({"keys": []}))

    done = verify_offline(record, keys)

    assert done.returncode == 1
    assert "no published key has the id" in done.stdout
