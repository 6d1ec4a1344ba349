"""When a learner last did something, read from what they did rather than one stored field.

`LearnerProfile.last_activity_at` is set when a lesson is opened, finished or its question
answered, but not by taking a test, and not for progress recorded any other way (the demo
data, learners imported with their progress, accounts from before the field existed). The
coordinators' "Last activity", their inactivity filter and their reminders all read
`last_activity()`: the latest of that field, the learner's module progress and their tests, so
a learner with progress is never "not started".
"""

from datetime import UTC, datetime

from django.db.models import DateTimeField, Expression, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, NullIf

from microcred.accounts.models import User
from microcred.assessment.models import Attempt
from microcred.learning.models import ModuleProgress

# Stands in for "never" inside GREATEST, which is NULL on SQLite as soon as one value is.
_NEVER = Value(datetime(2000, 1, 1, tzinfo=UTC), output_field=DateTimeField())


def _latest(queryset: QuerySet, field: str | Expression) -> Coalesce:
    latest = (
        queryset.filter(learner=OuterRef("pk"))
        .order_by()
        .values("learner")
        .annotate(at=Max(field))
        .values("at")
    )
    return Coalesce(Subquery(latest, output_field=DateTimeField()), _NEVER)


def last_activity() -> NullIf:
    """For a query over learners: their last activity, or NULL if they never did anything."""
    return NullIf(
        Greatest(
            Coalesce("learner_profile__last_activity_at", _NEVER),
            _latest(ModuleProgress.objects.all(), "updated_at"),
            _latest(Attempt.objects.all(), Coalesce("submitted_at", "started_at")),
        ),
        _NEVER,
    )


def active_or_joined() -> Coalesce:
    """What the inactivity rules count from: the last activity, or the day the learner joined
    if they never started (someone enrolled yesterday is not "inactive")."""
    return Coalesce(last_activity(), "date_joined")


def last_activity_of(learner_ids: list[int]) -> dict[int, datetime]:
    """Last activity of each of these learners who did anything."""
    return dict(
        User.objects.filter(pk__in=learner_ids)
        .annotate(at=last_activity())
        .filter(at__isnull=False)
        .values_list("pk", "at")
    )
