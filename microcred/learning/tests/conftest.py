import pytest
from django.utils import timezone

from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.learning.models import LearnerProfile
from microcred.testing.course import publish_without_review


@pytest.fixture
def course(tmp_path, db):
    """Two published modules of two lessons each."""
    import_curriculum(path=write_curriculum(tmp_path))
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    return tmp_path


@pytest.fixture
def onboarded(learner):
    """The learner has answered (or skipped) the welcome questions."""
    LearnerProfile.objects.update_or_create(user=learner,
                                            defaults={"onboarding_done_at": timezone.now()})
    return learner
