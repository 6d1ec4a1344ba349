from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from microcred.assessment.banks import import_item_banks
from microcred.curriculum.content_files import ContentInvalid


class Command(BaseCommand):
    help = ("Import every module's items.yaml (item bank and exam blueprint). Only changed banks "
            "get a new version; nothing is imported if any file is invalid.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CURRICULUM_CONTENT_DIR))

    def handle(self, *args, path: str, **options) -> None:
        try:
            created = import_item_banks(path=Path(path))
        except ContentInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(invalid.errors)} problem(s); nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(f"{len(created)} item bank(s) imported."))
