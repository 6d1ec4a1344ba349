"""The issuer's pages: the credential list (paged, searched, filtered), bulk issuing after a
look at what will be issued, revoking after a confirmation with a reason."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microcred.credentials.models import CredentialEvent, IssuedCredential
from microcred.credentials.services import issue_for_attempt, revoke_credential
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.views_issuer import CREDENTIALS_PER_PAGE
from microcred.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]

ISSUER = reverse("credentials:issuer")
ISSUE = reverse("credentials:issue_selected")


def _revoke_url(credential):
    return reverse("credentials:revoke", args=[credential.pk])


def test_bulk_issuing_shows_what_will_be_issued_before_issuing_it(client, passed, issuer):
    client.force_login(issuer)
    page = client.get(ISSUER).content.decode()
    assert "Anna Nowak" in page
    preview = client.post(ISSUE, {"attempt": [passed.pk, passed.pk]}).content.decode()
    assert "1 credential will be issued and signed" in preview
    assert "Anna Nowak" in preview
    assert "M01" in preview
    assert "The consortium" in preview
    assert not IssuedCredential.objects.exists()  # nothing before the confirmation
    response = client.post(ISSUE, {"attempt": [passed.pk], "confirmed": "yes"}, follow=True)
    assert "1 credential issued." in response.content.decode()
    credential = IssuedCredential.objects.get()
    assert CredentialEvent.objects.get(credential=credential).actor == issuer
    preview = client.post(ISSUE, {"attempt": [passed.pk]}).content.decode()
    assert "Nothing to issue" in preview
    assert "already has this credential" in preview


def test_revoking_asks_for_confirmation_and_a_reason_from_the_list(client, passed, issuer):
    credential = issue_for_attempt(attempt_id=passed.pk)
    client.force_login(issuer)
    page = client.get(ISSUER).content.decode()
    assert _revoke_url(credential) in page
    confirm = client.get(_revoke_url(credential)).content.decode()
    assert "Revoking cannot be undone" in confirm
    assert "Cheating or misconduct in the test" in confirm
    credential.refresh_from_db()
    assert credential.revoked_at is None  # opening the page revokes nothing
    for data in ({}, {"reason_code": "misconduct", "reason": " "},
                 {"reason_code": "made-up", "reason": "Fraud"}, {"reason": "Fraud"}):
        response = client.post(_revoke_url(credential), data)
        assert response.status_code == 400
        assert "Nothing was revoked" in response.content.decode()
    credential.refresh_from_db()
    assert credential.revoked_at is None
    response = client.post(_revoke_url(credential), {
        "reason_code": "misconduct", "reason": "Answers copied from another learner."},
        follow=True)
    assert "The credential is revoked" in response.content.decode()
    credential.refresh_from_db()
    assert credential.revocation_reason == "Answers copied from another learner."
    event = CredentialEvent.objects.get(credential=credential, action="revoked")
    assert event.details["reason_code"] == "misconduct"
    assert event.actor == issuer
    page = client.get(ISSUER, {"status": "revoked"}).content.decode()
    assert "Cheating or misconduct in the test" in page
    assert "Answers copied from another learner." in page


def test_the_list_is_paged_and_keeps_its_filters_in_the_page_links(
        client, course, partner, issuer):
    learners = [UserFactory(partner=partner, full_name=f"Learner {n:02}")
                for n in range(CREDENTIALS_PER_PAGE + 2)]
    for learner in learners:
        issue_for_attempt(attempt_id=pass_module(learner).pk)
    client.force_login(issuer)
    page = client.get(ISSUER, {"spec": "M01"}).content.decode()
    assert f"{CREDENTIALS_PER_PAGE + 2} credentials found" in page
    assert page.count(">M01</a>") == CREDENTIALS_PER_PAGE
    assert "spec=M01&amp;page=2" in page
    second = client.get(ISSUER, {"spec": "M01", "page": 2}).content.decode()
    assert second.count(">M01</a>") == 2
    with CaptureQueriesContext(connection) as queries:
        client.get(ISSUER)
    assert len(queries) < 20  # not one query per row


def test_the_list_filters_by_learner_module_partner_status_and_date(
        client, course, learner, other_partner_learner, issuer, platform_admin):
    ours = issue_for_attempt(attempt_id=pass_module(learner, "M01").pk)
    second = issue_for_attempt(attempt_id=pass_module(learner, "M02").pk)
    theirs = issue_for_attempt(attempt_id=pass_module(other_partner_learner, "M01").pk)
    revoke_credential(credential=second, reason="Issued by mistake", actor=issuer,
                      reason_code="issued_in_error")
    IssuedCredential.objects.filter(pk=theirs.pk).update(
        issued_at=timezone.now() - timedelta(days=40))
    client.force_login(issuer)

    def shown(**params) -> set:
        page = client.get(ISSUER, params).content.decode()
        return {c for c in (ours, second, theirs) if reverse(
            "credentials:verify_issued", args=[c.pk]) in page}

    assert shown() == {ours, second, theirs}
    assert shown(q="sean") == {theirs}
    assert shown(q="ANNA@example") == {ours, second}
    assert shown(q=str(second.pk)) == {second}
    assert shown(spec="M02") == {second}
    assert shown(partner="ie") == {theirs}
    assert shown(status="valid") == {ours, theirs}
    assert shown(status="revoked") == {second}
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert shown(issued_from=since) == {ours, second}
    assert shown(issued_to=since) == {theirs}
    assert shown(partner="nowhere", spec="M02") == {second}  # a tampered filter is ignored


@pytest.mark.parametrize("persona", ["learner", "coordinator", "reviewer"])
def test_only_issuers_issue_or_revoke(client, request, passed, persona):
    credential = issue_for_attempt(attempt_id=passed.pk)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(ISSUER).status_code == 403
    assert client.post(ISSUE, {"attempt": passed.pk, "confirmed": "yes"}).status_code == 403
    assert client.get(_revoke_url(credential)).status_code == 403
    assert client.post(_revoke_url(credential), {
        "reason_code": "other", "reason": "x"}).status_code == 403
    credential.refresh_from_db()
    assert credential.revoked_at is None
    assert IssuedCredential.objects.count() == 1


def test_odd_input_to_the_issuer_pages_gets_no_server_error(client, passed, issuer):
    client.force_login(issuer)
    for params in ({"q": "anna\x00"}, {"issued_from": "31/02/2026"}, {"page": "x"},
                   {"spec": "\x00"}, {"status": "gone"}):
        assert client.get(ISSUER, params).status_code == 200
    response = client.post(ISSUE, {"attempt": ["²", "-1", "x", "9" * 40], "confirmed": "yes"})
    assert response.status_code == 302
    assert not IssuedCredential.objects.exists()
    assert client.get(reverse("credentials:revoke", args=[
        "00000000-0000-0000-0000-000000000000"])).status_code == 404
