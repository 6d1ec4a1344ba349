"""Export an item bank for partners' Moodle: Moodle XML (every language in multilang spans) and
GIFT (one file per language), written so that our own importers give back the same items.

Each outcome becomes a category (`$course$/top/<module>/<outcome>`), each item a question named
by its id. Texts that Moodle shows as HTML carry `<span lang="xx" class="multilang">`; plain
texts (matching answers, accepted answers, units) carry `{mlang xx}...{mlang}`, read by Moodle's
multilang2 filter. Multiple response weights are 100/n for each right option and -100/n for each
wrong one: the same rule as our grading. What Moodle cannot hold is left out and listed: task
items (simulated screens) in both formats; ordering and gap_select items and units in GIFT.
`ignore_diacritics` travels as the tag `microcred-ignore-diacritics`, which the importer reads.
"""

from html import escape

from lxml import etree

from microcred.assessment.items import GAP, ItemBank, ItemSpec, LanguageMap

DIACRITICS_TAG = "microcred-ignore-diacritics"
_GIFT_SPECIAL = str.maketrans({char: "\\" + char for char in "~=#{}:\\"})


def export_moodle_xml(bank: ItemBank, module_code: str) -> tuple[bytes, list[str]]:
    """The bank as a Moodle XML file, and the ids of the items it cannot hold."""
    quiz = etree.Element("quiz")
    left_out = []
    for outcome in bank.outcomes:
        category = etree.SubElement(etree.SubElement(quiz, "question", type="category"),
                                    "category")
        _sub(category, "text", f"$course$/top/{module_code}/{outcome}")
        for item in bank.items_for(outcome):
            if item.type == "task":
                left_out.append(item.id)
                continue
            _xml_question(quiz, item)
    data = etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, left_out


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = text
    return element


def _html(parent: etree._Element, tag: str, texts: LanguageMap) -> None:
    element = _sub(parent, tag, format="html")
    _sub(element, "text", _spans(texts))


def _spans(texts: LanguageMap) -> str:
    return "".join(f'<span lang="{code}" class="multilang">{escape(text, quote=False)}</span>'
                   for code, text in texts.items())


def _plain(texts: LanguageMap) -> str:
    return "".join(f"{{mlang {code}}}{text}{{mlang}}" for code, text in texts.items())


def _xml_question(quiz: etree._Element, item: ItemSpec) -> None:
    kind = {"single_choice": "multichoice", "multiple_response": "multichoice",
            "true_false": "truefalse", "numeric": "numerical",
            "short_text": "shortanswer", "gap_select": "gapselect"}.get(item.type, item.type)
    question = _sub(quiz, "question", type=kind)
    _sub(_sub(question, "name"), "text", item.id)
    _html(question, "questiontext", item.stem)
    if item.feedback:
        _html(question, "generalfeedback", item.feedback)
    _sub(question, "idnumber", item.id)
    if item.type in ("single_choice", "multiple_response"):
        _sub(question, "single", "true" if item.type == "single_choice" else "false")
        right = sum(option.correct for option in item.options)
        share = 100 if item.type == "single_choice" else 100 / right
        wrong = 0 if item.type == "single_choice" else -share
        for option in item.options:
            # Seven digits, as Moodle writes them: 3 x 33.3333% is 0.999999, which Moodle grades
            # "partially correct"; 3 x 33.33333% passes its 0.999999 threshold.
            answer = _sub(question, "answer", fraction=f"{share if option.correct else wrong:.7g}",
                          format="html")
            _sub(answer, "text", _spans(option.text))
            if option.feedback:
                _html(answer, "feedback", option.feedback)
    elif item.type == "true_false":
        for value in (True, False):
            answer = _sub(question, "answer", fraction="100" if value is item.answer else "0")
            _sub(answer, "text", "true" if value else "false")
    elif item.type == "matching":
        for pair in item.pairs:
            sub = _sub(question, "subquestion", format="html")
            _sub(sub, "text", _spans(pair.left))
            _sub(_sub(sub, "answer"), "text", _plain(pair.right))
    elif item.type == "ordering":
        _sub(question, "selecttype", "ALL")
        for position, step in enumerate(item.sequence, 1):
            answer = _sub(question, "answer", fraction=str(position), format="html")
            _sub(answer, "text", _spans(step))
    elif item.type == "numeric":
        accepted = [(float(item.answer), item.tolerance)]  # type: ignore[arg-type]
        accepted += [(more.answer, more.tolerance) for more in item.also_accepted]
        for number, margin in accepted:
            element = _sub(question, "answer", fraction="100")
            _sub(element, "text", repr(number))
            _sub(element, "tolerance", repr(margin))
        if item.unit:
            units = _sub(question, "units")
            for name, multiplier in [(item.unit, 1.0),
                                     *((u.name, u.multiplier) for u in item.other_units)]:
                unit = _sub(units, "unit")
                _sub(unit, "multiplier", f"{multiplier:g}" if multiplier == 1 else repr(multiplier))
                _sub(unit, "unit_name", _unit_name(name))
            # Typed after the number, optional and not graded: how our tests read units.
            _sub(question, "unitgradingtype", "0")
            _sub(question, "unitpenalty", "0")
            _sub(question, "showunits", "0")
            _sub(question, "unitsleft", "0")
    elif item.type == "gap_select":
        _gapselect(question, item)
    elif item.type == "short_text":
        _sub(question, "usecase", "0" if item.ignore_case else "1")
        for code, texts in item.accepted.items():
            for text in texts:
                _sub(_sub(question, "answer", fraction="100"), "text", _plain({code: text}))
        if item.ignore_diacritics:
            _sub(_sub(_sub(question, "tags"), "tag"), "text", DIACRITICS_TAG)


def _unit_name(texts: LanguageMap) -> str:
    # Moodle matches a typed unit against the name as written, filters never run on it: "MB"
    # in every language is written "MB" (read back for every language), only names that differ
    # by language carry {mlang}, and there only the conversion to the first unit is lost.
    names = set(texts.values())
    return names.pop() if len(names) == 1 else _plain(texts)


def _gapselect(question: etree._Element, item: ItemSpec) -> None:
    # Moodle's [[n]] names the n-th <selectoption>: the right one of each gap, in its own group.
    right: dict[str, str] = {}
    number = 0
    for gap_number, gap in enumerate(item.gaps, 1):
        for index, choice in enumerate(gap.choices):
            number += 1
            option = _sub(question, "selectoption")
            _sub(option, "text", _plain(choice))
            _sub(option, "group", str(gap_number))
            if index == gap.answer:
                right[str(gap_number)] = str(number)
    stem = question.find("questiontext/text")
    stem.text = GAP.sub(lambda m: f"[[{right[m[1]]}]]", stem.text or "")


def export_gift(bank: ItemBank, module_code: str, language: str) -> tuple[str, list[str]]:
    """The bank's texts in one language as a GIFT file, and the ids of items it cannot hold."""
    lines = [f"// {module_code} item bank, language {language}", ""]
    left_out = []
    for outcome in bank.outcomes:
        lines += [f"$CATEGORY: $course$/top/{module_code}/{outcome}", ""]
        for item in bank.items_for(outcome):
            body = _gift_answers(item, language)
            if body is None:
                left_out.append(item.id)
                continue
            general = _g(item.feedback, language)
            lines += [f"::{item.id}::{_g(item.stem, language)}{{{body}"
                      + (f"####{general}" if general else "") + "}", ""]
    return "\n".join(lines), left_out


def _g(texts: LanguageMap, language: str) -> str:
    return texts.get(language, "").translate(_GIFT_SPECIAL)


def _gift_answers(item: ItemSpec, language: str) -> str | None:
    if item.type == "single_choice":
        return " ".join(
            ("=" if option.correct else "~") + _g(option.text, language)
            + (f"#{_g(option.feedback, language)}" if option.feedback.get(language) else "")
            for option in item.options)
    if item.type == "multiple_response":
        right = sum(option.correct for option in item.options)
        parts = []
        for option in item.options:
            weight = 100 / right if option.correct else -100 / right
            feedback = option.feedback.get(language)
            parts.append(f"~%{weight:.7g}%{_g(option.text, language)}"
                         + (f"#{_g(option.feedback, language)}" if feedback else ""))
        return " ".join(parts)
    if item.type == "true_false":
        return "TRUE" if item.answer else "FALSE"
    if item.type == "matching":
        return " ".join(f"={_g(p.left, language)} -> {_g(p.right, language)}" for p in item.pairs)
    if item.type == "numeric" and not item.unit and not item.also_accepted:
        return f"#{float(item.answer)!r}:{item.tolerance!r}"  # type: ignore[arg-type]
    if item.type == "numeric" and not item.unit:  # several accepted numbers: {#=12:0 =24:0}
        accepted = [(float(item.answer), item.tolerance)]  # type: ignore[arg-type]
        accepted += [(more.answer, more.tolerance) for more in item.also_accepted]
        return "#" + " ".join(f"={value!r}:{tolerance!r}" for value, tolerance in accepted)
    if item.type == "short_text" and item.accepted.get(language):
        return " ".join("=" + text.translate(_GIFT_SPECIAL) for text in item.accepted[language])
    return None
