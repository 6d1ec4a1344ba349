"""An independent GIFT parser (npm gift-pegjs, interop/gift) reads our exported GIFT files as we
mean them: same questions, texts, right answers, feedback and numbers, in every language."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from microcred.assessment.items import ItemSpec
from microcred.assessment.moodle_export import export_gift
from microcred.assessment.tests.banks import CONTENT, content_bank
from microcred.curriculum.text import configured_languages

JUDGE = Path(__file__).resolve().parents[3] / "interop" / "gift"
_ESCAPED = re.compile(r"&&(\d+);")
FOLDERS = sorted(path.parent.name for path in CONTENT.glob("*/items.yaml"))

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="Node.js is not installed: GIFT judge not run"
)


def _judge(text: str) -> list[dict]:
    if not (JUDGE / "node_modules").is_dir():
        pytest.fail("Run `npm ci --prefix interop/gift` first (the independent GIFT parser).")
    result = subprocess.run(["node", str(JUDGE / "parse.mjs")], input=text, capture_output=True,
                            text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)
    assert "error" not in verdict, verdict
    return verdict["questions"]


def _text(value) -> str:
    return " ".join((value["text"] if isinstance(value, dict) else value or "").split())


def _as_judged(item: ItemSpec, language: str) -> dict:
    """What the judge should read for this item."""
    read = {"title": item.id, "stem": item.stem[language],
            "feedback": item.feedback.get(language, "")}
    if item.type in ("single_choice", "multiple_response"):
        read["choices"] = [(o.text[language], o.correct, o.feedback.get(language, ""))
                           for o in item.options]
    elif item.type == "true_false":
        read["answer"] = item.answer
    elif item.type == "matching":
        read["pairs"] = [(p.left[language], p.right[language]) for p in item.pairs]
    elif item.type == "numeric":
        read["number"] = (item.answer, item.tolerance)
    elif item.type == "short_text":
        read["accepted"] = list(item.accepted[language])
    return read


def _judged(question: dict) -> dict:
    read = {"title": question["title"], "stem": _text(question["stem"]),
            "feedback": _text(question["globalFeedback"])}
    if question["type"] == "MC":
        read["choices"] = [
            (_text(c["text"]), c["isCorrect"] or (c["weight"] or 0) > 0, _text(c["feedback"]))
            for c in question["choices"]]
    elif question["type"] == "TF":
        read["answer"] = question["isTrue"]
    elif question["type"] == "Matching":
        # gift-pegjs 1.0.2 leaves its placeholder for an escaped character (\: is "&&058;") in
        # a matching answer; Moodle reads it as the character, as every other text here.
        read["pairs"] = [(_text(p["subquestion"]), _ESCAPED.sub(lambda m: chr(int(m[1])),
                                                                _text(p["subanswer"])))
                         for p in question["matchPairs"]]
    elif question["type"] == "Numerical":
        read["number"] = (question["choices"]["number"], question["choices"]["range"])
    elif question["type"] == "Short":
        read["accepted"] = [_text(c["text"]) for c in question["choices"]]
    return read


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_independent_parser_reads_every_exported_language_as_we_mean_it(folder):
    bank = content_bank(folder)
    for language in configured_languages():
        text, left_out = export_gift(bank, "M00", language)
        questions = [q for q in _judge(text) if q["type"] != "Category"]
        in_file_order = [item for outcome in bank.outcomes for item in bank.items_for(outcome)]
        expected = [_as_judged(item, language) for item in in_file_order
                    if item.id not in left_out and language in item.stem]
        assert [_judged(q) for q in questions] == expected, language
