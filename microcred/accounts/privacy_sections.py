"""The accounts app's parts of the data export and retention: registered on import, from
AccountsConfig.ready().

The account itself, consents, e-mail addresses, two-step verification (type and dates, never the
secret), signed-in sessions, and which staff members looked at the person's data (Art. 15(1)(c):
people have a right to know who received their data).
"""

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from microcred.accounts.audit import accesses_about
from microcred.accounts.models import PersonalDataAccess, User
from microcred.accounts.privacy import (
    register_not_exported,
    register_retention_rule,
    register_section,
)
from microcred.accounts.sessions import sessions_by_user
from microcred.core.models import OutboxMessage

DELETED_ACCOUNT = "[deleted account]"


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "partner_organisation": user.partner.name if user.partner else None,
        "preferred_language": user.preferred_language,
        "roles": sorted(user.roles),
        "has_a_password": user.has_usable_password(),
        "active": user.is_active,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "warned_about_deletion_for_inactivity_at": user.inactivity_warning_sent_at,
    }


def _consents(user: User) -> list[dict[str, Any]]:
    return [
        {"text_version": c.version, "given_at": c.given_at, "withdrawn_at": c.withdrawn_at}
        for c in user.consents.order_by("given_at")
    ]


def _email_addresses(user: User) -> list[dict[str, Any]]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _two_step_verification(user: User) -> list[dict[str, Any]]:
    # Never `data`: it holds the TOTP secret and the recovery-code seed.
    return [
        {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def _sessions(user: User) -> list[dict[str, Any]]:
    found = sessions_by_user({user.pk}, now=timezone.now()).get(user.pk, [])
    return [{"signed_in_until": s.expire_date} for s in sorted(found, key=lambda s: s.expire_date)]


def _admin_entries_about(user: User):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    )


def _staff_access(user: User) -> dict[str, list[dict[str, Any]]]:
    return {
        "pages_and_exports_that_showed_your_data": [
            {"at": a.at, "staff_member": a.actor_email, "what": a.purpose, "address": a.path}
            for a in accesses_about(user.pk)
        ],
        "changes_to_your_account_in_the_administration_site": [
            {
                "at": entry.action_time,
                "staff_member": entry.user.email,
                "action": entry.get_action_flag_display(),
                "changes": entry.get_change_message(),
            }
            for entry in _admin_entries_about(user).select_related("user").order_by("action_time")
        ],
    }


def _anonymise_admin_entries(*, user: User, now: datetime) -> dict[str, int]:
    """The admin's history keeps who changed which field and when, not whose account it was."""
    return {"admin_log_entries_anonymised": _admin_entries_about(user).update(
        object_repr=DELETED_ACCOUNT)}


register_section("account", _account)
register_section("consents", _consents, covers=("accounts.ConsentRecord.user",))
register_section("email_addresses", _email_addresses, covers=("account.EmailAddress.user",))
register_section(
    "two_step_verification", _two_step_verification, covers=("mfa.Authenticator.user",)
)
register_section("signed_in_sessions", _sessions)
register_section("staff_access_to_your_data", _staff_access, erase=_anonymise_admin_entries)
# Reasons are for developers and auditors reading the code, not shown to users.
register_not_exported(
    "accounts.PersonalDataAccess.actor",
    "a staff member's log of looking at learners names those learners; each learner sees "
    "the entries about them in their own export (staff_access_to_your_data)",
)
register_not_exported(
    "admin.LogEntry.user",
    "changes a staff member made in the administration site concern other people's "
    "records; each person sees the changes to their own account in their export",
)
register_retention_rule(
    "access_log_entries_deleted",
    setting="RETENTION_ACCESS_LOG_DAYS",
    expired=lambda cutoff: PersonalDataAccess.objects.filter(at__lt=cutoff),
)
register_retention_rule(
    "development_emails_deleted",
    setting="RETENTION_DEV_MAILBOX_DAYS",
    expired=lambda cutoff: OutboxMessage.objects.filter(sent_at__lt=cutoff),
)
