"""Course, progress and result helpers for the coordinators' pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from microcred.assessment.models import Attempt, ItemBank
from microcred.credentials.models import CredentialSpec, IssuedCredential, StatusList
from microcred.curriculum.models import Module, ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress
from microcred.testing.course import publish_without_review

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def course(tmp_path, db):
    """Two published modules (M01, M02) of two lessons each."""
    import_curriculum(path=write_curriculum(tmp_path))
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    return list(Module.objects.order_by("order"))


def last_active(learner, *, days_ago: int) -> LearnerProfile:
    profile, _created = LearnerProfile.objects.update_or_create(
        user=learner, defaults={"last_activity_at": timezone.now() - timedelta(days=days_ago)})
    return profile


def complete_module(learner, module: Module, *, lessons: int | None = None) -> ModuleProgress:
    """Finish `lessons` lessons of the module (all of them by default)."""
    version = module.published_version
    all_lessons = list(version.lessons.order_by("order"))
    done = all_lessons if lessons is None else all_lessons[:lessons]
    for lesson in done:
        LessonProgress.objects.create(learner=learner, lesson=lesson,
                                      completed_at=timezone.now())
    return ModuleProgress.objects.create(
        learner=learner, module=module, version=version,
        completed_at=timezone.now() if len(done) == len(all_lessons) else None)


def take_test(learner, module: Module, *, percent: int, number: int = 1) -> Attempt:
    bank, _created = ItemBank.objects.get_or_create(
        module=module, number=1, defaults={"fingerprint": "test", "source": ""})
    return Attempt.objects.create(
        learner=learner, module=module, module_version=module.published_version, bank=bank,
        number=number, seed=number, form={}, language="en", submitted_at=timezone.now(),
        percent=Decimal(percent), passed=percent >= 70)


def issue(learner, module: Module, *, revoked: bool = False) -> IssuedCredential:
    spec, _created = CredentialSpec.objects.get_or_create(
        code=module.code, defaults={"module": module, "title": {"en": f"{module.code} basics"}})
    status_list = StatusList.objects.first() or StatusList.objects.create()
    index = IssuedCredential.objects.count()
    return IssuedCredential.objects.create(
        learner=learner, spec=spec, language="en", document={}, status_list=status_list,
        status_index=index, recipient_name=learner.full_name, recipient_salt="salt",
        revoked_at=timezone.now() if revoked else None)
