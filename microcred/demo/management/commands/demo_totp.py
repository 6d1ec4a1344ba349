import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from microcred.demo.data import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-step verification code of the demo staff accounts."

    def handle(self, *args: object, **options: object) -> None:
        counter = int(time.time()) // 30
        seconds_left = 30 - int(time.time()) % 30
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
        self.stdout.write(f"{code}  (valid for about {seconds_left} more seconds)")
