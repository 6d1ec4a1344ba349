"""Finished tests for synthetic learners that replay like real ones.

A synthetic attempt used to store an empty exam form, so item statistics could not read it.
Drawing and grading a form for each of millions of rows is too slow (and impossible in the
set-based SQL path), so each module gets a few really drawn, answered and graded tests, passed
and failed, and every synthetic attempt takes the stored form, answers and result of one of them.
"""

import random
from dataclasses import dataclass
from typing import Any

from microcred.assessment import banks
from microcred.assessment.draw import draw_form
from microcred.assessment.grading import answer_key, grade
from microcred.assessment.items import ItemBank as ParsedBank
from microcred.assessment.models import ItemBank
from microcred.curriculum.text import REFERENCE_LANGUAGE
from microcred.demo.synthetic_plan import Plan

PER_OUTCOME = 4  # graded tests kept per module and outcome (passed, failed)
# How likely a synthetic learner is to answer each question right, for a pass or a fail.
RIGHT_SHARE = {True: (1.0, 0.95, 0.9, 0.85), False: (0.0, 0.25, 0.4, 0.55)}


@dataclass(frozen=True)
class GradedTest:
    seed: int
    form: dict[str, Any]
    answers: dict[str, Any]
    result: dict[str, Any]
    percent: float
    passed: bool


def graded_tests(bank_id: int, rng: random.Random) -> dict[bool, list[GradedTest]]:
    """A few passed and a few failed tests of this bank: {passed: [...], failed: [...]}."""
    bank = banks.parsed(ItemBank.objects.get(pk=bank_id))
    found: dict[bool, list[GradedTest]] = {True: [], False: []}
    for passed, shares in RIGHT_SHARE.items():
        for _round in range(10):  # a share near the mark can give either outcome; retry
            for share in shares:
                test = _graded(bank, rng, share)
                if test.passed == passed and len(found[passed]) < PER_OUTCOME:
                    found[passed].append(test)
            if len(found[passed]) >= PER_OUTCOME:
                break
    return found


def _graded(bank: ParsedBank, rng: random.Random, share: float) -> GradedTest:
    seed = rng.getrandbits(48)
    form = draw_form(bank, seed=seed)
    key = answer_key(bank, form)
    answers = {item_id: answer for item_id, answer in key.items() if rng.random() < share}
    # Answered and graded in English: the statistics replay the form, they do not grade again.
    result = grade(bank, form, answers, language=REFERENCE_LANGUAGE)
    return GradedTest(seed, form.to_json(), answers, result.to_json(),
                      round(result.percent, 2), result.passed)


def graded_tests_of(plan: Plan) -> dict[int, dict[bool, list[GradedTest]]]:
    """A few really graded tests per module of the plan, by module id."""
    rng = random.Random(plan.seed)  # its own stream: the plan's other draws stay as they were
    return {module.module_id: graded_tests(module.bank_id, rng)
            for module in plan.modules if module.bank_id}


def pick(tests: dict[bool, list[GradedTest]], passed: bool, rng: random.Random
         ) -> GradedTest | None:
    """One graded test with this outcome; None when the bank gives none (then no attempt)."""
    return rng.choice(tests[passed]) if tests.get(passed) else None
