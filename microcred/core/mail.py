"""Development e-mail backend: print to the console and keep a copy for /dev/mailbox/."""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.message import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


class DevMailboxBackend(ConsoleBackend):
    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        from microcred.core.models import OutboxMessage

        sent = super().send_messages(email_messages)
        for message in email_messages:
            html = ""
            if isinstance(message, EmailMultiAlternatives):
                html = next((c for c, mime in message.alternatives if mime == "text/html"), "")
            OutboxMessage.objects.create(
                to=", ".join(message.to),
                subject=message.subject,
                body=str(message.body),
                html_body=str(html),
            )
        return sent


def send_in_language(*, to: str, language: str, template: str, context: dict[str, object],
                     reply_to: Sequence[str] = ()) -> None:
    """E-mail `to` in their `language`: `template`_subject.txt and `template`_body.txt rendered
    with `context` (the subject on one line, whatever the template's line breaks)."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to],
                 reply_to=list(reply_to)).send()
