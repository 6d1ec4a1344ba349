from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from microcred.credentials import oid4vci
from microcred.credentials.errors import CredentialError
from microcred.credentials.models import IssuedCredential


class Command(BaseCommand):
    help = (
        "Print a fresh OpenID4VCI credential offer (openid-credential-offer://...) for an "
        "issued credential, for support staff and tests. It works once, for "
        f"{int(oid4vci.OFFER_LIFETIME.total_seconds()) // 60} minutes; with --tx-code the "
        "learner gets a code by e-mail that the wallet asks for."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--credential",
            required=True,
            metavar="ID",
            help="The credential's id (the UUID in its urn:uuid: id).",
        )
        parser.add_argument("--tx-code", action="store_true")

    def handle(
        self, *args: object, credential: str, tx_code: bool = False, **options: object
    ) -> None:
        try:
            record = (
                IssuedCredential.objects.select_related("spec", "learner")
                .filter(pk=credential.removeprefix("urn:uuid:"))
                .first()
            )
        except ValidationError:
            record = None
        if record is None:
            raise CommandError(f"No issued credential has the id {credential!r}.")
        try:
            new = oid4vci.create_offer(credential=record, actor=None, with_tx_code=tx_code)
        except CredentialError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(new.uri)
        if new.tx_code is not None:
            self.stderr.write(f"Transaction code e-mailed to {record.learner.email}.")
