"""Retention: warned, then deleted if nobody came back; old rows expire. Time comes as `now`."""

import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from microcred.accounts.models import AccountDeletion, DeletionReason, PersonalDataAccess, User
from microcred.accounts.services_retention import WARNING_DAYS, purge_expired_data
from microcred.accounts.tasks import purge_expired_data_task
from microcred.core.models import OutboxMessage
from microcred.learning.models import LearnerProfile
from microcred.public.models import ContactMessage
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAYS = 5 * 365


@pytest.fixture(autouse=True)
def retention(settings):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = DAYS
    settings.RETENTION_PROJECT_END = None
    settings.RETENTION_UNVERIFIED_SIGNUP_DAYS = 30
    settings.RETENTION_CONTACT_MESSAGE_DAYS = 365
    settings.RETENTION_DEV_MAILBOX_DAYS = 30
    settings.RETENTION_ACCESS_LOG_DAYS = 730
    return settings


def _last_seen(user: User, moment) -> User:
    User.objects.filter(pk=user.pk).update(date_joined=moment, last_login=moment)
    user.refresh_from_db()
    return user


def test_an_unused_account_is_warned_and_deleted_thirty_days_later(learner, coordinator):
    _last_seen(learner, NOW - timedelta(days=DAYS + 100))
    _last_seen(coordinator, NOW - timedelta(days=DAYS + 100))

    report = purge_expired_data(now=NOW)
    assert report.counts["inactive_accounts_warned"] == 1
    assert report.counts["inactive_accounts_deleted"] == 0
    assert mail.outbox[-1].to == [learner.email]
    assert "We will delete your Microcred account soon" in mail.outbox[-1].subject
    assert "/account/data/" in mail.outbox[-1].body
    assert purge_expired_data(now=NOW).counts["inactive_accounts_warned"] == 0  # idempotent

    later = NOW + timedelta(days=WARNING_DAYS - 1)
    assert purge_expired_data(now=later).counts["inactive_accounts_deleted"] == 0
    later = NOW + timedelta(days=WARNING_DAYS)
    assert purge_expired_data(now=later).counts["inactive_accounts_deleted"] == 1
    assert not User.objects.filter(pk=learner.pk).exists()
    assert User.objects.filter(pk=coordinator.pk).exists()  # staff are never purged
    assert AccountDeletion.objects.get().reason == DeletionReason.INACTIVE
    assert purge_expired_data(now=later).counts["inactive_accounts_deleted"] == 0


def test_logging_in_after_the_warning_keeps_the_account(learner):
    _last_seen(learner, NOW - timedelta(days=DAYS))
    purge_expired_data(now=NOW)
    User.objects.filter(pk=learner.pk).update(last_login=NOW + timedelta(days=3))
    report = purge_expired_data(now=NOW + timedelta(days=WARNING_DAYS + 1))
    assert report.counts["inactivity_warnings_cancelled"] == 1
    assert report.counts["inactive_accounts_deleted"] == 0
    learner.refresh_from_db()
    assert learner.inactivity_warning_sent_at is None


def test_studying_counts_as_using_the_platform(learner):
    _last_seen(learner, NOW - timedelta(days=DAYS + 100))
    LearnerProfile.objects.create(user=learner, last_activity_at=NOW - timedelta(days=10))
    report = purge_expired_data(now=NOW)
    assert report.counts["inactive_accounts_warned"] == 0


def test_nobody_is_deleted_before_five_years_after_the_project_ends(learner, retention):
    end = (NOW - timedelta(days=365)).date()
    retention.RETENTION_PROJECT_END = end
    _last_seen(learner, NOW - timedelta(days=DAYS + 500))
    assert purge_expired_data(now=NOW).counts["inactive_accounts_warned"] == 0

    opens = timezone.make_aware(datetime.combine(end, time.min)) + timedelta(days=DAYS)
    assert purge_expired_data(now=opens - timedelta(days=WARNING_DAYS + 1)).counts[
        "inactive_accounts_warned"] == 0
    warned_at = opens - timedelta(days=WARNING_DAYS - 1)
    assert purge_expired_data(now=warned_at).counts["inactive_accounts_warned"] == 1
    report = purge_expired_data(now=warned_at + timedelta(days=WARNING_DAYS))
    assert report.counts["inactive_accounts_deleted"] == 1


def test_the_inactivity_rule_can_be_switched_off(learner, retention):
    retention.RETENTION_INACTIVE_ACCOUNT_DAYS = 0
    _last_seen(learner, NOW - timedelta(days=20 * 365))
    report = purge_expired_data(now=NOW)
    assert report.counts["inactive_accounts_warned"] == 0
    assert User.objects.filter(pk=learner.pk).exists()


def _signed_up_without_confirming() -> User:
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    return user


def test_sign_ups_never_confirmed_are_deleted_after_thirty_days(db):
    old = _signed_up_without_confirming()
    recent = _signed_up_without_confirming()
    made_by_staff = UserFactory()
    EmailAddress.objects.filter(user=made_by_staff).delete()
    User.objects.filter(pk__in=[old.pk, made_by_staff.pk]).update(
        date_joined=NOW - timedelta(days=31))
    User.objects.filter(pk=recent.pk).update(date_joined=NOW - timedelta(days=10))

    report = purge_expired_data(now=NOW)
    assert report.counts["unverified_signups_deleted"] == 1
    assert set(User.objects.values_list("pk", flat=True)) >= {recent.pk, made_by_staff.pk}
    assert not User.objects.filter(pk=old.pk).exists()
    assert AccountDeletion.objects.get().reason == DeletionReason.UNVERIFIED


def _old_and_new_rows() -> None:
    for age in (400, 10):
        message = ContactMessage.objects.create(name="A", email="a@example.org", subject="S",
                                                message="M", language="en")
        ContactMessage.objects.filter(pk=message.pk).update(
            received_at=NOW - timedelta(days=age))
        mail_copy = OutboxMessage.objects.create(to="a@example.org", subject="S", body="B")
        OutboxMessage.objects.filter(pk=mail_copy.pk).update(sent_at=NOW - timedelta(days=age / 10))
        PersonalDataAccess.objects.create(actor_email="c@example.org", purpose="learner_list",
                                          path="/", at=NOW - timedelta(days=age * 2))


def test_old_messages_mail_copies_and_access_log_entries_expire(db):
    _old_and_new_rows()
    report = purge_expired_data(now=NOW)
    assert report.counts["contact_messages_deleted"] == 1
    assert report.counts["development_emails_deleted"] == 1
    assert report.counts["access_log_entries_deleted"] == 1
    assert ContactMessage.objects.count() == OutboxMessage.objects.count() == 1
    assert PersonalDataAccess.objects.count() == 1
    assert purge_expired_data(now=NOW).counts["contact_messages_deleted"] == 0


def test_a_dry_run_only_counts(learner):
    _old_and_new_rows()
    _last_seen(learner, NOW - timedelta(days=DAYS + 1))
    report = purge_expired_data(now=NOW, dry_run=True)
    assert report.counts["inactive_accounts_warned"] == 1
    assert report.counts["contact_messages_deleted"] == 1
    assert report.summary().startswith("Dry run, nothing changed:")
    assert ContactMessage.objects.count() == 2
    assert not mail.outbox
    learner.refresh_from_db()
    assert learner.inactivity_warning_sent_at is None


def test_the_command_and_the_task_apply_the_same_rules(learner):
    _old_and_new_rows()
    out = StringIO()
    call_command("purge_expired_data", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert "contact_messages_deleted=1" in out.getvalue()
    assert ContactMessage.objects.count() == 2
    call_command("purge_expired_data", stdout=out)
    assert ContactMessage.objects.count() == 1
    assert purge_expired_data_task.call()["contact_messages_deleted"] == 0


@pytest.mark.parametrize(("name", "value"), [("RETENTION_PROJECT_END", "31/08/2028"),
                                           ("RETENTION_INACTIVE_ACCOUNT_DAYS", "10"),
                                           ("RETENTION_ACCESS_LOG_DAYS", "-1")])
def test_a_bad_retention_setting_stops_start_up_with_a_clear_message(name, value):
    result = subprocess.run(
        [sys.executable, "-c", "import microcred.settings"], capture_output=True, text=True,
        env={**os.environ, name: value}, check=False)
    assert result.returncode != 0
    assert name in result.stderr


def test_the_project_end_is_read_as_a_date():
    result = subprocess.run(
        [sys.executable, "-c",
         "import microcred.settings as s; print(repr(s.RETENTION_PROJECT_END))"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "RETENTION_PROJECT_END": "2028-08-31"})
    assert result.stdout.strip() == repr(date(2028, 8, 31))
