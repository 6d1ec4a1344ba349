"""The full-course credential: levelled, linked to the module credentials it stacks, and never
left in force after one of them is revoked."""

import pytest
from django.urls import reverse

from microcred.credentials.models import CredentialEvent, IssuedCredential
from microcred.credentials.services import (
    issue_course_credential_if_complete,
    issue_for_attempt,
    revoke_credential,
)
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.verification import verify_credential
from microcred.curriculum.models import Curriculum, Module
from vckit import status_list

pytestmark = [pytest.mark.django_db, pytest.mark.multilingual_course]


def _rule(rule) -> None:
    curriculum = Curriculum.objects.get()
    curriculum.course_credential = {**curriculum.course_credential, "rule": rule}
    curriculum.save()


def _pass(learner, *codes) -> dict[str, IssuedCredential]:
    return {code: issue_for_attempt(attempt_id=pass_module(learner, code).pk) for code in codes}


def _course(learner) -> list[IssuedCredential]:
    return list(IssuedCredential.objects.filter(learner=learner, spec__code="COURSE")
                .order_by("issued_at"))


def _revoked_bit(credential: IssuedCredential) -> bool:
    credential.status_list.refresh_from_db()
    return status_list.get_bit(bytes(credential.status_list.bits), credential.status_index)


def test_the_course_credential_is_levelled_and_links_the_modules_it_stacks(course, learner):
    _rule({"modules": ["M01", "M07"]})
    modules = _pass(learner, "M01", "M07")
    course_credential = issue_course_credential_if_complete(learner=learner)
    document = course_credential.document
    levels = {Module.objects.get(code=code).published_version.eqf_level
              for code in ("M01", "M07")}
    assert levels == {2, 3}
    eqf = [a for a in document["credentialSubject"]["achievement"]["alignment"]
           if a["targetFramework"] == "European Qualifications Framework"]
    assert [a["targetCode"] for a in eqf] == ["2"]  # every outcome reaches at least level 2
    assert [e["id"] for e in document["evidence"]] == [
        modules["M01"].credential_id, modules["M07"].credential_id]
    assert all(e["type"] == ["Evidence"] for e in document["evidence"])
    report = verify_credential(document)
    assert report.result.verified, report.result.errors


def test_a_retried_issuance_makes_the_course_check_a_killed_worker_never_made(course, learner):
    _rule({"modules": ["M01", "M07"]})
    attempts = {code: pass_module(learner, code) for code in ("M01", "M07")}
    for attempt in attempts.values():
        issue_for_attempt(attempt_id=attempt.pk)
    # The course check runs when the issuing transaction commits; a test transaction never
    # commits, like a worker killed right after the module credential was stored.
    assert _course(learner) == []
    issue_for_attempt(attempt_id=attempts["M07"].pk)  # the retry of the interrupted task
    assert len(_course(learner)) == 1
    issue_for_attempt(attempt_id=attempts["M07"].pk)
    assert len(_course(learner)) == 1  # and never a second one


def test_revoking_a_counted_module_revokes_the_course_and_no_new_one_without_it(
        course, learner, platform_admin):
    _rule({"modules": ["M01", "M02"]})
    modules = _pass(learner, "M01", "M02")
    first = issue_course_credential_if_complete(learner=learner)
    revoke_credential(credential=modules["M02"], reason="Cheating", actor=platform_admin)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert first.revoked_because_of == modules["M02"]
    assert "M02" in first.revocation_reason
    assert "Cheating" in first.revocation_reason
    assert _revoked_bit(first)
    assert verify_credential(first.document).result.verified is False
    event = CredentialEvent.objects.get(credential=first, action="revoked")
    assert event.actor == platform_admin
    assert event.details["because_of"] == str(modules["M02"].pk)
    assert _course(learner) == [first]  # the rule is no longer met: nothing new


def test_a_new_course_credential_is_issued_when_the_rule_still_holds(course, learner,
                                                                     platform_admin):
    _rule({"at_least": 2})
    modules = _pass(learner, "M01", "M02")
    first = issue_course_credential_if_complete(learner=learner)
    modules.update(_pass(learner, "M03"))  # held beyond the two the course counted
    revoke_credential(credential=modules["M01"], reason="Issued by mistake",
                      actor=platform_admin)
    old, new = _course(learner)
    assert old == first
    assert old.revoked_at is not None
    assert new.revoked_at is None
    assert [e["id"] for e in new.document["evidence"]] == [
        modules["M02"].credential_id, modules["M03"].credential_id]
    assert CredentialEvent.objects.get(credential=new, action="course_issued").actor == \
        platform_admin
    assert verify_credential(new.document).result.verified


def test_revoking_a_module_the_course_did_not_count_leaves_it_alone(course, learner,
                                                                    platform_admin):
    _rule({"modules": ["M01"]})
    modules = _pass(learner, "M01", "M02")
    first = issue_course_credential_if_complete(learner=learner)
    revoke_credential(credential=modules["M02"], reason="Issued by mistake",
                      actor=platform_admin)
    first.refresh_from_db()
    assert first.revoked_at is None
    assert _course(learner) == [first]


def test_a_course_credential_staff_revoked_is_not_issued_again_by_itself(course, learner,
                                                                        platform_admin):
    _rule({"at_least": 1})
    _pass(learner, "M01")
    first = issue_course_credential_if_complete(learner=learner)
    revoke_credential(credential=first, reason="Identity fraud", actor=platform_admin)
    _pass(learner, "M02")
    assert issue_course_credential_if_complete(learner=learner) is None
    assert _course(learner) == [first]



def test_the_revocation_stands_when_no_new_course_credential_can_be_signed(
        course, learner, partner, platform_admin):
    from microcred.credentials.models import CredentialSpec

    _rule({"at_least": 1})
    modules = _pass(learner, "M01", "M02")
    first = issue_course_credential_if_complete(learner=learner)
    # The course is now to be signed by a partner whose legal identifier is missing.
    CredentialSpec.objects.filter(code="COURSE").update(awarding_body=partner,
                                                        signed_by_awarding_body=True)
    revoke_credential(credential=modules["M01"], reason="Issued by mistake",
                      actor=platform_admin)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert _course(learner) == [first]
    event = CredentialEvent.objects.get(action="course_not_reissued")
    assert "legal identifier" in event.details["error"]


def test_the_issuer_is_told_when_revoking_a_module_also_revoked_the_course_credential(
        client, course, learner, issuer):
    _rule({"modules": ["M01", "M02"]})
    modules = _pass(learner, "M01", "M02")
    issue_course_credential_if_complete(learner=learner)
    client.force_login(issuer)
    page = client.post(reverse("credentials:revoke", args=[modules["M02"].pk]),
                       {"reason_code": "misconduct", "reason": "Cheating"},
                       follow=True).content.decode()
    assert "The full-course credential that counted it is revoked too" in page
    page = client.post(reverse("credentials:revoke", args=[modules["M01"].pk]),
                       {"reason_code": "misconduct", "reason": "Cheating"},
                       follow=True).content.decode()
    assert "The full-course credential" not in page  # already revoked: nothing new to say
