from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microcred.accounts.audit import record_access
from microcred.accounts.models import User
from microcred.accounts.privacy import export_bytes, export_personal_data
from microcred.accounts.roles import Role


class Command(BaseCommand):
    help = (
        "Write everything held about one person, the same JSON file as “Download my data”, for "
        "a subject access request that arrives by e-mail or letter (docs/privacy.md). The look "
        "is recorded in the staff access log under the administrator given with --by."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The e-mail address of the person's account.")
        parser.add_argument("--by", required=True,
                            help="Your e-mail address: a platform administrator's account.")
        parser.add_argument("--out", required=True, type=Path, help="The file to write.")

    def handle(self, *args: object, **options: object) -> None:
        admin = User.objects.filter(email__iexact=str(options["by"]).strip()).first()
        if admin is None or not admin.has_role(Role.ADMIN):
            raise CommandError("--by must be the e-mail address of a platform administrator.")
        person = User.objects.filter(email__iexact=str(options["email"]).strip()).first()
        if person is None:
            raise CommandError("No account has this e-mail address.")
        out = Path(str(options["out"]))
        out.write_bytes(export_bytes(export_personal_data(user=person)))
        record_access(actor=admin, learners=[person], purpose="subject_access_request",
                      path=f"manage.py export_personal_data {person.pk}")
        self.stdout.write(self.style.SUCCESS(f"Wrote the data of account {person.pk} to {out}."))
