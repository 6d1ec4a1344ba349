"""Moodle XML imports question by question with a report; hostile or broken files get a message."""

from dataclasses import replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.assessment.importing import MAX_IMPORT_BYTES
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.moodle_xml import import_moodle_xml
from microcred.assessment.tests.banks import write_items
from microcred.curriculum.content_files import ContentInvalid

OUTCOMES = {"M05-LO1", "M05-LO2"}

GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <!-- question: 0  -->
  <question type="category">
    <category><text>$course$/top/M05 Cybersecurity/M05-LO1</text></category>
  </question>
  <question type="multichoice">
    <name><text>Scam signs</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which are <b>warning signs</b>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text>Hurry &amp; secret codes are warning signs.</text>
    </generalfeedback>
    <single>false</single>
    <answer fraction="50" format="html"><text>Act within 24 hours</text></answer>
    <answer fraction="50" format="html"><text>Asks for your SMS code</text></answer>
    <answer fraction="-100" format="html"><text>Written in your language</text></answer>
  </question>
  <question type="multichoice">
    <name><text>M05-Q31</text></name>
    <questiontext format="html"><text>What is phishing?</text></questiontext>
    <single>true</single>
    <answer fraction="0"><text>A sport</text></answer>
    <answer fraction="100"><text>A fake message that steals data</text>
      <feedback><text>Right: it fishes for your data.</text></feedback></answer>
    <answer fraction="0"><text>A phone update</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Caller id</text></name>
    <questiontext format="moodle_auto_format">
      <text>The caller id proves who calls.</text>
    </questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="matching">
    <name><text>Scam names</text></name>
    <questiontext><text>Match each scam with its name.</text></questiontext>
    <subquestion format="html">
      <text>Fake e-mail</text><answer><text>Phishing</text></answer>
    </subquestion>
    <subquestion format="html">
      <text>Fake SMS</text><answer><text>Smishing</text></answer>
    </subquestion>
    <subquestion format="html">
      <text>Fake call</text><answer><text>Vishing</text></answer>
    </subquestion>
  </question>
  <question type="numerical">
    <name><text>Backups</text></name>
    <questiontext><text>How many copies does the 3-2-1 rule ask for?</text></questiontext>
    <answer fraction="100"><text>3</text><tolerance>0</tolerance></answer>
    <answer fraction="0"><text>*</text></answer>
    <units><unit><multiplier>1</multiplier><unit_name>copies</unit_name></unit></units>
  </question>
  <question type="shortanswer">
    <name><text>Manager</text></name>
    <questiontext><text>What stores your passwords?</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>password manager</text></answer>
    <answer fraction="100"><text>a password manager</text></answer>
    <answer fraction="0"><text>*</text></answer>
    <tags><tag><text>M05-LO2</text></tag><tag><text>passwords</text></tag></tags>
  </question>
  <question type="ordering">
    <name><text>Log-in strength</text></name>
    <questiontext><text>Weakest to strongest.</text></questiontext>
    <selecttype>ALL</selecttype>
    <answer fraction="2.0000000"><text>Password and SMS code</text></answer>
    <answer fraction="1.0000000"><text>Password only</text></answer>
    <answer fraction="3.0000000"><text>Passkey</text></answer>
  </question>
</quiz>
"""


def _import(data, **kwargs):
    return import_moodle_xml(
        data, language="en", outcome_codes=OUTCOMES, id_prefix="M05-IMP", **kwargs
    )


def _problems(data) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        _import(data)
    return [str(error) for error in raised.value.errors]


def _items(data):
    report = _import(data)
    assert not report.skipped, report.skipped
    return [question.item for question in report.imported]


def _skipped(data):
    return [(question.line, question.reasons) for question in _import(data).skipped]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_every_supported_question_type_imports():
    report = _import(GOOD.encode("utf-8"))
    items = [question.item for question in report.imported]
    assert [(q.item.id, q.item.type, q.suggested) for q in report.imported] == [
        ("M05-IMP-001", "multiple_response", "M05-LO1"),
        ("M05-Q31", "single_choice", "M05-LO1"),
        ("M05-IMP-003", "true_false", "M05-LO1"),
        ("M05-IMP-004", "matching", "M05-LO1"),
        ("M05-IMP-005", "numeric", "M05-LO1"),
        ("M05-IMP-006", "short_text", "M05-LO2"),  # its tag names the outcome
        ("M05-IMP-007", "ordering", "M05-LO1"),
    ]
    multiple, single, true_false, matching, numeric, short, ordering = items
    assert multiple.stem == {"en": "Which are warning signs?"}
    assert multiple.feedback == {"en": "Hurry & secret codes are warning signs."}
    assert [o.correct for o in multiple.options] == [True, True, False]
    assert [o.correct for o in single.options] == [False, True, False]
    assert single.feedback == {}
    assert single.options[1].feedback == {"en": "Right: it fishes for your data."}
    assert true_false.answer is False
    assert [p.right["en"] for p in matching.pairs] == ["Phishing", "Smishing", "Vishing"]
    assert (numeric.answer, numeric.tolerance, numeric.unit) == (3, 0, {"en": "copies"})
    assert short.accepted == {"en": ("password manager", "a password manager")}
    assert short.ignore_case
    assert [step["en"] for step in ordering.sequence] == [
        "Password only",
        "Password and SMS code",
        "Passkey",
    ]


def test_imported_items_make_a_valid_items_yaml(tmp_path):
    report = _import(GOOD)
    items = [
        replace(q.item, outcome=q.suggested) for q in report.imported
    ]
    blueprint = {
        "items_per_outcome": 1,
        "pass_overall": 70,
        "pass_per_outcome": 50,
        "attempts": 3,
        "cooldown_hours": 24,
    }
    text = yaml.safe_dump({"blueprint": blueprint, "items": [item.as_dict() for item in items]})
    assert read_item_bank(write_items(tmp_path, text), OUTCOMES).items == tuple(items)


def _with(question: str) -> str:
    return GOOD.replace("</quiz>", question + "\n</quiz>")


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("essay", "essay questions are not used for certification tests"),
        ("description", "description questions are not used for certification tests"),
        ("calculated", "calculated questions are not used for certification tests"),
        ("coderunner", "coderunner questions are not used for certification tests"),
        ("ddwtos", "ddwtos questions are not used for certification tests"),
        ("multianswer", "question type multianswer is not supported"),
        ("ddimageortext", "ddimageortext questions are not used for certification tests"),
    ],
)
def test_an_unsupported_type_is_listed_with_its_line_and_the_rest_imports(kind, reason):
    text = _with(f'  <question type="{kind}">\n    <name><text>X</text></name>\n  </question>')
    line = _line(text, f'<question type="{kind}">')
    report = _import(text)
    assert [(q.line, q.title, q.reasons) for q in report.skipped] == [(line, "X", (reason,))]
    assert len(report.imported) == 7


def test_every_problem_of_a_file_is_listed_at_once():
    text = _with(
        '  <question type="essay"><name><text>E</text></name></question>\n'
        '  <question type="shortanswer"><name><text>S</text></name>\n'
        "    <questiontext><text>Q?</text></questiontext>\n"
        '    <answer fraction="50"><text>half</text></answer></question>\n'
        '  <question type="truefalse"><name><text>T</text></name>\n'
        '    <questiontext format="html">\n'
        '      <text><![CDATA[<img src="x.png">]]></text></questiontext>\n'
        '    <answer fraction="100"><text>true</text></answer></question>'
    )
    assert [reasons for _line, reasons in _skipped(text)] == [
        ("essay questions are not used for certification tests",),
        ("an answer that earns part of the points cannot be graded the same way",),
        ("the question text shows an image, a sound or a linked file, which cannot be imported "
         "yet", "the question text is empty"),
    ]


def test_a_single_answer_question_with_partial_credit_is_reported():
    text = _with(
        '  <question type="multichoice"><name><text>P</text></name>\n'
        "    <questiontext><text>Pick</text></questiontext><single>true</single>\n"
        '    <answer fraction="100"><text>a</text></answer>\n'
        '    <answer fraction="50"><text>b</text></answer></question>'
    )
    assert _skipped(text)[0][1] == (
        "in a question with one right answer, only that answer may earn points; the test "
        "cannot grade partial points the same way",
    )


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<quiz><question type="truefalse"><name><text>&g;</text></name>
<questiontext><text>&g;</text></questiontext></question></quiz>
"""


def test_a_billion_laughs_bomb_is_refused_without_expanding_it():
    assert _problems(BOMB) == [
        "questions.xml, line 2: a DOCTYPE with declarations is not accepted in a question file"
    ]


def test_a_bomb_in_another_encoding_is_refused_by_the_parser_too():
    problems = _problems(
        BOMB.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    )
    assert len(problems) == 1
    assert "DOCTYPE" in problems[0] or "entity" in problems[0]


def test_an_external_entity_is_never_read():
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<quiz><question type="truefalse"><questiontext><text>&x;</text></questiontext>'
        b"</question></quiz>"
    )
    problems = _problems(xxe)
    assert len(problems) == 1
    assert "root:" not in problems[0]
    assert "DOCTYPE" in problems[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD[: len(GOOD) // 2].encode(), "not valid XML"),
        (GOOD.replace("Hurry", "Pośpiech").encode("iso-8859-2"), "not valid XML"),
        (b"", "not valid XML"),
        (b"\x00\xff garbage", "not valid XML"),
        (b"<html><body>hello</body></html>", "not a Moodle XML question file"),
        (b"<quiz></quiz>", "the file holds no questions"),
        (b"<quiz>" + b" " * (MAX_IMPORT_BYTES + 1) + b"</quiz>", "file is too large"),
    ],
    ids=["truncated", "latin2", "empty", "binary", "html", "no-questions", "too-large"],
)
def test_broken_files_give_a_clear_message(data, message):
    problems = _problems(data)
    assert len(problems) == 1
    assert message in problems[0]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: GOOD[:400] + t))
def test_any_bytes_either_import_or_are_refused_with_messages(data):
    try:
        report = _import(data)
    except ContentInvalid as refused:
        errors = refused.errors
        assert errors
    else:
        assert all(question.reasons for question in report.skipped)


def test_feedback_dropped_from_short_answers_and_combined_feedback_is_reported():
    from microcred.assessment.moodle_xml import import_moodle_xml

    xml = """<quiz><question type="shortanswer"><name><text>Tool</text></name>
    <questiontext><text>Which app keeps your passwords?</text></questiontext>
    <answer fraction="100"><text>password manager</text><feedback><text>Yes.</text></feedback>
    </answer>
    <answer fraction="100"><text>manager</text><feedback><text>Close enough.</text></feedback>
    </answer>
    <answer fraction="0"><text>notebook</text><feedback><text>Paper gets lost.</text></feedback>
    </answer></question>
    <question type="truefalse"><name><text>Caller</text></name>
    <questiontext><text>Caller id proves who calls.</text></questiontext>
    <correctfeedback format="html"><text><![CDATA[<p>Well spotted!</p>]]></text></correctfeedback>
    <answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text>
    </answer></question></quiz>"""
    report = import_moodle_xml(xml, language="en", outcome_codes={"M99-LO1"},
                               id_prefix="M99-IMP")
    tool, caller = report.imported
    assert tool.notes == ("the feedback for wrong answers is not kept",
                          "only the first right answer's feedback is kept")
    assert tool.item.feedback == {"en": "Yes."}
    assert caller.notes == ("the feedback for right, partly right and wrong answers is not kept",)
