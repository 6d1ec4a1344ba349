from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from microcred.curriculum.content_export import write_curriculum
from microcred.curriculum.models import Curriculum, ModuleVersion


class Command(BaseCommand):
    help = "Write the course back to content files: the latest version of every module."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--published",
            action="store_true",
            help="Export the published versions instead of the latest ones.",
        )

    def handle(self, *args, path: str, published: bool, **options) -> None:
        curriculum = Curriculum.objects.first()
        if curriculum is None:
            raise CommandError("There is no curriculum to export; import one first.")
        versions = []
        for module in curriculum.modules.order_by("order"):
            if published:
                version = module.published_version
            else:
                version = module.versions.order_by("-number").first()
            if version is not None:
                versions.append(ModuleVersion.objects.select_related("module").get(pk=version.pk))
        write_curriculum(Path(path), curriculum, versions)
        self.stdout.write(self.style.SUCCESS(f"Exported {len(versions)} module(s) to {path}."))
