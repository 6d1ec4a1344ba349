from pathlib import Path

from django.core.management.base import BaseCommand

from microcred.credentials.exporting import export_all


class Command(BaseCommand):
    help = ("Write every issued credential (Open Badges 3.0 or ELM/Europass), the status lists "
            "and the DID document as files, for auditors, backups and migration.")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Folder to write into.")
        parser.add_argument("--format", choices=["ob3", "elm"], default="ob3")

    def handle(self, *args, out: str, format: str, **options) -> None:
        counts = export_all(Path(out), fmt=format)
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {counts['credentials']} credential(s) and {counts['status_lists']} status "
            f"list(s) to {out}" + (f"; {counts['skipped']} without an account skipped"
                                   if counts["skipped"] else "") + "."))
