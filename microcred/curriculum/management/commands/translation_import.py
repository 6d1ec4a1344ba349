from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.translation_xliff import TranslationImportError, import_xliff


class Command(BaseCommand):
    help = (
        "Import a translated XLIFF 2.0 file into the content files: only changed texts are "
        "written, and their units are marked as needing review. A file made from an older "
        "English text is refused unless --accept-outdated. Then run import_curriculum."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The translated .xlf file.")
        parser.add_argument(
            "--accept-outdated",
            action="store_true",
            help="Import units whose English changed since the export (they stay outdated).",
        )
        parser.add_argument("--content", default=str(settings.CURRICULUM_CONTENT_DIR))

    def handle(self, *args, file: str, accept_outdated: bool, content: str, **options) -> None:
        try:
            report = import_xliff(
                root=Path(content),
                data=Path(file).read_bytes(),
                accept_outdated=accept_outdated,
            )
        except (ContentInvalid, TranslationImportError, OSError) as problem:
            raise CommandError(str(problem)) from None
        for unit in report.changed:
            self.stdout.write(f"  changed: {unit}")
        for unit in report.outdated_accepted:
            self.stdout.write(f"  accepted although its English changed: {unit}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
