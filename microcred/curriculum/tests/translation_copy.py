"""A copy of the real course's first module, translations all current, for tests that change
content files."""

import shutil
from pathlib import Path

import yaml
from django.conf import settings

from microcred.curriculum.translation_status import record_course_sources

FIRST_MODULE = "01-devices-and-basics"


def copy_first_module(tmp_path: Path) -> Path:
    source = Path(settings.CURRICULUM_CONTENT_DIR)
    root = tmp_path / "curriculum"
    shutil.copytree(source / FIRST_MODULE, root / FIRST_MODULE)
    course = yaml.safe_load((source / "curriculum.yaml").read_text(encoding="utf-8"))
    course["modules"] = [FIRST_MODULE]
    (root / "curriculum.yaml").write_text(
        yaml.safe_dump(course, allow_unicode=True), encoding="utf-8"
    )
    # Start from translations that are all current, whatever the shipped sidecar says today.
    record_course_sources(root=root)
    return root


def first_lesson(root: Path, language: str) -> Path:
    return sorted((root / FIRST_MODULE / language).glob("*.md"))[0]
