"""Development e-mail backend: print to the console and keep a copy for /dev/mailbox/."""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.message import EmailMessage, EmailMultiAlternatives


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
