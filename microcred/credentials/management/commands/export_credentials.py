from pathlib import Path

from django.core.management.base import BaseCommand

from microcred.credentials.exporting import export_all


class Command(BaseCommand):
    help = ("Write every issued credential (Open Badges 3.0 or ELM/Europass), the status lists "
            "and the DID documents as files, for auditors, backups and migration. A record that "
            "cannot be exported is reported and skipped.")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Folder to write into.")
        parser.add_argument("--format", choices=["ob3", "elm"], default="ob3")

    def handle(self, *args, out: str, format: str, **options) -> None:
        result = export_all(Path(out), fmt=format)
        for problem in result.problems:
            self.stderr.write(f"Skipped {problem}")
        notes = []
        if result.problems:
            notes.append(f"skipped {len(result.problems)} (listed above)")
        if result.placeholders:
            notes.append(f"left out {result.placeholders} placeholder record(s) that hold no "
                         "signed credential (synthetic demo data)")
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {result.credentials} credential(s) and {result.status_lists} status "
            f"list(s) to {out}" + "".join(f"; {note}" for note in notes) + "."))
