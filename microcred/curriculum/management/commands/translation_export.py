from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.translation_xliff import TranslationImportError, export_xliff


class Command(BaseCommand):
    help = (
        "Export the course (or some modules) for translators as XLIFF 2.0 for one target "
        "language: English source, current translation, and the English fingerprint of each unit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help="Target language, e.g. el.")
        parser.add_argument("--module", action="append", help="Only this module (e.g. M01).")
        parser.add_argument("-o", "--output", required=True, help="The .xlf file to write.")
        parser.add_argument("--content", default=str(settings.CURRICULUM_CONTENT_DIR))

    def handle(self, *args, language: str, module, output: str, content: str, **options) -> None:
        try:
            data = export_xliff(root=Path(content), language=language, modules=module)
        except (ContentInvalid, TranslationImportError) as problem:
            raise CommandError(str(problem)) from None
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(_("Wrote %(path)s.") % {"path": output}))
