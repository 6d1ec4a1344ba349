"""Item banks in the database: imported from items.yaml, parsed once per process."""

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Max

from microcred.accounts.models import User
from microcred.assessment.items import ItemBank as ParsedBank
from microcred.assessment.items import read_item_bank
from microcred.assessment.models import ItemBank
from microcred.curriculum.content_files import ContentError, ContentInvalid
from microcred.curriculum.models import Module


def outcome_codes(module: Module) -> set[str]:
    version = module.published_version or module.versions.order_by("-number").first()
    return set(version.outcomes.values_list("code", flat=True)) if version else set()


def canonical_source(bank: ParsedBank) -> str:
    """The bank as items.yaml text, normalised (formatting changes make no new version)."""
    data = {"blueprint": {
        "items_per_outcome": bank.blueprint.items_per_outcome,
        "pass_overall": bank.blueprint.pass_overall,
        "pass_per_outcome": bank.blueprint.pass_per_outcome,
        "time_limit_minutes": bank.blueprint.time_limit_minutes,
        "attempts": bank.blueprint.attempts,
        "cooldown_hours": bank.blueprint.cooldown_hours,
    }, "items": [item.as_dict() for item in bank.items]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def import_item_banks(*, path: Path, actor: User | None = None) -> list[ItemBank]:
    """Read every module's items.yaml; store a new bank version only where items changed.

    All files are validated first; nothing is stored if any of them has a problem.
    """
    parsed: list[tuple[Module, ParsedBank]] = []
    errors: list[ContentError] = []
    for module in Module.objects.order_by("order"):
        file = path / module.folder / "items.yaml"
        if not file.exists():
            continue
        try:
            parsed.append((module, read_item_bank(file, outcome_codes(module))))
        except ContentInvalid as invalid:
            errors.extend(invalid.errors)
    if errors:
        raise ContentInvalid(errors)
    return _store(parsed, actor)


@transaction.atomic
def _store(parsed: list[tuple[Module, ParsedBank]], actor: User | None) -> list[ItemBank]:
    created = []
    for module, bank in parsed:
        source = canonical_source(bank)
        fingerprint = _fingerprint(source)
        latest = ItemBank.objects.filter(module=module).order_by("-number").first()
        if latest is not None and latest.fingerprint == fingerprint:
            continue
        number = (ItemBank.objects.filter(module=module).aggregate(n=Max("number"))["n"] or 0) + 1
        created.append(ItemBank.objects.create(module=module, number=number, source=source,
                                               fingerprint=fingerprint, created_by=actor))
    return created


def _fingerprint(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def current_bank(module: Module) -> ItemBank | None:
    return ItemBank.objects.filter(module=module).order_by("-number").first()


@lru_cache(maxsize=256)
def _parse(bank_id: int, source: str) -> ParsedBank:
    outcomes = {item["outcome"] for item in yaml.safe_load(source)["items"]}
    return read_item_bank(Path("items.yaml"), outcomes, text=source)


def parsed(bank: ItemBank) -> ParsedBank:
    """The bank as dataclasses; banks never change, so the parse is cached per process."""
    return _parse(bank.pk, bank.source)


@transaction.atomic
def add_questions(*, module: Module, items: list[Any], actor: User | None) -> ItemBank:
    """A new bank version: the current items plus imported ones (ids must be new)."""
    from dataclasses import replace

    from django.utils.translation import gettext as _

    bank = current_bank(module)
    if bank is None:
        raise ContentInvalid([ContentError(module.folder, None,
                                           _("this module has no item bank to add to yet"))])
    existing = parsed(bank)
    taken = {item.id for item in existing.items}
    clashes = [item.id for item in items if item.id in taken]
    if clashes:
        raise ContentInvalid([ContentError(module.folder, None,
                                           _("question id %(id)s already exists") % {"id": item})
                              for item in clashes])
    combined = replace(existing, items=existing.items + tuple(items))
    source = canonical_source(combined)
    number = (ItemBank.objects.filter(module=module).aggregate(n=Max("number"))["n"] or 0) + 1
    return ItemBank.objects.create(module=module, number=number, source=source,
                                   fingerprint=_fingerprint(source), created_by=actor)
