"""Who among the staff looked at which learners' personal data (GDPR accountability, Art. 5(2)).

Views and exports that show a learner's name, e-mail, progress or results call `log_access`
once per response. Large lists record how many learners were shown and the first ids only,
so an export of a whole partner does not write a row per learner.
"""

from collections.abc import Iterable

from django.http import HttpRequest

from microcred.accounts.models import PersonalDataAccess, User

MAX_IDS = 500


def log_access(request: HttpRequest, *, learners: Iterable[User | int], purpose: str) -> None:
    """Record that request.user saw `learners` for `purpose` (e.g. "learner_detail")."""
    actor = request.user
    if not getattr(actor, "is_authenticated", False):
        return
    ids = [learner if isinstance(learner, int) else learner.pk for learner in learners]
    PersonalDataAccess.objects.create(
        actor=actor,
        actor_email=actor.email,
        learner_ids=ids[:MAX_IDS],
        learner_count=len(ids),
        purpose=purpose,
        path=request.get_full_path()[:500],
    )
