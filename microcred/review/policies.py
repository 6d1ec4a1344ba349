"""Who may do what in the review workflow: one place, used by services, views and templates.

- Read review pages (dashboard, version, diff, comments): any staff role.
- Submit a draft for review, or start a new draft after a change request: platform admins,
  partner coordinators (they lead their partner's content work), and the draft's own author if
  they hold a staff role. Issuers and Board members who did not write the draft do not submit:
  the Board judges what others wrote.
- Decide (approve / request changes) and comment: reviewers with a current Board seat.
- Publish and withdraw: content managers and platform admins (curriculum/lifecycle.py decides),
  never a reviewer as such: the Board approves, a content manager publishes what it approved.
"""

from microcred.accounts.models import User
from microcred.accounts.roles import STAFF_ROLES, Role
from microcred.curriculum import lifecycle
from microcred.curriculum.models import ModuleVersion

_SEAT_CACHE = "_review_has_board_seat"


def is_board_member(user: User) -> bool:
    """A reviewer with a current Board membership (remembered on the user for one request)."""
    if not user.is_authenticated or not user.has_role(Role.REVIEWER):
        return False
    if not hasattr(user, _SEAT_CACHE):
        seated = user.board_memberships.filter(ended_on__isnull=True).exists()
        setattr(user, _SEAT_CACHE, seated)
    return bool(getattr(user, _SEAT_CACHE))


def forget_board_seat(user: User) -> None:
    if hasattr(user, _SEAT_CACHE):
        delattr(user, _SEAT_CACHE)


def may_read_reviews(user: User) -> bool:
    return user.is_authenticated and bool(user.roles & STAFF_ROLES)


def may_submit(user: User, version: ModuleVersion) -> bool:
    if not may_read_reviews(user):
        return False
    return (
        user.has_role(Role.ADMIN)
        or user.has_role(Role.COORDINATOR)
        or (version.created_by_id is not None and version.created_by_id == user.pk)
    )


def may_decide(user: User) -> bool:
    return is_board_member(user)


may_publish = lifecycle.may_publish
may_withdraw = lifecycle.may_withdraw
