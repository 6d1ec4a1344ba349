"""Which texts of the course are missing in which language, which translations lag their English
source, and which lessons' facts are due for a new check (admin page, command, Board pages)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from microcred.curriculum.languages import LanguageStatus, language_state
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.provenance import needs_fact_check
from microcred.curriculum.text import configured_languages

STATUS_LABELS = {
    LanguageStatus.COMPLETE: gettext_lazy("complete"),
    LanguageStatus.OUTDATED: gettext_lazy("outdated"),
    LanguageStatus.MISSING: gettext_lazy("missing"),
}


@dataclass
class LanguageCompleteness:
    language: str
    total: int = 0
    missing: list[str] = field(default_factory=list)  # labels of the version's missing texts
    # As the import found it (microcred/curriculum/translation_status.py): complete, outdated or
    # missing, with the ids of the units made from an older English text, or absent.
    status: str = LanguageStatus.MISSING
    outdated_units: list[str] = field(default_factory=list)
    missing_units: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def translated(self) -> int:
        return self.total - len(self.missing)

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 100


@dataclass(frozen=True)
class StaleLesson:
    """A lesson whose facts were checked longer ago than CONTENT_REVIEW_MAX_AGE_DAYS."""

    slug: str
    reviewed: date | None  # None: the lesson has no review date at all


@dataclass
class ModuleCompleteness:
    version: ModuleVersion
    languages: list[LanguageCompleteness]
    stale_lessons: list[StaleLesson] = field(default_factory=list)


def stale_lessons(version: ModuleVersion, *, today: date | None = None) -> list[StaleLesson]:
    today = today or timezone.localdate()
    return [
        StaleLesson(lesson.slug, lesson.reviewed)
        for lesson in sorted(version.lessons.all(), key=lambda lesson: lesson.order)
        if needs_fact_check(lesson.reviewed, today=today)
    ]


def _texts(version: ModuleVersion) -> list[tuple[str, dict[str, object]]]:
    """(label, language map) for every text a learner reads in this version."""
    texts: list[tuple[str, dict[str, object]]] = [
        ("title", version.title),
        ("summary", version.summary),
    ]
    for outcome in version.outcomes.all():
        texts.append((f"{outcome.code} statement", outcome.statement))
    for lesson in version.lessons.all():
        texts.append((f"lesson {lesson.slug} title", lesson.title))
        texts.append((f"lesson {lesson.slug} text", lesson.body))
        if lesson.check_question:
            texts.append(
                (f"lesson {lesson.slug} knowledge check", lesson.check_question.get("question", {}))
            )
    for index, entry in enumerate(version.glossary, start=1):
        texts.append((f"glossary term {index}", entry.get("term", {})))
        texts.append((f"glossary definition {index}", entry.get("definition", {})))
    return texts


def module_completeness(
    version: ModuleVersion, languages: list[str] | None = None
) -> ModuleCompleteness:
    texts = _texts(version)
    report = []
    for language in languages or configured_languages():
        recorded = (version.languages or {}).get(language) or {}
        row = LanguageCompleteness(
            language,
            total=len(texts),
            missing=[label for label, mapping in texts if not mapping.get(language)],
            status=language_state(version, language)["status"],
            outdated_units=list(recorded.get("outdated", [])),
            missing_units=list(recorded.get("missing", [])),
        )
        report.append(row)
    return ModuleCompleteness(version, report, stale_lessons(version))


def course_completeness(languages: list[str] | None = None) -> list[ModuleCompleteness]:
    """The latest version of every module, with lessons and outcomes fetched in bulk."""
    latest: dict[int, ModuleVersion] = {}
    for version in (
        ModuleVersion.objects.select_related("module")
        .prefetch_related("lessons", "outcomes")
        .order_by("module__order", "-number")
    ):
        latest.setdefault(version.module_id, version)
    return [module_completeness(version, languages) for version in latest.values()]


# A module is also incomplete for reasons apps above curriculum know (the assessment app: an
# item bank too small to give every attempt a different test). Curriculum cannot import them,
# so they register a check from AppConfig.ready(), as apps do for the privacy registry
# (decision 0009). A check returns one translated line per problem, none when all is well.
ModuleCheck = Callable[[ModuleVersion], list[str]]


@dataclass(frozen=True)
class RegisteredCheck:
    title: str | Promise
    check: ModuleCheck


@dataclass(frozen=True)
class CheckFindings:
    title: str | Promise
    findings: list[tuple[ModuleVersion, list[str]]]  # modules with problems only


_module_checks: dict[str, RegisteredCheck] = {}


def register_module_check(name: str, title: str | Promise, check: ModuleCheck) -> None:
    _module_checks[name] = RegisteredCheck(title, check)


def module_check_findings(versions: list[ModuleVersion]) -> list[CheckFindings]:
    """Every registered check run over these versions, in registration order."""
    results = []
    for registered in _module_checks.values():
        findings = [(version, registered.check(version)) for version in versions]
        results.append(CheckFindings(registered.title, [f for f in findings if f[1]]))
    return results
