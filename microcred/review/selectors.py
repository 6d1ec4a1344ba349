"""Reads of the review workflow. Pages that list things cost a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.curriculum import lifecycle
from microcred.curriculum.completeness import LanguageCompleteness, module_completeness
from microcred.curriculum.languages import language_state
from microcred.curriculum.models import (
    Lesson,
    Module,
    ModuleVersion,
    VersionState,
    VersionTransition,
)
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages
from microcred.review import policies
from microcred.review.models import (
    BoardMembership,
    ReviewChecklistItem,
    ReviewComment,
    ReviewDecision,
    ReviewEvent,
)
from microcred.review.rules import (
    Position,
    Verdict,
    approved_languages,
    configured_rule,
    evaluate,
    position,
)

REVIEW_STATES = lifecycle.REVIEW_STATES


# The Board ---------------------------------------------------------------------------------


def current_board() -> list[BoardMembership]:
    """Current seats held by active reviewers: the people whose decisions count."""
    return list(
        BoardMembership.objects.filter(
            ended_on__isnull=True, user__is_active=True, user__groups__name=Role.REVIEWER
        )
        .select_related("user", "partner")
        .order_by("partner__name")
    )


def board_names(board: list[BoardMembership]) -> dict[int, str]:
    return {seat.user_id: str(seat.user) for seat in board}


def member_positions(version_ids: list[int]) -> dict[int, dict[int, Position]]:
    """Where each member stands on each version, from all their decisions on it, oldest first."""
    history: dict[int, dict[int, list[tuple[str, list[str]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for version_id, reviewer_id, kind, excluded in (
        ReviewDecision.objects.filter(version_id__in=version_ids)
        .order_by("created_at", "id")
        .values_list("version_id", "reviewer_id", "decision", "excluded_languages")
    ):
        history[version_id][reviewer_id].append((kind, excluded or []))
    return {
        version_id: {uid: position(decisions) for uid, decisions in members.items()}
        for version_id, members in history.items()
    }


def verdict_for(
    version: ModuleVersion,
    *,
    board: list[BoardMembership] | None = None,
    positions: dict[int, Position] | None = None,
) -> Verdict:
    board = current_board() if board is None else board
    if positions is None:
        positions = member_positions([version.pk]).get(version.pk, {})
    return evaluate(
        rule=configured_rule(),
        board=board_names(board),
        latest_decisions={uid: p.kind for uid, p in positions.items() if p.kind},
    )


def languages_approved(
    version: ModuleVersion,
    *,
    board: list[BoardMembership] | None = None,
    positions: dict[int, Position] | None = None,
) -> set[str]:
    """The languages the Board's approvals cover (English with the version itself); the
    lifecycle approves only those whose translation is complete."""
    board = current_board() if board is None else board
    if positions is None:
        positions = member_positions([version.pk]).get(version.pk, {})
    translated = [code for code in configured_languages() if code != REFERENCE_LANGUAGE]
    covered = approved_languages(
        rule=configured_rule(), board=board_names(board), positions=positions, languages=translated
    )
    return covered | {REFERENCE_LANGUAGE}


def author_recipients(version: ModuleVersion) -> list[User]:
    """Who hears about the Board's decisions: the version's author, else the platform admins."""
    if version.created_by_id and version.created_by.is_active:
        return [version.created_by]
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=Role.ADMIN) | Q(is_superuser=True))
        .distinct()
        .order_by("email")
    )


# Pages -------------------------------------------------------------------------------------


def access_version(user: User, version_id: int) -> ModuleVersion:
    """A version for the review pages: staff only (403), and 404 when it does not exist."""
    if not policies.may_read_reviews(user):
        raise PermissionDenied
    version = (
        ModuleVersion.objects.select_related("module", "module__published_version", "created_by")
        .prefetch_related("lessons", "outcomes")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404
    return version


def access_lesson(user: User, version_id: int, slug: str) -> Lesson:
    version = access_version(user, version_id)
    lesson = next((item for item in version.lessons.all() if item.slug == slug), None)
    if lesson is None:
        raise Http404
    lesson.version = version
    return lesson


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str
    status: str  # complete, outdated or missing
    approved: bool  # recorded on the version by the lifecycle
    approvals: int  # current members' approvals that cover this language


@dataclass(frozen=True)
class Seat:
    membership: BoardMembership
    decision: ReviewDecision | None  # their newest decision
    position: Position | None  # where all their decisions leave them

    @property
    def has_open_request(self) -> bool:
        return self.position is not None and self.position.kind == "request_changes"


@dataclass
class ReviewPage:
    version: ModuleVersion
    verdict: Verdict
    seats: list[Seat]
    decisions: list[ReviewDecision]
    comments: dict[int | None, list[ReviewComment]]
    checklist: list[ReviewChecklistItem]
    events: list[ReviewEvent]
    other_versions: list[ModuleVersion]
    lessons: list[Lesson] = field(default_factory=list)
    positions: dict[int, Position] = field(default_factory=dict)
    transitions: list[VersionTransition] = field(default_factory=list)
    checklist_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def lessons_to_fact_check(self) -> int:
        return sum(lesson.needs_fact_check for lesson in self.lessons)

    def has_open_request(self, user: User) -> bool:
        return any(s.has_open_request for s in self.seats if s.membership.user_id == user.pk)

    @property
    def language_rows(self) -> list[LanguageRow]:
        """Each language's translation status, and whether the approval covers it."""
        members = {seat.membership.user_id for seat in self.seats}
        approvals = [
            p for uid, p in self.positions.items() if uid in members and p.kind == "approve"
        ]
        rows = []
        for code, name in settings.LANGUAGES:
            state = language_state(self.version, code)
            covering = sum(1 for p in approvals if code not in p.excluded)
            rows.append(LanguageRow(code, str(name), state["status"], state["approved"], covering))
        return rows



def review_page(version: ModuleVersion) -> ReviewPage:
    board = current_board()
    decisions = list(
        ReviewDecision.objects.filter(version=version)
        .select_related("reviewer", "membership__partner")
        .order_by("-created_at", "-id")
    )
    latest: dict[int, ReviewDecision] = {}
    for decision in decisions:
        latest.setdefault(decision.reviewer_id, decision)
    positions = member_positions([version.pk]).get(version.pk, {})
    comments: dict[int | None, list[ReviewComment]] = defaultdict(list)
    for comment in ReviewComment.objects.filter(version=version).select_related("author"):
        comments[comment.lesson_id].append(comment)
    checklist = list(ReviewChecklistItem.objects.all())
    return ReviewPage(
        version=version,
        verdict=verdict_for(version, board=board, positions=positions),
        seats=[
            Seat(seat, latest.get(seat.user_id), positions.get(seat.user_id)) for seat in board
        ],
        positions=positions,
        # Every change of state, whoever made it (the Board's pages, the admin, a script).
        transitions=list(version.transitions.select_related("actor")[:200]),
        decisions=decisions,
        comments=dict(comments),
        checklist=[item for item in checklist if item.is_active],
        checklist_labels={item.code: item.text for item in checklist},
        events=list(ReviewEvent.objects.filter(version=version).select_related("actor")[:200]),
        other_versions=list(
            ModuleVersion.objects.filter(module_id=version.module_id)
            .exclude(pk=version.pk)
            .order_by("-number")
        ),
        lessons=list(version.lessons.all()),
    )


def lesson_comments(lesson: Lesson, language: str) -> dict[int | None, list[ReviewComment]]:
    """Comments on a lesson in one language, by paragraph (None: on the lesson as a whole)."""
    comments: dict[int | None, list[ReviewComment]] = defaultdict(list)
    for comment in ReviewComment.objects.filter(lesson=lesson).select_related("author"):
        if comment.paragraph is None or comment.language == language:
            comments[comment.paragraph].append(comment)
    return dict(comments)


# The Board dashboard -----------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardRow:
    module: Module
    version: ModuleVersion
    published: ModuleVersion | None
    verdict: Verdict | None
    waiting: str
    languages: list[LanguageCompleteness]


def latest_versions() -> QuerySet[ModuleVersion]:
    newest = ModuleVersion.objects.filter(module=OuterRef("module")).order_by("-number")
    return (
        ModuleVersion.objects.filter(number=Subquery(newest.values("number")[:1]))
        .select_related("module", "module__published_version", "created_by")
        .prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.order_by("order")), "outcomes"
        )
        .order_by("module__order")
    )


def dashboard_rows() -> list[DashboardRow]:
    """Every module's newest version: its state, who it waits for, and its translations.

    Five queries whatever the number of modules, versions, members or decisions.
    """
    versions = list(latest_versions())
    board = current_board()
    positions = member_positions([v.pk for v in versions])
    languages = configured_languages()
    rows = []
    for version in versions:
        verdict = None
        if version.state in REVIEW_STATES:
            verdict = verdict_for(version, board=board, positions=positions.get(version.pk, {}))
        rows.append(
            DashboardRow(
                module=version.module,
                version=version,
                published=version.module.published_version,
                verdict=verdict,
                waiting=waiting_for(version, verdict),
                languages=module_completeness(version, languages).languages,
            )
        )
    return rows


def waiting_for(version: ModuleVersion, verdict: Verdict | None) -> str:
    """What the version waits for, and from whom, in one sentence."""
    state = version.state
    if verdict is not None and verdict.changes_requested_by:
        return _("Changes requested by %(names)s: waiting for a new version from the author.") % {
            "names": get_text_list(list(verdict.changes_requested_by), _("and"))
        }
    if verdict is not None and verdict.holds:
        return _("Approved: ready to publish.")
    if verdict is not None:
        if verdict.board_size == 0:
            return _("In review: the Board has no members yet.")
        return ngettext(
            "In review: waiting for %(waiting)d of %(size)d Board member.",
            "In review: waiting for %(waiting)d of %(size)d Board members.",
            verdict.board_size,
        ) % {"waiting": len(verdict.undecided), "size": verdict.board_size}
    if state == VersionState.DRAFT:
        return _("Draft: waiting for the author to submit it for review.")
    if state == VersionState.PUBLISHED:
        return _("Published: learners see this version.")
    if state == VersionState.WITHDRAWN:
        return _("Withdrawn: waiting for a new version from the author.")
    return str(version.get_state_display())
