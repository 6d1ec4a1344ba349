"""A small item bank with every item type, and helpers to write item banks for tests."""

from pathlib import Path

import yaml

from microcred.assessment.items import ItemBank
from microcred.assessment.items_yaml import read_item_bank

CONTENT = Path(__file__).resolve().parents[3] / "content" / "curriculum"
OUTCOMES = {"M99-LO1", "M99-LO2", "M99-LO3", "M99-LO4"}

# Every outcome has exactly `items_per_outcome` items, so every draw holds every item.
SAMPLE = """\
blueprint:
  items_per_outcome: 2
  pass_overall: 70
  pass_per_outcome: 50
  time_limit_minutes: null
  attempts: 3
  cooldown_hours: 24
items:
  - id: M99-Q01
    outcome: M99-LO1
    type: single_choice
    stem: {en: "What is an operating system?", pl: "Czym jest system operacyjny?"}
    options:
      - text: {en: "The software that runs the device", pl: "Oprogramowanie sterujące urządzeniem"}
        correct: true
      - text: {en: "An e-mail app", pl: "Aplikacja pocztowa"}
      - text: {en: "A phone case", pl: "Etui na telefon"}
    feedback: {en: "It runs the device.", pl: "Steruje urządzeniem."}
  - id: M99-Q02
    outcome: M99-LO1
    type: multiple_response
    stem: {en: "Which checks help avoid a fake app?"}
    options:
      - text: {en: "Official app store"}
        correct: true
      - text: {en: "Check the maker"}
        correct: true
      - text: {en: "Look at the reviews"}
        correct: true
      - text: {en: "A link in an SMS from a stranger"}
  - id: M99-Q03
    outcome: M99-LO2
    type: true_false
    stem: {en: "Public Wi-Fi is a good place for online banking."}
    answer: false
  - id: M99-Q04
    outcome: M99-LO2
    type: matching
    stem: {en: "Match each word with what it means."}
    pairs:
      - {left: {en: "Inbox"}, right: {en: "Messages you received"}}
      - {left: {en: "Spam"}, right: {en: "Unwanted messages"}}
      - {left: {en: "Outbox"}, right: {en: "Messages waiting to be sent"}}
      - {left: {en: "Drafts"}, right: {en: "Messages you have not finished"}}
  - id: M99-Q05
    outcome: M99-LO3
    type: ordering
    stem: {en: "Put the steps in order."}
    sequence:
      - {en: "Open Settings"}
      - {en: "Turn Wi-Fi on"}
      - {en: "Choose the network"}
      - {en: "Type the password"}
  - id: M99-Q06
    outcome: M99-LO3
    type: numeric
    stem: {en: "At least how many characters should a password have?"}
    answer: 12
    tolerance: 0
    unit: {en: "characters", pl: "znaków"}
  - id: M99-Q07
    outcome: M99-LO4
    type: short_text
    stem: {en: "What stores all your passwords? (two words)", pl: "Co przechowuje hasła?"}
    accepted:
      en: ["password manager"]
      pl: ["menedżer haseł"]
    ignore_case: true
    ignore_diacritics: true
  - id: M99-Q08
    outcome: M99-LO4
    type: single_choice
    stem: {en: "Which password is strongest?"}
    options:
      - text: {en: "Summer2025"}
      - text: {en: "tulip-kettle-rain-shoe"}
        correct: true
"""


def write_items(root: Path, text: str, folder: str = "99-test-module") -> Path:
    path = root / folder / "items.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read_sample(root: Path, text: str = SAMPLE) -> ItemBank:
    return read_item_bank(write_items(root, text), OUTCOMES)


def module_folders() -> list[Path]:
    return sorted(path.parent for path in CONTENT.glob("*/items.yaml"))


def outcome_codes(folder: Path) -> set[str]:
    module = yaml.safe_load((folder / "module.yaml").read_text(encoding="utf-8"))
    return {outcome["id"] for outcome in module["outcomes"]}


def content_bank(folder_name: str) -> ItemBank:
    folder = CONTENT / folder_name
    return read_item_bank(folder / "items.yaml", outcome_codes(folder))


TASK_OUTCOMES = {"M99-LO1", "M99-LO2"}

# M99-LO1 has a performance item (M99-P01) and two other items; M99-LO2 has none.
TASK_SAMPLE = """\
blueprint:
  items_per_outcome: 2
  pass_overall: 70
  pass_per_outcome: 50
  time_limit_minutes: null
  attempts: 3
  cooldown_hours: 24
items:
  - id: M99-P01
    outcome: M99-LO1
    type: task
    screen: settings
    title: {en: "Settings: Security", pl: "Ustawienia: Bezpieczeństwo"}
    stem:
      en: "Turn on two-step verification with an authenticator app and name this phone."
      pl: "Włącz weryfikację dwuetapową z aplikacją uwierzytelniającą i nazwij ten telefon."
    controls:
      - id: twofa
        kind: toggle
        label: {en: "Two-step verification", pl: "Weryfikacja dwuetapowa"}
        initial: false
        expected: true
      - id: method
        kind: choice
        label: {en: "How do you get your codes?", pl: "Jak dostajesz kody?"}
        detail: {en: "Choose one way.", pl: "Wybierz jeden sposób."}
        choices:
          - {id: sms, text: {en: "Text message", pl: "SMS"}}
          - {id: app, text: {en: "Authenticator app", pl: "Aplikacja uwierzytelniająca"}}
        expected: app
      - id: device
        kind: text
        label: {en: "Name of this phone", pl: "Nazwa tego telefonu"}
        expected: {en: ["My phone"], pl: ["Mój telefon"]}
      - id: alerts
        kind: toggle
        label: {en: "Sign-in alerts", pl: "Powiadomienia o logowaniu"}
        initial: true
        expected: true
    feedback: {en: "Use an app for codes.", pl: "Używaj aplikacji do kodów."}
  - id: M99-Q01
    outcome: M99-LO1
    type: true_false
    stem: {en: "A code sent to you may be shared with the bank.", pl: "Kod można podać bankowi."}
    answer: false
  - id: M99-Q02
    outcome: M99-LO1
    type: true_false
    stem: {en: "Two-step verification protects a stolen password.", pl: "Dwa kroki chronią."}
    answer: true
  - id: M99-Q03
    outcome: M99-LO2
    type: true_false
    stem: {en: "Updates fix security holes.", pl: "Aktualizacje łatają luki."}
    answer: true
  - id: M99-Q04
    outcome: M99-LO2
    type: true_false
    stem: {en: "Public Wi-Fi is always safe.", pl: "Publiczne Wi-Fi jest zawsze bezpieczne."}
    answer: false
"""


def read_task_sample(root: Path, text: str = TASK_SAMPLE) -> ItemBank:
    return read_item_bank(write_items(root, text), TASK_OUTCOMES)


def lesson_languages(folder: Path) -> list[str]:
    """The languages a module's lessons are written in: its item bank must be complete in each."""
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and len(p.name) == 2)
