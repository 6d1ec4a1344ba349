"""An independent Moodle XML reader (PyPI moodle-xml-parser, interop/moodle-xml) accepts the file
we export for every module's bank and reads its multiple-choice questions as we mean them: ids,
single or multiple answers, every language's text, which options are right, each option's own
feedback and the general feedback. The weights it reads must also grade as Moodle grades: the
right options of a multiple-answer question add up to 100% (qtype_multichoice's check, rounded
to two places) and choosing all of them is "right" by Moodle's threshold (more than 0.999999),
not "partially right".

The reader knows only multiple choice and cloze; the other types we export (true/false,
matching, numerical, short answer, ordering, gapselect) are judged by our own round trip and
structure tests in test_moodle_export.py (see interop/moodle-xml/README.md).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from microcred.assessment.items import ItemSpec, LanguageMap
from microcred.assessment.moodle_export import export_moodle_xml
from microcred.assessment.tests.banks import CONTENT, content_bank

JUDGE = Path(__file__).resolve().parents[3] / "interop" / "moodle-xml"
FOLDERS = sorted(path.parent.name for path in CONTENT.glob("*/items.yaml"))
_SPAN = re.compile(r'<span lang="([a-z-]+)" class="multilang">(.*?)</span>', re.S)


def _judge(data: bytes, tmp_path: Path) -> dict:
    if not (JUDGE / "site" / "moodle_xml_parser").is_dir():
        pytest.fail("Run `make interop-deps` first (installs the independent Moodle XML reader).")
    path = tmp_path / "bank.xml"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, str(JUDGE / "parse.py"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _languages(html: str | None) -> LanguageMap:
    """The multilang spans the judge read, as a language map (Moodle's multilang filter)."""
    return dict(_SPAN.findall(html or ""))


def _as_we_mean_it(item: ItemSpec) -> dict:
    return {
        "name": item.id,
        "single": item.type == "single_choice",
        "stem": item.stem,
        "feedback": item.feedback,
        "options": [(o.text, o.correct, o.feedback) for o in item.options],
    }


def _as_judged(question: dict) -> dict:
    return {
        "name": question["name"],
        "single": question["single"],
        "stem": _languages(question["text_pre_parse"]),
        "feedback": _languages(question["general_feedback"]),
        "options": [
            (_languages(o["answer"]), o["score_fraction"] > 0, _languages(o["feedback"]))
            for o in question["options"]
        ],
    }


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_independent_reader_reads_every_multiple_choice_question_as_we_mean_it(
    folder, tmp_path
):
    bank = content_bank(folder)
    data, _left_out = export_moodle_xml(bank, "M00")
    judged = _judge(data, tmp_path)
    assert judged["cloze"] == []
    expected = [
        _as_we_mean_it(item)
        for item in bank.items
        if item.type in ("single_choice", "multiple_response")
    ]
    assert sorted((_as_judged(q) for q in judged["multichoice"]), key=lambda q: q["name"]) == (
        sorted(expected, key=lambda q: q["name"])
    )


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_weights_it_reads_grade_all_right_options_as_right_in_moodle(folder, tmp_path):
    data, _left_out = export_moodle_xml(content_bank(folder), "M00")
    for question in _judge(data, tmp_path)["multichoice"]:
        fractions = [option["score_fraction"] / 100 for option in question["options"]]
        if question["single"]:
            assert max(fractions) == 1, question["name"]
            continue
        right = sum(fraction for fraction in fractions if fraction > 0)
        assert round(right, 2) == 1, question["name"]
        assert right > 0.999999, (question["name"], right)
        assert min(fractions) < 0, question["name"]  # a wrong choice costs, as in our grading
