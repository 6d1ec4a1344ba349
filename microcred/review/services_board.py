"""The Board itself: seats for the partners' representatives, and the review checklist.

Managed by the platform admin (admin pages call these services). A change to the Board
recomputes the state of every version under review, because "majority" means a majority of
the *current* Board.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.curriculum.models import ModuleVersion
from microcred.review import policies
from microcred.review.models import BoardMembership, EventAction, ReviewChecklistItem
from microcred.review.services import REVIEW_STATES, ReviewError, record_event, refresh_state


def check_new_seat(*, partner: PartnerOrganisation, user: User) -> None:
    """Why `user` cannot take a seat for `partner` now, as a ReviewError (admin forms too)."""
    if not user.has_role(Role.REVIEWER):
        raise ReviewError(
            _("%(person)s does not have the reviewer role. Give them the role first.")
            % {"person": user}
        )
    current = BoardMembership.objects.filter(ended_on__isnull=True)
    if current.filter(partner=partner).exists():
        raise ReviewError(
            _("%(partner)s already has a representative on the Board. End that membership first.")
            % {"partner": partner}
        )
    if current.filter(user=user).exists():
        raise ReviewError(
            _("%(person)s already represents a partner on the Board.") % {"person": user}
        )


@transaction.atomic
def add_board_member(
    *,
    partner: PartnerOrganisation,
    user: User,
    actor: User | None,
    started_on: date | None = None,
) -> BoardMembership:
    """Give a partner's representative a seat; the database refuses a second current one."""
    check_new_seat(partner=partner, user=user)
    try:
        with transaction.atomic():
            seat = BoardMembership.objects.create(
                partner=partner, user=user, started_on=started_on or timezone.localdate()
            )
    except IntegrityError as error:  # someone else changed the Board at the same moment
        raise ReviewError(
            _("The Board changed while you were saving. Check its members and try again.")
        ) from error
    policies.forget_board_seat(user)
    record_event(
        EventAction.BOARD_JOINED, actor=actor, partner=partner.slug, member=user.email,
        started_on=seat.started_on,
    )
    _refresh_open_versions(actor)
    return seat


@transaction.atomic
def end_board_membership(
    *, membership: BoardMembership, actor: User | None, ended_on: date | None = None
) -> BoardMembership:
    membership = BoardMembership.objects.select_for_update().select_related(
        "partner", "user"
    ).get(pk=membership.pk)
    if membership.ended_on is not None:
        raise ReviewError(_("This membership has already ended."))
    ended_on = ended_on or timezone.localdate()
    if ended_on < membership.started_on:
        raise ReviewError(_("A membership cannot end before it starts."))
    membership.ended_on = ended_on
    membership.save(update_fields=["ended_on"])
    policies.forget_board_seat(membership.user)
    record_event(
        EventAction.BOARD_LEFT, actor=actor, partner=membership.partner.slug,
        member=membership.user.email, ended_on=ended_on,
    )
    _refresh_open_versions(actor)
    return membership


def _refresh_open_versions(actor: User | None) -> None:
    for version in ModuleVersion.objects.select_for_update().filter(state__in=REVIEW_STATES):
        refresh_state(version, actor=actor)


@transaction.atomic
def save_checklist_item(*, item: ReviewChecklistItem, actor: User) -> ReviewChecklistItem:
    """Create or change a checklist point (admin); old decisions keep the ticks they had."""
    created = item.pk is None
    item.save()
    record_event(
        EventAction.CHECKLIST_CHANGED,
        actor=actor,
        code=item.code,
        text=item.text,
        is_active=item.is_active,
        created=created,
    )
    return item
