import pytest
from django.utils import timezone

from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.learning.models import ModuleProgress
from microcred.review import services
from microcred.review.models import BoardMembership, DecisionKind, ReviewChecklistItem
from microcred.review.tests.factories import BoardMembershipFactory


@pytest.fixture
def course(tmp_path, db):
    """Two modules, each with one draft version (v1)."""
    import_curriculum(path=write_curriculum(tmp_path))
    return tmp_path


@pytest.fixture
def draft(course):
    return ModuleVersion.objects.get(module__code="M01")


@pytest.fixture
def board(reviewer, partner):
    """Three seats: the `reviewer` persona for `partner`, and two more partners' reviewers."""
    BoardMembership.objects.create(partner=partner, user=reviewer)
    others = BoardMembershipFactory.create_batch(2)
    return [reviewer, *(seat.user for seat in others)]


@pytest.fixture
def author(platform_admin):
    return platform_admin


@pytest.fixture
def in_review(draft, author, board):
    return services.submit_for_review(version=draft, actor=author, notify=False)


def all_ticks() -> list[str]:
    return list(ReviewChecklistItem.objects.filter(is_active=True).values_list("code", flat=True))


def approve(version, member, **kwargs):
    return services.record_decision(
        version=version, reviewer=member, decision=DecisionKind.APPROVE, ticked=all_ticks(),
        **{"notify": False, **kwargs},
    )


def request_changes(version, member, comment="Lesson 2 needs a source.", **kwargs):
    return services.record_decision(
        version=version, reviewer=member, decision=DecisionKind.REQUEST_CHANGES, ticked=[],
        comment=comment, **{"notify": False, **kwargs},
    )


def withdraw_request(version, member, comment="Fixed in the glossary.", **kwargs):
    return services.record_decision(
        version=version, reviewer=member, decision=DecisionKind.WITHDRAW_REQUEST, ticked=[],
        comment=comment, **{"notify": False, **kwargs},
    )


def finish_module(learner, code="M01"):
    from microcred.curriculum.models import Module

    module = Module.objects.get(code=code)
    ModuleProgress.objects.update_or_create(
        learner=learner, module=module,
        defaults={"version": module.published_version, "completed_at": timezone.now()},
    )
