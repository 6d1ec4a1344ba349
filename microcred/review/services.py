"""The Advisory Board workflow: submit, decide, comment, publish, withdraw (seats: services_board).

The version's state itself is written by curriculum/lifecycle.py only; these services check who
may act, apply the approval rule, and call the lifecycle. A version's review state follows from
the Board's decisions: after every decision (and every change to the Board) it is recomputed
from all decisions of each current member (review/rules.py: a change request stays open until
a new version or until its author withdraws it). Every action leaves a ReviewEvent (the Board's
audit trail); every change of state also leaves a VersionTransition (the lifecycle's).
"""

from collections.abc import Collection, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.curriculum import lifecycle
from microcred.curriculum.models import Lesson, ModuleVersion, VersionState
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages
from microcred.review import policies, selectors, selectors_exam
from microcred.review.models import (
    BoardMembership,
    DecisionKind,
    EventAction,
    ReviewChecklistItem,
    ReviewComment,
    ReviewDecision,
    ReviewEvent,
)
from microcred.review.paragraphs import split_blocks
from microcred.review.tasks import send_review_email

REVIEW_STATES = selectors.REVIEW_STATES


class ReviewError(Exception):
    """A rule of the review workflow was broken; the message is shown to the user."""


def record_event(
    action: EventAction,
    *,
    actor: User | None,
    version: ModuleVersion | None = None,
    **details: object,
) -> ReviewEvent:
    return ReviewEvent.objects.create(action=action, actor=actor, version=version, details=details)


def _lock(version: ModuleVersion) -> ModuleVersion:
    return (
        # Lock only the version row: PostgreSQL cannot lock the nullable side of the author join.
        ModuleVersion.objects.select_for_update(of=("self",))
        .select_related("module", "created_by")
        .get(pk=version.pk)
    )


def _refuse_state(version: ModuleVersion, message: str) -> ReviewError:
    return ReviewError(
        message % {"version": version, "state": version.get_state_display().lower()}
    )


# Submitting --------------------------------------------------------------------------------


@transaction.atomic
def submit_for_review(
    *, version: ModuleVersion, actor: User, note: str = "", notify: bool = True
) -> ModuleVersion:
    """Freeze a draft and ask the Board to review it; older versions still in review are
    replaced by it (their decisions stay on record)."""
    version = _lock(version)
    if not policies.may_submit(actor, version):
        raise ReviewError(_("You may not submit this version for review."))
    with _as_review_error():
        version, replaced = lifecycle.submit(version=version, actor=actor, note=note)
    record_event(EventAction.SUBMITTED, actor=actor, version=version, note=note.strip())
    for older, previous in replaced:
        record_event(
            EventAction.SUPERSEDED,
            actor=actor,
            version=older,
            was=previous,
            replaced_by=version.number,
        )
    if notify:
        for seat in selectors.current_board():
            _notify("review_requested", version, seat.user)
    return version


@transaction.atomic
def start_new_draft(*, version: ModuleVersion, actor: User) -> ModuleVersion:
    """A new editable draft from a frozen version, e.g. to answer the Board's change requests."""
    if not policies.may_submit(actor, version):
        raise ReviewError(_("You may not start a new draft of this module."))
    with _as_review_error():
        draft = lifecycle.new_draft(version=version, actor=actor)
    record_event(EventAction.NEW_DRAFT, actor=actor, version=draft, copied_from=version.number)
    return draft


# Deciding and commenting -------------------------------------------------------------------


EVENT_OF_DECISION = {
    DecisionKind.APPROVE: EventAction.APPROVED,
    DecisionKind.REQUEST_CHANGES: EventAction.CHANGES_REQUESTED,
    DecisionKind.WITHDRAW_REQUEST: EventAction.REQUEST_WITHDRAWN,
}


@transaction.atomic
def record_decision(
    *,
    version: ModuleVersion,
    reviewer: User,
    decision: DecisionKind,
    ticked: Collection[str],
    comment: str = "",
    excluded_languages: Collection[str] = (),
    notify: bool = True,
) -> ReviewDecision:
    """One Board member's approval, change request or withdrawal of their change request.

    Approving needs every checklist point ticked, and may leave out languages the member could
    not check (never English, the source). Requesting changes needs a comment that says what
    should change; withdrawing a request needs one that says why, and only the member who made
    it can withdraw it: approving the same content again does not clear it.
    """
    version = _lock(version)
    seat = _seat_of(reviewer)
    if version.state not in REVIEW_STATES:
        raise _refuse_state(
            version, _("Version %(version)s is %(state)s: the Board's decisions on it are closed.")
        )
    items = ReviewChecklistItem.objects.filter(is_active=True)
    checklist = {item.code: item.code in ticked for item in items}
    comment = comment.strip()
    excluded = sorted(set(excluded_languages)) if decision == DecisionKind.APPROVE else []
    _check_decision(version, reviewer, decision, checklist, comment, excluded)
    record = ReviewDecision.objects.create(
        version=version,
        reviewer=reviewer,
        membership=seat,
        decision=decision,
        checklist=checklist,
        excluded_languages=excluded,
        comment=comment,
    )
    record_event(
        EVENT_OF_DECISION[decision],
        actor=reviewer,
        version=version,
        decision=record.pk,
        partner=seat.partner.slug,
        checklist=checklist,
        excluded_languages=excluded,
        comment=comment,
    )
    before = version.state
    after = refresh_state(version, actor=reviewer)
    if notify:
        for person in selectors.author_recipients(version):
            if decision == DecisionKind.REQUEST_CHANGES:
                _notify("changes_requested", version, person, decision=record)
            elif after == VersionState.APPROVED and before != VersionState.APPROVED:
                _notify("approved", version, person)
    return record


def _check_decision(
    version: ModuleVersion,
    reviewer: User,
    decision: DecisionKind,
    checklist: dict[str, bool],
    comment: str,
    excluded: list[str],
) -> None:
    if decision == DecisionKind.APPROVE and not all(checklist.values()):
        raise ReviewError(
            _(
                "To approve, confirm every point of the checklist. If a point does not hold, "
                "request changes and say why."
            )
        )
    if decision == DecisionKind.APPROVE and not set(excluded) <= _translated_languages():
        raise ReviewError(
            _("English is the source of every translation: an approval always covers it.")
        )
    if decision == DecisionKind.REQUEST_CHANGES and not comment:
        raise ReviewError(_("Say what should change: a request for changes needs a comment."))
    if decision == DecisionKind.WITHDRAW_REQUEST:
        mine = selectors.member_positions([version.pk]).get(version.pk, {}).get(reviewer.pk)
        if mine is None or mine.kind != DecisionKind.REQUEST_CHANGES:
            raise ReviewError(_("You have no open change request on this version to withdraw."))
        if not comment:
            raise ReviewError(_("Say why you withdraw your change request."))


def _translated_languages() -> set[str]:
    return set(configured_languages()) - {REFERENCE_LANGUAGE}


def _seat_of(reviewer: User) -> BoardMembership:
    seat = None
    if reviewer.has_role(Role.REVIEWER):
        seat = (
            reviewer.board_memberships.filter(ended_on__isnull=True)
            .select_related("partner")
            .first()
        )
    if seat is None or not reviewer.is_active:
        raise ReviewError(
            _("Only members of the Advisory Board with the reviewer role take part in reviews.")
        )
    return seat


@transaction.atomic
def add_comment(
    *,
    version: ModuleVersion,
    author: User,
    text: str,
    language: str,
    lesson: Lesson | None = None,
    paragraph: int | None = None,
    item: str = "",
) -> ReviewComment:
    """A remark on the version, on a lesson, on one paragraph of a lesson in one language, or
    on one exam item (by its id)."""
    _seat_of(author)
    version = _lock(version)
    if version.state not in REVIEW_STATES:
        raise _refuse_state(
            version, _("Version %(version)s is %(state)s: comments on it are closed.")
        )
    text = text.strip()
    if not text:
        raise ReviewError(_("Write a comment first."))
    if language not in configured_languages():
        raise ReviewError(_("Choose one of the course languages."))
    if lesson is not None and lesson.version_id != version.pk:
        raise ReviewError(_("That lesson belongs to another version."))
    if paragraph is not None:
        blocks = split_blocks((lesson.body_html if lesson else {}).get(language, ""))
        if lesson is None or not 1 <= paragraph <= len(blocks):
            raise ReviewError(_("That paragraph does not exist in this lesson."))
    if item and (lesson is not None or item not in selectors_exam.item_ids(version)):
        raise ReviewError(_("That exam item is not in this version's item bank."))
    comment = ReviewComment.objects.create(
        version=version,
        lesson=lesson,
        paragraph=paragraph,
        item=item,
        language=language,
        author=author,
        text=text,
    )
    record_event(
        EventAction.COMMENTED,
        actor=author,
        version=version,
        comment=comment.pk,
        lesson=lesson.slug if lesson else None,
        paragraph=paragraph,
        item=item or None,
        language=language,
    )
    return comment


def refresh_state(version: ModuleVersion, *, actor: User | None) -> str:
    """Bring a version under review in line with the Board's decisions; log any change.

    When the rule holds, the version is approved in the languages the approvals cover; the
    lifecycle writes the state and the approvals.
    """
    if version.state not in REVIEW_STATES:
        return version.state
    board = selectors.current_board()
    positions = selectors.member_positions([version.pk]).get(version.pk, {})
    verdict = selectors.verdict_for(version, board=board, positions=positions)
    before = version.state
    if verdict.changes_requested_by:
        moved = lifecycle.request_changes(version=version, actor=actor)
    elif verdict.holds:
        covered = selectors.languages_approved(version, board=board, positions=positions)
        moved = lifecycle.approve(version=version, languages=covered, actor=actor)
    else:
        moved = lifecycle.reopen(version=version, actor=actor)
    if moved.state != before:
        record_event(
            EventAction.STATE_CHANGED,
            actor=actor,
            version=version,
            was=before,
            now=moved.state,
            approvals=verdict.approvals,
            needed=verdict.needed,
            board_size=verdict.board_size,
            changes_requested_by=list(verdict.changes_requested_by),
        )
    version.state, version.languages = moved.state, moved.languages
    return version.state


# Publishing and withdrawing: a content manager's or an administrator's right ---------------


@transaction.atomic
def publish(*, version: ModuleVersion, actor: User, note: str = "") -> ModuleVersion:
    """Publish a version the Board approved, if the approval rule still holds today.

    The rule is checked again here, not only when the last decision came in: the Board may
    have changed since. The refusal says what is missing. Board members do not publish as
    such: approving is the Board's right, publishing a content manager's.
    """
    with _as_review_error():
        lifecycle.check_may_publish(actor)
    version = _lock(version)
    refresh_state(version, actor=actor)
    if version.state in REVIEW_STATES - {VersionState.APPROVED}:
        raise ReviewError(
            _("%(version)s cannot be published yet. %(missing)s")
            % {"version": version, "missing": selectors.verdict_for(version).message()}
        )
    with _as_review_error():
        published, replaced = lifecycle.publish(version=version, actor=actor, note=note)
    record_event(EventAction.PUBLISHED, actor=actor, version=published, **_note(note))
    if replaced is not None:
        record_event(
            EventAction.SUPERSEDED,
            actor=actor,
            version=replaced,
            was=VersionState.PUBLISHED,
            replaced_by=published.number,
        )
    return published


@transaction.atomic
def withdraw(*, version: ModuleVersion, actor: User, reason: str) -> ModuleVersion:
    """Take a version out of review, or off the course if it is the published one."""
    with _as_review_error():
        lifecycle.check_may_publish(actor)
    version = _lock(version)
    previous = version.state
    with _as_review_error():
        withdrawn = lifecycle.withdraw(version=version, actor=actor, reason=reason)
    record_event(
        EventAction.WITHDRAWN, actor=actor, version=withdrawn, was=previous, reason=reason.strip()
    )
    return withdrawn


@contextmanager
def _as_review_error() -> Iterator[None]:
    """The lifecycle's refusals, shown on the Board's pages like the workflow's own."""
    try:
        yield
    except lifecycle.LifecycleError as error:
        raise ReviewError(str(error)) from error


def _note(note: str) -> dict[str, str]:
    return {"note": note.strip()} if note.strip() else {}


# Notifications -----------------------------------------------------------------------------


def _notify(
    kind: str, version: ModuleVersion, recipient: User, decision: ReviewDecision | None = None
) -> None:
    decision_id = decision.pk if decision else None
    transaction.on_commit(
        lambda: send_review_email.enqueue(kind, version.pk, recipient.pk, decision_id)
    )
