from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from microcred.credentials import wallet_keys
from microcred.credentials.errors import CredentialError


class Command(BaseCommand):
    help = (
        "The X.509-certified ES256 key that signs SD-JWT VCs for EU Digital Identity "
        "Wallets (see docs/wallet-issuance.md). --self-signed: a new key with a demo chain "
        "(wallets do not trust it); --signing-request FILE: a new key waiting for its "
        "certificate, and its request (PEM) for a trust service provider; --install FILE: "
        "put the chain the provider returned (PEM, issuer certificate first) in use."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--self-signed", action="store_true")
        action.add_argument("--signing-request", metavar="FILE", type=Path)
        action.add_argument("--install", metavar="FILE", type=Path)

    def handle(
        self,
        *args: object,
        self_signed: bool = False,
        signing_request: Path | None = None,
        install: Path | None = None,
        **options: object,
    ) -> None:
        if signing_request is not None:
            signing_request.write_bytes(wallet_keys.create_signing_request())
            self.stdout.write(
                self.style.SUCCESS(
                    f"New key waiting for its certificate; signing request written to "
                    f"{signing_request}."
                )
            )
            return
        try:
            record = (
                wallet_keys.create_self_signed()
                if self_signed
                else wallet_keys.install_certificate(chain_pem=install.read_bytes())
            )
        except (CredentialError, OSError) as error:
            raise CommandError(str(error)) from None
        kind = "self-signed demo chain" if record.self_signed else "installed chain"
        self.stdout.write(
            self.style.SUCCESS(f"Key {record.public_jwk['kid']} in use with its {kind}.")
        )
