"""A partner that awards a credential can also sign it, under its own did:web and keys."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from microcred.credentials import issuer
from microcred.credentials.admin import CredentialSpecForm
from microcred.credentials.models import CredentialSpec, IssuedCredential, IssuerKey
from microcred.credentials.services import (
    CredentialError,
    issue_cohort,
    issue_for_attempt,
    revoke_credential,
)
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.tests.local_fetch import fetch_json
from microcred.credentials.verification import verify_credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_signs_m01(course, partner):
    from microcred.credentials.services import sync_specs

    sync_specs()
    partner.legal_identifier = "PL-KRS-0000123456"
    partner.save()
    CredentialSpec.objects.filter(code="M01").update(awarding_body=partner,
                                                     signed_by_awarding_body=True)
    return partner


def test_the_partner_signs_with_its_own_did_and_anyone_can_resolve_it(client, learner,
                                                                      partner_signs_m01):
    credential = issue_for_attempt(attempt_id=pass_module(learner, "M01").pk)
    partner_did = f"{issuer.consortium_did()}:partners:pl"
    assert credential.document["issuer"]["id"] == partner_did
    assert credential.document["issuer"]["name"] == "Fundacja Cyfrowa Szansa"
    assert credential.document["proof"][0]["verificationMethod"].startswith(partner_did + "#")

    published = client.get("/partners/pl/did.json")
    assert published["Content-Type"] == "application/did+ld+json"
    assert published.json()["id"] == partner_did
    consortium = client.get("/.well-known/did.json").json()
    assert all(not m["id"].startswith(partner_did) for m in consortium["verificationMethod"])

    status_list = fetch_json(credential.document["credentialStatus"]["statusListCredential"])
    assert status_list["issuer"] == partner_did
    report = verify_credential(credential.document)
    assert report.result.verified, report.result.errors
    assert report.judgement.verdict.value == "valid"
    assert report.judgement.signer.as_dict() == {
        "did": partner_did, "name": "Fundacja Cyfrowa Szansa", "kind": "partner"}


def test_revoking_a_partner_signed_credential_is_seen_by_verifiers(client, learner,
                                                                   partner_signs_m01,
                                                                   platform_admin):
    credential = issue_for_attempt(attempt_id=pass_module(learner, "M01").pk)
    revoke_credential(credential=credential, reason="issued in error", actor=platform_admin)
    assert [e.code for e in verify_credential(credential.document).result.errors] == ["REVOKED"]
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk])).content
    assert "revoked" in page.decode().lower()


def test_a_cohort_mixing_issuers_draws_bits_from_each_issuers_own_lists(learner,
                                                                       other_partner_learner,
                                                                       partner_signs_m01):
    attempts = [pass_module(learner, "M01").pk, pass_module(learner, "M02").pk,
                pass_module(other_partner_learner, "M01").pk]
    issue_cohort(attempt_ids=attempts)
    by_code = {}
    for credential in IssuedCredential.objects.select_related("spec", "status_list"):
        by_code.setdefault(credential.spec.code, set()).add(credential.status_list.issuer_partner)
    assert by_code == {"M01": {partner_signs_m01}, "M02": {None}}
    assert all(verify_credential(c.document).result.verified
               for c in IssuedCredential.objects.all())


def test_a_partner_that_never_signed_has_no_did_document(client, partner):
    assert client.get("/partners/pl/did.json").status_code == 404
    assert client.get("/partners/nobody/did.json").status_code == 404


def test_a_partner_gets_no_key_before_its_legal_identifier_is_on_record(partner):
    with pytest.raises(CommandError, match="enter its legal identifier"):
        call_command("create_issuer_key", "--partner", "pl")
    assert not IssuerKey.objects.exists()


def test_a_partner_without_a_legal_identifier_cannot_sign_its_first_credential(
        learner, partner_signs_m01):
    partner_signs_m01.legal_identifier = ""
    partner_signs_m01.save()
    attempt = pass_module(learner, "M01")
    with pytest.raises(CredentialError, match="enter its legal identifier"):
        issue_for_attempt(attempt_id=attempt.pk)
    # In a cohort it is reported, and the other credentials are still issued.
    result = issue_cohort(attempt_ids=[attempt.pk, pass_module(learner, "M02").pk])
    assert [c.spec.code for c in result.issued] == ["M02"]
    assert "enter its legal identifier" in result.problems[0]
    assert not IssuerKey.objects.filter(did=issuer.partner_did(partner_signs_m01)).exists()


def test_keys_for_a_partner_are_made_and_rotated_by_command(partner, capsys, tmp_path):
    partner.legal_identifier = "PL-KRS-0000123456"
    partner.save()
    call_command("create_issuer_key", "--partner", "pl")
    call_command("create_issuer_key", "--partner", "pl")
    keys = IssuerKey.objects.filter(did=issuer.partner_did(partner))
    assert keys.count() == 2
    assert keys.filter(retired_at__isnull=True).count() == 1
    assert ":partners:pl#key-" in capsys.readouterr().out
    with pytest.raises(CommandError, match="short name 'xx'"):
        call_command("create_issuer_key", "--partner", "xx")
    call_command("export_credentials", "--out", str(tmp_path))
    exported = json.loads((tmp_path / "partners" / "pl" / "did.json").read_text())
    assert len(exported["verificationMethod"]) == 2


def test_a_spec_cannot_be_signed_by_an_awarding_partner_it_does_not_have(course):
    form = CredentialSpecForm(data={"signed_by_awarding_body": "on", "active": "on"},
                              instance=CredentialSpec(code="M99"))
    assert not form.is_valid()
    assert "Choose the awarding partner" in str(form.errors)
