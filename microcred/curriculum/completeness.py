"""Which texts of the course are missing in which language (admin page and command)."""

from dataclasses import dataclass, field

from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.text import configured_languages


@dataclass
class LanguageCompleteness:
    language: str
    total: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def translated(self) -> int:
        return self.total - len(self.missing)

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 100


@dataclass
class ModuleCompleteness:
    version: ModuleVersion
    languages: list[LanguageCompleteness]


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
        row = LanguageCompleteness(language, total=len(texts))
        row.missing = [label for label, mapping in texts if not mapping.get(language)]
        report.append(row)
    return ModuleCompleteness(version, report)


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
