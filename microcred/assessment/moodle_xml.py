"""Import Moodle XML questions, one question at a time, with a report (see importing.py).

A `<question type="category">` sets the category of the questions after it (mapped to an
outcome on the preview); a `<tags>` tag that is an outcome code suggests the outcome; `<idnumber>`
or `<name>` becomes the item id when it looks like one. Multilang spans become language maps.

Read, with the item type each becomes: gapselect (gap_select: each [[n]] offers the choices of
its <selectoption>'s group), multichoice (single: single_choice; multiple:
multiple_response, fraction > 0 means right, each option keeping its own feedback), truefalse,
matching, numerical (every fully right answer with its tolerance; the "*" answer is Moodle's
feedback for any other number; units with their multipliers when Moodle does not grade them),
shortanswer (every 100% answer accepted;
usecase sets ignore_case) and the ordering plugin (answers sorted by fraction, all shown).
Everything else (essay, cloze/multianswer, description, calculated*, coderunner, ddwtos,
random, ...) is reported by type with the line of its <question> element.

The parser neither resolves entities nor touches the network, and a DOCTYPE is refused, so an
XML bomb or an external entity never gets expanded; broken files give a message, not a trace.
"""

import math
import re
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from microcred.assessment.importing import (
    MAX_IMPORT_BYTES,
    Importer,
    ImportReport,
    choices,
    language_parts,
)
from microcred.assessment.items import GAP, Accepted, Gap, Pair, Unit
from microcred.assessment.moodle_export import DIACRITICS_TAG
from microcred.curriculum.content_files import ContentError, ContentInvalid

SUPPORTED = (
    "multichoice", "truefalse", "matching", "numerical", "shortanswer", "ordering", "gapselect"
)


def import_moodle_xml(
    source: bytes | str,
    *,
    language: str,
    outcome_codes: set[str],
    id_prefix: str,
    taken: frozenset[str] = frozenset(),
    name: str = "questions.xml",
) -> ImportReport:
    """Every question of a Moodle XML file, imported or skipped with its reasons.

    ContentInvalid only when the file cannot be read at all.
    """
    root = _parse(source.encode("utf-8") if isinstance(source, str) else source, name)
    importer = Importer(name, language, outcome_codes, id_prefix, taken)
    category: str | None = None
    number = 0
    for question in root.iterfind("question"):
        kind = question.get("type", "")
        if kind == "category":
            category = question.findtext("category/text", "").strip()
            continue
        number += 1
        importer.begin(question.sourceline, question.findtext("name/text", ""))
        importer.place(category, _tags(question))
        if kind not in SUPPORTED:
            importer.unsupported(kind or "?")
            continue
        _question(importer, question, kind, number)
    return importer.finish()


def _parse(data: bytes, name: str) -> Any:
    def refuse(line: int | None, message: str) -> ContentInvalid:
        return ContentInvalid([ContentError(name, line, message)])

    if len(data) > MAX_IMPORT_BYTES:
        raise refuse(None, _("file is too large"))
    doctype = _("a DOCTYPE with declarations is not accepted in a question file")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        # Moodle never writes one; refusing up front says why better than libxml2's limits do.
        raise refuse(data[: data.find(b"<!")].count(b"\n") + 1, doctype)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise refuse(exc.lineno, _("not valid XML: %(problem)s") % {"problem": exc.msg}) from None
    if root.getroottree().docinfo.internalDTD is not None:  # one in another encoding
        raise refuse(1, doctype)
    if root.tag != "quiz":
        raise refuse(root.sourceline, _("not a Moodle XML question file (no <quiz>)"))
    return root


def _tags(question: Any) -> list[str]:
    return [tag.findtext("text", "").strip() for tag in question.iterfind("tags/tag")]


def _text(element: Any, path: str = ".") -> tuple[str, bool]:
    """The text under `path` and whether it is HTML (Moodle's default format for texts)."""
    found = element.find(path)
    if found is None:
        return "", False
    return found.findtext("text", ""), found.get("format", "html") == "html"


def _fraction(answer: Any) -> float | None:
    try:
        value = float(answer.get("fraction", "0"))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _question(imp: Importer, question: Any, kind: str, number: int) -> None:
    if question.find(".//file") is not None:
        imp.error(_("the question holds an attached file (an image or a sound), which cannot be "
                    "imported yet"))
    if question.find("hint/text") is not None and question.findtext("hint/text", "").strip():
        imp.note(_("hints are not kept: the test shows no hints"))
    if any(_plain_text(question.findtext(f"{tag}/text", "")) not in _MOODLE_DEFAULT_FEEDBACK
           for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")):
        imp.note(_("the feedback for right, partly right and wrong answers is not kept"))
    stem, html = _text(question, "questiontext")
    fields: dict[str, Any] = {
        "id": imp.item_id([question.findtext("idnumber"), question.findtext("name/text")], number),
        "outcome": "",
        "stem": imp.texts(stem, _("the question text"), html=html),
    }
    answers = question.findall("answer")
    if any(_fraction(answer) is None for answer in answers):
        imp.error(_("an answer has a fraction that is not a number"))
        return
    specific = _READERS[kind](imp, question, answers)
    if specific is None:
        return
    if renumber := specific.pop("renumber", None):
        fields["stem"] = {code: GAP.sub(lambda m: f"[[{renumber[m[1]]}]]", text)
                          for code, text in fields["stem"].items()}
    feedback = _optional(imp, question, "generalfeedback")
    if not feedback and kind not in ("ordering", "multichoice"):
        right = next((a for a in answers if _fraction(a) == 100), None)
        if right is not None:  # the right answer's own feedback instead
            feedback = _optional(imp, right, "feedback")
    imp.add(**fields, **specific, feedback=feedback)


# What Moodle fills in for the combined feedback: dropping it loses nothing the author wrote.
_MOODLE_DEFAULT_FEEDBACK = {
    "", "Your answer is correct.", "Your answer is partially correct.", "Your answer is incorrect."
}


def _plain_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def _answer_texts(imp: Importer, answers: list[Any]) -> list[dict[str, str]]:
    texts = []
    for answer in answers:
        text, html = _text(answer)
        texts.append(imp.texts(text, _("an answer"), html=html))
    return texts


def _optional(imp: Importer, element: Any, path: str) -> dict[str, str]:
    """A feedback text as a language map; {} when there is none."""
    text, html = _text(element, path)
    return imp.texts(text, "", html=html, required=False)


def _multichoice(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    single = question.findtext("single", "true").strip().lower() in ("true", "1")
    found = [
        (_fraction(answer) or 0, text, _optional(imp, answer, "feedback"))
        for answer, text in zip(answers, _answer_texts(imp, answers), strict=True)
    ]
    return choices(imp, found, single=single)


def _truefalse(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    right = [a.findtext("text", "").strip().lower() for a in answers if _fraction(a) == 100]
    if len(right) != 1 or right[0] not in ("true", "false"):
        imp.error(_("a true/false question needs one right answer"))
        return None
    wrong = [a for a in answers if _fraction(a) != 100]
    if any(_optional(imp, a, "feedback") for a in wrong):
        imp.note(_("the feedback for the wrong answer is not kept"))
    return {"type": "true_false", "answer": right[0] == "true"}


def _matching(imp: Importer, question: Any, _answers: list[Any]) -> dict[str, Any] | None:
    pairs = []
    for sub in question.iterfind("subquestion"):
        left, html = _text(sub)
        if not left.strip():
            imp.error(_("extra answers without a question are not supported"))
            return None
        right = sub.findtext("answer/text", "")
        pairs.append(
            Pair(
                imp.texts(left, _("a matching question"), html=html),
                imp.texts(right, _("a matching answer"), html=False),
            )
        )
    return {"type": "matching", "pairs": tuple(pairs)}


def _numerical(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    # Moodle gives the fraction of the first answer (in file order) whose range holds the number;
    # "*" matches any number. Several 100% answers are several accepted numbers.
    ranges: list[tuple[float | None, float, float, Any]] = []
    for answer in answers:
        value, tolerance = answer.findtext("text", "").strip(), answer.findtext("tolerance", "0")
        if value == "*":
            ranges.append((None, 0.0, _fraction(answer) or 0, answer))
        elif not _is_number(value) or not _is_number(tolerance.strip() or "0"):
            imp.error(_("%(answer)r is not a number") % {"answer": value})
            return None
        else:
            ranges.append((float(value), abs(float(tolerance.strip() or 0)),
                           _fraction(answer) or 0, answer))
    right = [(value, tolerance, answer) for value, tolerance, fraction, answer in ranges
             if fraction == 100]  # a right "*" (value None) is refused just below
    if not right or any(0 < fraction < 100 for _v, _t, fraction, _a in ranges) or any(
            value is None for value, _t, _a in right):
        imp.error(_("a numerical question needs at least one fully right answer, and no "
                    "answer earning part of the points"))
        return None
    if _shadowed(ranges):
        imp.error(_("a right number is also inside the range of an answer before it that earns "
                    "nothing; reorder or narrow the answers"))
        return None
    if any(_optional(imp, a, "feedback") for _v, _t, fraction, a in ranges if fraction != 100):
        imp.note(_("the feedback for wrong numbers is not kept"))
    if any(_optional(imp, answer, "feedback") for _v, _t, answer in right[1:]):
        imp.note(_("only the first right number's feedback is kept"))
    units = _units(imp, question)
    if units is None:
        return None
    unit, other_units = units
    (answer, tolerance, _element), *also = right
    return {
        "type": "numeric",
        "answer": answer,
        "tolerance": tolerance,
        "also_accepted": tuple(Accepted(value or 0.0, margin) for value, margin, _a in also),
        "unit": unit,
        "other_units": other_units,
    }


def _shadowed(ranges: list[tuple[float | None, float, float, Any]]) -> bool:
    """Whether a number inside a right answer's range is caught first by a wrong answer."""
    for index, (value, tolerance, fraction, _answer) in enumerate(ranges):
        if fraction != 100 or value is None:
            continue
        for earlier, margin, earlier_fraction, _a in ranges[:index]:
            if earlier_fraction != 100 and (
                    earlier is None or abs(earlier - value) <= margin + tolerance):
                return True
    return False


# Moodle's qtype_numerical settings: how units are shown and whether a missing one costs marks.
_UNITS_SHOWN_AS_LIST = ("1", "2")  # radio buttons or a drop-down next to the number
_UNITS_NOT_USED = "3"


def _units(imp: Importer, question: Any) -> tuple[dict[str, str], tuple[Unit, ...]] | None:
    """The base unit (multiplier 1) and the others, as Moodle defines them; None if refused."""
    named = []
    for unit in question.iterfind("units/unit"):
        name, multiplier = unit.findtext("unit_name", "").strip(), unit.findtext("multiplier", "1")
        if not _is_number(multiplier.strip() or "1") or float(multiplier.strip() or 1) <= 0:
            imp.error(_("unit %(unit)r has a multiplier that is not a number above 0")
                      % {"unit": name})
            return None
        if name:
            named.append((name, float(multiplier.strip() or 1)))
    if not named:
        return {}, ()
    shown = question.findtext("showunits", "0").strip()
    penalty = question.findtext("unitpenalty", "0").strip() or "0"
    graded = question.findtext("unitgradingtype", "0").strip() not in ("", "0")
    if shown != _UNITS_NOT_USED and graded and (not _is_number(penalty) or float(penalty) != 0):
        imp.error(_("a penalty for a missing or wrong unit is not supported: our tests do not "
                    "grade units"))
        return None
    base = [name for name, multiplier in named if multiplier == 1]
    if not base:
        imp.error(_("no unit has the multiplier 1, so the answers have no unit to be read in"))
        return None
    others = [(name, multiplier) for name, multiplier in named if name != base[0]]
    if shown == _UNITS_NOT_USED:
        if others:
            imp.note(_("units other than %(unit)s are left out: the question does not use "
                       "units") % {"unit": base[0]})
        others = []
    elif others and question.findtext("unitsleft", "0").strip() not in ("", "0"):
        imp.error(_("units written before the number are not supported"))
        return None
    if shown in _UNITS_SHOWN_AS_LIST:
        imp.note(_("the unit is typed after the number instead of chosen from a list"))
    # Moodle compares a typed unit with the name as written (no filter runs), so a unit the same
    # in every language is written plainly, and a plain name holds for each language of the stem.
    stem, html = _text(question, "questiontext")
    languages = list(language_parts(stem, html=html, language=imp.language)[0])

    def unit_texts(name: str, what: str) -> dict[str, str]:
        texts = imp.texts(name, what, html=False, required=bool(what))
        if "{mlang" in name or not texts:
            return texts
        return dict.fromkeys(languages, texts[imp.language]) or texts

    return (unit_texts(base[0], ""),
            tuple(Unit(unit_texts(name, _("a unit")), multiplier) for name, multiplier in others))


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _shortanswer(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    if any(0 < (_fraction(answer) or 0) < 100 for answer in answers):
        imp.error(_("an answer that earns part of the points cannot be graded the same way"))
        return None
    if any(_optional(imp, answer, "feedback") for answer in answers if _fraction(answer) != 100):
        imp.note(_("the feedback for wrong answers is not kept"))
    if any(_optional(imp, answer, "feedback")
           for answer in [a for a in answers if _fraction(a) == 100][1:]):
        imp.note(_("only the first right answer's feedback is kept"))
    accepted: dict[str, list[str]] = {}
    for answer in answers:
        if _fraction(answer) == 100:
            text = answer.findtext("text", "")
            for code, value in imp.texts(text, _("an answer"), html=False).items():
                accepted.setdefault(code, []).append(value)
    if any("*" in text for texts in accepted.values() for text in texts):
        imp.error(_("wildcards (*) in accepted answers are not supported"))
        return None
    return {
        "type": "short_text",
        "accepted": {code: tuple(texts) for code, texts in accepted.items()},
        "ignore_case": question.findtext("usecase", "0").strip() in ("0", ""),
        # Moodle has no such setting; our own export keeps it in a tag.
        "ignore_diacritics": DIACRITICS_TAG in _tags(question),
    }


def _ordering(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    # The plugin stores each step's position in `fraction`; it may show only some steps.
    if question.findtext("selecttype", "ALL").strip().upper() not in ("", "ALL", "0"):
        imp.error(_("ordering questions must show all their steps"))
        return None
    ordered = sorted(answers, key=lambda answer: _fraction(answer) or 0)
    return {"type": "ordering", "sequence": tuple(_answer_texts(imp, ordered))}


def _gapselect(imp: Importer, question: Any, _answers: list[Any]) -> dict[str, Any] | None:
    # [[n]] names the n-th <selectoption>; the gap offers every option of that option's group.
    options = [(sub.findtext("text", ""), sub.findtext("group", "1").strip())
               for sub in question.iterfind("selectoption")]
    stem = question.findtext("questiontext/text", "")
    numbers = list(dict.fromkeys(int(n) for n in GAP.findall(stem)))
    if not numbers or any(not 1 <= n <= len(options) for n in numbers):
        imp.error(_("a gap [[n]] names a choice that the question does not have"))
        return None
    gaps = []
    for number in numbers:
        group = [index for index, (_text, g) in enumerate(options) if g == options[number - 1][1]]
        choices = tuple(imp.texts(options[i][0], _("a choice"), html=False) for i in group)
        gaps.append(Gap(choices, group.index(number - 1)))
    # Our gaps are numbered in the order they first appear; the stem is renumbered to match.
    renumber = {str(number): str(place) for place, number in enumerate(numbers, 1)}
    return {"type": "gap_select", "gaps": tuple(gaps), "renumber": renumber}


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "matching": _matching,
    "numerical": _numerical,
    "shortanswer": _shortanswer,
    "ordering": _ordering,
    "gapselect": _gapselect,
}
