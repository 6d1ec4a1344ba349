"""The public app's part of "Download my data", "Delete my account" and retention.

Contact messages carry an e-mail address typed into a public form, not a link to an account.
They belong to a person only when that address is one they proved they own (a verified address
of their account): otherwise anyone could add someone else's address and read their messages.
"""

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet

from microcred.accounts.models import User
from microcred.accounts.privacy import (
    register_not_exported,
    register_retention_rule,
    register_section,
)
from microcred.public.models import ContactMessage


def _messages_of(user: User) -> QuerySet[ContactMessage]:
    addresses = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    if not addresses:
        return ContactMessage.objects.none()
    matches = Q()
    for address in addresses:
        matches |= Q(email__iexact=address)
    return ContactMessage.objects.filter(matches)


def _contact_messages(user: User) -> list[dict[str, Any]]:
    return [
        {
            "received_at": m.received_at,
            "name": m.name,
            "email": m.email,
            "subject": m.subject,
            "message": m.message,
            "language": m.language,
            "country": m.country,
            "sent_to": m.partner.name if m.partner else "",
            "status": m.status,
            "answered_at": m.answered_at,
        }
        for m in _messages_of(user).select_related("partner").order_by("received_at")
    ]


def _delete_messages(*, user: User, now: datetime) -> dict[str, int]:
    return {"contact_messages_deleted": _messages_of(user).delete()[0]}


register_section("contact_messages", _contact_messages, erase=_delete_messages)
register_retention_rule(
    "contact_messages_deleted",
    setting="RETENTION_CONTACT_MESSAGE_DAYS",
    expired=lambda cutoff: ContactMessage.objects.filter(received_at__lt=cutoff),
)
register_not_exported(
    "public.ContactMessage.answered_by",
    "the staff member who answered a message from the contact form: a record of staff work on "
    "someone else's message, emptied when the staff member's account is deleted",
)
