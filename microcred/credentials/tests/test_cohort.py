"""Bulk issuance for a cohort: set-based, yet still exactly one credential per learner and spec."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from microcred.credentials import issuer
from microcred.credentials.models import (
    STATUS_LIST_SIZE,
    CredentialEvent,
    IssuedCredential,
    StatusList,
)
from microcred.credentials.services import issue_cohort, issue_for_attempt
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.tests.local_fetch import fetch_json
from microcred.curriculum.models import Module
from microcred.testing.factories import UserFactory
from vckit import did, verify

pytestmark = pytest.mark.django_db


def _verified(document) -> bool:
    resolver = did.Resolver(documents={issuer.consortium_did(): issuer.did_document()})
    return verify.verify(document, resolve_did=resolver, fetch_status_list=fetch_json,
                         now=datetime.now(UTC)).verified


def _cohort(partner, size: int) -> list[int]:
    return [pass_module(UserFactory(partner=partner, full_name=f"Learner {n}",
                                    preferred_language=["en", "pl", "el"][n % 3])).pk
            for n in range(size)]


@pytest.mark.multilingual_course
def test_a_cohort_gets_one_verifiable_credential_each_in_its_own_language(course, partner,
                                                                          platform_admin):
    attempts = _cohort(partner, 5)
    already = issue_for_attempt(attempt_id=attempts[0])
    nameless = pass_module(UserFactory(partner=partner, full_name="", email="x@example.org"))

    result = issue_cohort(attempt_ids=[*attempts, attempts[1], nameless.pk],
                          actor=platform_admin)

    assert len(result.issued) == 4  # the one already held is not issued again
    assert result.problems == ["x@example.org has no name yet: a credential must name the "
                               "learner."]
    credentials = IssuedCredential.objects.filter(spec__code="M01")
    assert credentials.count() == 5
    assert {c.language for c in credentials} == {"en", "pl", "el"}
    assert len({(c.status_list_id, c.status_index) for c in credentials}) == 5
    assert all(_verified(c.document) for c in credentials)
    titles = {c.language: c.document["credentialSubject"]["achievement"]["name"]
              for c in credentials}
    assert len(set(titles.values())) == 3
    events = CredentialEvent.objects.filter(action="issued_manually", actor=platform_admin)
    assert events.count() == 4
    assert already.pk not in {e.credential_id for e in events}


@pytest.mark.multilingual_course
def test_issuing_the_same_cohort_again_issues_nothing(course, partner):
    attempts = _cohort(partner, 3)
    issue_cohort(attempt_ids=attempts)
    assert issue_cohort(attempt_ids=attempts).issued == []
    assert IssuedCredential.objects.count() == 3


@pytest.mark.multilingual_course
def test_a_cohort_crossing_a_full_status_list_opens_the_next(course, partner):
    StatusList.objects.create(next_index=STATUS_LIST_SIZE - 2)
    issue_cohort(attempt_ids=_cohort(partner, 4))
    lists = list(StatusList.objects.order_by("pk"))
    assert [s.next_index for s in lists] == [STATUS_LIST_SIZE, 2]
    assert all(s.signed_credential for s in lists[1:])
    assert sorted(IssuedCredential.objects.values_list("status_index", flat=True)) == [
        0, 1, STATUS_LIST_SIZE - 2, STATUS_LIST_SIZE - 1]


@pytest.mark.multilingual_course
def test_the_last_module_issued_in_bulk_earns_the_course_credential(course, learner,
                                                                    django_capture_on_commit_callbacks):
    codes = list(Module.objects.order_by("order").values_list("code", flat=True))
    attempts = [pass_module(learner, code).pk for code in codes]
    with django_capture_on_commit_callbacks(execute=True):
        for attempt_id in attempts[:-1]:
            issue_for_attempt(attempt_id=attempt_id)
    assert not IssuedCredential.objects.filter(spec__code="COURSE").exists()
    issue_cohort(attempt_ids=attempts[-1:])
    course_credential = IssuedCredential.objects.get(learner=learner, spec__code="COURSE")
    assert _verified(course_credential.document)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_issuing_the_same_cohort_at_once_issue_each_credential_once(course,
                                                                               partner):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are exercised on PostgreSQL (the CI's second run)")
    attempts = _cohort(partner, 12)
    errors = []

    def work(order: list[int]) -> None:
        try:
            issue_cohort(attempt_ids=order, chunk=5)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(order,))
               for order in (attempts, attempts[::-1], attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert IssuedCredential.objects.count() == 12
    assert IssuedCredential.objects.values("status_list", "status_index").distinct().count() == 12


def _set_course_rule(rule) -> None:
    from microcred.curriculum.models import Curriculum

    curriculum = Curriculum.objects.get()
    curriculum.course_credential = {**curriculum.course_credential, "rule": rule}
    curriculum.save()


@pytest.mark.multilingual_course
def test_a_course_rule_of_at_least_two_modules_stacks_the_two_held(course, learner):
    _set_course_rule({"at_least": 2})
    issue_cohort(attempt_ids=[pass_module(learner, "M01").pk])
    assert not IssuedCredential.objects.filter(spec__code="COURSE").exists()
    issue_cohort(attempt_ids=[pass_module(learner, "M05").pk])
    course_credential = IssuedCredential.objects.get(learner=learner, spec__code="COURSE")
    achievement = course_credential.document["credentialSubject"]["achievement"]
    assert "these 2 module micro-credentials" in achievement["description"]
    assert _verified(course_credential.document)


@pytest.mark.multilingual_course
def test_a_course_rule_naming_modules_ignores_the_others(course, learner,
                                                        django_capture_on_commit_callbacks):
    _set_course_rule({"modules": ["M01", "M02"]})
    with django_capture_on_commit_callbacks(execute=True):
        issue_for_attempt(attempt_id=pass_module(learner, "M01").pk)
        issue_for_attempt(attempt_id=pass_module(learner, "M03").pk)
    assert not IssuedCredential.objects.filter(spec__code="COURSE").exists()
    with django_capture_on_commit_callbacks(execute=True):
        issue_for_attempt(attempt_id=pass_module(learner, "M02").pk)
    assert IssuedCredential.objects.filter(learner=learner, spec__code="COURSE").exists()


@pytest.mark.small_course
def test_each_credential_issued_in_bulk_is_stored_exactly_as_it_was_signed(course, partner):
    # Quotes, backslashes and non-Latin letters are what a JSON encoding gets wrong first.
    names = ['Ζωή "Zoe" Παπαδοπούλου', "Łucja O'Brien \\ Żak", "Ana\tMaria"]
    attempts = [pass_module(UserFactory(partner=partner, full_name=name,
                                        preferred_language=language)).pk
                for name, language in zip(names, ["el", "pl", "en"], strict=True)]

    result = issue_cohort(attempt_ids=attempts)

    assert len(result.issued) == 3
    for signed in result.issued:
        stored = IssuedCredential.objects.get(pk=signed.pk)
        assert stored.document == signed.document
        assert stored.document["credentialSubject"]["identifier"][1]["identityHash"] in names
        assert (stored.issued_at, stored.grade_percent, stored.status_index) == (
            signed.issued_at, signed.grade_percent, signed.status_index)
        assert _verified(stored.document)
    # Issued records are saved ones: changing one later updates it rather than inserting it.
    signed.share_token = "shared-after-bulk"
    signed.save(update_fields=["share_token"])
    assert IssuedCredential.objects.get(share_token="shared-after-bulk").pk == signed.pk
    assert CredentialEvent.objects.filter(action="issued_automatically").count() == 3
