from django.core.management.base import BaseCommand, CommandError

from microcred.accounts.models import PartnerOrganisation
from microcred.credentials.errors import IssuerNotReady
from microcred.credentials.issuer import create_key, issuer_did


class Command(BaseCommand):
    help = ("Create a new Ed25519 signing key for the consortium's DID, or a partner's with "
            "--partner (key rotation: the previous key is retired but stays in the DID document, "
            "so what it signed keeps verifying).")

    def add_arguments(self, parser):
        parser.add_argument("--partner", metavar="SHORT_NAME",
                            help="The partner's short name, for a partner that signs its own "
                                 "credentials.")

    def handle(self, *args: object, partner: str | None = None, **options: object) -> None:
        organisation = None
        if partner:
            organisation = PartnerOrganisation.objects.filter(slug=partner).first()
            if organisation is None:
                raise CommandError(f"No partner organisation has the short name {partner!r}.")
        controller = issuer_did(organisation)
        try:
            key = create_key(controller=controller)
        except IssuerNotReady as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"New signing key {key.verification_method} for "
                                             f"{controller}; private key stored encrypted."))
