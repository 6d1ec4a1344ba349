"""The demo goes through the real workflow: submitted, approved by the demo Board, published.

`load_course` is the part of `load_demo` that does the review; the demo's learners, credentials
and synthetic KPI data are not needed here (test_load_demo checks that load_demo publishes the
course through the Board and that loading it twice reviews nothing again).
"""

import pytest

from microcred.curriculum.models import Module, VersionState
from microcred.demo.data import load_course
from microcred.review.models import BoardMembership, EventAction, ReviewDecision, ReviewEvent

pytestmark = pytest.mark.django_db


def test_the_demo_board_reviews_and_publishes_every_module_once():
    load_course()
    seats = BoardMembership.objects.filter(ended_on__isnull=True).select_related("user", "partner")
    assert sorted(seat.user.email for seat in seats) == sorted(
        f"reviewer-{seat.partner.slug}@example.org" for seat in seats)
    assert seats.count() == 7
    modules = Module.objects.select_related("published_version")
    assert modules.count() == 13
    assert all(m.published_version.state == VersionState.PUBLISHED for m in modules)
    assert ReviewEvent.objects.filter(action=EventAction.SUBMITTED).count() == 13
    assert ReviewEvent.objects.filter(action=EventAction.PUBLISHED).count() == 13
    assert ReviewDecision.objects.filter(decision="approve").count() == 13 * 7

    before = ReviewEvent.objects.count()
    load_course()
    assert ReviewEvent.objects.count() == before
