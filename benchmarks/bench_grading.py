"""Time the pure assessment functions on the real M01 item bank: draw, replay and grade.

    .venv/bin/python benchmarks/bench_grading.py [--attempts 1050] [--runs 5] [--output PATH]

Each attempt has its own seed and a realistic answer sheet (about 70% right, some partial, some
typed numbers and words, a few blanks and a little garbage), all from a fixed random seed so
runs are comparable. "Per attempt" is the median of timing each attempt alone; the batch rows
time all attempts in one loop, median of `runs`. No database: these are the functions the
submit view will call.
"""

import argparse
import json
import os
import platform
import random
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")

import django  # noqa: E402

django.setup()  # the content reader's messages and languages come from the settings

from microcred.assessment.draw import DrawnForm, DrawnItem, draw_form, replay  # noqa: E402
from microcred.assessment.grading import answer_key, grade  # noqa: E402
from microcred.assessment.items import ItemBank, ItemSpec  # noqa: E402
from microcred.assessment.items_yaml import read_item_bank  # noqa: E402
from microcred.assessment.task_items import flat_choices  # noqa: E402
from microcred.assessment.tests.banks import CONTENT, outcome_codes  # noqa: E402

FOLDER = CONTENT / "01-devices-and-basics"


def _wrong(item: ItemSpec, drawn: DrawnItem, rng: random.Random) -> Any:
    """A plausible imperfect answer of the shape a parsed HTML form gives."""
    if item.type == "single_choice":
        return rng.choice(drawn.tokens)
    if item.type == "multiple_response":
        return rng.sample(list(drawn.tokens), rng.randint(1, len(drawn.tokens)))
    if item.type == "matching":
        return {left: rng.choice(drawn.tokens) for left in drawn.left_tokens}
    if item.type == "ordering":
        return rng.sample(list(drawn.tokens), len(drawn.tokens))
    if item.type == "numeric":
        return rng.choice(["10", "12 characters", " 12,0 ", "twelve", "8"])
    if item.type == "short_text":
        return rng.choice(["System Operacyjny", "the operating system.", "apps", "UPDATE", "x"])
    if item.type == "task":
        return _wrong_task(item, drawn, rng)
    return rng.choice([True, False, "true", "false"])


def _wrong_task(item: ItemSpec, drawn: DrawnItem, rng: random.Random) -> dict[str, Any]:
    """Every control of the screen set at random, as a learner guessing would."""
    choices = flat_choices(item.controls)
    answer: dict[str, Any] = {}
    for index, control in enumerate(item.controls):
        token = drawn.left_token_of(index)
        if control.kind == "choice":
            own = [drawn.token_of(n) for n, (owner, _c) in enumerate(choices) if owner == index]
            answer[token] = rng.choice(own)
        elif control.kind == "toggle":
            answer[token] = rng.choice([True, False])
        else:
            answer[token] = rng.choice(["x", "", "Report"])
    return answer


def _sheet(bank: ItemBank, form: DrawnForm, rng: random.Random) -> dict[str, Any]:
    key = answer_key(bank, form, language="pl")
    sheet: dict[str, Any] = {}
    for drawn in form.items:
        roll = rng.random()
        if roll < 0.70:
            sheet[drawn.item_id] = key[drawn.item_id]
        elif roll < 0.95:
            sheet[drawn.item_id] = _wrong(bank.item(drawn.item_id), drawn, rng)
        elif roll < 0.98:
            sheet[drawn.item_id] = ""
        else:
            sheet[drawn.item_id] = {"garbage": [1, None, "c0ffee"]}
    return sheet


def _batch(function: Callable[[int], Any], count: int, runs: int) -> float:
    """Median seconds for calling `function(i)` for every i in range(count)."""
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        for index in range(count):
            function(index)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _single(function: Callable[[int], Any], count: int) -> float:
    """Median seconds of one call, each attempt timed alone."""
    times = []
    for index in range(count):
        start = time.perf_counter()
        function(index)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1050, help="attempts per batch")
    parser.add_argument("--runs", type=int, default=5, help="batch runs; the median is reported")
    parser.add_argument("--output", type=Path, default=None,
                        help="also write the report to this file")
    args = parser.parse_args()

    start = time.perf_counter()
    bank = read_item_bank(FOLDER / "items.yaml", outcome_codes(FOLDER))
    parse_ms = (time.perf_counter() - start) * 1000
    rng = random.Random(2026)
    seeds = [rng.getrandbits(63) for _ in range(args.attempts)]
    forms = [draw_form(bank, seed=seed) for seed in seeds]
    stored = [json.dumps(form.to_json()) for form in forms]
    sheets = [_sheet(bank, form, rng) for form in forms]

    def draw(i: int) -> Any:
        return draw_form(bank, seed=seeds[i])

    def grade_one(i: int) -> Any:
        return grade(bank, forms[i], sheets[i], language="pl")

    def submit(i: int) -> Any:  # what a submit does: load the stored form, replay, grade
        return grade(bank, replay(bank, json.loads(stored[i])), sheets[i], language="pl")

    for function in (draw, grade_one, submit):  # warm-up: caches, imports
        _batch(function, min(50, args.attempts), 1)
    results = [grade_one(i) for i in range(args.attempts)]
    passed = sum(result.passed for result in results)
    mean = statistics.mean(result.percent for result in results)

    rows = []
    for label, function in (
        (f"draw a form ({len(forms[0].items)} of {len(bank.items)} items, shuffled)", draw),
        ("grade an answer sheet", grade_one),
        ("submit: JSON load + replay + grade", submit),
    ):
        one = _single(function, args.attempts)
        batch = _batch(function, args.attempts, args.runs)
        rows.append((label, one * 1e6, batch * 1000, args.attempts / batch))

    command = "python benchmarks/bench_grading.py " + shlex.join(sys.argv[1:])
    lines = [
        "# Assessment benchmark: draw, replay and grade on the real M01 bank",
        "",
        f"Command: `{command.strip()}` ({args.attempts} attempts, batch median of {args.runs} "
        f"runs; pure functions, no database).",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; one run of this script.",
        f"Bank: content/curriculum/01-devices-and-basics/items.yaml, {len(bank.items)} items, "
        f"{len(bank.outcomes)} outcomes, {bank.blueprint.items_per_outcome} drawn per outcome "
        f"(parsed and validated in {parse_ms:.0f} ms). Answer sheets: about 70% right, the rest "
        f"wrong, partial, blank or garbage; {passed} of {args.attempts} passed, mean "
        f"{mean:.1f}%.",
        "",
        f"| operation | per attempt (µs, median) | {args.attempts:,} attempts (ms) | attempts/s |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {label} | {one:.0f} | {batch:.1f} | {rate:,.0f} |" for label, one, batch, rate in rows
    ]
    submit_ms = rows[2][2]
    lines += [
        "",
        f"One core submits all {args.attempts:,} attempts (replay and grade) in "
        f"{submit_ms:.0f} ms, so a submit can grade synchronously inside its request.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
