from django.core.management.base import BaseCommand, CommandError

from microcred.demo.synthetic import (
    SYNTHETIC_DOMAIN,
    SyntheticDataError,
    delete_synthetic_data,
    generate_synthetic_data,
)


class Command(BaseCommand):
    help = (
        "Add synthetic learners across the partner organisations, with profiles, module and "
        "lesson progress, module tests, credentials and cohort places, for scale tests and "
        f"benchmarks (e-mail addresses at {SYNTHETIC_DOMAIN}; they cannot log in). Needs the "
        "partners and the published course (`manage.py load_demo`). Uses set-based SQL on "
        "PostgreSQL; keep numbers small on SQLite. Remove everything again with --delete. "
        "Run `manage.py refresh_kpis` afterwards to update the KPI dashboard."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=1000,
                            help="How many learners to add (default 1000).")
        parser.add_argument("--progress", type=int, default=None,
                            help="About how many module and lesson progress records in all "
                                 "(default 20 per learner).")
        parser.add_argument("--months", type=int, default=24,
                            help="Learners join over this many past months (default 24).")
        parser.add_argument("--seed", type=int, default=42, help="Random seed (default 42).")
        parser.add_argument("--delete", action="store_true",
                            help="Remove every synthetic learner and what belongs to them.")

    def handle(self, *args: object, **options: object) -> None:
        if options["delete"]:
            removed = delete_synthetic_data()
            self.stdout.write(self.style.SUCCESS(f"Removed {removed} synthetic learners."))
            return
        try:
            result = generate_synthetic_data(
                learners=options["learners"], progress=options["progress"],
                months=options["months"], seed=options["seed"])
        except SyntheticDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Added {result.learners} synthetic learners: {result.module_progress} module and "
            f"{result.lesson_progress} lesson progress records, {result.attempts} tests, "
            f"{result.credentials} credentials, {result.cohort_places} cohort places "
            f"in {result.seconds:.1f} s."))
