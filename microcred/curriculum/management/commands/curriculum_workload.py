from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from microcred.curriculum.content_files import ContentInvalid, read_curriculum
from microcred.curriculum.workload import workload_table


class Command(BaseCommand):
    help = (
        "Count every module's notional workload from the content files and print the sum as "
        "the table in docs/workload.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CURRICULUM_CONTENT_DIR))

    def handle(self, *args, path: str, **options) -> None:
        try:
            course = read_curriculum(Path(path))
        except ContentInvalid as invalid:
            raise CommandError(str(invalid)) from None
        self.stdout.write(workload_table([(m.code, m.workload) for m in course.modules]))
