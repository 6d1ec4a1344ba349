from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.public.languages import partner_for_country
from microcred.public.models import ContactMessage, ContactStatus


@transaction.atomic
def submit_contact_message(
    *, name: str, email: str, subject: str, message: str, language: str, country: str = ""
) -> ContactMessage:
    """Store the message for the partner of the sender's country (the consortium when no
    partner works there), then e-mail it to them once the row is committed."""
    contact = ContactMessage.objects.create(
        name=name,
        email=email,
        subject=subject,
        message=message,
        language=language,
        country=country,
        partner=partner_for_country(country, language) if country else None,
    )
    transaction.on_commit(lambda: _forward(contact))
    return contact


def _forward(contact: ContactMessage) -> None:
    partner = contact.partner
    recipient = (partner.contact_email if partner else "") or settings.CONTACT_EMAIL
    # The partner's staff read the notice in their own language; the message stays as written.
    with translation.override(partner.default_language if partner else settings.LANGUAGE_CODE):
        subject = _("Contact form: %(subject)s") % {"subject": contact.subject}
        intro = _("A message for you from the contact form (written in %(language)s):") % {
            "language": contact.language.upper()
        }
        link = _("Answer it, then mark it answered, on the staff page: %(url)s") % {
            "url": settings.SITE_URL + reverse("public:staff_message", args=[contact.pk])
        }
    EmailMessage(
        subject=subject,
        body=f"{intro}\n\n{contact.name} <{contact.email}>\n\n{contact.message}\n\n{link}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        reply_to=[contact.email],  # "Reply" in the partner's mail program answers the sender
    ).send(fail_silently=True)  # the message is stored; staff also read it on the staff pages


@transaction.atomic
def set_contact_status(*, message: ContactMessage, status: str, actor: User) -> ContactMessage:
    """Record the new status; "answered" records who answered and when, "new" forgets it."""
    message = ContactMessage.objects.select_for_update().get(pk=message.pk)
    if status not in ContactStatus.values:
        raise ValueError(status)
    if status == ContactStatus.ANSWERED and message.status != ContactStatus.ANSWERED:
        message.answered_by, message.answered_at = actor, timezone.now()
    elif status == ContactStatus.NEW:
        message.answered_by, message.answered_at = None, None
    message.status = status
    message.save(update_fields=["status", "answered_by", "answered_at"])
    return message
