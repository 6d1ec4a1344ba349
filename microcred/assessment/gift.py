"""Import GIFT questions (Moodle's plain-text format), one question at a time, with a report.

Categories, ids, languages and the report follow importing.py: `$CATEGORY: M01-LO2` (or any path)
applies to the questions after it, `::M01-Q21::` names a question, and `{mlang pl}...{mlang}`
parts become language maps. Answer blocks are read the way Moodle's own GIFT reader does:

  {=right ~wrong ~wrong}                      single_choice
  {~%50%right ~%50%right ~%-100%wrong}         multiple_response (weight > 0 means right)
  {T} {TRUE} {F} {FALSE}                       true_false
  {=left -> right =left -> right}              matching (only without ~: in a ~ list, "->" is
                                               text, as in "File -> Page setup")
  {#12:0.5}  {#10..14}  {#=12:0 =24:0 ~#wrong} numeric (every fully right answer accepted;
                                               after ~, the feedback for every other number)
  {=answer =other answer}                      short_text (all listed answers accepted)
Text around the braces ("missing word" questions) becomes the stem with a blank: "_____".
`####` general feedback becomes the item feedback, else the right answer's `#` feedback.
`[html]` texts are read as HTML.

Reported and skipped: essay `{}`, description (no answer block), ordering `{>...}`, several answer
blocks, partial credit the exam cannot grade the same way, and anything unreadable.
"""

import re
from typing import Any

from django.utils.translation import gettext as _

from microcred.assessment.importing import MAX_IMPORT_BYTES, Importer, ImportReport, choices
from microcred.assessment.items import Accepted, Pair
from microcred.curriculum.content_files import ContentError, ContentInvalid

# Escaped special characters hide as private-use characters while the structure is parsed.
_SPECIAL = "~=#{}:\\"
_HIDE = {char: chr(0xE000 + n) for n, char in enumerate(_SPECIAL)}
_SHOW = str.maketrans({hidden: char for char, hidden in _HIDE.items()})
_ESCAPE = re.compile(r"\\([~=#{}:\\n])")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_MLANG_MARK = re.compile(r"\{(mlang(?:\s+[A-Za-z_-]+)?\s*)\}", re.I)
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def import_gift(
    source: str | bytes,
    *,
    language: str,
    outcome_codes: set[str],
    id_prefix: str,
    taken: frozenset[str] = frozenset(),
    name: str = "questions.gift",
) -> ImportReport:
    """Every question of a GIFT file, imported or skipped with its reasons (see importing.py).

    ContentInvalid only when the file cannot be read at all.
    """
    if isinstance(source, bytes):
        if len(source) > MAX_IMPORT_BYTES:
            raise ContentInvalid([ContentError(name, None, _("file is too large"))])
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ContentInvalid([ContentError(name, None, _("file is not UTF-8 text"))]) from None
    importer = Importer(name, language, outcome_codes, id_prefix, taken)
    for number, (line, category, block) in enumerate(_blocks(source), 1):
        _question(importer, number, line, category, block)
    return importer.finish()


def _blocks(source: str) -> list[tuple[int, str | None, str]]:
    """(first line, category, text) of each question; blank lines separate questions."""
    blocks: list[tuple[int, str | None, str]] = []
    category: str | None = None
    lines: list[str] = []
    start = 0

    def flush() -> None:
        if lines:
            blocks.append((start, category, "\n".join(lines)))
            lines.clear()

    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            flush()
            category = stripped.removeprefix("$CATEGORY:").strip()
        elif not stripped:
            flush()
        else:
            start = start if lines else number
            lines.append(line)
    flush()
    return blocks


def _hide(text: str) -> str:
    text = _ESCAPE.sub(lambda m: "\n" if m[1] == "n" else _HIDE[m[1]], text)
    # Moodle's GIFT reader wants {mlang xx} escaped; files often leave it bare, never ambiguously.
    return _MLANG_MARK.sub(lambda m: _HIDE["{"] + m[1] + _HIDE["}"], text)


def _show(raw: str) -> str:
    return _FORMAT.sub("", raw.translate(_SHOW))


def _question(imp: Importer, number: int, line: int, category: str | None, block: str) -> None:
    text = _hide(block)
    title = None
    if match := re.match(r"\s*::(.*?)::", text, re.S):
        title, text = match[1].translate(_SHOW).strip(), text[match.end() :]
    imp.begin(line, title or _show(text).split("{", 1)[0])
    imp.place(category)
    opening = text.find("{")
    closing = text.find("}", opening + 1)
    if opening < 0:
        imp.unsupported("description")
        return
    if closing < 0:
        imp.error(_("the answer block { } is not closed"))
        return
    if "{" in text[closing:]:
        imp.error(_("a question with several answer blocks is not supported"))
        return
    before, body, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    marker = _FORMAT.match(before)
    html = marker is not None and marker[1].lower() == "html"
    if after.strip():  # a "missing word" question: the blank goes where the answers were
        before = f"{before.rstrip()} _____ {after.strip()}"
    item_id = imp.item_id([title], number)
    stem = imp.texts(_show(before), _("the question text"), html=html)
    body, _sep, general = body.partition("####")
    fields = _answers(imp, body.strip(), html)
    if fields is None:
        return
    right_feedback = fields.pop("right_feedback", {})
    feedback = _texts(imp, general, html) or right_feedback
    imp.add(id=item_id, outcome="", stem=stem, feedback=feedback, **fields)


def _texts(imp: Importer, raw: str, html: bool, what: str = "") -> dict[str, str]:
    """An optional text (feedback) or a required one (an answer) as a language map."""
    return imp.texts(_show(raw), what, html=html, required=bool(what))


Answer = tuple[str, float, str, str]  # marker (= or ~), weight in percent, text, feedback


def _answers(imp: Importer, body: str, html: bool) -> dict[str, Any] | None:
    if not body:
        imp.unsupported("essay")
        return None
    if body.startswith(">"):
        imp.unsupported("ordering")
        return None
    if body.startswith("#"):
        return _numerical(imp, body[1:], html)
    head, *feedbacks = body.split("#")
    if head.strip().upper() in _TRUE_FALSE:
        # {TRUE#shown when wrong#shown when right}
        if feedbacks and _texts(imp, feedbacks[0], html):
            imp.note(_("the feedback for the wrong answer is not kept"))
        right = _texts(imp, feedbacks[1], html) if len(feedbacks) > 1 else {}
        return {
            "type": "true_false",
            "answer": _TRUE_FALSE[head.strip().upper()],
            "right_feedback": right,
        }
    parts = re.split(r"(?=[=~])", body)
    if parts[0].strip():
        imp.error(_("each answer must start with = or ~"))
        return None
    answers: list[Answer] = []
    for part in parts[1:]:
        rest = part[1:]
        weight = _WEIGHT.match(rest)
        text, _sep, feedback = rest[weight.end() if weight else 0 :].partition("#")
        percent = float(weight[1]) if weight else (100.0 if part[0] == "=" else 0.0)
        answers.append((part[0], percent, text, feedback))
    # As Moodle reads GIFT: a list with ~ is multiple choice, whatever its texts hold.
    if any(answer[0] == "~" for answer in answers):
        return _multichoice(imp, answers, html)
    if any("->" in answer[2] for answer in answers):
        return _matching(imp, answers, html)
    return _short_answer(imp, answers, html)


def _multichoice(imp: Importer, answers: list[Answer], html: bool) -> dict[str, Any] | None:
    what = _("an answer")
    found = [
        (weight, _texts(imp, text, html, what), _texts(imp, feedback, html))
        for _marker, weight, text, feedback in answers
    ]
    # Moodle shows radio buttons when one answer is marked with =, else checkboxes.
    return choices(imp, found, single=any(answer[0] == "=" for answer in answers))


def _short_answer(imp: Importer, answers: list[Answer], html: bool) -> dict[str, Any] | None:
    if any(weight != 100 for _marker, weight, _text, _feedback in answers):
        imp.error(_("an answer that earns part of the points cannot be graded the same way"))
        return None
    accepted: dict[str, list[str]] = {}
    for _marker, _weight, text, _feedback in answers:
        for code, value in _texts(imp, text, html, _("an answer")).items():
            accepted.setdefault(code, []).append(value)
    feedbacks = [_texts(imp, answer[3], html) for answer in answers]
    if len({tuple(sorted(f.items())) for f in feedbacks if f}) > 1:
        imp.note(_("only the first answer's feedback is kept"))
    return {
        "type": "short_text",
        "accepted": {code: tuple(texts) for code, texts in accepted.items()},
        "right_feedback": next((f for f in feedbacks if f), {}),
    }


def _matching(imp: Importer, answers: list[Answer], html: bool) -> dict[str, Any] | None:
    pairs = []
    for _marker, _weight, text, feedback in answers:
        left, arrow, right = text.partition("->")
        if not arrow or not _show(left).strip():
            imp.error(_("every matching answer needs text -> text; extra answers are not "
                        "supported"))
            return None
        if _show(feedback).strip():
            imp.note(_("the feedback on each pair is not kept"))
        what = _("a matching answer")
        pairs.append(Pair(_texts(imp, left, html, what), _texts(imp, right, html, what)))
    return {"type": "matching", "pairs": tuple(pairs)}


def _numerical(imp: Importer, body: str, html: bool) -> dict[str, Any] | None:
    # As Moodle: after the first ~ comes the feedback for any other number ({#3:2~#Too far}).
    body, wrong, wrong_feedback = body.partition("~")
    if wrong and _texts(imp, wrong_feedback.partition("#")[2], html):
        imp.note(_("the feedback for wrong numbers is not kept"))
    specs = [body]
    if body.lstrip().startswith("="):  # {#=12:0 =%50%12:2 =24:0}: several answers, weights
        answers = []
        for part in body.split("=")[1:]:
            weight = _WEIGHT.match(part)
            answers.append(
                (float(weight[1]) if weight else 100.0, part[weight.end() if weight else 0 :])
            )
        specs = [spec for weight, spec in answers if weight == 100]
        if not specs or any(0 < weight < 100 for weight, _spec in answers):
            imp.error(_("a numerical question needs at least one fully right answer, and no "
                        "answer earning part of the points"))
            return None
        if _gift_shadowed(answers):
            imp.error(_("a right number is also inside the range of an answer before it that "
                        "earns nothing; reorder or narrow the answers"))
            return None
        if any(weight != 100 and _texts(imp, spec.partition("#")[2], html)
               for weight, spec in answers):
            imp.note(_("the feedback for wrong numbers is not kept"))
    accepted, feedbacks = [], []
    for spec in specs:
        spec, _sep, feedback = spec.partition("#")
        number = _gift_number(spec.translate(_SHOW))
        if number is None:
            imp.error(_("%(answer)r is not a number") % {"answer": spec.strip()})
            return None
        accepted.append(number)
        feedbacks.append(_texts(imp, feedback, html))
    if any(feedbacks[1:]):
        imp.note(_("only the first right number's feedback is kept"))
    (answer, tolerance), *also = accepted
    return {
        "type": "numeric",
        "answer": answer,
        "tolerance": tolerance,
        "also_accepted": tuple(Accepted(value, margin) for value, margin in also),
        "right_feedback": feedbacks[0],
    }


def _gift_number(spec: str) -> tuple[float, float] | None:
    """{#12:0.5} a value and its tolerance, or {#10..14} a range, as (value, tolerance)."""
    try:
        if ".." in spec:
            low, high = (float(value) for value in spec.split(".."))
            return (low + high) / 2, (high - low) / 2
        value, _sep, margin = spec.partition(":")
        return float(value), abs(float(margin or 0))
    except ValueError:
        return None


def _gift_shadowed(answers: list[tuple[float, str]]) -> bool:
    # Moodle gives the weight of the first answer whose range holds the number.
    ranges = [(weight, _gift_number(spec.partition("#")[0].translate(_SHOW)))
              for weight, spec in answers]
    for index, (weight, number) in enumerate(ranges):
        if weight != 100 or number is None:
            continue
        for earlier_weight, earlier in ranges[:index]:
            if earlier_weight == 0 and earlier is not None and (
                    abs(earlier[0] - number[0]) <= earlier[1] + number[1]):
                return True
    return False
