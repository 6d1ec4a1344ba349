from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from microcred.curriculum.completeness import (
    STATUS_LABELS,
    course_completeness,
    module_check_findings,
)
from microcred.curriculum.languages import LanguageStatus


class Command(BaseCommand):
    help = (
        "Show, per module and language, whether the translation is complete, outdated (made from "
        "an older English text) or missing, how much of the text is translated, the lessons "
        "whose facts were last checked longer ago than CONTENT_REVIEW_MAX_AGE_DAYS, then what "
        "other apps check per module (item banks too small for a different test on each attempt)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", help="Only these languages.")
        parser.add_argument(
            "--details", action="store_true", help="List every outdated and missing unit."
        )

    def handle(self, *args, language: list[str] | None, details: bool, **options) -> None:
        outdated = STATUS_LABELS[LanguageStatus.OUTDATED]
        missing = STATUS_LABELS[LanguageStatus.MISSING]
        modules = course_completeness(language)
        for module in modules:
            cells = "  ".join(
                f"{row.language} {row.percent:>3}% {row.status_label}" for row in module.languages
            )
            self.stdout.write(f"{module.version!s:<10} {cells}")
            if details:
                for row in module.languages:
                    for unit in row.outdated_units:
                        self.stdout.write(f"    {row.language}: {unit}: {outdated}")
                    for unit in row.missing_units or row.missing:
                        self.stdout.write(f"    {row.language}: {unit}: {missing}")
            for lesson in module.stale_lessons:
                if lesson.reviewed is None:
                    status = _("facts never checked")
                else:
                    status = _("facts last checked on %(date)s") % {
                        "date": lesson.reviewed.isoformat()
                    }
                self.stdout.write(f"    {lesson.slug}: {status}")
        self._write_check_findings([module.version for module in modules])

    def _write_check_findings(self, versions) -> None:
        for section in module_check_findings(versions):
            self.stdout.write(str(section.title))
            for version, findings in section.findings:
                for finding in findings:
                    self.stdout.write(f"    {version!s:<10} {finding}")
            if not section.findings:
                self.stdout.write("    " + _("No problems."))
