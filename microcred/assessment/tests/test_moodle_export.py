"""Every module's bank exported for Moodle and imported again gives back the same items."""

from dataclasses import replace

import pytest
from lxml import etree

from microcred.assessment.gift import import_gift
from microcred.assessment.items import ItemSpec
from microcred.assessment.moodle_export import export_gift, export_moodle_xml
from microcred.assessment.moodle_xml import import_moodle_xml
from microcred.assessment.tests.banks import CONTENT, content_bank

FOLDERS = sorted(path.parent.name for path in CONTENT.glob("*/items.yaml"))
MOODLE_TYPES = {"category", "multichoice", "truefalse", "matching", "numerical", "shortanswer",
                "ordering"}


def _reimported(report) -> list[ItemSpec]:
    assert not report.skipped, report.skipped
    assert all(not question.notes for question in report.imported), report.imported
    return report.with_outcomes(dict(report.categories()))


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_bank_exported_as_moodle_xml_imports_back_identical(folder):
    bank = content_bank(folder)
    code = bank.items[0].id.split("-")[0]
    data, left_out = export_moodle_xml(bank, code)
    report = import_moodle_xml(data, language="en", outcome_codes=set(bank.outcomes),
                               id_prefix=f"{code}-IMP")
    expected = [item for item in bank.items if item.id not in left_out]
    assert sorted(_reimported(report), key=lambda i: i.id) == sorted(expected, key=lambda i: i.id)
    assert {bank.item(item_id).type for item_id in left_out} <= {"task"}


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_moodle_xml_export_has_moodles_structure(folder):
    bank = content_bank(folder)
    root = etree.fromstring(export_moodle_xml(bank, "M00")[0])
    assert root.tag == "quiz"
    for question in root.iterfind("question"):
        assert question.get("type") in MOODLE_TYPES
        if question.get("type") == "category":
            assert question.findtext("category/text").startswith("$course$/top/")
            continue
        assert question.findtext("name/text")
        assert question.find("questiontext").get("format") == "html"
        for answer in question.iterfind("answer"):
            float(answer.get("fraction"))
        # Every text in HTML carries a multilang span for each language of the item.
        assert 'class="multilang"' in question.findtext("questiontext/text")


def _in(item: ItemSpec, language: str) -> ItemSpec:
    """The item as a one-language GIFT file holds it (no flags, no units)."""
    def only(texts):
        return {language: texts[language]} if language in texts else {}

    return replace(
        item, stem=only(item.stem), feedback=only(item.feedback),
        options=tuple(replace(o, text=only(o.text), feedback=only(o.feedback))
                      for o in item.options),
        pairs=tuple(replace(p, left=only(p.left), right=only(p.right)) for p in item.pairs),
        accepted={language: item.accepted[language]} if item.accepted else {},
        ignore_case=True, ignore_diacritics=False,
    )


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_bank_exported_as_english_gift_imports_back_identical(folder):
    bank = content_bank(folder)
    code = bank.items[0].id.split("-")[0]
    text, left_out = export_gift(bank, code, "en")
    report = import_gift(text, language="en", outcome_codes=set(bank.outcomes),
                         id_prefix=f"{code}-IMP")
    expected = [_in(item, "en") for item in bank.items if item.id not in left_out]
    assert sorted(_reimported(report), key=lambda i: i.id) == sorted(expected, key=lambda i: i.id)
    assert {bank.item(item_id).type for item_id in left_out} <= {"task", "ordering", "numeric"}
