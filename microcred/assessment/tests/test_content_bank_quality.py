"""Every item bank of the real course keeps the cue and coverage limits (bank_quality.py).

The message names the bank, the language and the numbers, so an author knows what to rebalance.
"""

import pytest
import yaml

from microcred.assessment.bank_quality import assess_bank
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.tests.banks import lesson_languages, module_folders

FOLDERS = module_folders()


def _english_statements(folder) -> dict[str, str]:
    module = yaml.safe_load((folder / "module.yaml").read_text(encoding="utf-8"))
    return {outcome["id"]: outcome["statement"]["en"] for outcome in module["outcomes"]}


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_the_item_bank_gives_no_answer_away_and_covers_every_outcome(folder):
    statements = _english_statements(folder)
    bank = read_item_bank(folder / "items.yaml", set(statements))
    problems = assess_bank(bank, statements, tuple(lesson_languages(folder))).problems()
    listed = "\n".join(f"{folder.name}/items.yaml, {problem}" for problem in problems)
    assert not problems, f"{len(problems)} item-bank problem(s):\n{listed}"
