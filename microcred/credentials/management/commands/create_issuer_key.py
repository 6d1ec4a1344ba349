from django.core.management.base import BaseCommand

from microcred.credentials.issuer import consortium_did, create_key


class Command(BaseCommand):
    help = ("Create a new Ed25519 signing key for the issuer DID (key rotation: the previous key "
            "is retired but stays in the DID document, so what it signed keeps verifying).")

    def handle(self, *args: object, **options: object) -> None:
        key = create_key()
        self.stdout.write(self.style.SUCCESS(f"New signing key {key.verification_method} for "
                                             f"{consortium_did()}; private key stored encrypted."))
