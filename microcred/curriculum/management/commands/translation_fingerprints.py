from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.translation_status import record_course_sources


class Command(BaseCommand):
    help = (
        "Record in each module's translations.yaml that the present translations were made from "
        "today's English text and have been checked (marks them current). Run it once for "
        "content translated before the workflow, or for the units a second reader has checked."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CURRICULUM_CONTENT_DIR))
        parser.add_argument("--module", action="append", help="Only this module (e.g. M01).")
        parser.add_argument("--language", action="append", help="Only this language (e.g. el).")
        parser.add_argument("--unit", action="append", help="Only this unit (e.g. M01-Q03).")

    def handle(self, *args, path: str, module, language, unit, **options) -> None:
        try:
            written = record_course_sources(
                root=Path(path), modules=module, languages=language, unit_ids=unit
            )
        except ContentInvalid as invalid:
            raise CommandError(str(invalid)) from None
        self.stdout.write(
            self.style.SUCCESS(_("%(count)d translation(s) marked current.") % {"count": written})
        )
