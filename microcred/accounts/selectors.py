"""Reads that depend on who is asking: the one place that decides who sees which learner."""

from django.db.models import Q, QuerySet
from django.http import Http404

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.models import ConsentRecord, User
from microcred.accounts.roles import STAFF_ROLES, Role


def list_learners() -> QuerySet[User]:
    """Every account that is not a staff account."""
    return (
        User.objects.exclude(groups__name__in=STAFF_ROLES)
        .exclude(is_staff=True)
        .exclude(is_superuser=True)
    )


def learners_visible_to(user: User) -> QuerySet[User]:
    """Platform admins see every learner, a coordinator only their own organisation's."""
    if not user.is_authenticated:
        return User.objects.none()
    if user.has_role(Role.ADMIN):
        return list_learners()
    if user.has_role(Role.COORDINATOR) and user.partner_id is not None:
        return list_learners().filter(partner_id=user.partner_id)
    return User.objects.none()


def search_learners(user: User, query: str) -> QuerySet[User]:
    learners = learners_visible_to(user).select_related("partner")
    query = query.strip()
    if query:
        learners = learners.filter(Q(email__icontains=query) | Q(full_name__icontains=query))
    return learners.order_by("full_name", "email")


def access_learner(user: User, learner_id: int) -> User:
    """The learner, if `user` may see them; 404 otherwise (never reveal that they exist)."""
    try:
        return learners_visible_to(user).select_related("partner").get(pk=learner_id)
    except User.DoesNotExist:
        raise Http404 from None


def consents_in_force() -> QuerySet[ConsentRecord]:
    """Consents to the current text that nobody has withdrawn."""
    return ConsentRecord.objects.filter(version=CONSENT_VERSION, withdrawn_at__isnull=True)


def current_consent(user: User) -> ConsentRecord | None:
    """The consent to the current text in force for `user`, if any."""
    return consents_in_force().filter(user=user).first()
