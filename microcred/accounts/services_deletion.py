"""Deleting an account (GDPR Art. 17): one transaction, the same path for every reason.

The person asking, the retention purge and a platform administrator all call `delete_account`.
It deletes the user row and everything that hangs on it (profile, progress, consents, e-mail
addresses, authenticators, cohort places, feedback, sessions, contact messages sent from their
verified addresses, development copies of e-mails to them). What stays, and why:

- issued credentials: the signed document, its status-list bit and the record needed to revoke
  it, because anyone holding a copy must still be able to check it (the link to the person is
  cleared; public share links are switched off);
- finished tests, without the person, for the item statistics that keep the exam fair;
- the staff access log (staff e-mail and learner ids only) and one AccountDeletion entry with
  counts, no personal data.

Each app's part runs from its registered `erase` hook (microcred/accounts/privacy.py).
"""

from datetime import datetime

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts import privacy
from microcred.accounts.models import AccountDeletion, DeletionReason, User
from microcred.accounts.sessions import delete_sessions, sessions_by_user
from microcred.core.models import OutboxMessage


class AccountDeletionRefused(Exception):
    """The account cannot be deleted this way; the message says why and what to do."""


@transaction.atomic
def delete_account(
    *,
    user: User,
    reason: DeletionReason,
    now: datetime | None = None,
    sessions: list[Session] | None = None,
) -> AccountDeletion:
    """Erase the person; `sessions` may be passed by a caller that looked them up in bulk."""
    now = now or timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    details: dict[str, int] = {}
    for section in privacy.sections():
        if section.erase is not None:
            for key, count in section.erase(user=user, now=now).items():
                details[key] = details.get(key, 0) + count
    if sessions is None:
        sessions = sessions_by_user({user.pk}, now=now).get(user.pk, [])
    details["sessions_ended"] = delete_sessions(sessions)
    details["development_emails_deleted"] = _delete_development_mail(user)
    try:
        user.delete()
    except (ProtectedError, RestrictedError) as error:
        # Advisory Board decisions and comments are a permanent record (review app); their
        # author's account can only be closed by an administrator, who can deactivate it.
        raise AccountDeletionRefused(
            _("This account is part of a record that must be kept (for example Advisory Board "
              "decisions). Please ask a platform administrator to close it.")
        ) from error
    return AccountDeletion.objects.create(
        at=now,
        reason=reason,
        credentials_kept=details.pop("credentials_kept", 0),
        details=details,
    )


def delete_own_account(
    *, user: User, confirmation: str, now: datetime | None = None
) -> AccountDeletion:
    """A learner deletes their account, after typing their e-mail address to confirm."""
    if user.is_staff_member:
        raise AccountDeletionRefused(
            _("Staff accounts cannot be deleted here. Please ask a platform administrator.")
        )
    if confirmation.strip().lower() != user.email.lower():
        raise AccountDeletionRefused(
            _("This is not the e-mail address of your account. Nothing has been deleted.")
        )
    return delete_account(user=user, reason=DeletionReason.SELF, now=now)


def _delete_development_mail(user: User) -> int:
    """Copies kept by the development mailbox (empty in production)."""
    address = user.email.lower()
    ids = [
        message.pk
        for message in OutboxMessage.objects.filter(to__icontains=address).only("to")
        if address in {part.strip().lower() for part in message.to.split(",")}
    ]
    return OutboxMessage.objects.filter(pk__in=ids).delete()[0]
