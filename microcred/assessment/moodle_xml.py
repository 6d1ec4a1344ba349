"""Import Moodle XML questions, one question at a time, with a report (see importing.py).

A `<question type="category">` sets the category of the questions after it (mapped to an
outcome on the preview); a `<tags>` tag that is an outcome code suggests the outcome; `<idnumber>`
or `<name>` becomes the item id when it looks like one. Multilang spans become language maps.

Read, with the item type each becomes: gapselect (gap_select: each [[n]] offers the choices of
its <selectoption>'s group), multichoice (single: single_choice; multiple:
multiple_response, fraction > 0 means right, each option keeping its own feedback), truefalse,
matching, numerical (one fully right answer with its tolerance; the "*" answer is Moodle's
feedback for any other number; units only as a label), shortanswer (every 100% answer accepted;
usecase sets ignore_case) and the ordering plugin (answers sorted by fraction, all shown).
Everything else (essay, cloze/multianswer, description, calculated*, coderunner, ddwtos,
random, ...) is reported by type with the line of its <question> element.

The parser neither resolves entities nor touches the network, and a DOCTYPE is refused, so an
XML bomb or an external entity never gets expanded; broken files give a message, not a trace.
"""

import math
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from microcred.assessment.importing import MAX_IMPORT_BYTES, Importer, ImportReport, choices
from microcred.assessment.items import GAP, Gap, Pair
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
    scored = [(_fraction(a) or 0, a) for a in answers if a.findtext("text", "").strip() != "*"]
    other = [a for a in answers if a.findtext("text", "").strip() == "*"]
    if any(_optional(imp, a, "feedback") for a in other):
        imp.note(_("the feedback for wrong numbers is not kept"))
    full = [answer for fraction, answer in scored if fraction == 100]
    if len(full) != 1 or any(0 < fraction < 100 for fraction, _answer in scored):
        imp.error(_("a numerical question needs exactly one fully right answer, and no answer "
                    "earning part of the points"))
        return None
    units = [
        (unit.findtext("unit_name", "").strip(), unit.findtext("multiplier", "1").strip())
        for unit in question.iterfind("units/unit")
    ]
    if any(not _is_number(m or "1") or float(m or 1) != 1 for _name, m in units):
        imp.error(_("unit conversions are not supported; keep one unit"))
        return None
    value, tolerance = full[0].findtext("text", ""), full[0].findtext("tolerance", "0")
    if not _is_number(value) or not _is_number(tolerance or "0"):
        imp.error(_("%(answer)r is not a number") % {"answer": value.strip()})
        return None
    unit = next((name for name, _multiplier in units if name), "")
    return {
        "type": "numeric",
        "answer": float(value),
        "tolerance": abs(float(tolerance or 0)),
        "unit": imp.texts(unit, "", html=False, required=False),
    }


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _shortanswer(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    if any(0 < (_fraction(answer) or 0) < 100 for answer in answers):
        imp.error(_("an answer that earns part of the points cannot be graded the same way"))
        return None
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
