"""The Advisory Board workflow: submit, decide, comment, publish, withdraw (seats: services_board).

draft -> in review -> changes requested | approved -> published, and withdrawn from any state
after draft. A version's review state follows from the Board's decisions: after every decision
(and every change to the Board) it is recomputed from the newest decision of each current
member, so "changes requested" turns back into "in review" or "approved" when the member who
asked for changes approves after all. Every action leaves a ReviewEvent (the audit trail).
"""

from collections.abc import Collection

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.curriculum import services as curriculum_services
from microcred.curriculum.models import Lesson, Module, ModuleVersion, VersionState
from microcred.curriculum.text import configured_languages
from microcred.review import policies, selectors
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
    if version.state != VersionState.DRAFT:
        raise _refuse_state(
            version, _("Version %(version)s is %(state)s: only a draft can be submitted.")
        )
    version.state = VersionState.IN_REVIEW
    version.save(update_fields=["state"])
    record_event(EventAction.SUBMITTED, actor=actor, version=version, note=note.strip())
    for older in ModuleVersion.objects.select_for_update().filter(
        module_id=version.module_id,
        state__in=[VersionState.IN_REVIEW, VersionState.CHANGES_REQUESTED],
    ).exclude(pk=version.pk):
        previous = older.state
        older.state = VersionState.SUPERSEDED
        older.save(update_fields=["state"])
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
    try:
        draft = curriculum_services.create_draft_from(version=version, actor=actor)
    except curriculum_services.CurriculumError as error:
        raise ReviewError(str(error)) from error
    record_event(EventAction.NEW_DRAFT, actor=actor, version=draft, copied_from=version.number)
    return draft


# Deciding and commenting -------------------------------------------------------------------


@transaction.atomic
def record_decision(
    *,
    version: ModuleVersion,
    reviewer: User,
    decision: DecisionKind,
    ticked: Collection[str],
    comment: str = "",
    notify: bool = True,
) -> ReviewDecision:
    """One Board member's approval or change request, with their checklist ticks.

    Approving needs every checklist point ticked; requesting changes needs a comment that says
    what should change. A member may decide again: their newest decision is the one that counts.
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
    if decision == DecisionKind.APPROVE and not all(checklist.values()):
        raise ReviewError(
            _(
                "To approve, confirm every point of the checklist. If a point does not hold, "
                "request changes and say why."
            )
        )
    if decision == DecisionKind.REQUEST_CHANGES and not comment:
        raise ReviewError(_("Say what should change: a request for changes needs a comment."))
    record = ReviewDecision.objects.create(
        version=version,
        reviewer=reviewer,
        membership=seat,
        decision=decision,
        checklist=checklist,
        comment=comment,
    )
    record_event(
        EventAction.APPROVED if decision == DecisionKind.APPROVE else EventAction.CHANGES_REQUESTED,
        actor=reviewer,
        version=version,
        decision=record.pk,
        partner=seat.partner.slug,
        checklist=checklist,
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
) -> ReviewComment:
    """A remark on the version, on a lesson, or on one paragraph of a lesson in one language."""
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
    comment = ReviewComment.objects.create(
        version=version,
        lesson=lesson,
        paragraph=paragraph,
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
        language=language,
    )
    return comment


def refresh_state(version: ModuleVersion, *, actor: User | None) -> str:
    """Bring a version under review in line with the Board's decisions; log any change."""
    if version.state not in REVIEW_STATES:
        return version.state
    verdict = selectors.verdict_for(version)
    if verdict.changes_requested_by:
        target = VersionState.CHANGES_REQUESTED
    elif verdict.holds:
        target = VersionState.APPROVED
    else:
        target = VersionState.IN_REVIEW
    if target != version.state:
        record_event(
            EventAction.STATE_CHANGED,
            actor=actor,
            version=version,
            was=version.state,
            now=target,
            approvals=verdict.approvals,
            needed=verdict.needed,
            board_size=verdict.board_size,
            changes_requested_by=list(verdict.changes_requested_by),
        )
        version.state = target
        version.save(update_fields=["state"])
    return version.state


# Publishing and withdrawing ----------------------------------------------------------------


@transaction.atomic
def publish(*, version: ModuleVersion, actor: User) -> ModuleVersion:
    """Publish a version the Board approved, if the approval rule still holds today.

    The rule is checked again here, not only when the last decision came in: the Board may
    have changed since. The refusal says what is missing.
    """
    if not policies.may_publish(actor):
        raise ReviewError(_("Only platform administrators and Board members publish versions."))
    version = _lock(version)
    refresh_state(version, actor=actor)
    if version.state != VersionState.APPROVED:
        if version.state in REVIEW_STATES:
            raise ReviewError(
                _("%(version)s cannot be published yet. %(missing)s")
                % {"version": version, "missing": selectors.verdict_for(version).message()}
            )
        raise _refuse_state(
            version, _("Version %(version)s is %(state)s and cannot be published.")
        )
    replaced = version.module.published_version_id
    published = curriculum_services.publish_version(version=version, actor=actor)
    record_event(EventAction.PUBLISHED, actor=actor, version=published)
    if replaced:
        record_event(
            EventAction.SUPERSEDED,
            actor=actor,
            version=ModuleVersion.objects.get(pk=replaced),
            was=VersionState.PUBLISHED,
            replaced_by=published.number,
        )
    return published


@transaction.atomic
def withdraw(*, version: ModuleVersion, actor: User, reason: str) -> ModuleVersion:
    """Take a version out of review, or off the course if it is the published one."""
    if not policies.may_withdraw(actor):
        raise ReviewError(_("Only platform administrators and Board members withdraw versions."))
    reason = reason.strip()
    if not reason:
        raise ReviewError(_("Say why the version is withdrawn."))
    version = _lock(version)
    if version.state not in {*REVIEW_STATES, VersionState.PUBLISHED}:
        raise _refuse_state(
            version, _("Version %(version)s is %(state)s and cannot be withdrawn.")
        )
    previous = version.state
    if previous == VersionState.PUBLISHED:
        module = Module.objects.select_for_update().get(pk=version.module_id)
        module.published_version = None
        module.save(update_fields=["published_version"])
    version.state = VersionState.WITHDRAWN
    version.save(update_fields=["state"])
    record_event(EventAction.WITHDRAWN, actor=actor, version=version, was=previous, reason=reason)
    return version


# Notifications -----------------------------------------------------------------------------


def _notify(
    kind: str, version: ModuleVersion, recipient: User, decision: ReviewDecision | None = None
) -> None:
    decision_id = decision.pk if decision else None
    transaction.on_commit(
        lambda: send_review_email.enqueue(kind, version.pk, recipient.pk, decision_id)
    )
