"""One module writes a version's state, and every move it makes is on record."""

import re
from pathlib import Path

import pytest

from microcred.curriculum import lifecycle
from microcred.curriculum.models import ModuleVersion, VersionState
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum

APP_ROOT = Path(__file__).resolve().parents[2]
# Writes of the lifecycle's fields: attribute assignment, queryset update, a language's flag.
WRITES = re.compile(
    r"\.state\s*=(?!=)|\.update\([^)]*\bstate=|\bpublished_version(_id)?\s*=(?!=)"
    r"|\bversion\.published_at\s*=(?!=)|\[\"approved\"\]\s*=(?!=)"
)


def test_nothing_but_the_lifecycle_writes_a_versions_state():
    offenders = []
    for path in APP_ROOT.rglob("*.py"):
        relative = path.relative_to(APP_ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative.endswith(
            "curriculum/lifecycle.py"
        ):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITES.search(line) and "models.OneToOneField" not in line:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_the_curriculum_admin_does_not_call_back_into_review():
    assert "microcred.review" not in (APP_ROOT / "curriculum" / "admin.py").read_text()


@pytest.mark.django_db
def test_every_move_says_who_when_and_why(tmp_path, content_manager):
    import_curriculum(path=write_curriculum(tmp_path))
    version = ModuleVersion.objects.get(module__code="M01")
    version, _replaced = lifecycle.submit(version=version, actor=None, note="First version")
    lifecycle.approve(version=version, languages=["pl", "el"], actor=None)
    lifecycle.publish(version=version, actor=content_manager, note="Spring cohort")
    lifecycle.withdraw(version=version, actor=content_manager, reason="Outdated screenshot")
    moves = [(t.was, t.now, t.actor, t.reason) for t in version.transitions.order_by("id")]
    assert moves == [
        (VersionState.DRAFT, VersionState.IN_REVIEW, None, "First version"),
        (VersionState.IN_REVIEW, VersionState.APPROVED, None, ""),
        (VersionState.APPROVED, VersionState.PUBLISHED, content_manager, "Spring cohort"),
        (VersionState.PUBLISHED, VersionState.WITHDRAWN, content_manager, "Outdated screenshot"),
    ]
    approval = version.transitions.get(now=VersionState.APPROVED)
    assert approval.details == {"languages": ["en", "pl"]}  # Greek is missing: never approved
    version.refresh_from_db()
    assert version.module.published_version is None
    assert not any(state["approved"] for state in version.languages.values())


@pytest.mark.django_db
def test_a_reviewer_cannot_publish_even_through_the_lifecycle(tmp_path, reviewer):
    import_curriculum(path=write_curriculum(tmp_path))
    version = ModuleVersion.objects.get(module__code="M01")
    version, _replaced = lifecycle.submit(version=version, actor=None)
    lifecycle.approve(version=version, languages=[], actor=None)
    with pytest.raises(lifecycle.LifecycleError, match="Only content managers"):
        lifecycle.publish(version=version, actor=reviewer)
    version.refresh_from_db()
    assert version.state == VersionState.APPROVED
