"""A passed test becomes a signed, verifiable, revocable micro-credential: exactly once."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from microcred.credentials import issuer
from microcred.credentials.models import CredentialEvent, IssuedCredential, IssuerKey
from microcred.credentials.services import issue_for_attempt, revoke_credential
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.tests.local_fetch import fetch_json
from vckit import did, verify
from vckit.verify import Revocation

pytestmark = pytest.mark.django_db


def _verify(document):
    resolver = did.Resolver(documents={issuer.consortium_did(): issuer.did_document()})
    return verify.verify(document, resolve_did=resolver, fetch_status_list=fetch_json,
                         now=datetime.now(UTC))


def test_a_passed_test_gives_a_credential_that_verifies_with_every_annex_element(passed):
    credential = issue_for_attempt(attempt_id=passed.pk)
    result = _verify(credential.document)
    assert result.verified, result.errors
    assert result.revocation == Revocation.NOT_REVOKED
    document = credential.document
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == "Devices, accounts and the basics of being online"
    text = json.dumps(document)
    for needle in ("learningOutcome", "notionalWorkload", "assessmentType",
                   "formOfParticipation", "qualityAssuranceType", "supervisionVerification",
                   "isPartOf", "addressCountryCode"):
        assert needle in text, needle
    assert "anna@example.org" not in text  # the e-mail is only there salted and hashed


@pytest.mark.small_course
def test_issuing_twice_gives_the_same_credential(passed):
    first = issue_for_attempt(attempt_id=passed.pk)
    second = issue_for_attempt(attempt_id=passed.pk)
    assert first.pk == second.pk
    assert IssuedCredential.objects.count() == 1
    assert CredentialEvent.objects.filter(action="issued_automatically").count() == 1


@pytest.mark.small_course
def test_a_failed_attempt_gives_no_credential(course, learner):
    from microcred.assessment.models import Attempt
    from microcred.assessment.services import start_attempt, submit_attempt
    from microcred.assessment.tests.exam_helpers import complete_module
    from microcred.curriculum.models import Module

    complete_module(learner)
    attempt = submit_attempt(attempt=start_attempt(learner=learner,
                                                   module=Module.objects.get(code="M01")))
    assert issue_for_attempt(attempt_id=attempt.pk) is None
    assert not IssuedCredential.objects.exists()
    assert Attempt.objects.get().passed is False


@pytest.mark.small_course
def test_revoking_updates_the_signed_status_list_at_once(passed, platform_admin):
    credential = issue_for_attempt(attempt_id=passed.pk)
    revoke_credential(credential=credential, reason="Identity fraud", actor=platform_admin)
    result = _verify(credential.document)
    assert result.revocation == Revocation.REVOKED
    assert not result.verified
    assert CredentialEvent.objects.get(action="revoked").details["reason"] == "Identity fraud"


@pytest.mark.small_course
def test_after_key_rotation_old_credentials_still_verify(course, learner, other_partner_learner):
    old = issue_for_attempt(attempt_id=pass_module(learner).pk)
    issuer.create_key()
    new = issue_for_attempt(attempt_id=pass_module(other_partner_learner).pk)
    assert old.document["proof"][0]["verificationMethod"] != \
        new.document["proof"][0]["verificationMethod"]
    assert _verify(old.document).verified
    assert _verify(new.document).verified
    assert IssuerKey.objects.filter(retired_at__isnull=True).count() == 1


@pytest.mark.small_course
def test_private_keys_are_encrypted_at_rest(passed):
    issue_for_attempt(attempt_id=passed.pk)
    record = IssuerKey.objects.get()
    seed = issuer.signing_key().private_key
    assert seed not in bytes(record.encrypted_private_key)


@pytest.mark.small_course
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_worker_issues_the_credential(course, learner):
    pass_module(learner)
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert IssuedCredential.objects.filter(learner=learner).count() == 1


def test_holding_every_module_credential_earns_the_course_credential(
    course, learner, django_capture_on_commit_callbacks
):
    from microcred.credentials.models import CredentialSpec
    from microcred.curriculum.models import Module

    codes = list(Module.objects.order_by("order").values_list("code", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        for code in codes:
            issue_for_attempt(attempt_id=pass_module(learner, code).pk)
    course_credential = IssuedCredential.objects.get(learner=learner, spec__code="COURSE")
    assert _verify(course_credential.document).verified
    achievement = course_credential.document["credentialSubject"]["achievement"]
    assert len(achievement["learningOutcome"]) >= 13 * 3
    assert CredentialSpec.objects.get(code="M01").part_of.code == "COURSE"


@pytest.mark.small_course
def test_the_course_credential_waits_for_the_last_module(course, learner,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        issue_for_attempt(attempt_id=pass_module(learner, "M01").pk)
    assert not IssuedCredential.objects.filter(spec__code="COURSE").exists()


@pytest.mark.small_course
def test_a_crash_mid_issuance_leaves_nothing_half_written_and_a_retry_issues_once(
    passed, monkeypatch
):
    from microcred.credentials import services
    from microcred.credentials.models import StatusList

    real_sign = services.proof.sign

    def worker_dies(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(services.proof, "sign", worker_dies)
    with pytest.raises(SystemExit):
        issue_for_attempt(attempt_id=passed.pk)
    assert not IssuedCredential.objects.exists()
    assert not CredentialEvent.objects.filter(action="issued_automatically").exists()
    assert StatusList.objects.filter(next_index__gt=0).count() == 0  # the bit was given back

    monkeypatch.setattr(services.proof, "sign", real_sign)
    issue_for_attempt(attempt_id=passed.pk)
    issue_for_attempt(attempt_id=passed.pk)
    assert IssuedCredential.objects.count() == 1
