"""Item banks in the database: each one part of a module version, parsed once per process.

A bank is stored with its module version (the content import, microcred/assessment/exam_part.py)
and never changes; adding questions makes a new draft version that goes to the Board like any
other change. Learners are tested on the bank of the version they study.
"""

import hashlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.assessment.items import ItemBank as ParsedBank
from microcred.assessment.items import ItemSpec
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.models import ItemBank
from microcred.curriculum.content_data import with_exam
from microcred.curriculum.content_files import ContentError, ContentInvalid
from microcred.curriculum.lifecycle import new_draft
from microcred.curriculum.models import Module, ModuleVersion, VersionState
from microcred.curriculum.services import CurriculumError
from microcred.learning.models import ModuleProgress


def outcome_codes(module: Module) -> set[str]:
    version = module.published_version or module.versions.order_by("-number").first()
    return set(version.outcomes.values_list("code", flat=True)) if version else set()


def canonical_source(bank: ParsedBank) -> str:
    """The bank as items.yaml text, normalised (formatting changes make no new version)."""
    return bank.source()


def fingerprint(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def store_bank(*, version: ModuleVersion, bank: ParsedBank, actor: User | None) -> ItemBank:
    """Store `bank` as the exam part of the new `version` (called by the content import)."""
    source = bank.source()
    return _create(version, source, actor)


def copy_bank(*, source: ModuleVersion, draft: ModuleVersion) -> ItemBank | None:
    """A new draft starts with the bank of the version it was copied from."""
    bank = bank_of(source)
    return _create(draft, bank.source, draft.created_by) if bank is not None else None


def _create(version: ModuleVersion, source: str, actor: User | None) -> ItemBank:
    number = (ItemBank.objects.filter(module_id=version.module_id)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    return ItemBank.objects.create(module_id=version.module_id, version=version, number=number,
                                   source=source, fingerprint=fingerprint(source),
                                   created_by=actor)


def bank_of(version: ModuleVersion | None) -> ItemBank | None:
    """The item bank of this module version; None for a module without a test yet."""
    if version is None:
        return None
    return ItemBank.objects.filter(version=version).first()


def current_bank(module: Module) -> ItemBank | None:
    """The bank of the published version: what a learner starting the module is tested on."""
    return bank_of(module.published_version)


def bank_for(*, learner: User, module: Module) -> ItemBank | None:
    """The bank a learner's next attempt draws from: that of the version they study.

    Their progress pins the version they started (a newer publication does not move them);
    before they start, or for a version stored without a bank, it is the published one.
    """
    version_id = (ModuleProgress.objects.filter(learner=learner, module=module)
                  .values_list("version_id", flat=True).first())
    bank = ItemBank.objects.filter(version_id=version_id).first() if version_id else None
    return bank or current_bank(module)


@lru_cache(maxsize=256)
def _parse(bank_id: int, source: str) -> ParsedBank:
    outcomes = {item["outcome"] for item in yaml.safe_load(source)["items"]}
    return read_item_bank(Path("items.yaml"), outcomes, text=source)


def parsed(bank: ItemBank) -> ParsedBank:
    """The bank as dataclasses; banks never change, so the parse is cached per process."""
    return _parse(bank.pk, bank.source)


@transaction.atomic
def add_questions(*, module: Module, items: list[ItemSpec], actor: User | None) -> ItemBank:
    """Propose imported questions: a new draft module version, the newest one plus `items`.

    Nobody is tested on them until the Board approves that version and it is published, like
    any other change to the course. Ids must be new. Returns the draft's bank.
    """
    latest = module.versions.order_by("-number").first()
    bank = bank_of(latest)
    if latest is None or bank is None:
        raise ContentInvalid([ContentError(module.folder, None,
                                           _("this module has no item bank to add to yet"))])
    existing = parsed(bank)
    taken = {item.id for item in existing.items}
    clashes = [item.id for item in items if item.id in taken]
    if clashes:
        raise ContentInvalid([ContentError(module.folder, None,
                                           _("question id %(id)s already exists") % {"id": item})
                              for item in clashes])
    if latest.state == VersionState.DRAFT:
        # One draft at a time: the questions would otherwise bypass what is being edited.
        raise ContentInvalid([ContentError(module.folder, None, _(
            "version %(version)s is still a draft: send it to the Board first, then add the "
            "questions") % {"version": latest})])
    combined = replace(existing, items=existing.items + tuple(items))
    try:
        draft = new_draft(version=latest, actor=actor)
    except CurriculumError as error:
        raise ContentInvalid([ContentError(module.folder, None, str(error))]) from error
    # The draft's copy of the old bank gives way to the combined one; no attempt used it.
    ItemBank.objects.filter(version=draft).delete()
    draft.content_hash = with_exam(latest.content_hash, combined)
    draft.source = "questions"
    draft.save(update_fields=["content_hash", "source"])
    return store_bank(version=draft, bank=combined, actor=actor)
