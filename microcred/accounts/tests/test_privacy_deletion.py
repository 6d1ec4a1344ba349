"""Delete my account (GDPR Art. 17): confirmed twice, all in one go, credentials still check."""

import re

import pytest
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from microcred.accounts import reauth
from microcred.accounts.models import AccountDeletion, DeletionReason, User
from microcred.accounts.services import record_consent
from microcred.accounts.services_deletion import (
    AccountDeletionRefused,
    delete_account,
    delete_own_account,
)
from microcred.assessment.models import Attempt, AttemptEvent
from microcred.assessment.services import start_attempt
from microcred.assessment.stats import item_statistics
from microcred.assessment.tests.exam_helpers import complete_module
from microcred.credentials import verification
from microcred.credentials.services import revoke_credential
from microcred.curriculum.models import Module
from microcred.public.models import ContactMessage
from microcred.review.models import BoardMembership, ReviewComment
from microcred.testing.fixtures import TEST_PASSWORD
from vckit.verify import Revocation

pytestmark = pytest.mark.django_db


def _confirm_with_password(client, user) -> None:
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302


def _code_from_mail() -> str:
    match = re.search(r"^\s*(\d{6})\s*$", mail.outbox[-1].body, re.M)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _delete(client, user, confirmation=None):
    return client.post(reverse("accounts:delete"),
                       {"confirmation": user.email if confirmation is None else confirmation})


def test_a_learner_with_a_password_confirms_and_deletes_their_account(client, learner):
    _confirm_with_password(client, learner)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "What we keep, and why" in page
    assert 'name="confirmation"' in page

    response = _delete(client, learner, confirmation=f"  {learner.email.upper()} ")
    assert response.status_code == 302
    assert response.url == reverse("accounts:deleted")
    assert not User.objects.filter(pk=learner.pk).exists()
    assert AccountDeletion.objects.get().reason == DeletionReason.SELF
    goodbye = client.get(response.url)
    assert "Your account is deleted" in goodbye.content.decode()
    assert not goodbye.wsgi_request.user.is_authenticated


def test_a_learner_without_a_password_confirms_with_an_emailed_code(client, learner):
    learner.set_unusable_password()
    learner.save()
    client.force_login(learner)
    # allauth has nothing to ask such a user and would let them through: we must not.
    assert did_recently_reauthenticate(client.get(reverse("accounts:home")).wsgi_request)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "Send me a code by e-mail" in page
    assert 'name="confirmation"' not in page
    assert _delete(client, learner).url == reverse("accounts:delete")
    assert User.objects.filter(pk=learner.pk).exists()

    confirm = reverse("accounts:reauthenticate") + "?next=" + reverse("accounts:delete")
    client.post(confirm, {"action": "send"})
    assert mail.outbox[-1].to == [learner.email]
    response = client.post(confirm, {"code": _code_from_mail()})
    assert response.status_code == 302
    assert response.url == reverse("accounts:delete")

    assert _delete(client, learner).url == reverse("accounts:deleted")
    assert not User.objects.filter(pk=learner.pk).exists()


def test_a_wrong_or_old_code_is_refused_and_guessing_stops(client, learner):
    client.force_login(learner)
    url = reverse("accounts:reauthenticate")
    client.post(url, {"action": "send"})
    for _ in range(reauth.MAX_TRIES):
        response = client.post(url, {"code": "000000" if _code_from_mail() != "000000"
                                     else "111111"})
        assert response.status_code == 400
    response = client.post(url, {"code": _code_from_mail()})
    assert "too many times" in response.content.decode()
    assert not reauth.recently_reauthenticated(response.wsgi_request)

    client.post(url, {"action": "send"})
    session = client.session
    session[reauth.CODE_KEY] = {**session[reauth.CODE_KEY], "at": 0}
    session.save()
    assert "too old" in client.post(url, {"code": _code_from_mail()}).content.decode()


def test_an_emailed_code_never_replaces_an_authenticator_app(client, learner):
    TOTP.activate(learner, generate_totp_secret())
    client.force_login(learner)
    response = client.get(reverse("accounts:reauthenticate"))
    assert response.status_code == 302
    assert "reauthenticate" in response.url
    session = client.session
    session[reauth.CONFIRMED_KEY] = {"user": learner.pk, "at": 9e18}
    session.save()
    assert _delete(client, learner).url == reverse("accounts:delete")
    assert User.objects.filter(pk=learner.pk).exists()


def test_a_wrong_confirmation_changes_nothing(client, learner):
    record_consent(user=learner, given=True)
    _confirm_with_password(client, learner)
    response = _delete(client, learner, confirmation="someone@example.org")
    assert response.status_code == 400
    assert "Nothing has been deleted" in response.content.decode()
    response = _delete(client, learner, confirmation="")
    assert response.status_code == 400
    assert User.objects.filter(pk=learner.pk).exists()
    assert learner.consents.count() == 1
    assert not AccountDeletion.objects.exists()


def test_without_confirming_it_is_you_nothing_is_deleted(client, learner):
    client.force_login(learner)
    response = _delete(client, learner)
    assert response.url == reverse("accounts:delete")
    assert User.objects.filter(pk=learner.pk).exists()


@pytest.mark.parametrize("persona", ["coordinator", "reviewer", "issuer", "platform_admin"])
def test_staff_cannot_delete_their_own_account(client, persona, request):
    staff = request.getfixturevalue(persona)
    _confirm_with_password(client, staff)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "Please ask a platform administrator" in page
    assert 'name="confirmation"' not in page
    assert _delete(client, staff).status_code == 403
    assert User.objects.filter(pk=staff.pk).exists()
    with pytest.raises(AccountDeletionRefused):
        delete_own_account(user=staff, confirmation=staff.email)


def test_after_deletion_the_credential_still_verifies_and_can_be_revoked(
    client, learner, credential, issuer
):
    credential.share_token = "shared-link-token"
    credential.save()
    document, bit = credential.document, (credential.status_list_id, credential.status_index)
    delete_own_account(user=learner, confirmation=learner.email)

    credential.refresh_from_db()
    assert credential.learner is None
    assert credential.share_token is None
    assert credential.document == document
    assert (credential.status_list_id, credential.status_index) == bit
    report = verification.verify_credential(credential.document)
    assert report.result.verified
    assert report.genuine
    assert report.revocation == Revocation.NOT_REVOKED
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk]))
    assert page.status_code == 200
    assert "<h1>Valid" in page.content.decode()
    assert client.get(reverse("credentials:shared", args=["shared-link-token"])).status_code == 404
    assert AccountDeletion.objects.get().credentials_kept == 1

    revoke_credential(credential=credential, reason="Exam fraud found later", actor=issuer)
    assert verification.verify_credential(document).revocation == Revocation.REVOKED


def test_finished_tests_stay_anonymous_and_unfinished_ones_go(client, learner, passed, issuer):
    module = Module.objects.get(code="M02")
    complete_module(learner, "M02")
    start_attempt(learner=learner, module=module)
    delete_own_account(user=learner, confirmation=learner.email)

    kept = Attempt.objects.get(pk=passed.pk)
    assert kept.learner is None
    assert kept.deadline is None
    assert kept.started_at.day == 1
    assert kept.started_at.hour == 0
    assert not Attempt.objects.filter(module=module).exists()
    assert item_statistics(passed.module)[0].responses == 1
    client.force_login(issuer)
    assert client.get(reverse("credentials:issuer")).status_code == 200


def test_an_unfinished_test_with_a_staff_action_stays_for_the_audit(learner, course, coordinator):
    complete_module(learner, "M01")
    attempt = start_attempt(learner=learner, module=Module.objects.get(code="M01"))
    AttemptEvent.objects.create(attempt=attempt, actor=coordinator, action="supervision")
    delete_account(user=learner, reason=DeletionReason.SELF)
    assert Attempt.objects.get(pk=attempt.pk).learner is None


def test_nothing_linked_to_the_person_is_left(client, learner, passed, platform_admin):
    record_consent(user=learner, given=True)
    ContactMessage.objects.create(name="Anna", email=learner.email, subject="Hi",
                                  message="Question", language="en")
    LogEntry.objects.log_actions(user_id=platform_admin.pk, queryset=[learner],
                                 action_flag=CHANGE, change_message="changed name")
    other_device = Client()
    other_device.force_login(learner)
    session_key = other_device.session.session_key
    old_pk, email = learner.pk, learner.email

    delete_own_account(user=learner, confirmation=email)

    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is \
                    user_model and not field.many_to_many:
                assert not model._default_manager.filter(**{field.attname: old_pk}).exists(), \
                    f"{model._meta.label}.{field.name} still points at the deleted account"
    assert not ContactMessage.objects.filter(email=email).exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    assert LogEntry.objects.get(object_id=str(old_pk)).object_repr == "[deleted account]"
    deletion = AccountDeletion.objects.get()
    assert email not in str(deletion.details)
    assert all(isinstance(count, int) for count in deletion.details.values())


def test_a_former_board_member_is_told_to_ask_an_administrator(client, learner, passed):
    seat = BoardMembership.objects.create(partner=learner.partner, user=learner,
                                          started_on="2020-01-01", ended_on="2020-12-31")
    ReviewComment.objects.create(version=passed.module_version, author=learner, language="en",
                                 text="A comment")
    _confirm_with_password(client, learner)
    response = _delete(client, learner)
    assert response.status_code == 400
    assert "Please ask a platform administrator" in response.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()
    assert Attempt.objects.get(pk=passed.pk).learner == learner  # rolled back, not anonymised
    assert BoardMembership.objects.filter(pk=seat.pk).exists()


def test_an_administrator_deleting_a_user_uses_the_same_erasure(client, learner, credential,
                                                                platform_admin):
    client.force_login(platform_admin)
    response = client.post(reverse("admin:accounts_user_delete", args=[learner.pk]),
                           {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=learner.pk).exists()
    deletion = AccountDeletion.objects.get()
    assert deletion.reason == DeletionReason.ADMIN
    assert deletion.credentials_kept == 1
    credential.refresh_from_db()
    assert credential.learner is None
    assert credential.document


GARBAGE = ["", " ", "x" * 100_000, "nul\x00byte", "<script>alert(1)</script>", "😀" * 50,
           "../../etc/passwd", ["one", "two"]]


def test_garbage_to_the_privacy_forms_is_never_a_server_error(client, learner):
    record_consent(user=learner, given=True)
    _confirm_with_password(client, learner)
    forms = {
        reverse("accounts:consent"): ["consent"],
        reverse("accounts:delete"): ["confirmation"],
        reverse("accounts:reauthenticate"): ["code", "next", "action"],
        reverse("accounts:data_download"): ["unexpected"],
    }
    for url, names in forms.items():
        for value in GARBAGE:
            response = client.post(url, dict.fromkeys(names, value))
            assert response.status_code < 500, (url, value)
        response = client.generic("POST", url, b"confirmation=%ff%fe\xff",
                                  content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500
    assert User.objects.filter(pk=learner.pk).exists()
    assert learner.consents.filter(withdrawn_at__isnull=True).exists()
