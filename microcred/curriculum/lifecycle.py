"""The life of a module version, and the only code that writes it.

The states and the moves between them are drawn in docs/architecture.md ("The life of a module
version"): submit, approve / request_changes / reopen, publish, withdraw, new_draft; a version
is superseded by a newer one submitted (while it is in review) or published (while it is live).

Every function here locks the version, refuses a move its state does not allow, and leaves a
VersionTransition (who, when, why). No other code writes ModuleVersion.state,
ModuleVersion.published_at, ModuleVersion.languages[..]["approved"] or Module.published_version:
the Board's pages (review/services.py), the Django admin, commands and tests all come here.

Who decides what: the Advisory Board's approval rule (review/rules.py) decides when a version
is approved and in which languages, and review/services.py calls approve / request_changes /
reopen accordingly. Publishing and withdrawing are a separate right, held by content managers
and platform administrators (`may_publish`), never by a reviewer as such.
"""

from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.curriculum import course_cache, exam_part
from microcred.curriculum.languages import LanguageStatus
from microcred.curriculum.models import (
    LearningOutcome,
    Lesson,
    Module,
    ModuleVersion,
    VersionState,
    VersionTransition,
)
from microcred.curriculum.services import CurriculumError
from microcred.curriculum.text import REFERENCE_LANGUAGE

REVIEW_STATES = frozenset(
    {VersionState.IN_REVIEW, VersionState.CHANGES_REQUESTED, VersionState.APPROVED}
)
WITHDRAWABLE = REVIEW_STATES | {VersionState.PUBLISHED}


class LifecycleError(CurriculumError):
    """A move the version's state or the actor's rights do not allow; shown to the user."""


def may_publish(user: User | None) -> bool:
    """Publishing and withdrawing: content managers and platform administrators only."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.has_role(Role.CONTENT_MANAGER) or user.has_role(Role.ADMIN))
    )


may_withdraw = may_publish


def check_may_publish(actor: User | None) -> None:
    """Refuse a person without the right to publish and withdraw; None is the platform itself
    (a script, the demo), which acts only on what the Board approved."""
    if actor is not None and not may_publish(actor):
        raise LifecycleError(
            _("Only content managers and platform administrators publish or withdraw versions.")
        )


# Review ------------------------------------------------------------------------------------


@transaction.atomic
def submit(
    *, version: ModuleVersion, actor: User | None, note: str = ""
) -> tuple[ModuleVersion, list[tuple[ModuleVersion, str]]]:
    """Freeze a draft for the Board; older versions still in review are superseded by it.

    Returns the version and the (older version, its state before) pairs it replaced.
    """
    version = _lock(version)
    if version.state != VersionState.DRAFT:
        raise _refused(
            version, _("Version %(version)s is %(state)s: only a draft can be submitted.")
        )
    _move(version, VersionState.IN_REVIEW, actor=actor, reason=note)
    replaced = []
    older_in_review = (
        ModuleVersion.objects.select_for_update()
        .filter(module_id=version.module_id)
        .filter(state__in=[VersionState.IN_REVIEW, VersionState.CHANGES_REQUESTED])
        .exclude(pk=version.pk)
    )
    for older in older_in_review:
        replaced.append((older, older.state))
        _move(older, VersionState.SUPERSEDED, actor=actor, replaced_by=version.number)
    return version, replaced


@transaction.atomic
def approve(
    *, version: ModuleVersion, languages: Collection[str], actor: User | None
) -> ModuleVersion:
    """The approval rule holds: the version is approved in `languages` (and always in English).

    Only a language whose translation is complete can be approved; the others stay unapproved
    and learners are not offered them. Called again when the approved languages change.
    """
    version = _lock(version)
    _require(version, REVIEW_STATES)
    covered = _approvable(version, languages)
    new_languages = _with_approvals(version.languages, covered)
    if version.state == VersionState.APPROVED and new_languages == version.languages:
        return version
    version.languages = new_languages
    _move(version, VersionState.APPROVED, actor=actor, extra_fields=["languages"],
          languages=sorted(covered))
    return version


@transaction.atomic
def request_changes(*, version: ModuleVersion, actor: User | None) -> ModuleVersion:
    """A change request is open: the version waits for a new one, and is approved in nothing."""
    return _back_to(version, VersionState.CHANGES_REQUESTED, actor)


@transaction.atomic
def reopen(*, version: ModuleVersion, actor: User | None) -> ModuleVersion:
    """Back in review: the rule no longer holds (a member left, a request was withdrawn...)."""
    return _back_to(version, VersionState.IN_REVIEW, actor)


def _back_to(version: ModuleVersion, state: VersionState, actor: User | None) -> ModuleVersion:
    version = _lock(version)
    _require(version, REVIEW_STATES)
    if version.state == state:
        return version
    version.languages = _with_approvals(version.languages, set())
    _move(version, state, actor=actor, extra_fields=["languages"])
    return version


# Publishing and withdrawing ----------------------------------------------------------------


@transaction.atomic
def publish(
    *, version: ModuleVersion, actor: User | None, note: str = ""
) -> tuple[ModuleVersion, ModuleVersion | None]:
    """Make an approved version the one learners see; the one they saw before is superseded.

    Learners who started the module keep the version they started (their progress points at
    it), so publishing never changes a text under someone's eyes. Returns the published
    version and the one it replaced, if any.
    """
    check_may_publish(actor)
    version = _lock(version)
    if version.state != VersionState.APPROVED:
        raise _refused(
            version,
            _("Version %(version)s is %(state)s and cannot be published: "
              "the Advisory Board has not approved it."),
        )
    module = Module.objects.select_for_update().get(pk=version.module_id)
    replaced = None
    if module.published_version_id:
        replaced = _lock(ModuleVersion(pk=module.published_version_id))
        _move(replaced, VersionState.SUPERSEDED, actor=actor, replaced_by=version.number)
    version.published_at = timezone.now()
    _move(version, VersionState.PUBLISHED, actor=actor, reason=note, extra_fields=["published_at"])
    module.published_version = version
    module.save(update_fields=["published_version"])
    version.module = module
    return version, replaced


@transaction.atomic
def withdraw(*, version: ModuleVersion, actor: User | None, reason: str) -> ModuleVersion:
    """Take a version out of review, or off the course if learners see it now."""
    check_may_publish(actor)
    reason = reason.strip()
    if not reason:
        raise LifecycleError(_("Say why the version is withdrawn."))
    version = _lock(version)
    if version.state not in WITHDRAWABLE:
        raise _refused(version, _("Version %(version)s is %(state)s and cannot be withdrawn."))
    if version.state == VersionState.PUBLISHED:
        Module.objects.filter(pk=version.module_id).update(published_version=None)
        version.module.published_version = None
    version.languages = _with_approvals(version.languages, set())
    _move(version, VersionState.WITHDRAWN, actor=actor, reason=reason,
          extra_fields=["languages"])
    return version


# New drafts --------------------------------------------------------------------------------


@transaction.atomic
def new_draft(*, version: ModuleVersion, actor: User | None) -> ModuleVersion:
    """Copy a frozen version into a new draft that can be edited (one draft per module)."""
    module = Module.objects.select_for_update().get(pk=version.module_id)
    if module.versions.filter(state=VersionState.DRAFT).exists():
        raise LifecycleError(
            _("Module %(code)s already has a draft; edit that one.") % {"code": module.code}
        )
    number = (module.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    # Work on a fresh copy: the caller's object must keep describing the frozen version.
    draft = ModuleVersion.objects.get(pk=version.pk)
    lessons = list(draft.lessons.all())
    outcomes = list(draft.outcomes.all())
    draft.pk = None
    draft.number = number
    draft.state = VersionState.DRAFT
    draft.source = "admin"
    draft.created_by = actor
    draft.published_at = None
    # The Board approves each new version again, language by language.
    draft.languages = _with_approvals(draft.languages, set())
    draft.save()
    for item in [*lessons, *outcomes]:
        item.pk = None
        item.version = draft
    Lesson.objects.bulk_create(lessons)
    LearningOutcome.objects.bulk_create(outcomes)
    part = exam_part.handler()
    if part is not None:  # the item bank comes along: a version is lessons and exam together
        part.copy(version, draft)
    VersionTransition.objects.create(
        version=draft, was="", now=VersionState.DRAFT, actor=actor,
        details={"copied_from": version.number},
    )
    return draft


# Helpers -----------------------------------------------------------------------------------


def _lock(version: ModuleVersion) -> ModuleVersion:
    return (
        # Lock only the version row: PostgreSQL cannot lock the nullable side of the author join.
        ModuleVersion.objects.select_for_update(of=("self",))
        .select_related("module", "created_by")
        .get(pk=version.pk)
    )


def _move(
    version: ModuleVersion,
    state: VersionState,
    *,
    actor: User | None,
    reason: str = "",
    extra_fields: Collection[str] = (),
    **details: Any,
) -> None:
    was = version.state
    version.state = state
    version.save(update_fields=["state", *extra_fields])
    VersionTransition.objects.create(
        version=version, was=was, now=state, actor=actor, reason=reason.strip(), details=details
    )
    # What learners see may have changed (published, withdrawn, a language approved or not).
    course_cache.bump_generation()


def _require(version: ModuleVersion, states: Collection[str]) -> None:
    if version.state not in states:
        raise _refused(
            version, _("Version %(version)s is %(state)s: the Board's decisions on it are closed.")
        )


def _refused(version: ModuleVersion, message: str) -> LifecycleError:
    return LifecycleError(
        message % {"version": version, "state": version.get_state_display().lower()}
    )


def _approvable(version: ModuleVersion, languages: Collection[str]) -> set[str]:
    complete = {
        code
        for code, state in (version.languages or {}).items()
        if state.get("status") == LanguageStatus.COMPLETE
    }
    return ({REFERENCE_LANGUAGE} | set(languages)) & (complete | {REFERENCE_LANGUAGE})


def _with_approvals(languages: dict[str, Any] | None, approved: set[str]) -> dict[str, Any]:
    return {
        code: {**state, "approved": code in approved} for code, state in (languages or {}).items()
    }
