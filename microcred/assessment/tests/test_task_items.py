"""Task items (simulated app screens) in items.yaml: read whole, or refused with every problem
named at its line."""

import pytest
import yaml

from microcred.assessment.items import item_problems
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.tests.banks import (
    TASK_OUTCOMES,
    TASK_SAMPLE,
    read_task_sample,
    write_items,
)
from microcred.curriculum.content_files import ContentInvalid

FILE = "99-test-module/items.yaml"


def _errors(tmp_path, text: str) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        read_item_bank(write_items(tmp_path, text), TASK_OUTCOMES)
    return [str(error) for error in raised.value.errors]


def _edited(old: str, new: str, text: str = TASK_SAMPLE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_task_item_reads_its_screen_and_controls_in_authored_order(tmp_path):
    item = read_task_sample(tmp_path).item("M99-P01")
    assert item.type == "task"
    assert item.screen == "settings"
    assert item.title == {"en": "Settings: Security", "pl": "Ustawienia: Bezpieczeństwo"}
    assert [(c.id, c.kind) for c in item.controls] == [
        ("twofa", "toggle"),
        ("method", "choice"),
        ("device", "text"),
        ("alerts", "toggle"),
    ]
    twofa, method, device, alerts = item.controls
    assert (twofa.initial, twofa.expected) == (False, True)
    assert (alerts.initial, alerts.expected) == (True, True)
    assert [choice.id for choice in method.choices] == ["sms", "app"]
    assert method.expected == "app"
    assert method.detail == {"en": "Choose one way.", "pl": "Wybierz jeden sposób."}
    assert device.expected == {"en": ("My phone",), "pl": ("Mój telefon",)}
    assert item.languages() == {"en", "pl"}


def test_a_task_written_back_as_yaml_reads_the_same(tmp_path):
    bank = read_task_sample(tmp_path)
    text = yaml.safe_dump(
        {"blueprint": vars(bank.blueprint), "items": [item.as_dict() for item in bank.items]},
        allow_unicode=True,
    )
    again = read_task_sample(tmp_path, text)
    assert again.items == bank.items
    assert again.item("M99-P01").fingerprint() == bank.item("M99-P01").fingerprint()
    assert item_problems(bank.item("M99-P01")) == []


def test_the_fingerprint_changes_when_an_expected_value_changes(tmp_path):
    before = read_task_sample(tmp_path).item("M99-P01").fingerprint()
    text = _edited(
        "initial: true\n        expected: true", "initial: true\n        expected: false"
    )
    assert read_task_sample(tmp_path, text).item("M99-P01").fingerprint() != before


def test_a_missing_translation_of_a_choice_leaves_that_language_out(tmp_path):
    text = _edited('text: {en: "Text message", pl: "SMS"}', 'text: {en: "Text message"}')
    assert read_task_sample(tmp_path, text).item("M99-P01").languages() == {"en"}


def test_an_unknown_screen_is_refused_with_the_screens_there_are(tmp_path):
    text = _edited("screen: settings", "screen: desktop")
    line = _line(text, "screen: desktop")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-P01: unknown screen 'desktop'; use one of: "
        "inbox, settings, share, store, cookies, portal"
    ]


def test_a_control_without_expected_is_named_at_its_line(tmp_path):
    text = _edited("        expected: app\n", "")
    line = _line(text, "- id: method")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-P01: control method: has no expected value"
    ]


def test_an_expected_choice_must_be_one_of_the_choices(tmp_path):
    text = _edited("expected: app", "expected: email")
    line = _line(text, "- id: method")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-P01: control method: expected 'email' is not one of "
        "its choices (sms, app)"
    ]


def test_two_controls_with_the_same_id_are_refused(tmp_path):
    text = _edited("- id: alerts", "- id: twofa")
    line = _line(text, '- id: twofa\n        kind: toggle\n        label: {en: "Sign-in')
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-P01: control id twofa is used twice"
    ]


def test_two_choices_with_the_same_id_are_refused(tmp_path):
    text = _edited("- {id: sms,", "- {id: app,")
    line = _line(text, "- id: method")
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {line}: item M99-P01: control method: choice id app is used twice"
    ]


def test_an_unquoted_yes_as_a_choice_id_is_explained(tmp_path):
    text = _edited("- {id: sms,", "- {id: yes,")
    errors = _errors(tmp_path, text)
    line = _line(text, "- {id: yes,")
    assert (
        f"{FILE}, line {line}: item M99-P01: control method choice 1: id must be text "
        "(quote yes, no, on and off)"
    ) in errors


def test_a_toggle_expects_on_or_off_and_a_text_an_english_answer(tmp_path):
    text = _edited("initial: false\n        expected: true", "initial: false\n        expected: 2")
    text = _edited(
        'expected: {en: ["My phone"], pl: ["Mój telefon"]}', 'expected: {pl: ["Mój"]}', text
    )
    errors = _errors(tmp_path, text)
    assert errors == [
        f"{FILE}, line {_line(text, '- id: twofa')}: item M99-P01: control twofa: "
        "expected must be true (on) or false (off)",
        f"{FILE}, line {_line(text, '- id: device')}: item M99-P01: control device: "
        "needs an expected answer in en",
    ]


def test_an_unknown_control_kind_and_a_misspelt_key_are_refused(tmp_path):
    text = _edited("kind: text", "kind: slider")
    text = _edited("detail: {en:", "details: {en:", text)
    errors = _errors(tmp_path, text)
    assert (
        f"{FILE}, line {_line(text, '- id: device')}: item M99-P01: control device: unknown kind "
        "'slider'; use one of: choice, toggle, text"
    ) in errors
    assert f"{FILE}, line {_line(text, 'details:')}: item M99-P01: unknown key 'details'" in errors


def test_a_screen_on_which_doing_nothing_is_right_is_refused(tmp_path):
    controls = TASK_SAMPLE[
        TASK_SAMPLE.index("    controls:\n") : TASK_SAMPLE.index("    feedback:")
    ]
    idle = (
        "    controls:\n"
        "      - {id: a, kind: toggle, label: {en: A}, initial: true, expected: true}\n"
        "      - {id: b, kind: toggle, label: {en: B}, expected: false}\n"
    )
    text = _edited(controls, idle)
    assert _errors(tmp_path, text) == [
        f"{FILE}, line {_line(text, '    controls:')}: item M99-P01: "
        "at least one control must need the learner to act"
    ]


def test_a_task_needs_a_title_and_two_controls(tmp_path):
    # Only the last control (a toggle already as expected) is left, and the title is gone.
    controls = TASK_SAMPLE[
        TASK_SAMPLE.index("    controls:\n") : TASK_SAMPLE.index("      - id: alerts")
    ]
    text = _edited(controls, "    controls:\n")
    text = _edited(
        '    title: {en: "Settings: Security", pl: "Ustawienia: Bezpieczeństwo"}\n', "", text
    )
    errors = _errors(tmp_path, text)
    assert f"{FILE}, line {_line(text, '- id: M99-P01')}: item M99-P01 title is missing" in errors
    assert any("needs at least 2 controls, not 1" in e for e in errors)
    assert any("at least one control must need the learner to act" in e for e in errors)


def test_garbage_controls_are_reported_not_raised(tmp_path):
    text = _edited("      - id: twofa\n", "      - 12\n      - [a]\n      - id: twofa\n")
    text = _edited("        choices:\n", "        choices: 7\n        old_choices:\n", text)
    errors = _errors(tmp_path, text)
    line = _line(text, "    controls:")  # a list entry that is not a mapping has no line of its own
    assert f"{FILE}, line {line}: item M99-P01: control 1 must be a mapping" in errors
    assert any("choices must be a list" in e for e in errors)
