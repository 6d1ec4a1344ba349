"""The review app's part of "Download my data": cohorts, feedback, Advisory Board work.

Cohort places and feedback go with the account (CASCADE). A Board member's decisions and
comments are a permanent record (PROTECT): such an account is closed by an administrator, never
erased, and `delete_account` says so instead of failing.
"""

from typing import Any

from microcred.accounts.models import User
from microcred.accounts.privacy import register_not_exported, register_section
from microcred.curriculum.text import localise
from microcred.review.models import (
    BoardMembership,
    CohortMembership,
    ReviewComment,
    ReviewDecision,
    SurveyResponse,
)


def _cohorts(user: User) -> list[dict[str, Any]]:
    places = CohortMembership.objects.filter(learner=user).select_related("cohort")
    return [
        {"cohort": place.cohort.name, "pilot": place.cohort.is_pilot, "joined_on": place.joined_on}
        for place in places.order_by("joined_on")
    ]


def _feedback(user: User) -> list[dict[str, Any]]:
    responses = (SurveyResponse.objects.filter(learner=user)
                 .select_related("module", "version").prefetch_related("answers__question")
                 .order_by("submitted_at"))
    return [
        {
            "module": response.module.code if response.module else None,
            "version_studied": response.version.number if response.version else None,
            "language": response.language,
            "submitted_at": response.submitted_at,
            "last_changed": response.updated_at,
            "answers": [
                {
                    "question": localise(answer.question.text, response.language).text,
                    "score_1_to_5": answer.score,
                    "text": answer.text,
                }
                for answer in response.answers.all()
            ],
        }
        for response in responses
    ]


def _board(user: User) -> dict[str, list[dict[str, Any]]]:
    return {
        "memberships": [
            {"partner": m.partner.name, "from": m.started_on, "until": m.ended_on}
            for m in BoardMembership.objects.filter(user=user).select_related("partner")
        ],
        "decisions": [
            {"module_version": str(d.version), "decision": d.decision, "checklist": d.checklist,
             "comment": d.comment, "at": d.created_at}
            for d in ReviewDecision.objects.filter(reviewer=user).select_related(
                "version__module")
        ],
        "comments": [
            {"module_version": str(c.version), "lesson": c.lesson.slug if c.lesson else None,
             "paragraph": c.paragraph, "language": c.language, "text": c.text,
             "at": c.created_at}
            for c in ReviewComment.objects.filter(author=user).select_related(
                "version__module", "lesson")
        ],
    }


register_section("cohorts", _cohorts,
                 covers=("review.CohortMembership.learner", "review.Cohort.members"))
register_section("feedback", _feedback, covers=("review.SurveyResponse.learner",))
register_section("advisory_board", _board, covers=("review.BoardMembership.user",
                                                   "review.ReviewDecision.reviewer",
                                                   "review.ReviewComment.author"))
register_not_exported("review.ReviewEvent.actor",
                      "the audit trail of the review workflow; a Board member's own decisions "
                      "and comments are exported under advisory_board")
