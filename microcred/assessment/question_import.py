"""The staff question import in two steps: read and report (nothing saved), then save on
confirmation with the categories mapped to outcomes.

Between the two steps the upload waits server-side in the shared cache, under a random key bound
to the staff member; the confirmation page carries only that key and the mapping, never question
content, so nothing a browser sends can change what is saved. The file is read again on
confirmation: reading is pure, so the staff member saves exactly what the report showed (unless
the bank changed in between, when ids are chosen afresh against it).
"""

import secrets
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from microcred.accounts.models import User
from microcred.assessment import banks
from microcred.assessment.gift import import_gift
from microcred.assessment.importing import ImportReport
from microcred.assessment.moodle_xml import import_moodle_xml
from microcred.curriculum.content_files import ContentError, ContentInvalid
from microcred.curriculum.models import Module

STASH_SECONDS = 2 * 60 * 60  # long enough to map categories, short enough not to linger
SKIP = "-"  # the mapping value that leaves a category's questions out
TYPE_LABELS = {
    "single_choice": _lazy("One right answer"),
    "multiple_response": _lazy("Several right answers"),
    "true_false": _lazy("True or false"),
    "matching": _lazy("Matching"),
    "ordering": _lazy("Putting in order"),
    "numeric": _lazy("Number"),
    "short_text": _lazy("Short typed answer"),
    "gap_select": _lazy("Drop-down gaps"),
}


@dataclass(frozen=True)
class Upload:
    module: Module
    language: str
    file_format: str  # gift | moodle
    name: str
    data: bytes


def read_upload(upload: Upload) -> ImportReport:
    """The report of an upload against the module's current bank (its ids are taken)."""
    bank = banks.current_bank(upload.module)
    taken = frozenset(item.id for item in banks.parsed(bank).items) if bank else frozenset()
    reader = import_gift if upload.file_format == "gift" else import_moodle_xml
    return reader(upload.data, language=upload.language,
                  outcome_codes=banks.outcome_codes(upload.module),
                  id_prefix=f"{upload.module.code}-IMP", taken=taken, name=upload.name)


def stash_upload(*, user: User, upload: Upload) -> str:
    key = secrets.token_urlsafe(24)
    cache.set(_cache_key(user, key), {
        "module": upload.module.pk, "language": upload.language,
        "file_format": upload.file_format, "name": upload.name, "data": upload.data,
    }, STASH_SECONDS)
    return key


def stashed_upload(*, user: User, key: str) -> Upload | None:
    """The upload this staff member stashed under `key`; None when unknown or expired."""
    if not isinstance(key, str) or not 20 <= len(key) <= 64:
        return None
    stored: dict[str, Any] | None = cache.get(_cache_key(user, key))
    module = Module.objects.filter(pk=stored["module"]).first() if stored else None
    if stored is None or module is None:
        return None
    return Upload(module, stored["language"], stored["file_format"], stored["name"],
                  stored["data"])


def _cache_key(user: User, key: str) -> str:
    return f"question-import:{user.pk}:{key}"


def save_upload(
    *, user: User, key: str, upload: Upload, report: ImportReport, mapping: dict[str, str]
) -> tuple[Any, int]:
    """Save the imported questions with their categories' outcomes, as a new bank version.

    `report` is `read_upload(upload)`, read again for this request; `mapping` gives every
    category of the report an outcome code of the module, or SKIP.
    """
    outcomes = banks.outcome_codes(upload.module) | {SKIP}
    if any(mapping.get(category) not in outcomes for category, _s in report.categories()):
        raise ContentInvalid([ContentError(upload.name, None, _(
            "Please choose a learning outcome for every category."))])
    kept = [q for q in report.imported if mapping[q.category] != SKIP]
    if not kept:
        raise ContentInvalid([ContentError(upload.name, None, _(
            "No question is left to import."))])
    items = ImportReport(report.name, report.language, kept).with_outcomes(mapping)
    result = banks.add_questions(module=upload.module, items=items, actor=user)
    cache.delete(_cache_key(user, key))
    return result, len(items)
