"""Course helpers for tests that are not about the Advisory Board's review."""

from pathlib import Path

import yaml
from django.conf import settings

from microcred.credentials.services import sync_specs
from microcred.curriculum import lifecycle
from microcred.curriculum.models import Module, ModuleVersion, VersionState
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum


def publish_without_review(version: ModuleVersion) -> ModuleVersion:
    """Publish a draft as if the Board had approved it in every complete language (review tests
    use the real workflow). The steps are the lifecycle's own, acted by the platform."""
    version.refresh_from_db()
    if version.state == VersionState.DRAFT:
        version, _replaced = lifecycle.submit(version=version, actor=None)
    lifecycle.approve(version=version, languages=list(version.languages or {}), actor=None)
    published, _replaced = lifecycle.publish(version=version, actor=None)
    return published


def build_small_course(root: Path, modules: int = 2) -> list[Module]:
    """`modules` published modules (M01, M02, ...) of two lessons in English and Polish, one
    outcome, a two-question test and a credential specification each, under a course credential.

    A fraction of a second, where the real 13-module course takes seconds: for tests that need
    some course, not the real one. Read titles from the modules, never from content/.
    """
    import_curriculum(path=write_curriculum(root, modules, items=True))
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    sync_specs()
    return list(Module.objects.select_related("published_version").order_by("order"))


def build_real_modules(root: Path, folders: list[str]) -> list[Module]:
    """Only `folders` of the real course (its texts, items and media in all seven languages),
    published as `publish_without_review` does: for browser tests about one module's pages in
    several languages, a fraction of the whole course's import and review.

    Folders are linked, not copied, and keep their names, so lesson media are served from
    content/ as usual. Tests about the real course as a whole (13 modules, the Board's review,
    the course credential) use `real_course`.
    """
    content = Path(settings.CURRICULUM_CONTENT_DIR)
    course = yaml.safe_load((content / "curriculum.yaml").read_text(encoding="utf-8"))
    course["modules"] = folders
    (root / "curriculum.yaml").write_text(
        yaml.safe_dump(course, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for folder in folders:
        (root / folder).symlink_to(content / folder, target_is_directory=True)
    import_curriculum(path=root)
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    sync_specs()
    return list(Module.objects.select_related("published_version").order_by("order"))
