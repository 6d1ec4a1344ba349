from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.services import import_curriculum


class Command(BaseCommand):
    help = (
        "Import course content files (docs/content-format.md). Safe to repeat: only modules "
        "whose content changed get a new draft version; nothing is imported if any file is "
        "invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CURRICULUM_CONTENT_DIR))

    def handle(self, *args, path: str, **options) -> None:
        try:
            report = import_curriculum(path=Path(path))
        except ContentInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(invalid.errors)} problem(s) found; nothing was imported."
            ) from None
        for version in report.new_versions:
            self.stdout.write(f"  new draft: {version}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
