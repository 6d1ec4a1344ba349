"""Grade an answer sheet against a drawn form: a pure function, safe on any input.

Answers come from the network, so they are JSON-like values keyed by item id. An answer of the
wrong shape, an unknown token or garbage scores 0 for its item and is marked "invalid"; grading
never raises because of what a learner sent. Blank answers (None, "", [], {}) are "unanswered".

Scores are exact fractions until the end, so 7 right out of 10 is 70, not 69.99999, when it is
compared with the pass mark. Every item weighs the same. Scoring per type:

- single_choice: 1 for the token of the correct option, else 0 (a one-element list is accepted,
  as HTML forms send lists).
- true_false: 1 for the right answer given as true/false or "true"/"false", else 0.
- multiple_response: partial credit max(0, (right picks - wrong picks) / number of right
  options), so ticking every box scores no more than ticking none when half are wrong. In
  Moodle's terms: each right option weighs 100/n %, each wrong one -100/n %; imports with other
  weights are reported (importing.choices).

An option's own feedback (Moodle's per-answer feedback) is returned for every option the learner
picked, so the result page can say what each wrong choice misses.
- matching: the share of left entries matched with their right entry ({left token: right token};
  a left entry left blank counts as not matched).
- ordering: the share of steps in their right position; either the tokens in the learner's order
  or {token: position from 1}. A token twice in the list is invalid.
- numeric: 1 when within the tolerance of the answer or of any of `also_accepted` (see
  `answers.read_number` for what is understood: "12", "12.0", "12,5", " 12 characters",
  "100 000"), else 0. A number followed by one of `other_units` is also compared divided by that
  unit's multiplier ("2000 MB" is 2 when the unit is GB), as Moodle's units when they are
  optional and not graded; Moodle's unit penalties are reported by the importers instead.
- short_text: 1 when the normalised answer equals a normalised accepted answer of the learner's
  language or of English (see `answers.normalise_text`), else 0.
- gap_select: the share of gaps set to their right choice ({gap token: choice token}; a gap
  left blank counts as not right, a choice of another gap is simply wrong).
- task: the share of the screen's controls set as expected ({control token: value}, see
  task_grading.py); a screen left as the learner found it is "unanswered".

Pass rule: overall percentage >= pass_overall AND every outcome's percentage >= pass_per_outcome
(both from the blueprint unless given).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from microcred.assessment.answers import (
    MAX_ANSWER_CHARS,
    normalise_text,
    read_number,
    unit_after,
)
from microcred.assessment.draw import DrawnForm, DrawnItem, FormMismatch
from microcred.assessment.items import ItemBank, ItemSpec, natural_key
from microcred.assessment.task_grading import control_results, task_key, untouched
from microcred.curriculum.text import REFERENCE_LANGUAGE, localise

ZERO, ONE = Fraction(0), Fraction(1)


@dataclass(frozen=True)
class ItemResult:
    item_id: str
    outcome: str
    score: float  # 0..1
    status: str  # correct | partial | wrong | unanswered | invalid
    feedback: str  # in the learner's language, else English
    # The own feedback of each option the learner picked, in the bank's order (same language).
    picked_feedback: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.status == "correct"


@dataclass(frozen=True)
class OutcomeResult:
    code: str
    percent: float
    met: bool  # percent >= pass_per_outcome
    items: int


@dataclass(frozen=True)
class GradeResult:
    percent: float
    passed: bool
    pass_overall: float
    pass_per_outcome: float
    items: tuple[ItemResult, ...]
    outcomes: tuple[OutcomeResult, ...]

    @property
    def to_review(self) -> tuple[str, ...]:
        """Outcomes not fully mastered, weakest first: what the result page suggests revising."""
        weak = [outcome for outcome in self.outcomes if outcome.percent < 100]
        return tuple(o.code for o in sorted(weak, key=lambda o: (o.percent, natural_key(o.code))))

    def to_json(self) -> dict[str, Any]:
        return {
            "percent": self.percent,
            "passed": self.passed,
            "pass_overall": self.pass_overall,
            "pass_per_outcome": self.pass_per_outcome,
            "items": [
                {"id": r.item_id, "outcome": r.outcome, "score": r.score, "status": r.status}
                for r in self.items
            ],
            "outcomes": [
                {"code": o.code, "percent": o.percent, "met": o.met, "items": o.items}
                for o in self.outcomes
            ],
            "to_review": list(self.to_review),
        }


def grade(
    bank: ItemBank,
    form: DrawnForm,
    answers: Any,
    *,
    language: str,
    pass_overall: float | None = None,
    pass_per_outcome: float | None = None,
) -> GradeResult:
    """Score every drawn item, then each outcome and the whole exam; decide pass or fail.

    Raises FormMismatch only when the form was drawn from other items than the bank's (a
    programming or versioning error); never because of the answers.
    """
    overall_mark = bank.blueprint.pass_overall if pass_overall is None else pass_overall
    outcome_mark = bank.blueprint.pass_per_outcome if pass_per_outcome is None else pass_per_outcome
    if not isinstance(answers, Mapping):
        answers = {}
    results, exact = [], []
    for drawn in form.items:
        item = _item(bank, drawn)
        score, status = _score_item(item, drawn, answers.get(item.id), language)
        feedback = localise(item.feedback, language).text
        picked = _picked_feedback(item, drawn, answers.get(item.id), language)
        results.append(ItemResult(item.id, item.outcome, float(score), status, feedback, picked))
        exact.append(score)
    outcomes = []
    for code in sorted({r.outcome for r in results}, key=natural_key):
        scores = [s for s, r in zip(exact, results, strict=True) if r.outcome == code]
        percent = sum(scores, ZERO) * 100 / len(scores)
        met = percent >= _mark(outcome_mark)
        outcomes.append(OutcomeResult(code, round(float(percent), 2), met, len(scores)))
    total = sum(exact, ZERO) * 100 / len(exact) if exact else ZERO
    passed = bool(exact) and total >= _mark(overall_mark) and all(o.met for o in outcomes)
    return GradeResult(
        percent=round(float(total), 2),
        passed=passed,
        pass_overall=overall_mark,
        pass_per_outcome=outcome_mark,
        items=tuple(results),
        outcomes=tuple(outcomes),
    )


def answer_key(
    bank: ItemBank, form: DrawnForm, *, language: str = REFERENCE_LANGUAGE
) -> dict[str, Any]:
    """The answer sheet that scores 100%, in the shape `grade` reads (review pages, tests)."""
    key: dict[str, Any] = {}
    for drawn in form.items:
        item = _item(bank, drawn)
        if item.type == "single_choice":
            key[item.id] = next(drawn.token_of(i) for i, o in enumerate(item.options) if o.correct)
        elif item.type == "multiple_response":
            key[item.id] = [drawn.token_of(i) for i, o in enumerate(item.options) if o.correct]
        elif item.type == "matching":
            key[item.id] = {drawn.left_token_of(i): drawn.token_of(i) for i in drawn.left_order}
        elif item.type == "ordering":
            key[item.id] = [drawn.token_of(i) for i in range(len(item.sequence))]
        elif item.type == "short_text":
            key[item.id] = (item.accepted.get(language) or item.accepted[REFERENCE_LANGUAGE])[0]
        elif item.type == "task":
            key[item.id] = task_key(item, drawn, language)
        elif item.type == "gap_select":
            key[item.id] = {drawn.left_token_of(n): drawn.token_of(_right_choice(item, n))
                            for n in range(len(item.gaps))}
        else:
            key[item.id] = item.answer
    return key


def _item(bank: ItemBank, drawn: DrawnItem) -> ItemSpec:
    try:
        item = bank.item(drawn.item_id)
    except KeyError:
        raise FormMismatch(f"item {drawn.item_id} is not in the bank") from None
    if bank.fingerprint_of(item.id) != drawn.fingerprint:
        raise FormMismatch(f"item {item.id} changed since the form was drawn")
    return item


def _picked_feedback(
    item: ItemSpec, drawn: DrawnItem, answer: Any, language: str
) -> tuple[str, ...]:
    if item.type not in ("single_choice", "multiple_response"):
        return ()
    picks = answer if isinstance(answer, list) else [answer]
    indices = sorted({index for index in map(drawn.index_of, picks) if index is not None})
    return tuple(localise(item.options[index].feedback, language).text
                 for index in indices if item.options[index].feedback)


def _mark(threshold: float) -> Fraction:
    # Through str so that a mark of 66.7 means 667/10, not the binary float next to it.
    return Fraction(str(threshold))


def _score_item(
    item: ItemSpec, drawn: DrawnItem, answer: Any, language: str
) -> tuple[Fraction, str]:
    if _blank(answer) or (item.type == "task" and untouched(item, drawn, answer)):
        return ZERO, "unanswered"
    score = _SCORERS[item.type](item, drawn, answer, language)
    if score is None:
        return ZERO, "invalid"
    if score == ONE:
        return score, "correct"
    return score, "wrong" if score == ZERO else "partial"


def _blank(answer: Any) -> bool:
    if answer is None or answer == "":
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, list | tuple):
        return all(_blank(value) for value in answer)
    if isinstance(answer, Mapping):
        return all(_blank(value) for value in answer.values())
    return False


def _single(answer: Any) -> Any:
    """HTML forms send lists: a one-element list stands for its element."""
    return answer[0] if isinstance(answer, list) and len(answer) == 1 else answer


def _single_choice(item: ItemSpec, drawn: DrawnItem, answer: Any, _lang: str) -> Fraction | None:
    index = drawn.index_of(_single(answer))
    if index is None:
        return None
    return ONE if item.options[index].correct else ZERO


def _true_false(item: ItemSpec, _drawn: DrawnItem, answer: Any, _lang: str) -> Fraction | None:
    answer = _single(answer)
    if isinstance(answer, str) and answer.strip().lower() in ("true", "false"):
        answer = answer.strip().lower() == "true"
    if not isinstance(answer, bool):
        return None
    return ONE if answer is item.answer else ZERO


def _multiple_response(
    item: ItemSpec, drawn: DrawnItem, answer: Any, _lang: str
) -> Fraction | None:
    picks = [answer] if isinstance(answer, str) else answer
    if not isinstance(picks, list):
        return None
    picked = {drawn.index_of(pick) for pick in picks if pick != ""}
    indices = {index for index in picked if index is not None}
    if len(indices) != len(picked):  # an unknown token
        return None
    right = sum(item.options[index].correct for index in indices)
    wrong = len(indices) - right
    return max(ZERO, Fraction(right - wrong, sum(o.correct for o in item.options)))


def _matching(item: ItemSpec, drawn: DrawnItem, answer: Any, _lang: str) -> Fraction | None:
    if not isinstance(answer, Mapping):
        return None
    matched = 0
    for left_token, right_token in answer.items():
        left = drawn.left_index_of(left_token)
        if left is None:
            return None
        if right_token is None or right_token == "":
            continue
        right = drawn.index_of(right_token)
        if right is None:
            return None
        matched += right == left  # right column index i is the match of pair i
    return Fraction(matched, len(item.pairs))


def _ordering(item: ItemSpec, drawn: DrawnItem, answer: Any, _lang: str) -> Fraction | None:
    size = len(item.sequence)
    positions: dict[int, int] = {}  # original index -> position the learner gave, from 0
    if isinstance(answer, list) and len(answer) <= size:
        for position, token in enumerate(answer):
            index = drawn.index_of(token)
            if token is None or token == "":
                continue
            if index is None or index in positions:
                return None
            positions[index] = position
    elif isinstance(answer, Mapping):
        for token, given in answer.items():
            step, place = drawn.index_of(token), _position(given, size)
            if step is None or place is None:
                return None
            if place >= 0:
                positions[step] = place
    else:
        return None
    return Fraction(sum(index == position for index, position in positions.items()), size)


def _position(value: Any, size: int) -> int | None:
    """A 1-based position from a select box: its 0-based index, -1 when blank, None if bad."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return -1
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) < 4:
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= size:
        return value - 1
    return None


def _numeric(item: ItemSpec, _drawn: DrawnItem, answer: Any, language: str) -> Fraction | None:
    answer = _single(answer)
    if isinstance(answer, str) and len(answer) > MAX_ANSWER_CHARS:
        return None
    values = read_number(answer)
    if not values:
        return None
    multiplier = _unit_multiplier(item, unit_after(answer), language)
    if multiplier is not None:  # "2000 MB" for an answer in GB: 2000 / 1000
        values = (*values, *(value / multiplier for value in values))
    targets = [(float(item.answer), item.tolerance)]  # type: ignore[arg-type]
    targets += [(accepted.answer, accepted.tolerance) for accepted in item.also_accepted]
    # A hair of slack so that 0.1 + 0.2 style float noise never fails an exact answer.
    return ONE if any(abs(value - target) <= tolerance + 1e-9 * max(1.0, abs(target))
                      for value in values for target, tolerance in targets) else ZERO


def _unit_multiplier(item: ItemSpec, typed: str, language: str) -> float | None:
    """The multiplier of the other unit the learner typed, in their language or English.

    As Moodle's "units are optional": no unit or the item's own unit means the number as it is,
    and so does any other text (the number is still compared as typed)."""
    typed = typed.casefold()
    for unit in item.other_units:
        names = {unit.name.get(language, ""), unit.name.get(REFERENCE_LANGUAGE, "")}
        if typed and typed in {" ".join(name.casefold().split()) for name in names}:
            return unit.multiplier
    return None


def _short_text(item: ItemSpec, _drawn: DrawnItem, answer: Any, language: str) -> Fraction | None:
    answer = _single(answer)
    if not isinstance(answer, str) or len(answer) > MAX_ANSWER_CHARS:
        return None
    options = {"ignore_case": item.ignore_case, "ignore_diacritics": item.ignore_diacritics}
    given = normalise_text(answer, **options)
    if not given:  # "..." normalises to nothing, and so might a careless accepted answer
        return ZERO
    accepted = (*item.accepted.get(language, ()), *item.accepted.get(REFERENCE_LANGUAGE, ()))
    return ONE if any(given == normalise_text(text, **options) for text in accepted) else ZERO


def _gap_select(item: ItemSpec, drawn: DrawnItem, answer: Any, _lang: str) -> Fraction | None:
    if not isinstance(answer, Mapping):
        return None
    right = 0
    for gap_token, choice_token in answer.items():
        gap = drawn.left_index_of(gap_token)
        if gap is None:
            return None
        if choice_token is None or choice_token == "":
            continue
        choice = drawn.index_of(choice_token)
        if choice is None:
            return None
        right += choice == _right_choice(item, gap)
    return Fraction(right, len(item.gaps))


def _right_choice(item: ItemSpec, gap: int) -> int:
    """Index of a gap's right choice among all the item's choices (every gap's, one after the
    other, as draw.py numbers them)."""
    return sum(len(earlier.choices) for earlier in item.gaps[:gap]) + item.gaps[gap].answer


def _task(item: ItemSpec, drawn: DrawnItem, answer: Any, language: str) -> Fraction | None:
    results = control_results(item, drawn, answer, language)
    return None if results is None else Fraction(sum(results), len(item.controls))


_SCORERS: dict[str, Callable[[ItemSpec, DrawnItem, Any, str], Fraction | None]] = {
    "single_choice": _single_choice,
    "multiple_response": _multiple_response,
    "true_false": _true_false,
    "matching": _matching,
    "ordering": _ordering,
    "numeric": _numeric,
    "short_text": _short_text,
    "task": _task,
    "gap_select": _gap_select,
}
