"""items.yaml is read whole or refused with every problem named at its file and line."""

import pytest
import yaml

from microcred.assessment.items import ItemBank, item_problems
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.tests.banks import OUTCOMES, SAMPLE, read_sample, write_items
from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.content_reader import ContentReader

FILE = "99-test-module/items.yaml"


def _errors(tmp_path, text: str, outcomes: set[str] = OUTCOMES) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        read_item_bank(write_items(tmp_path, text), outcomes)
    return [str(error) for error in raised.value.errors]


def _edited(old: str, new: str, text: str = SAMPLE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_valid_bank_reads_every_item_with_its_translations(tmp_path):
    bank = read_sample(tmp_path)
    assert [item.id for item in bank.items] == [f"M99-Q0{n}" for n in range(1, 9)]
    assert bank.outcomes == ("M99-LO1", "M99-LO2", "M99-LO3", "M99-LO4")
    assert bank.blueprint.items_per_outcome == 2
    assert bank.blueprint.time_limit_minutes is None
    first = bank.item("M99-Q01")
    assert first.stem == {
        "en": "What is an operating system?",
        "pl": "Czym jest system operacyjny?",
    }
    assert [option.correct for option in first.options] == [True, False, False]
    assert first.languages() == {"en", "pl"}
    assert bank.item("M99-Q02").languages() == {"en"}
    assert bank.item("M99-Q06").answer == 12
    assert bank.item("M99-Q06").unit["pl"] == "znaków"
    assert bank.item("M99-Q07").accepted == {"en": ("password manager",), "pl": ("menedżer haseł",)}


def test_an_unknown_outcome_is_named_with_its_line(tmp_path):
    text = _edited(
        "outcome: M99-LO2\n    type: true_false", "outcome: M99-LO9\n    type: true_false"
    )
    errors = _errors(tmp_path, text)
    line = _line(text, "outcome: M99-LO9")
    assert f"{FILE}, line {line}: item M99-Q03: unknown outcome 'M99-LO9'" in errors
    # Without that item M99-LO2 no longer has the two items the exam draws.
    assert any("outcome M99-LO2 has 1 valid items; the exam draws 2" in e for e in errors)


def test_an_unknown_item_type_is_refused(tmp_path):
    text = _edited("type: true_false", "type: essay")
    line = _line(text, "type: essay")
    assert f"{FILE}, line {line}: item M99-Q03: unknown item type 'essay'" in _errors(
        tmp_path, text
    )


def test_a_stem_without_english_is_refused(tmp_path):
    text = _edited('stem: {en: "Put the steps in order."}', 'stem: {pl: "Ułóż kroki."}')
    line = _line(text, 'stem: {pl: "Ułóż kroki."}')
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-Q05 stem has no English text"
    ]


def test_an_option_without_english_is_refused(tmp_path):
    text = _edited('text: {en: "A phone case", pl: "Etui na telefon"}', 'text: {pl: "Etui"}')
    line = _line(text, 'text: {pl: "Etui"}')
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-Q01 option 3 has no English text"
    ]


def test_a_single_choice_needs_exactly_one_correct_option(tmp_path):
    text = _edited(
        '- text: {en: "Summer2025"}', '- text: {en: "Summer2025"}\n        correct: true'
    )
    line = _line(text, 'options:\n      - text: {en: "Summer2025"}')
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-Q08: needs exactly one correct option, not 2"
    ]


def test_a_multiple_response_needs_a_correct_option(tmp_path):
    text = SAMPLE.replace(
        '        correct: true\n      - text: {en: "Check', '      - text: {en: "Check'
    )
    text = text.replace(
        '        correct: true\n      - text: {en: "Look', '      - text: {en: "Look'
    )
    text = text.replace(
        '        correct: true\n      - text: {en: "A link', '      - text: {en: "A link'
    )
    assert any("M99-Q02: needs at least one correct option" in e for e in _errors(tmp_path, text))


def test_a_numeric_item_without_an_answer_is_refused(tmp_path):
    text = _edited("    answer: 12\n", "")
    line = _line(text, "- id: M99-Q06")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-Q06: a numeric item needs a number as its answer"
    ]


def test_a_negative_tolerance_is_refused(tmp_path):
    text = _edited("tolerance: 0", "tolerance: -1")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {_line(text, 'tolerance')}: "
        "item M99-Q06: tolerance must be a number of 0 or more"
    ]


def test_a_matching_item_needs_two_pairs(tmp_path):
    start = SAMPLE.index('      - {left: {en: "Spam"}')
    end = SAMPLE.index("  - id: M99-Q05")
    text = SAMPLE[:start] + SAMPLE[end:]
    line = _line(text, "pairs:")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-Q04: needs at least 2 pairs, not 1"
    ]


def test_two_options_that_read_the_same_are_refused(tmp_path):
    text = _edited('text: {en: "Look at the reviews"}', 'text: {en: "Check  the MAKER"}')
    assert any("M99-Q02: 'Check  the MAKER' appears twice" in e for e in _errors(tmp_path, text))


def test_a_true_false_answer_must_be_a_boolean(tmp_path):
    text = _edited("answer: false", 'answer: "no"')
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {_line(text, 'answer: ')}: item M99-Q03: answer must be true or false"
    ]


def test_a_short_text_needs_an_english_accepted_answer(tmp_path):
    text = _edited('      en: ["password manager"]\n', "")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {_line(text, 'accepted:')}: item M99-Q07: needs an accepted answer in en"
    ]


def test_a_misspelt_key_is_not_ignored(tmp_path):
    text = _edited("ignore_diacritics: true", "ignore_diacritic: true")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {_line(text, 'ignore_diacritic:')}: "
        "item M99-Q07: unknown key 'ignore_diacritic'"
    ]


def test_a_duplicate_id_names_the_first_line(tmp_path):
    text = _edited("- id: M99-Q08", "- id: M99-Q01")
    second = _line(text, "- id: M99-Q01\n    outcome: M99-LO4")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {second}: item id M99-Q01 is used twice (first at line 9)",
        f"{FILE}, line 8: outcome M99-LO4 has 1 valid items; the exam draws 2",
    ]


def test_every_outcome_must_have_enough_items_for_the_blueprint(tmp_path):
    text = _edited("items_per_outcome: 2", "items_per_outcome: 3")
    errors = _errors(tmp_path, text)
    assert len(errors) == 4
    assert errors[0] == f"{FILE}, line 8: outcome M99-LO1 has 2 valid items; the exam draws 3"


def test_an_outcome_of_the_module_without_items_is_refused(tmp_path):
    errors = _errors(tmp_path, SAMPLE, OUTCOMES | {"M99-LO5"})
    assert errors == [f"{FILE}, line 8: outcome M99-LO5 has 0 valid items; the exam draws 2"]


def test_a_pass_mark_above_100_is_refused(tmp_path):
    text = _edited("pass_overall: 70", "pass_overall: 170")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line 3: pass_overall must be a number from 0 to 100"
    ]


def test_broken_yaml_and_other_encodings_get_a_message(tmp_path):
    assert _errors(tmp_path, "items: [")[0].startswith(f"{FILE}, line 1: not valid YAML")
    path = write_items(tmp_path, "")
    path.write_bytes("items: []\n# Zażółć".encode("iso-8859-2"))
    with pytest.raises(ContentInvalid) as raised:
        read_item_bank(path, OUTCOMES)
    assert [str(e) for e in raised.value.errors] == [f"{FILE}: file is not UTF-8 text"]


def test_garbage_in_every_field_is_reported_not_raised(tmp_path):
    text = (
        "blueprint: 3\nitems:\n  - 12\n  - {id: [1], type: {a: 1}}\n"
        "  - {id: X1, outcome: [1], type: [2]}\n"
    )
    errors = _errors(tmp_path, text)
    assert f"{FILE}, line 1: blueprint must be a mapping" in errors
    assert len(errors) >= 5


def test_a_shared_reader_collects_problems_instead_of_raising(tmp_path):
    path = write_items(tmp_path, _edited("type: true_false", "type: essay"))
    reader = ContentReader(tmp_path)
    bank = read_item_bank(path, OUTCOMES, reader)
    assert isinstance(bank, ItemBank)
    assert len(bank.items) == 7
    assert any("unknown item type 'essay'" in str(error) for error in reader.errors)


def test_an_item_written_back_as_yaml_reads_the_same(tmp_path, sample_bank):
    text = yaml.safe_dump(
        {
            "blueprint": vars(sample_bank.blueprint),
            "items": [item.as_dict() for item in sample_bank.items],
        },
        allow_unicode=True,
    )
    again = read_sample(tmp_path, text)
    assert again.items == sample_bank.items
    assert [i.fingerprint() for i in again.items] == [i.fingerprint() for i in sample_bank.items]


def test_item_rules_hold_for_items_built_in_code(sample_bank):
    assert all(item_problems(item) == [] for item in sample_bank.items)
