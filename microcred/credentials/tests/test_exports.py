"""export_credentials on real data: placeholders are never exported as credentials, and one bad
row is reported and skipped, never aborting the export."""

import json

import pytest
from django.core.management import call_command

from microcred.credentials.models import IssuedCredential
from microcred.credentials.services import issue_for_attempt
from microcred.credentials.tests.conftest import pass_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(course, learner) -> list[IssuedCredential]:
    return [issue_for_attempt(attempt_id=pass_module(learner, code).pk)
            for code in ("M01", "M02", "M03")]


def _placeholder(like: IssuedCredential) -> IssuedCredential:
    """A row as the synthetic demo data writes it: no signed credential behind it."""
    return IssuedCredential.objects.create(
        learner=None, spec=like.spec, module_version=like.module_version, language="en",
        document={"synthetic": True}, status_list=like.status_list, status_index=99_000,
        recipient_name="Synthetic", recipient_salt="synthetic", grade_percent=80, pass_mark=70)


def _files(folder) -> list[str]:
    return sorted(path.name for path in (folder / "credentials").iterdir())


@pytest.mark.parametrize("fmt", ["ob3", "elm"])
def test_one_bad_row_is_reported_and_the_rest_exported(held, tmp_path, capsys, fmt):
    broken = held[1]
    del broken.document["credentialSubject"]["achievement"]["qualityAssuranceType"]
    broken.save()
    placeholder = _placeholder(held[0])
    call_command("export_credentials", "--out", str(tmp_path), "--format", fmt)
    output = capsys.readouterr()
    written = _files(tmp_path)
    assert not any(str(placeholder.pk) in name for name in written)
    assert "left out 1 placeholder record(s)" in output.out
    if fmt == "ob3":  # the signed JSON as stored, whatever it holds
        assert written == sorted(f"{c.pk}.json" for c in held)
        assert json.loads((tmp_path / "credentials" / f"{held[0].pk}.json").read_text()) == \
            held[0].document
    else:
        assert written == sorted(f"{c.pk}-elm.json" for c in (held[0], held[2]))
        assert f"Skipped M02 {broken.pk}:" in output.err
        assert "quality assurance" in output.err
        assert "Wrote 2 credential(s)" in output.out


def test_the_demo_database_exports_to_elm(tmp_path, capsys):
    call_command("load_demo")
    call_command("export_credentials", "--out", str(tmp_path), "--format", "elm")
    output = capsys.readouterr()
    signed = IssuedCredential.objects.filter(document__has_key="proof")
    assert output.err == ""
    assert _files(tmp_path) == sorted(f"{c.pk}-elm.json" for c in signed)
    kinds = {c.spec.code for c in signed} | {
        "partner" for c in signed if ":partners:" in c.document["issuer"]["id"]} | {
        "revoked" for c in signed if c.revoked_at}
    assert {"M01", "COURSE", "partner", "revoked"} <= kinds
    placeholders = IssuedCredential.objects.count() - signed.count()
    assert f"left out {placeholders} placeholder record(s)" in output.out
