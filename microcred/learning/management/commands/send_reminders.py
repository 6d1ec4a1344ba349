from django.core.management.base import BaseCommand
from django.db import transaction

from microcred.learning.services_reminders import enqueue_reminders


class Command(BaseCommand):
    help = ("Queue reminder e-mails for learners who asked for them and have not studied for a "
            "week. Run once a day; `manage.py db_worker` sends them.")

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            count = enqueue_reminders()
        self.stdout.write(self.style.SUCCESS(f"Queued {count} reminder(s)."))
