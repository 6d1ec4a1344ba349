"""Draw an exam form from an item bank: pure, and fully determined by a secret seed.

Every draw decision (which items, their order, the order of options, steps and the matching right
column) and every choice token comes from HMAC-SHA-256 keyed with the seed, not from `random`, so
the same seed gives the same form on any Python version. The platform stores `form.to_json()`
(seed, items, orders, tokens); `replay` rebuilds the identical form from it for grading and audit.

The seed is as secret as the answers: with it and the bank anyone can tell the tokens apart. It
never goes into a page; use `new_seed()`, never an attempt number.

Choice tokens are opaque per attempt: a token is a keyed hash of (seed, item, column, original
index), so neither the token, nor the order on the page, nor the form field names say which
option is right, and a token from one attempt means nothing in another. True/false items show
the fixed words True and False, which reveal nothing.

A task item (a simulated app screen) keeps the authored order of its controls and of their
choices, as the app would show them; each control (the "left" column) and each choice (the
choices column, every control's choices one after the other) still gets an opaque token, so no
field name or value in the page says what the author expected.

An outcome with task items (performance items) is always tested by one of them: the form takes
one task item for it, chosen by the seed, and fills its other places with the outcome's other
items (with more task items only when there are too few others).

A retake prefers items the learner has not been shown: given the item ids of their earlier forms
of the module, each outcome's places go first to unseen items, then to those seen fewest times and
longest ago; the seed only breaks ties. The blueprint still holds (the same number per outcome,
one task item where the outcome has any), and the same seed and history give the same form.
`disjoint_forms` says how many forms with no item in common an outcome's items allow under these
rules, for the completeness report.
"""

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from microcred.assessment.items import GAP, ItemBank, ItemSpec
from microcred.assessment.task_items import flat_choices
from microcred.curriculum.text import localise

FORM_VERSION = 1
TOKEN_HEX = 12  # 48 bits: unguessable within an attempt, short in HTML


class FormMismatch(ValueError):
    """A stored form does not fit the bank it is replayed or graded with."""


@dataclass(frozen=True)
class DrawnItem:
    """One item as this attempt shows it.

    `order[p]` is the original index (in the bank) of the choice shown at position p, and
    `tokens[p]` its opaque token: options, ordering steps, or the matching right column.
    `left_order` / `left_tokens` do the same for the matching left column, which keeps the
    authored order (authors often arrange it on purpose).
    """

    item_id: str
    type: str
    fingerprint: str
    order: tuple[int, ...] = ()
    tokens: tuple[str, ...] = ()
    left_order: tuple[int, ...] = ()
    left_tokens: tuple[str, ...] = ()
    _by_token: dict[str, int] = field(init=False, repr=False, compare=False)
    _left_by_token: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_token", dict(zip(self.tokens, self.order, strict=True)))
        left = dict(zip(self.left_tokens, self.left_order, strict=True))
        object.__setattr__(self, "_left_by_token", left)

    def index_of(self, token: object) -> int | None:
        """Original index of a choice token; None for anything else (never raises)."""
        return self._by_token.get(token) if isinstance(token, str) else None

    def left_index_of(self, token: object) -> int | None:
        return self._left_by_token.get(token) if isinstance(token, str) else None

    def token_of(self, index: int) -> str:
        return self.tokens[self.order.index(index)]

    def left_token_of(self, index: int) -> str:
        return self.left_tokens[self.left_order.index(index)]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.item_id, "type": self.type}
        data["fingerprint"] = self.fingerprint
        data.update(order=list(self.order), tokens=list(self.tokens))
        if self.left_order:
            data.update(left_order=list(self.left_order), left_tokens=list(self.left_tokens))
        return data


@dataclass(frozen=True)
class DrawnForm:
    seed: int
    items: tuple[DrawnItem, ...]

    def to_json(self) -> dict[str, Any]:
        """What the platform stores with the attempt (server side only: it holds the seed)."""
        return {
            "version": FORM_VERSION,
            "seed": self.seed,
            "items": [item.to_json() for item in self.items],
        }


def new_seed() -> int:
    """A fresh secret seed; 63 bits so it fits a signed 64-bit database column."""
    return secrets.randbits(63)


def draw_form(bank: ItemBank, *, seed: int, earlier: Sequence[Sequence[str]] = ()) -> DrawnForm:
    """Pick `items_per_outcome` items for every outcome, then shuffle items and their choices.

    `earlier` holds the item ids of the learner's earlier forms of this module, oldest first.
    """
    needed = bank.blueprint.items_per_outcome
    staleness = _staleness(earlier)
    picked: list[ItemSpec] = []
    for outcome in bank.outcomes:
        candidates = bank.items_for(outcome)
        if len(candidates) < needed:
            raise ValueError(f"outcome {outcome} has {len(candidates)} items, {needed} needed")

        def rank(item: ItemSpec) -> tuple[tuple[int, int], bool, bytes]:
            # Fresh items first; among equally fresh ones a task only fills a place when the
            # other items have run out; the seed decides the rest.
            return staleness.get(item.id, (0, 0)), item.type == "task", _mac(seed, "pick", item.id)

        tasks = sorted((item for item in candidates if item.type == "task"), key=rank)
        rest = sorted((item for item in candidates if item not in tasks[:1]), key=rank)
        picked += (tasks[:1] + rest)[:needed]
    picked.sort(key=lambda item: _mac(seed, "place", item.id))
    return DrawnForm(seed, tuple(_draw_item(bank, item, seed) for item in picked))


def _staleness(earlier: Sequence[Sequence[str]]) -> dict[str, tuple[int, int]]:
    """Item id -> (times shown, last attempt it was shown in, counted from 1); unseen: absent."""
    seen: dict[str, tuple[int, int]] = {}
    for number, item_ids in enumerate(earlier, 1):
        for item_id in set(item_ids):
            seen[item_id] = (seen.get(item_id, (0, 0))[0] + 1, number)
    return seen


def disjoint_forms(bank: ItemBank, outcome: str) -> int:
    """How many forms with no item in common the draw can give this outcome.

    Every form takes `items_per_outcome` of its items, one of them a task item when it has any.
    """
    needed = bank.blueprint.items_per_outcome
    items = bank.items_for(outcome)
    forms = len(items) // needed if needed else 0
    tasks = sum(item.type == "task" for item in items)
    return min(forms, tasks) if tasks else forms


def replay(bank: ItemBank, stored: Mapping[str, Any], *, corrected: bool = False) -> DrawnForm:
    """Rebuild a stored form, checking it against the bank; FormMismatch when it does not fit.

    The stored orders are used as they are (not drawn again), so a replay survives any change
    to the draw algorithm; the fingerprints and tokens prove the items and seed are the same.
    With `corrected`, an item's content may differ (staff re-mark after fixing an item), but
    its choices must still line up with what the learner saw (same count, seed and tokens).
    """
    if not isinstance(stored, Mapping) or stored.get("version") != FORM_VERSION:
        raise FormMismatch("not a stored exam form of a known version")
    seed, entries = stored.get("seed"), stored.get("items")
    if not isinstance(seed, int) or isinstance(seed, bool) or not isinstance(entries, list):
        raise FormMismatch("stored form has no seed or no items")
    items = []
    for entry in entries:
        item_id = entry.get("id") if isinstance(entry, Mapping) else None
        try:
            item = bank.item(str(item_id))
        except KeyError:
            raise FormMismatch(f"item {item_id!r} is not in the bank") from None
        drawn = _drawn(
            bank,
            item,
            seed,
            _permutation_from(entry.get("order"), _choice_count(item)),
            _permutation_from(entry.get("left_order"), _left_count(item)),
        )
        expected = dict(entry)
        if corrected:
            expected["fingerprint"] = drawn.fingerprint
        if drawn.to_json() != expected:
            raise FormMismatch(
                f"item {item_id} does not match the stored form (item, seed or order)"
            )
        items.append(drawn)
    return DrawnForm(seed, tuple(items))


def learner_view(bank: ItemBank, form: DrawnForm, *, language: str) -> list[dict[str, Any]]:
    """The form as the page shows it: texts and tokens, nothing that tells right from wrong.

    Each text comes with the language it is really in (`lang`), because a missing translation
    falls back to English and the page must mark it for screen readers.
    """
    view = []
    for number, drawn in enumerate(form.items, 1):
        item = bank.item(drawn.item_id)
        entry: dict[str, Any] = {"number": number, "id": item.id, "type": item.type}
        entry["stem"] = _text(item.stem, language)
        shown = _shown_texts(item)
        entry["choices"] = [
            {"token": token, **_text(shown[index], language)}
            for index, token in zip(drawn.order, drawn.tokens, strict=True)
        ]
        left = _left_texts(item)
        entry["prompts"] = [
            {"token": token, **_text(left[index], language)}
            for index, token in zip(drawn.left_order, drawn.left_tokens, strict=True)
        ]
        entry["unit"] = _text(item.unit, language) if item.unit else None
        if item.type == "task":
            entry.update(_task_view(item, drawn, language))
        if item.type == "gap_select":
            entry["parts"] = _gap_view(item, drawn, entry["stem"], entry["choices"])
            # Pages that show the question without its drop-downs show numbered blanks.
            blanks = GAP.sub(lambda gap: f"___ ({gap[1]})", entry["stem"]["text"])
            entry["stem"] = {**entry["stem"], "text": blanks}
        view.append(entry)
    return view


def _task_view(item: ItemSpec, drawn: DrawnItem, language: str) -> dict[str, Any]:
    """The simulated screen: each control with its token, texts and starting state."""
    choices: list[list[dict[str, str]]] = [[] for _control in item.controls]
    for index, (control_index, choice) in enumerate(flat_choices(item.controls)):
        choices[control_index].append(
            {"token": drawn.token_of(index), **_text(choice.text, language)}
        )
    controls = [
        {
            "token": drawn.left_token_of(index),
            "kind": control.kind,
            "label": _text(control.label, language),
            "detail": _text(control.detail, language) if control.detail else None,
            "initial": control.initial is True,
            "choices": choices[index],
        }
        for index, control in enumerate(item.controls)
    ]
    return {"screen": item.screen, "title": _text(item.title, language), "controls": controls}


def _gap_view(
    item: ItemSpec, drawn: DrawnItem, stem: dict[str, str], shown: list[dict[str, str]]
) -> list[dict[str, Any]]:
    """The sentence cut at its gaps: text parts, each gap with its own choices (drawn order)."""
    owner = [number for number, gap in enumerate(item.gaps) for _choice in gap.choices]
    parts: list[dict[str, Any]] = []
    for piece_number, piece in enumerate(GAP.split(stem["text"])):
        if piece_number % 2 == 0:
            parts.append({"text": piece})
            continue
        gap = int(piece) - 1
        choices = [choice for index, choice in zip(drawn.order, shown, strict=True)
                   if owner[index] == gap]
        parts.append({"gap": int(piece), "token": drawn.left_token_of(gap), "choices": choices})
    return parts


def _text(mapping: dict[str, str], language: str) -> dict[str, str]:
    localised = localise(mapping, language)
    return {"text": localised.text, "lang": localised.language}


def _shown_texts(item: ItemSpec) -> list[dict[str, str]]:
    if item.type in ("single_choice", "multiple_response"):
        return [option.text for option in item.options]
    if item.type == "ordering":
        return list(item.sequence)
    if item.type == "matching":
        return [pair.right for pair in item.pairs]
    if item.type == "task":
        return [choice.text for _control, choice in flat_choices(item.controls)]
    if item.type == "gap_select":
        return [choice for gap in item.gaps for choice in gap.choices]
    return []


def _left_texts(item: ItemSpec) -> list[dict[str, str]]:
    if item.type == "task":
        return [control.label for control in item.controls]
    if item.type == "gap_select":
        return [{} for _gap in item.gaps]  # a gap has no text of its own: the stem places it
    return [pair.left for pair in item.pairs]


def _left_count(item: ItemSpec) -> int:
    return len(_left_texts(item))


def _choice_count(item: ItemSpec) -> int:
    return len(_shown_texts(item))


def _mac(seed: int, *parts: object) -> bytes:
    # The unit separator keeps ("a", "bc") and ("ab", "c") apart.
    message = "\x1f".join(str(part) for part in parts).encode("utf-8")
    return hmac.new(str(seed).encode("ascii"), message, hashlib.sha256).digest()


def _permutation(seed: int, item_id: str, column: str, size: int, *, moved: bool) -> list[int]:
    order = sorted(range(size), key=lambda index: _mac(seed, "shuffle", item_id, column, index))
    if moved and size > 1 and order == sorted(order):
        # Steps or a right column shown already in the right order would give the answer away.
        order = order[1:] + order[:1]
    return order


def _tokens(seed: int, item_id: str, column: str, order: list[int]) -> tuple[str, ...]:
    for length in (TOKEN_HEX, 64):  # the longer form only if two short tokens ever collide
        tokens = tuple(
            "c" + _mac(seed, "token", item_id, column, index).hex()[:length] for index in order
        )
        if len(set(tokens)) == len(tokens):
            break
    return tokens


def _draw_item(bank: ItemBank, item: ItemSpec, seed: int) -> DrawnItem:
    if item.type == "task":  # an app shows its buttons in the same place every time
        order = list(range(_choice_count(item)))
    else:
        moved = item.type in ("ordering", "matching")
        order = _permutation(seed, item.id, "choices", _choice_count(item), moved=moved)
    return _drawn(bank, item, seed, order, list(range(_left_count(item))))


def _drawn(
    bank: ItemBank, item: ItemSpec, seed: int, order: list[int], left_order: list[int]
) -> DrawnItem:
    return DrawnItem(
        item_id=item.id,
        type=item.type,
        fingerprint=bank.fingerprint_of(item.id),
        order=tuple(order),
        tokens=_tokens(seed, item.id, "choices", order),
        left_order=tuple(left_order),
        left_tokens=_tokens(seed, item.id, "left", left_order),
    )


def _permutation_from(value: Any, size: int) -> list[int]:
    if value is None and size == 0:
        return []
    if (
        not isinstance(value, list)
        or not all(isinstance(index, int) and not isinstance(index, bool) for index in value)
        or sorted(value) != list(range(size))
    ):
        raise FormMismatch("a stored order does not fit its item")
    return value
