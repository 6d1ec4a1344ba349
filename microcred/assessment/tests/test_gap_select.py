"""Drop-down gaps in a sentence (Moodle's gapselect): read, drawn, shown as <select>s without
JavaScript, graded per gap; broken gap items are refused with their line."""

from types import SimpleNamespace

import pytest
from django.http import QueryDict

from microcred.assessment.answer_forms import answer_from_post
from microcred.assessment.draw import draw_form, learner_view
from microcred.assessment.grading import answer_key, grade
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.tests.banks import write_items
from microcred.curriculum.content_files import ContentInvalid

BANK = """\
blueprint: {items_per_outcome: 1, pass_overall: 70, pass_per_outcome: 50, attempts: 3,
            cooldown_hours: 24}
items:
  - id: M99-Q50
    outcome: M99-LO1
    type: gap_select
    stem: {en: "A safe site starts with [[1]] and shows a [[2]].",
           pl: "Bezpieczna strona zaczyna się od [[1]] i pokazuje [[2]]."}
    gaps:
      - choices: [{en: http, pl: http}, {en: https, pl: https}]
        answer: 1
      - choices: [{en: padlock, pl: kłódkę}, {en: smiley, pl: uśmiech}, {en: flag, pl: flagę}]
        answer: 0
    feedback: {en: "Look for https and the padlock.", pl: "Szukaj https i kłódki."}
"""


@pytest.fixture
def bank(tmp_path):
    return read_item_bank(write_items(tmp_path, BANK), {"M99-LO1"})


def test_the_page_shows_the_sentence_with_one_select_per_gap(bank):
    form = draw_form(bank, seed=7)
    (question,) = learner_view(bank, form, language="pl")
    parts = question["parts"]
    assert [part.get("text") for part in parts] == [
        "Bezpieczna strona zaczyna się od ", None, " i pokazuje ", None, "."
    ]
    assert sorted(c["text"] for c in parts[1]["choices"]) == ["http", "https"]
    assert sorted(c["text"] for c in parts[3]["choices"]) == ["flagę", "kłódkę", "uśmiech"]
    assert question["stem"]["text"] == (
        "Bezpieczna strona zaczyna się od ___ (1) i pokazuje ___ (2)."
    )


def test_each_gap_scores_its_share_and_the_key_scores_full(bank):
    form = draw_form(bank, seed=7)
    (question,) = learner_view(bank, form, language="en")
    key = answer_key(bank, form)
    assert grade(bank, form, key, language="en").percent == 100
    first, second = question["parts"][1], question["parts"][3]
    right = key["M99-Q50"]
    wrong = next(c["token"] for c in second["choices"] if c["token"] != right[second["token"]])
    post = QueryDict(mutable=True)
    post["gap-" + first["token"]] = right[first["token"]]
    post["gap-" + second["token"]] = wrong
    answer = answer_from_post(question, post)
    result = grade(bank, form, {"M99-Q50": answer}, language="en")
    assert (result.items[0].score, result.items[0].status) == (0.5, "partial")
    garbage = grade(bank, form, {"M99-Q50": {first["token"]: "nope"}}, language="en")
    assert garbage.items[0].status == "invalid"


def test_a_gap_item_whose_stem_does_not_hold_every_gap_is_refused(tmp_path):
    broken = BANK.replace("shows a [[2]].", "shows a padlock.")
    with pytest.raises(ContentInvalid, match=r"must hold each gap \[\[1\]\] to \[\[2\]\] once"):
        read_item_bank(write_items(tmp_path, broken), {"M99-LO1"})


def test_a_gap_item_exported_as_moodle_xml_imports_back_identical(bank):
    from microcred.assessment.moodle_export import export_moodle_xml
    from microcred.assessment.moodle_xml import import_moodle_xml

    data, left_out = export_moodle_xml(bank, "M99")
    assert not left_out
    assert b'<question type="gapselect">' in data
    report = import_moodle_xml(data, language="en", outcome_codes={"M99-LO1"},
                               id_prefix="M99-IMP")
    assert report.with_outcomes(dict(report.categories())) == list(bank.items)


def test_moodle_gapselect_with_groups_and_reordered_gaps_imports():
    from microcred.assessment.moodle_xml import import_moodle_xml

    xml = """<quiz><question type="category"><category><text>M99-LO1</text></category>
    </question><question type="gapselect"><name><text>Gaps</text></name>
    <questiontext format="html"><text>Open the [[2]] and tap [[1]].</text></questiontext>
    <selectoption><text>Send</text><group>1</group></selectoption>
    <selectoption><text>app</text><group>2</group></selectoption>
    <selectoption><text>Delete</text><group>1</group></selectoption>
    <selectoption><text>cable</text><group>2</group></selectoption>
    </question></quiz>"""
    report = import_moodle_xml(xml, language="en", outcome_codes={"M99-LO1"},
                               id_prefix="M99-IMP")
    (question,) = report.imported
    assert question.item.stem == {"en": "Open the [[1]] and tap [[2]]."}
    assert [(gap.choices, gap.answer) for gap in question.item.gaps] == [
        (({"en": "app"}, {"en": "cable"}), 0),
        (({"en": "Send"}, {"en": "Delete"}), 0),
    ]


def test_the_question_page_renders_each_gap_as_a_labelled_select_without_script(bank, rf):
    from django.template.loader import render_to_string

    form = draw_form(bank, seed=7)
    (question,) = learner_view(bank, form, language="en")
    html = render_to_string("assessment/question.html", {
        "question": question, "number": 1, "total": 1, "saved": {}, "selected": [],
        "positions": [], "minutes_left": None, "LANGUAGE_CODE": "en",
        "attempt": SimpleNamespace(language="en")}, request=rf.get("/"))
    first = question["parts"][1]
    assert '<label class="visually-hidden" for="g1">Gap 1</label>' in html
    assert f'<select id="g1" name="gap-{first["token"]}">' in html
    assert "A safe site starts with" in html
    assert "[[1]]" not in html
    assert "<script" not in html.split("<main", 1)[-1]
