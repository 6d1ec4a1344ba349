"""Course helpers for tests that are not about the Advisory Board's review."""

from microcred.curriculum.models import ModuleVersion, VersionState
from microcred.curriculum.services import publish_version


def publish_without_review(version: ModuleVersion) -> ModuleVersion:
    """Publish a draft as if the Board had approved it (review tests use the real workflow)."""
    ModuleVersion.objects.filter(pk=version.pk).update(state=VersionState.APPROVED)
    version.refresh_from_db()
    return publish_version(version=version, actor=None)
