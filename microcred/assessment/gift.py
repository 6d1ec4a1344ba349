"""Import GIFT questions (Moodle's plain-text format) as item specs in one language.

Outcomes and ids follow importing.py: `$CATEGORY: M01-LO2` (or any path ending in the outcome
code) applies to the questions after it, and `::M01-Q21::` names a question.

Supported, with the item type each becomes:
  {=right ~wrong ~wrong}                      single_choice
  {~%50%right ~%50%right ~%-100%wrong}         multiple_response (weight > 0 means right)
  {T} {TRUE} {F} {FALSE}                       true_false
  {=left -> right =left -> right}              matching
  {#12:0.5}  {#10..14}  {#=12:0}               numeric (one fully right answer)
  {=answer =other answer}                      short_text (all listed answers accepted)
Text around the braces ("missing word" questions) becomes the stem with a blank: "_____".
`####` general feedback becomes the item feedback, else the right answer's `#` feedback; other
per-answer feedback is not kept (items have one feedback). `[html]` texts are read as HTML.

Refused, by name and line: essay `{}`, description (no answer block), ordering `{>...}`,
several answer blocks, partial credit on single answers, and anything unreadable.
"""

import re
from typing import Any

from django.utils.translation import gettext as _

from microcred.assessment.importing import MAX_IMPORT_BYTES, Importer, html_to_text
from microcred.assessment.items import ItemSpec, Option, Pair
from microcred.curriculum.content_files import ContentError, ContentInvalid

# Escaped special characters hide as private-use characters while the structure is parsed.
_SPECIAL = "~=#{}:\\"
_HIDE = {char: chr(0xE000 + n) for n, char in enumerate(_SPECIAL)}
_SHOW = str.maketrans({hidden: char for char, hidden in _HIDE.items()})
_ESCAPE = re.compile(r"\\([~=#{}:\\n])")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def import_gift(
    source: str | bytes,
    *,
    language: str,
    outcome_codes: set[str],
    id_prefix: str,
    name: str = "questions.gift",
) -> list[ItemSpec]:
    """Every question of a GIFT file as an ItemSpec, or ContentInvalid listing every problem."""
    if isinstance(source, bytes):
        if len(source) > MAX_IMPORT_BYTES:
            raise ContentInvalid([ContentError(name, None, _("file is too large"))])
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ContentInvalid([ContentError(name, None, _("file is not UTF-8 text"))]) from None
    importer = Importer(name, language, outcome_codes, id_prefix)
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
    return _ESCAPE.sub(lambda m: "\n" if m[1] == "n" else _HIDE[m[1]], text)


def _show(raw: str) -> str:
    return _FORMAT.sub("", raw.translate(_SHOW))


def _plain(raw: str, html: bool) -> str:
    """An optional text (feedback, accepted answer) as one plain line."""
    return html_to_text(_show(raw)) if html else " ".join(_show(raw).split())


def _question(imp: Importer, number: int, line: int, category: str | None, block: str) -> None:
    text = _hide(block)
    title = None
    if match := re.match(r"\s*::(.*?)::", text, re.S):
        title, text = match[1].translate(_SHOW).strip(), text[match.end() :]
    opening = text.find("{")
    closing = text.find("}", opening + 1)
    if opening < 0:
        imp.unsupported(line, "description")
        return
    if closing < 0:
        imp.error(line, _("the answer block { } is not closed"))
        return
    if "{" in text[closing:]:
        imp.unsupported(line, "cloze")  # several answer blocks in one question
        return
    before, body, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    marker = _FORMAT.match(before)
    html = marker is not None and marker[1].lower() == "html"
    if after.strip():  # a "missing word" question: the blank goes where the answers were
        before = f"{before.rstrip()} _____ {after.strip()}"
    outcome = imp.outcome(line, category)
    item_id = imp.item_id([title], number, outcome)
    stem = imp.text(line, _show(before), _("question text"), html=html)
    body, _sep, general = body.partition("####")
    fields = _answers(imp, line, body.strip(), html)
    if fields is None:
        return
    right_feedback = fields.pop("right_feedback", "")
    feedback = imp.lang(_plain(general, html) or right_feedback)
    imp.add(line, id=item_id, outcome=outcome, stem=imp.lang(stem), feedback=feedback, **fields)


Answer = tuple[str, float, str, str]  # marker (= or ~), weight in percent, text, feedback


def _answers(imp: Importer, line: int, body: str, html: bool) -> dict[str, Any] | None:
    if not body:
        imp.unsupported(line, "essay")
        return None
    if body.startswith(">"):
        imp.unsupported(line, "ordering")
        return None
    if body.startswith("#"):
        return _numerical(imp, line, body[1:])
    head, *feedbacks = body.split("#")
    if head.strip().upper() in _TRUE_FALSE:
        # {TRUE#shown when wrong#shown when right}
        right = _plain(feedbacks[1], html) if len(feedbacks) > 1 else ""
        return {
            "type": "true_false",
            "answer": _TRUE_FALSE[head.strip().upper()],
            "right_feedback": right,
        }
    parts = re.split(r"(?=[=~])", body)
    if parts[0].strip():
        imp.error(line, _("each answer must start with = or ~"))
        return None
    answers: list[Answer] = []
    for part in parts[1:]:
        rest = part[1:]
        weight = _WEIGHT.match(rest)
        text, _sep, feedback = rest[weight.end() if weight else 0 :].partition("#")
        percent = float(weight[1]) if weight else (100.0 if part[0] == "=" else 0.0)
        answers.append((part[0], percent, text, _plain(feedback, html)))
    if any("->" in answer[2] for answer in answers):
        return _matching(imp, line, answers, html)
    if all(answer[0] == "=" for answer in answers):
        return _short_answer(imp, line, answers, html)
    return _multichoice(imp, line, answers, html)


def _multichoice(
    imp: Importer, line: int, answers: list[Answer], html: bool
) -> dict[str, Any] | None:
    options = tuple(
        Option(imp.lang(imp.text(line, _show(text), _("an answer"), html=html)), weight > 0)
        for _marker, weight, text, _feedback in answers
    )
    right = [answer for answer in answers if answer[1] > 0]
    equals = sum(answer[0] == "=" for answer in answers)
    if len(right) == 1 and right[0][1] == 100:
        return {"type": "single_choice", "options": options, "right_feedback": right[0][3]}
    if equals or len(right) == 1:
        imp.error(line, _("partial credit on a single-answer question is not supported"))
        return None
    return {"type": "multiple_response", "options": options}  # no right answer: item_problems


def _short_answer(
    imp: Importer, line: int, answers: list[Answer], html: bool
) -> dict[str, Any] | None:
    if any(weight != 100 for _marker, weight, _text, _feedback in answers):
        imp.error(line, _("partial credit on a short answer is not supported"))
        return None
    accepted = tuple(text for text in (_plain(a[2], html) for a in answers) if text)
    return {
        "type": "short_text",
        "accepted": {imp.language: accepted},
        "right_feedback": answers[0][3],
    }


def _matching(imp: Importer, line: int, answers: list[Answer], html: bool) -> dict[str, Any] | None:
    pairs = []
    for _marker, _weight, text, _feedback in answers:
        left, arrow, right = text.partition("->")
        if not arrow or not _show(left).strip():
            imp.error(
                line, _("every matching answer needs text -> text; extra answers are not supported")
            )
            return None
        what = _("a matching answer")
        left_text = imp.text(line, _show(left), what, html=html)
        pairs.append(
            Pair(imp.lang(left_text), imp.lang(imp.text(line, _show(right), what, html=html)))
        )
    return {"type": "matching", "pairs": tuple(pairs)}


def _numerical(imp: Importer, line: int, body: str) -> dict[str, Any] | None:
    if body.lstrip().startswith("="):  # {#=12:0 =%50%12:2}: several answers with weights
        answers = []
        for part in body.split("=")[1:]:
            weight = _WEIGHT.match(part)
            answers.append(
                (float(weight[1]) if weight else 100.0, part[weight.end() if weight else 0 :])
            )
        full = [spec for weight, spec in answers if weight == 100]
        if len(full) != 1 or any(0 < weight < 100 for weight, _spec in answers):
            imp.error(
                line, _("a numerical question needs one fully right answer and no partial credit")
            )
            return None
        body = full[0]
    spec, _sep, feedback = body.translate(_SHOW).partition("#")
    try:
        if ".." in spec:  # {#10..14}: a range
            low, high = (float(value) for value in spec.split(".."))
            answer, tolerance = (low + high) / 2, (high - low) / 2
        else:  # {#12:0.5}: a value and its tolerance
            value, _sep, margin = spec.partition(":")
            answer, tolerance = float(value), float(margin or 0)
    except ValueError:
        imp.error(line, _("%(answer)r is not a number") % {"answer": spec.strip()})
        return None
    return {
        "type": "numeric",
        "answer": answer,
        "tolerance": tolerance,
        "right_feedback": feedback.strip(),
    }
