"""Pilot cohorts managed on the staff pages: a coordinator for their own organisation, platform
administrators for every partner and for the consortium-wide cohorts."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.accounts.selectors import learners_visible_to
from microcred.review.models import Cohort, CohortMembership
from microcred.review.selectors_cohorts import may_manage

MAX_ADDRESSES = 500


class CohortError(Exception):
    """A change to a cohort that cannot be made; the message is shown to the staff member."""


@transaction.atomic
def save_cohort(
    *,
    actor: User,
    cohort: Cohort | None,
    name: str,
    is_pilot: bool,
    partner: PartnerOrganisation | None,
    starts_on: date,
    ends_on: date | None,
) -> Cohort:
    """Create or change a cohort. A coordinator's cohort always belongs to their organisation."""
    if not actor.has_role(Role.ADMIN):
        partner = actor.partner
        if partner is None or (cohort is not None and not may_manage(actor, cohort)):
            raise CohortError(_("You can only change your own organisation's cohorts."))
    if ends_on is not None and ends_on < starts_on:
        raise CohortError(_("A cohort cannot end before it starts."))
    # Names are unique across the consortium (the learner import finds cohorts by name).
    if Cohort.objects.filter(name__iexact=name).exclude(pk=cohort.pk if cohort else None).exists():
        raise CohortError(_("There is already a cohort with this name. Please choose another."))
    cohort = cohort or Cohort()
    cohort.name, cohort.is_pilot, cohort.partner = name, is_pilot, partner
    cohort.starts_on, cohort.ends_on = starts_on, ends_on
    cohort.save()
    return cohort


@dataclass(frozen=True)
class MembersAdded:
    added: int
    already: int


@transaction.atomic
def add_members(*, actor: User, cohort: Cohort, emails: list[str]) -> MembersAdded:
    """Add learners by e-mail address: every address must be a learner the actor may see (of
    the cohort's organisation, for a partner's cohort), or nobody is added."""
    wanted = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    if not wanted:
        raise CohortError(_("Please give at least one e-mail address."))
    if len(wanted) > MAX_ADDRESSES:
        raise CohortError(
            _("Please add at most %(limit)d learners at a time.") % {"limit": MAX_ADDRESSES}
        )
    learners = learners_visible_to(actor)
    if cohort.partner_id is not None:
        learners = learners.filter(partner_id=cohort.partner_id)
    found = {learner.email.lower(): learner for learner in learners.filter(email__in=wanted)}
    unknown = [email for email in wanted if email not in found]
    if unknown:
        # The same words whether the address is unused or someone else's learner.
        raise CohortError(
            _(
                "Nobody was added. These addresses are not learners you can add "
                "to this cohort: %(addresses)s"
            )
            % {"addresses": ", ".join(unknown)}
        )
    members = set(
        cohort.memberships.filter(learner__in=found.values()).values_list("learner_id", flat=True)
    )
    new = [learner for learner in found.values() if learner.pk not in members]
    CohortMembership.objects.bulk_create(
        [CohortMembership(cohort=cohort, learner=learner) for learner in new],
        ignore_conflicts=True,  # the same form sent twice at once
    )
    return MembersAdded(added=len(new), already=len(found) - len(new))


@transaction.atomic
def remove_member(*, actor: User, cohort: Cohort, learner_id: int) -> bool:
    """Take a learner the actor may see out of the cohort; their feedback stays."""
    removed, _by_model = CohortMembership.objects.filter(
        cohort=cohort, learner_id=learner_id, learner__in=learners_visible_to(actor)
    ).delete()
    return bool(removed)


@transaction.atomic
def delete_cohort(*, actor: User, cohort: Cohort) -> None:
    if not may_manage(actor, cohort):
        raise CohortError(_("You can only change your own organisation's cohorts."))
    if cohort.memberships.exists():
        raise CohortError(_("Only an empty cohort can be deleted. Remove its members first."))
    cohort.delete()
