"""Retention: delete what we no longer need, once a day (`manage.py purge_expired_data`).

Rules, each a number of days from settings (0 switches it off; see docs/privacy.md):
- learner accounts nobody used for RETENTION_INACTIVE_ACCOUNT_DAYS: the person is e-mailed 30
  days ahead, and the account is deleted through the same service as "Delete my account" only
  when they still have not come back (logging in again cancels it);
- sign-ups whose e-mail address was never confirmed, after RETENTION_UNVERIFIED_SIGNUP_DAYS;
- rows that expire by age, registered by their apps (contact messages, development mailbox,
  staff access log), and sessions past their expiry date.

Idempotent: a second run the same day finds nothing new. `dry_run` only counts. Time comes in as
`now`, so tests travel in time without patching the clock.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from microcred.accounts import privacy
from microcred.accounts.models import DeletionReason, User
from microcred.accounts.selectors import list_learners
from microcred.accounts.services_deletion import AccountDeletionRefused, delete_account
from microcred.accounts.sessions import DATABASE_ENGINES, sessions_by_user
from microcred.core.mail import send_in_language

logger = logging.getLogger(__name__)

WARNING_DAYS = 30


@dataclass
class PurgeReport:
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{name}={count}" for name, count in self.counts.items())
        return f"{'Dry run, nothing changed: ' if self.dry_run else ''}{counts}"


def purge_expired_data(*, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    now = now or timezone.now()
    report = PurgeReport(dry_run=dry_run)
    _inactive_accounts(now, report)
    report.counts["unverified_signups_deleted"] = _delete_accounts(
        _unverified_signups(now), DeletionReason.UNVERIFIED, now, report)
    for rule in privacy.retention_rules():
        days = getattr(settings, rule.setting)
        rows = rule.expired(now - timedelta(days=days)) if days else None
        report.counts[rule.name] = _count_or_delete(rows, dry_run)
    if settings.SESSION_ENGINE in DATABASE_ENGINES:
        report.counts["expired_sessions"] = _count_or_delete(
            Session.objects.filter(expire_date__lt=now), dry_run)
    return report


def not_seen_since(moment: datetime) -> QuerySet[User]:
    """Learner accounts with no log-in, sign-up or registered activity at or after `moment`."""
    users = list_learners().exclude(Q(last_login__gte=moment) | Q(date_joined__gte=moment))
    for active_since in privacy.activity_sources():
        users = users.exclude(pk__in=active_since(moment))
    return users


def _deletion_opens(now: datetime) -> datetime | None:
    """From when inactive accounts may go: never with the rule off, else after the project."""
    days = settings.RETENTION_INACTIVE_ACCOUNT_DAYS
    if not days:
        return None
    end = settings.RETENTION_PROJECT_END
    if end is None:
        return now - timedelta(days=days)  # already open: only the inactivity counts
    return timezone.make_aware(datetime.combine(end, time.min)) + timedelta(days=days)


def _inactive_accounts(now: datetime, report: PurgeReport) -> None:
    days = settings.RETENTION_INACTIVE_ACCOUNT_DAYS
    opens = _deletion_opens(now)
    report.counts["inactivity_warnings_cancelled"] = _clear_warnings_of_returning(
        report.dry_run)
    if opens is None:
        report.counts.update(inactive_accounts_deleted=0, inactive_accounts_warned=0)
        return
    due = not_seen_since(now - timedelta(days=days)).filter(
        inactivity_warning_sent_at__lte=now - timedelta(days=WARNING_DAYS))
    report.counts["inactive_accounts_deleted"] = _delete_accounts(
        due if now >= opens else User.objects.none(), DeletionReason.INACTIVE, now, report)
    to_warn = not_seen_since(now - timedelta(days=days - WARNING_DAYS)).filter(
        inactivity_warning_sent_at__isnull=True)
    if now < opens - timedelta(days=WARNING_DAYS):
        to_warn = User.objects.none()
    report.counts["inactive_accounts_warned"] = (
        to_warn.count() if report.dry_run else _warn(list(to_warn), now))


def _clear_warnings_of_returning(dry_run: bool) -> int:
    """People who came back after our warning keep their account: forget the warning."""
    back = [
        user.pk
        for user in User.objects.filter(inactivity_warning_sent_at__isnull=False)
        if not not_seen_since(user.inactivity_warning_sent_at).filter(pk=user.pk).exists()
    ]
    if not dry_run:
        User.objects.filter(pk__in=back).update(inactivity_warning_sent_at=None)
    return len(back)


def _warn(users: list[User], now: datetime) -> int:
    sent = 0
    for user in users:
        try:
            _send_warning(user, deletion_on=now + timedelta(days=WARNING_DAYS))
        except Exception:  # one bad address must not stop the others; retried tomorrow
            logger.exception("inactivity warning to user %s failed", user.pk)
            continue
        User.objects.filter(pk=user.pk).update(inactivity_warning_sent_at=now)
        sent += 1
    return sent


def _send_warning(user: User, *, deletion_on: datetime) -> None:
    send_in_language(to=user.email, language=user.preferred_language,
                     template="accounts/email/inactivity_warning",
                     context={
                         "user": user,
                         "deletion_on": deletion_on,
                         "login_url": settings.SITE_URL + reverse("account_login"),
                         "data_url": settings.SITE_URL + reverse("accounts:data"),
                     })


def _unverified_signups(now: datetime) -> QuerySet[User]:
    days = settings.RETENTION_UNVERIFIED_SIGNUP_DAYS
    if not days:
        return User.objects.none()
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    # Accounts made by staff have no address rows at all: they are not sign-ups.
    return list_learners().filter(
        Exists(addresses), ~Exists(addresses.filter(verified=True)),
        last_login__isnull=True, date_joined__lt=now - timedelta(days=days))


def _delete_accounts(users: QuerySet[User], reason: DeletionReason, now: datetime,
                     report: PurgeReport) -> int:
    if report.dry_run:
        return users.count()
    ids = list(users.values_list("pk", flat=True))
    sessions = sessions_by_user(set(ids), now=now)
    deleted = 0
    for user in User.objects.filter(pk__in=ids):
        try:
            delete_account(user=user, reason=reason, now=now, sessions=sessions.get(user.pk, []))
        except AccountDeletionRefused:
            report.counts["accounts_kept_for_records"] = report.counts.get(
                "accounts_kept_for_records", 0) + 1
            continue
        deleted += 1
    return deleted


@transaction.atomic
def _count_or_delete(rows: QuerySet | None, dry_run: bool) -> int:
    if rows is None:
        return 0
    if dry_run:
        return rows.count()
    return rows.delete()[1].get(rows.model._meta.label, 0)
