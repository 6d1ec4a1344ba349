"""Download my data (GDPR Art. 15 and 20): everything about me, nothing about others, no keys."""

import json
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from microcred.accounts import privacy
from microcred.accounts.audit import log_access
from microcred.accounts.models import PersonalDataAccess
from microcred.accounts.services import record_consent
from microcred.accounts.views_privacy import DOWNLOADS_PER_HOUR
from microcred.assessment.models import Accommodation, Attempt
from microcred.assessment.services import start_attempt, submit_attempt
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.credentials.models import IssuedCredential
from microcred.credentials.oid4vci import create_offer
from microcred.credentials.services import issue_for_attempt
from microcred.curriculum.models import Lesson, Module
from microcred.learning.models import LearnerProfile, LessonProgress
from microcred.public.models import ContactMessage
from microcred.review.models import (
    BoardMembership,
    Cohort,
    CohortMembership,
    ReviewComment,
    ReviewDecision,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

pytestmark = pytest.mark.django_db


def _relations_to_user():
    """Every foreign key, one-to-one and many-to-many field of any model that points at users."""
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is user_model:
                yield model, field, f"{model._meta.label}.{field.name}"


def _covering_sections() -> dict[str, str]:
    return {relation: section.name for section in privacy.sections()
            for relation in section.covers}


def test_every_relation_to_the_user_is_exported_or_left_out_with_a_reason():
    covered, excluded = _covering_sections(), privacy.not_exported()
    missing = [label for _model, _field, label in _relations_to_user()
               if label not in covered and label not in excluded]
    assert missing == [], (
        f"{missing}: add these to a section's `covers` in the app's privacy.py, or to "
        "register_not_exported with the reason")
    assert all(reason.strip() for reason in excluded.values())


def _everything_about(user, other, staff):
    """One row of every kind the platform keeps about a learner (and some about `other`)."""
    record_consent(user=user, given=True)
    TOTP.activate(user, generate_totp_secret())
    LearnerProfile.objects.create(user=user, employment_status="job_seeking",
                                  self_check_answers={"wifi": 2}, reminders=True)
    complete_module(user, "M01")
    attempt = start_attempt(learner=user, module=Module.objects.get(code="M01"))
    attempt.answers = key_for(attempt)
    attempt.save()
    attempt = submit_attempt(attempt=attempt)
    lesson = Lesson.objects.filter(version__module__code="M01").order_by("order").first()
    LessonProgress.objects.create(learner=user, lesson=lesson, completed_at=timezone.now(),
                                  check_answer=lesson.check_question["correct"],
                                  check_correct=True)
    Accommodation.objects.create(learner=user, extra_time_percent=25, note="Reads slowly")
    create_offer(credential=issue_for_attempt(attempt_id=attempt.pk), actor=user)
    cohort = Cohort.objects.create(name="Pilot Kraków", is_pilot=True, starts_on="2026-01-05")
    CohortMembership.objects.create(cohort=cohort, learner=user)
    question = SurveyQuestion.objects.filter(kind="text").first()
    response = SurveyResponse.objects.create(learner=user, language="en")
    SurveyAnswer.objects.create(response=response, question=question,
                                text="The videos were very helpful")
    version = Module.objects.get(code="M02").published_version
    seat = BoardMembership.objects.create(partner=user.partner, user=user,
                                          started_on="2020-01-01", ended_on="2020-12-31")
    ReviewDecision.objects.create(version=version, reviewer=user, membership=seat,
                                  decision="approve", comment="Clear and kind")
    ReviewComment.objects.create(version=version, author=user, language="en",
                                 text="Paragraph two is long")
    ContactMessage.objects.create(name="Anna", email=user.email.upper(), subject="Help",
                                  message="I cannot find my certificate", language="en")
    ContactMessage.objects.create(name="Sean", email=other.email, subject="Other",
                                  message="Sean's private question", language="en")
    request = RequestFactory().get("/partner/learners/")
    request.user = staff
    log_access(request, learners=[user, other], purpose="learner_list")
    LogEntry.objects.log_actions(user_id=staff.pk, queryset=[user], action_flag=CHANGE,
                                 change_message=[{"changed": {"fields": ["full_name"]}}])
    _coordinator_reminder(user, staff)
    return attempt


def _coordinator_reminder(user, staff) -> None:
    from microcred.coordination.models import CoordinatorReminder, ReminderBatch

    batch = ReminderBatch.objects.create(sent_by=staff, sent_by_email=staff.email, recipients=1)
    CoordinatorReminder.objects.create(batch=batch, learner=user, language="en")


def _download(client, user) -> tuple[dict, bytes]:
    client.force_login(user)
    response = client.post(reverse("accounts:data_download"))
    assert response.status_code == 200
    return json.loads(response.content), response.content


def test_the_export_holds_a_row_of_every_kind_kept_about_me(client, course, learner,
                                                             other_partner_learner,
                                                             platform_admin):
    _everything_about(learner, other_partner_learner, platform_admin)
    data, _raw = _download(client, learner)

    covered = _covering_sections()
    for model, field, label in _relations_to_user():
        if label in privacy.not_exported():
            continue
        assert model._default_manager.filter(**{field.name: learner}).exists(), (
            f"the test made no {label} row: add one to _everything_about")
        assert data[covered[label]], f"{label} is missing from section {covered[label]}"

    assert data["account"]["email"] == learner.email
    assert data["consents"][0]["text_version"]
    assert data["email_addresses"] == [{"email": learner.email, "verified": True,
                                        "primary": True}]
    assert data["two_step_verification"][0]["type"] == "totp"
    assert data["signed_in_sessions"]
    assert data["learning_profile"]["work_situation"] == "job_seeking"
    assert data["module_progress"][0]["module"] == "M01"
    assert data["lesson_progress"][0]["knowledge_check_right"] is True
    attempt = data["test_attempts"][0]
    assert attempt["passed"] is True
    assert attempt["questions"][0]["result"] == "correct"
    assert data["test_accommodation"]["note"] == "Reads slowly"
    issued = data["credentials"][0]
    assert issued["signed_credential"] == IssuedCredential.objects.get(learner=learner).document
    assert issued["check_address"].endswith(f"/verify/{issued['id']}/")
    assert issued["wallet_offers"][0]["delivered_at"] is None  # offered to a wallet, not taken
    assert data["cohorts"] == [{"cohort": "Pilot Kraków", "pilot": True,
                                "joined_on": data["cohorts"][0]["joined_on"]}]
    assert data["feedback"][0]["answers"][0]["text"] == "The videos were very helpful"
    assert data["advisory_board"]["comments"][0]["text"] == "Paragraph two is long"
    assert data["contact_messages"][0]["message"] == "I cannot find my certificate"
    looks = data["staff_access_to_your_data"]
    assert looks["pages_and_exports_that_showed_your_data"][0]["what"] == "learner_list"
    assert looks["changes_to_your_account_in_the_administration_site"]
    assert data["reminders_from_your_coordinator"][0]["language"] == "en"


def test_the_export_holds_no_exam_key_and_no_secret(client, course, learner):
    complete_module(learner, "M01")
    attempt = start_attempt(learner=learner, module=Module.objects.get(code="M01"))
    attempt = submit_attempt(attempt=attempt)  # handed in blank: every answer is unknown
    TOTP.activate(learner, generate_totp_secret())
    _data, raw = _download(client, learner)
    text = raw.decode()

    assert str(attempt.seed) not in text
    for item in attempt.form["items"]:
        for token in item["tokens"] + item.get("left_tokens", []):
            assert token not in text
    key = key_for(Attempt.objects.get(pk=attempt.pk))
    exported = {q["number"]: q for q in json.loads(raw)["test_attempts"][0]["questions"]}
    for number, item in enumerate(attempt.form["items"], 1):
        assert set(exported[number]) == {"number", "question", "your_answer", "result", "score"}
        assert exported[number]["your_answer"] is None
        assert str(key[item["id"]]) not in json.dumps(exported[number]["your_answer"])
    assert Authenticator.objects.get(user=learner).data["secret"] not in text
    assert learner.password not in text
    assert '"seed"' not in text
    assert '"secret"' not in text
    attempts = json.dumps(json.loads(raw)["test_attempts"])
    for word in ('"form"', '"correct"', '"accepted"', '"feedback"', '"tokens"'):
        assert word not in attempts


def test_nobody_elses_data_is_in_my_export(client, course, learner, other_partner_learner,
                                           platform_admin):
    _everything_about(learner, other_partner_learner, platform_admin)
    record_consent(user=other_partner_learner, given=True)
    complete_module(other_partner_learner, "M01")
    _data, raw = _download(client, learner)
    text = raw.decode()
    assert other_partner_learner.email not in text
    assert other_partner_learner.full_name not in text
    assert "Sean's private question" not in text


def test_an_unverified_address_does_not_reveal_contact_messages(client, learner):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=learner, email="boss@example.org", verified=False)
    ContactMessage.objects.create(name="Boss", email="boss@example.org", subject="Private",
                                  message="Salaries", language="en")
    data, _raw = _download(client, learner)
    assert data["contact_messages"] == []


def test_the_download_is_a_private_json_attachment(client, learner):
    client.force_login(learner)
    response = client.post(reverse("accounts:data_download"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="microcred-my-data-')
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["about_this_file"]["format"] == privacy.EXPORT_FORMAT


def test_the_data_page_explains_and_a_get_of_the_download_changes_nothing(client, learner):
    client.force_login(learner)
    page = client.get(reverse("accounts:data")).content.decode()
    assert "The correct answers are not in the file" in page
    assert reverse("accounts:data_download") in page
    response = client.get(reverse("accounts:data_download"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:data")


def test_my_account_links_to_my_data_consent_and_deletion(client, learner):
    client.force_login(learner)
    page = client.get(reverse("accounts:home")).content.decode()
    for name in ("accounts:data", "accounts:consent", "accounts:delete"):
        assert reverse(name) in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    for name in ("accounts:data", "accounts:data_download", "accounts:consent",
                 "accounts:delete", "accounts:reauthenticate"):
        response = client.post(reverse(name))
        assert response.status_code == 302
        assert reverse("account_login") in response.url


def test_an_administrator_exports_a_persons_data_for_a_request_by_letter(
    tmp_path, learner, platform_admin, coordinator
):
    out = tmp_path / "data.json"
    call_command("export_personal_data", learner.email.upper(), "--by", platform_admin.email,
                 "--out", str(out), stdout=StringIO())
    assert json.loads(out.read_text(encoding="utf-8"))["account"]["email"] == learner.email
    access = PersonalDataAccess.objects.get()
    assert (access.actor, access.learner_ids, access.purpose) == (
        platform_admin, [learner.pk], "subject_access_request")
    with pytest.raises(CommandError):
        call_command("export_personal_data", learner.email, "--by", coordinator.email,
                     "--out", str(out))
    with pytest.raises(CommandError):
        call_command("export_personal_data", "nobody@example.org", "--by",
                     platform_admin.email, "--out", str(out))


def test_downloading_again_and_again_is_slowed_down(client, learner):
    client.force_login(learner)
    for _ in range(DOWNLOADS_PER_HOUR):
        assert client.post(reverse("accounts:data_download")).status_code == 200
    response = client.post(reverse("accounts:data_download"), follow=True)
    assert "Please try again later" in response.content.decode()
