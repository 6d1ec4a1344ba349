"""The verify page of our own credentials keeps the signature check, never a stale "valid"
(issue #19, decision 0026)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from microcred.credentials import issuer, verification, verify_cache
from microcred.credentials.models import CredentialSpec, IssuerKey
from microcred.credentials.services import issue_for_attempt, revoke_credential
from microcred.credentials.tests.conftest import pass_module
from vckit import proof, verify_credential, verify_proofs

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]


@pytest.fixture
def credential(passed):
    return issue_for_attempt(attempt_id=passed.pk)


@pytest.fixture
def proof_checks(monkeypatch):
    """The ids of the documents whose signature was computed, in order (the credential's own,
    or a status list's)."""
    checked: list[str] = []
    real = verify_proofs.verify_one

    def spy(unsecured, *args, **kwargs):
        checked.append(unsecured.get("id"))
        return real(unsecured, *args, **kwargs)

    monkeypatch.setattr(verify_proofs, "verify_one", spy)
    return checked


@pytest.fixture
def schema_checks(monkeypatch):
    checked: list[str] = []
    real = verify_credential.schema_errors

    def spy(credential):
        checked.append(credential.get("id"))
        return real(credential)

    monkeypatch.setattr(verify_credential, "schema_errors", spy)
    return checked


@pytest.fixture
def partners_credential(course, learner, partner):
    """A credential of M01, signed by the partner that awards it."""
    from microcred.credentials.services import sync_specs

    sync_specs()
    partner.legal_identifier = "PL-KRS-0000123456"
    partner.save()
    CredentialSpec.objects.filter(code="M01").update(
        awarding_body=partner, signed_by_awarding_body=True
    )
    return issue_for_attempt(attempt_id=pass_module(learner, "M01").pk)


def qr_page(client, credential) -> str:
    return client.get(reverse("credentials:verify_issued", args=[credential.pk])).content.decode()


def test_the_second_view_does_not_check_the_signature_or_the_schema_again(
    client, credential, proof_checks, schema_checks
):
    assert "<h1>Valid" in qr_page(client, credential)
    assert proof_checks.count(credential.document["id"]) == 1
    assert schema_checks == [credential.document["id"]]
    page = qr_page(client, credential)
    assert "<h1>Valid" in page
    assert "Not revoked: we checked the issuer" in page
    assert proof_checks.count(credential.document["id"]) == 1
    assert schema_checks == [credential.document["id"]]


def test_a_revocation_shows_at_the_very_next_view(client, credential, platform_admin):
    credential.share_token = "shared-link-token"
    credential.save(update_fields=["share_token"])
    shared = reverse("credentials:shared", args=[credential.share_token])
    assert "<h1>Valid" in qr_page(client, credential)
    assert "<h1>Valid" in client.get(shared).content.decode()
    revoke_credential(credential=credential, reason="Issued by mistake", actor=platform_admin)
    page = qr_page(client, credential)
    assert "<h1>Revoked" in page
    assert "<h1>Valid" not in page
    assert "<h1>Revoked" in client.get(shared).content.decode()


def test_a_changed_stored_document_is_checked_in_full_and_found_forged(
    client, credential, proof_checks
):
    assert "<h1>Valid" in qr_page(client, credential)
    document = json.loads(json.dumps(credential.document))
    document["credentialSubject"]["achievement"]["name"] = "Rocket science"
    credential.document = document
    credential.save(update_fields=["document"])
    page = qr_page(client, credential)
    assert "<h1>Changed or forged" in page
    assert "Rocket science" not in page
    assert proof_checks.count(credential.document["id"]) == 2


def test_a_pasted_tampered_copy_never_gets_the_kept_valid(client, credential, proof_checks):
    assert "<h1>Valid" in qr_page(client, credential)
    copy = json.loads(json.dumps(credential.document))
    copy["credentialSubject"]["achievement"]["name"] = "Rocket science"
    page = client.post(reverse("credentials:verify"), {"text": json.dumps(copy)}).content.decode()
    assert "<h1>Changed or forged" in page
    # and the genuine bytes, pasted, still get every check
    client.post(reverse("credentials:verify"), {"text": json.dumps(credential.document)})
    assert proof_checks.count(credential.document["id"]) == 3


def test_a_removed_issuer_key_is_never_served_the_kept_valid(client, credential):
    assert "<h1>Valid" in qr_page(client, credential)
    IssuerKey.objects.filter(did=issuer.consortium_did()).delete()
    page = qr_page(client, credential)
    assert "<h1>Valid" not in page
    assert "Genuine: the digital signature matches" not in page


def test_a_key_rotation_is_noticed_and_the_old_credential_stays_valid(
    client, credential, proof_checks
):
    assert "<h1>Valid" in qr_page(client, credential)
    issuer.create_key()  # the old key is retired but stays published in the DID document
    assert "<h1>Valid" in qr_page(client, credential)
    assert proof_checks.count(credential.document["id"]) == 2  # the key document changed
    assert "<h1>Valid" in qr_page(client, credential)
    assert proof_checks.count(credential.document["id"]) == 2


def test_the_signer_is_named_from_todays_partner_record(client, partner, partners_credential):
    credential = partners_credential
    assert "Fundacja Cyfrowa Szansa, a partner in our consortium" in qr_page(client, credential)
    partner.legal_name = "Fundacja Nowa Nazwa"
    partner.save()
    assert "Fundacja Nowa Nazwa, a partner in our consortium" in qr_page(client, credential)
    IssuerKey.objects.filter(did=issuer.partner_did(partner)).delete()
    page = qr_page(client, credential)
    assert "<h1>Valid" not in page
    assert "Genuine: the digital signature matches" not in page


def test_the_dates_are_judged_at_every_view(client, credential, monkeypatch):
    now = verification._now()
    unsigned = {k: v for k, v in credential.document.items() if k != "proof"}
    unsigned["validUntil"] = (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    credential.document = proof.sign(unsigned, issuer.signing_key(), created=now)
    credential.save(update_fields=["document"])
    assert "<h1>Valid" in qr_page(client, credential)
    monkeypatch.setattr(verification, "_now", lambda: now + timedelta(days=2))
    assert "<h1>Expired" in qr_page(client, credential)


def test_the_page_is_rendered_once_per_outcome_and_again_after_a_revocation(
    client, credential, platform_admin
):
    """The rendered page is shared by anonymous viewers (decision 0029); the revocation bit,
    read on every view, is part of what the page is kept under."""
    from django.test.signals import template_rendered

    rendered: list[str] = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        assert "<h1>Valid" in qr_page(client, credential)
        assert "<h1>Valid" in qr_page(client, credential)
        assert rendered.count("credentials/verify_result.html") == 1
        revoke_credential(credential=credential, reason="Issued by mistake", actor=platform_admin)
        assert "<h1>Revoked" in qr_page(client, credential)
        assert "<h1>Revoked" in qr_page(client, credential)
        assert rendered.count("credentials/verify_result.html") == 2
    finally:
        template_rendered.disconnect(record)


def test_a_view_read_again_needs_nothing_kept_from_the_shared_cache(
    client, credential, proof_checks, monkeypatch
):
    """The worker keeps the decoded document and its kept check: the shared cache (Redis in
    production) is not asked again, and a revocation still shows at the next view."""
    assert "<h1>Valid" in qr_page(client, credential)
    asked = []
    shared_get = verify_cache.cache.get
    monkeypatch.setattr(
        verify_cache.cache, "get", lambda key, *rest: asked.append(key) or shared_get(key, *rest)
    )
    assert "<h1>Valid" in qr_page(client, credential)
    assert asked == []
    assert proof_checks.count(credential.document["id"]) == 1
    revoke_credential(credential=credential, reason="Issued by mistake", actor=None)
    assert "<h1>Revoked" in qr_page(client, credential)


def _statements_of_a_view_read_again(client, credential) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert "<h1>Valid" in qr_page(client, credential)
    with CaptureQueriesContext(connection) as read:
        assert "<h1>Valid" in qr_page(client, credential)
    return [query["sql"] for query in read.captured_queries]


def test_a_view_read_again_reads_the_credential_its_list_and_its_keys_in_one_statement(
    client, credential
):
    """The keys are read with the credential, yet a rotation or a removal still shows at the
    next view (the tests above)."""
    statements = _statements_of_a_view_read_again(client, credential)
    assert len(statements) == 1, statements


def test_a_partners_credential_read_again_adds_only_the_partners_name(
    client, partners_credential
):
    credential = partners_credential
    statements = _statements_of_a_view_read_again(client, credential)
    assert len(statements) == 2, statements  # and the partner's name, as of today
    assert "accounts_partnerorganisation" in statements[1]
