"""How long importing the whole 13-module course takes (first import, then a no-op re-import).

Run: .venv/bin/python benchmarks/bench_curriculum_import.py   (SQLite in a temporary file)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
        os.environ["MICROCRED_VAR_DIR"] = scratch
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from microcred.curriculum.models import Lesson
        from microcred.curriculum.services import import_curriculum

        call_command("migrate", verbosity=0)
        first = []
        again = []
        for _ in range(3):
            Lesson.objects.all().delete()
            from microcred.curriculum.models import Module, ModuleVersion

            Module.objects.update(published_version=None)
            ModuleVersion.objects.all().delete()
            Module.objects.all().delete()
            start = time.perf_counter()
            report = import_curriculum(path=settings.CURRICULUM_CONTENT_DIR)
            first.append(time.perf_counter() - start)
            assert len(report.new_versions) == 13
            start = time.perf_counter()
            assert import_curriculum(path=settings.CURRICULUM_CONTENT_DIR).new_versions == []
            again.append(time.perf_counter() - start)
        lessons = Lesson.objects.count()
        print("| measurement | median of 3 |")
        print("| --- | ---: |")
        print(f"| first import of 13 modules ({lessons} lessons, validated and rendered) "
              f"| {statistics.median(first):.2f} s |")
        print(f"| re-import, nothing changed | {statistics.median(again):.2f} s |")


if __name__ == "__main__":
    main()
