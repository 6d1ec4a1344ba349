import json

import pytest
from django.core.management import call_command

from microcred.credentials.models import IssuerKey
from microcred.credentials.services import issue_for_attempt

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]


def test_export_writes_credentials_status_lists_and_the_did_document(passed, tmp_path, capsys):
    credential = issue_for_attempt(attempt_id=passed.pk)
    call_command("export_credentials", "--out", str(tmp_path))
    exported = json.loads((tmp_path / "credentials" / f"{credential.pk}.json").read_text())
    assert exported == credential.document
    assert (tmp_path / "status-lists" / f"{credential.status_list_id}.json").exists()
    assert json.loads((tmp_path / "did.json").read_text())["verificationMethod"]
    assert "Wrote 1 credential(s)" in capsys.readouterr().out


def test_export_in_europass_format(passed, tmp_path):
    credential = issue_for_attempt(attempt_id=passed.pk)
    call_command("export_credentials", "--out", str(tmp_path), "--format", "elm")
    document = json.loads((tmp_path / "credentials" / f"{credential.pk}-elm.json").read_text())
    assert "EuropeanDigitalCredential" in document["type"]


def test_key_rotation_command_retires_the_old_key(db, capsys):
    call_command("create_issuer_key")
    call_command("create_issuer_key")
    assert IssuerKey.objects.count() == 2
    assert IssuerKey.objects.filter(retired_at__isnull=True).count() == 1
    assert "New signing key" in capsys.readouterr().out
