"""Who among the staff looked at which learners' personal data (GDPR accountability, Art. 5(2)).

Views and exports that show a learner's name, e-mail, progress or results call `log_access`
once per response. Large lists record how many learners were shown and the first ids only,
so an export of a whole partner does not write a row per learner.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest

from microcred.accounts.models import PersonalDataAccess, User

MAX_IDS = 500


def log_access(request: HttpRequest, *, learners: Iterable[User | int], purpose: str) -> None:
    """Record that request.user saw `learners` for `purpose` (e.g. "learner_detail")."""
    actor = request.user
    if not getattr(actor, "is_authenticated", False):
        return
    record_access(actor=actor, learners=learners, purpose=purpose, path=request.get_full_path())


def record_access(
    *, actor: User, learners: Iterable[User | int], purpose: str, path: str
) -> PersonalDataAccess:
    """The same record outside a request (a management command run by an administrator)."""
    ids = [learner if isinstance(learner, int) else learner.pk for learner in learners]
    return PersonalDataAccess.objects.create(
        actor=actor,
        actor_email=actor.email,
        learner_ids=ids[:MAX_IDS],
        learner_count=len(ids),
        purpose=purpose,
        path=path[:500],
    )


def accesses_about(learner_id: int) -> QuerySet[PersonalDataAccess]:
    """The recorded looks at one person's data, newest first (for their own export, Art. 15).

    PostgreSQL answers with a JSON containment query; SQLite has no such lookup, so there the
    ids are read in chunks (an embedded database holds a small platform's log).
    """
    rows = PersonalDataAccess.objects.all()
    if connection.features.supports_json_field_contains:
        return rows.filter(learner_ids__contains=[learner_id])
    matching = [
        pk
        for pk, ids in rows.values_list("pk", "learner_ids").iterator(chunk_size=2000)
        if isinstance(ids, list) and learner_id in ids
    ]
    return rows.filter(pk__in=matching)
