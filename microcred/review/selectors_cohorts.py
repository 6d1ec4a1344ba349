"""Who may see and manage which pilot cohorts, and who is in them.

A coordinator manages their own organisation's cohorts and sees the consortium-wide ones (into
which they also enrol their learners), but only ever their own learners in any cohort; platform
administrators see and manage everything. Board reviewers read every cohort's feedback in the
pilot report, so they may filter it by any cohort.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.accounts.selectors import learners_visible_to
from microcred.review.models import Cohort, CohortMembership


def cohorts_visible_to(user: User) -> QuerySet[Cohort]:
    """Every cohort for administrators; a coordinator's own and the shared ones, with the
    number of members each reader may see."""
    if not user.is_authenticated:
        raise PermissionDenied
    cohorts = Cohort.objects.select_related("partner")
    if user.has_role(Role.ADMIN):
        return cohorts.annotate(visible_members=Count("memberships"))
    if user.has_role(Role.COORDINATOR) and user.partner_id is not None:
        own_learners = Q(memberships__learner__partner_id=user.partner_id)
        return cohorts.filter(Q(partner_id=user.partner_id) | Q(partner__isnull=True)).annotate(
            visible_members=Count("memberships", filter=own_learners)
        )
    raise PermissionDenied


def access_cohort(user: User, cohort_id: int) -> Cohort:
    """The cohort, if `user` may see it; 404 otherwise (never reveal that it exists)."""
    try:
        return cohorts_visible_to(user).get(pk=cohort_id)
    except Cohort.DoesNotExist:
        raise Http404 from None


def may_manage(user: User, cohort: Cohort) -> bool:
    """Change its name and dates, or delete it: administrators, or the owning coordinator."""
    return user.has_role(Role.ADMIN) or (
        cohort.partner_id is not None and cohort.partner_id == user.partner_id
    )


def cohorts_for_report(user: User) -> QuerySet[Cohort]:
    """The cohorts the pilot report may be filtered by."""
    if user.has_role(Role.ADMIN) or user.has_role(Role.REVIEWER):
        return Cohort.objects.all()
    if user.has_role(Role.COORDINATOR) and user.partner_id is not None:
        return Cohort.objects.filter(Q(partner_id=user.partner_id) | Q(partner__isnull=True))
    return Cohort.objects.none()


@dataclass(frozen=True)
class CohortMembers:
    memberships: list[CohortMembership]
    with_feedback: int  # members who answered at least one survey


def cohort_members(user: User, cohort: Cohort) -> CohortMembers:
    """The members `user` may see, with how many surveys each answered (one query)."""
    memberships = list(
        CohortMembership.objects.filter(cohort=cohort, learner__in=learners_visible_to(user))
        .select_related("learner")
        .annotate(responses=Count("learner__survey_responses"))
        .order_by("learner__full_name", "learner__email")
    )
    return CohortMembers(memberships, sum(1 for m in memberships if m.responses))
