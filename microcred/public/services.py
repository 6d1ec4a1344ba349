from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from microcred.public.models import ContactMessage


@transaction.atomic
def submit_contact_message(
    *, name: str, email: str, subject: str, message: str, language: str
) -> ContactMessage:
    """Store the message, then e-mail it to the project once the row is committed."""
    contact = ContactMessage.objects.create(
        name=name, email=email, subject=subject, message=message, language=language
    )
    transaction.on_commit(lambda: _forward(contact))
    return contact


def _forward(contact: ContactMessage) -> None:
    send_mail(
        subject=_("Contact form: %(subject)s") % {"subject": contact.subject},
        message=f"{contact.name} <{contact.email}> ({contact.language})\n\n{contact.message}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.CONTACT_EMAIL],
        fail_silently=True,  # the message is stored; staff also read it in the admin
    )
