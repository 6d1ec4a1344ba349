"""Business rules for accounts: plain functions, keyword-only, atomic."""

from datetime import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.models import ConsentRecord, PartnerOrganisation, User
from microcred.accounts.roles import Role


@transaction.atomic
def assign_role(*, user: User, role: Role) -> None:
    if role == Role.LEARNER:
        return  # everyone can learn; the learner role is the absence of staff roles
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("roles", None)  # drop the cached role set


@transaction.atomic
def update_profile(
    *,
    user: User,
    full_name: str,
    preferred_language: str,
    partner: PartnerOrganisation | None = None,
) -> User:
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    if partner is not None:
        user.partner = partner
    user.save(update_fields=["full_name", "preferred_language", "partner"])
    return user


@transaction.atomic
def update_learner_by_coordinator(
    *, learner: User, full_name: str, preferred_language: str, is_active: bool
) -> User:
    """A coordinator corrects a learner's name or language, or pauses their account."""
    learner.full_name = full_name.strip()
    learner.preferred_language = preferred_language
    learner.is_active = is_active
    learner.save(update_fields=["full_name", "preferred_language", "is_active"])
    return learner


def set_preferred_language(*, user: User, language: str) -> None:
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def record_consent(
    *, user: User, given: bool, now: datetime | None = None
) -> ConsentRecord | None:
    """Record consent to the current text, or withdraw any consent still in force.

    Each giving is its own row and a withdrawal only stamps `withdrawn_at`, so the history of
    who agreed to which text, when, and when they changed their mind stays (GDPR Art. 7(1), 7(3)).
    """
    now = now or timezone.now()
    current = user.consents.select_for_update().filter(withdrawn_at__isnull=True)
    if not given:
        current.update(withdrawn_at=now)
        return None
    existing = current.filter(version=CONSENT_VERSION).first()
    return existing or ConsentRecord.objects.create(
        user=user, version=CONSENT_VERSION, given_at=now
    )

