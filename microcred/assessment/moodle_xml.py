"""Import Moodle XML questions as item specs in one language.

Outcomes and ids follow importing.py: a `<question type="category">` sets the category of the
questions after it (its last path segment is the outcome code), a `<tags>` tag that is an
outcome code wins, and `<idnumber>` or `<name>` becomes the item id when it looks like one.

Supported, with the item type each becomes: multichoice (single: single_choice; multiple:
multiple_response, fraction > 0 means right), truefalse, matching, numerical (one fully right
answer; units only as a label), shortanswer (every 100% answer accepted; usecase sets
ignore_case) and the ordering plugin (answers sorted by fraction, all shown). Everything else
(essay, cloze/multianswer, description, calculated*, ddwtos, gapselect, random, ...) is named
with the line of its <question> element, and the whole import fails.

The parser neither resolves entities nor touches the network, and a DOCTYPE is refused, so an
XML bomb or an external entity never gets expanded; broken files give a message, not a trace.
"""

from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from microcred.assessment.importing import MAX_IMPORT_BYTES, Importer, html_to_text
from microcred.assessment.items import ItemSpec, Option, Pair
from microcred.curriculum.content_files import ContentError, ContentInvalid

SUPPORTED = ("multichoice", "truefalse", "matching", "numerical", "shortanswer", "ordering")


def import_moodle_xml(
    source: bytes | str,
    *,
    language: str,
    outcome_codes: set[str],
    id_prefix: str,
    name: str = "questions.xml",
) -> list[ItemSpec]:
    """Every question of a Moodle XML file as an ItemSpec, or ContentInvalid listing problems."""
    root = _parse(source.encode("utf-8") if isinstance(source, str) else source, name)
    importer = Importer(name, language, outcome_codes, id_prefix)
    category: str | None = None
    number = 0
    for question in root.iterfind("question"):
        kind = question.get("type", "")
        if kind == "category":
            category = question.findtext("category/text", "").strip()
            continue
        number += 1
        if kind not in SUPPORTED:
            importer.unsupported(question.sourceline, kind or "?")
            continue
        _question(importer, question, kind, category, number)
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


def _text(question: Any, path: str) -> tuple[str, bool]:
    """The text under `path` and whether it is HTML (Moodle's default format for texts)."""
    element = question.find(path)
    if element is None:
        return "", False
    return element.findtext("text", ""), element.get("format", "html") == "html"


def _fraction(answer: Any) -> float | None:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return None


def _question(imp: Importer, question: Any, kind: str, category: str | None, number: int) -> None:
    line = question.sourceline
    tags = tuple(tag.findtext("text", "") for tag in question.iterfind("tags/tag"))
    names = [question.findtext("idnumber"), question.findtext("name/text")]
    if question.find(".//file") is not None:
        imp.error(line, _("question holds an attached file, which items cannot hold"))
    stem, html = _text(question, "questiontext")
    outcome = imp.outcome(line, category, tags)
    fields: dict[str, Any] = {
        "id": imp.item_id(names, number, outcome),
        "outcome": outcome,
        "stem": imp.lang(imp.text(line, stem, _("question text"), html=html)),
    }
    answers = question.findall("answer")
    if any(_fraction(answer) is None for answer in answers):
        imp.error(line, _("an answer has a fraction that is not a number"))
        return
    specific = _READERS[kind](imp, question, answers)
    if specific is None:
        return
    feedback, html = _text(question, "generalfeedback")
    right = next((a for a in answers if _fraction(a) == 100), None)
    if not _plain(feedback, html) and right is not None and kind != "ordering":
        feedback, html = _text(right, "feedback")  # the right answer's own feedback instead
    imp.add(line, **fields, **specific, feedback=imp.lang(_plain(feedback, html)))


def _plain(text: str, html: bool) -> str:
    return html_to_text(text) if html else " ".join(text.split())


def _answer_texts(imp: Importer, question: Any, answers: list[Any]) -> list[str]:
    texts = []
    for answer in answers:
        text, html = answer.findtext("text", ""), answer.get("format", "html") == "html"
        texts.append(imp.text(question.sourceline, text, _("an answer"), html=html))
    return texts


def _multichoice(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    single = question.findtext("single", "true").strip().lower() in ("true", "1")
    fractions = [_fraction(answer) or 0 for answer in answers]
    options = tuple(
        Option(imp.lang(text), fraction > 0)
        for text, fraction in zip(_answer_texts(imp, question, answers), fractions, strict=True)
    )
    if single:
        if [f for f in fractions if f > 0] != [100]:
            imp.error(
                question.sourceline,
                _("a single-answer question needs one 100% answer and no partial credit"),
            )
            return None
        return {"type": "single_choice", "options": options}
    return {"type": "multiple_response", "options": options}


def _truefalse(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    right = [a.findtext("text", "").strip().lower() for a in answers if _fraction(a) == 100]
    if len(right) != 1 or right[0] not in ("true", "false"):
        imp.error(question.sourceline, _("a true/false question needs one right answer"))
        return None
    return {"type": "true_false", "answer": right[0] == "true"}


def _matching(imp: Importer, question: Any, _answers: list[Any]) -> dict[str, Any] | None:
    pairs = []
    for sub in question.iterfind("subquestion"):
        left, html = sub.findtext("text", ""), sub.get("format", "html") == "html"
        if not _plain(left, html):
            imp.error(question.sourceline, _("extra answers without a question are not supported"))
            return None
        right = sub.findtext("answer/text", "")
        pairs.append(
            Pair(
                imp.lang(imp.text(question.sourceline, left, _("a matching question"), html=html)),
                imp.lang(imp.text(question.sourceline, right, _("a matching answer"), html=False)),
            )
        )
    return {"type": "matching", "pairs": tuple(pairs)}


def _numerical(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    line = question.sourceline
    scored = [(_fraction(a) or 0, a) for a in answers if a.findtext("text", "").strip() != "*"]
    full = [answer for fraction, answer in scored if fraction == 100]
    if len(full) != 1 or any(0 < fraction < 100 for fraction, _answer in scored):
        imp.error(
            line, _("a numerical question needs one fully right answer and no partial credit")
        )
        return None
    units = [
        (unit.findtext("unit_name", "").strip(), unit.findtext("multiplier", "1").strip())
        for unit in question.iterfind("units/unit")
    ]
    if any(float(multiplier or 1) != 1 for _name, multiplier in units if _is_number(multiplier)):
        imp.error(line, _("unit conversions are not supported; keep one unit"))
        return None
    value, tolerance = full[0].findtext("text", ""), full[0].findtext("tolerance", "0")
    if not _is_number(value) or not _is_number(tolerance or "0"):
        imp.error(line, _("%(answer)r is not a number") % {"answer": value.strip()})
        return None
    unit = next((name for name, _multiplier in units if name), "")
    return {
        "type": "numeric",
        "answer": float(value),
        "tolerance": abs(float(tolerance or 0)),
        "unit": imp.lang(unit),
    }


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _shortanswer(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    line = question.sourceline
    if any(0 < (_fraction(answer) or 0) < 100 for answer in answers):
        imp.error(line, _("partial credit on a short answer is not supported"))
        return None
    accepted = tuple(
        " ".join(a.findtext("text", "").split()) for a in answers if _fraction(a) == 100
    )
    if any("*" in text for text in accepted):
        imp.error(line, _("wildcards (*) in accepted answers are not supported"))
        return None
    return {
        "type": "short_text",
        "accepted": {imp.language: accepted},
        "ignore_case": question.findtext("usecase", "0").strip() in ("0", ""),
    }


def _ordering(imp: Importer, question: Any, answers: list[Any]) -> dict[str, Any] | None:
    # The plugin stores each step's position in `fraction`; it may show only some steps.
    if question.findtext("selecttype", "ALL").strip().upper() not in ("", "ALL", "0"):
        imp.error(question.sourceline, _("ordering questions must show all their steps"))
        return None
    ordered = sorted(answers, key=lambda answer: _fraction(answer) or 0)
    steps = _answer_texts(imp, question, ordered)
    return {"type": "ordering", "sequence": tuple(imp.lang(step) for step in steps)}


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "matching": _matching,
    "numerical": _numerical,
    "shortanswer": _shortanswer,
    "ordering": _ordering,
}
