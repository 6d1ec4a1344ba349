"""The pilot report: figures equal to an independent count of the fixture data, CSV export,
and each reader sees only the feedback they may see."""

import csv
import io
import random
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microcred.curriculum.models import Module
from microcred.review.models import (
    Cohort,
    CohortMembership,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from microcred.review.tests.factories import CohortFactory
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("review:pilot_report")
EXPORT = reverse("review:pilot_export")
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
LIKERT = ["clarity", "relevance", "difficulty", "usefulness-for-work"]


@pytest.fixture
def feedback(course, partner, other_partner):
    """40 random responses from both partners' learners, remembered for independent counts."""
    rng = random.Random(7)
    modules = [*Module.objects.all(), None]
    questions = {q.code: q for q in SurveyQuestion.objects.all()}
    pilot = CohortFactory(name="Internal pilot")
    rows = []
    for n in range(40):
        learner = UserFactory(partner=partner if n % 3 else other_partner, password=None)
        module = modules[n % len(modules)]
        language = rng.choice(["en", "pl", "pl", "de"])
        response = SurveyResponse.objects.create(learner=learner, module=module, language=language)
        scores = {code: rng.randint(1, 5) for code in LIKERT}
        for code, score in scores.items():
            SurveyAnswer.objects.create(response=response, question=questions[code], score=score)
        text = f"Comment {n}" if n % 4 == 0 else ""
        if n == 8:
            text = "=HYPERLINK(\"http://evil\")"
        SurveyAnswer.objects.create(response=response, question=questions["comments"], text=text)
        in_pilot = n % 2 == 0
        if in_pilot:
            CohortMembership.objects.create(cohort=pilot, learner=learner)
        rows.append({"partner": learner.partner, "module": module.code if module else "course",
                     "language": language, "scores": scores, "text": text, "pilot": in_pilot})
    return rows


def _cells(page: str, caption_text: str) -> list[list[str]]:
    """The rows of the table with this caption, as lists of text cells."""
    table = page.split(caption_text)[1].split("</table>")[0]
    return [
        [re.sub(r"<.*?>", "", cell).strip() for cell in CELL.findall(row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_response_counts_per_module_and_language_match_the_data(client, platform_admin, feedback):
    client.force_login(platform_admin)
    page = client.get(REPORT).content.decode()
    expected = Counter((row["module"], row["language"]) for row in feedback)
    cells = _cells(page, "40 responses in all")
    header, body = cells[0], cells[1:]
    languages = header[1:-1]
    assert languages == ["EN", "PL", "EL", "DE", "ES", "IT", "PT"]
    for line in body[:-1]:
        key = "course" if line[0] == "Whole course" else line[0]
        assert [int(c) for c in line[1:-1]] == [expected[(key, code.lower())] for code in languages]
        assert int(line[-1]) == sum(expected[(key, code.lower())] for code in languages)
    assert body[-1][-1] == "40"


def test_score_distributions_match_the_data(client, reviewer, feedback):
    client.force_login(reviewer)
    page = client.get(REPORT).content.decode()
    m01 = [row for row in feedback if row["module"] == "M01"]
    cells = _cells(page, "Answers to the statements about M01")
    for line, code in zip(cells[1:], LIKERT, strict=True):
        counts = Counter(row["scores"][code] for row in m01)
        assert [int(c) for c in line[1:6]] == [counts[s] for s in range(1, 6)]
        assert int(line[6]) == len(m01)
        mean = sum(row["scores"][code] for row in m01) / len(m01)
        assert line[7] == f"{mean:.1f}"
    assert '<svg class="chart__svg"' in page
    assert "Number of answers for each score from 1 to 5: 1:" in page


def test_filters_by_cohort_and_language(client, platform_admin, feedback):
    client.force_login(platform_admin)
    pilot = Cohort.objects.get()
    page = client.get(REPORT, {"cohort": pilot.pk, "language": "pl"}).content.decode()
    expected = sum(1 for row in feedback if row["pilot"] and row["language"] == "pl")
    assert f"{expected} responses in all" in page


def test_free_text_comments_are_shown_in_their_language(client, platform_admin, feedback):
    client.force_login(platform_admin)
    page = client.get(REPORT).content.decode()
    for row in feedback:
        if row["text"].startswith("Comment"):
            assert f'<blockquote lang="{row["language"]}">{row["text"]}</blockquote>' in page


def test_before_any_module_test_the_report_says_when_item_statistics_appear(
    client, platform_admin, feedback
):
    client.force_login(platform_admin)
    page = client.get(REPORT).content.decode()
    assert "Test items flagged by the assessment statistics" in page
    assert "Item statistics appear here once learners have taken module tests." in page


def test_items_flagged_by_the_assessment_statistics_are_listed(
    client, platform_admin, feedback, learner, monkeypatch
):
    from microcred.assessment import stats
    from microcred.assessment.models import Attempt

    module = Module.objects.get(code="M01")
    monkeypatch.setattr(Attempt.objects, "filter", lambda **kw: _Tested([module.pk]))
    row = stats.ItemStatistics("M01-Q07", "pl", scores=[0.0] * 25, rest_scores=list(range(25)))
    monkeypatch.setattr(stats, "flagged_report",
                        lambda m: stats.ItemReport([row] if m == module else [], 0))
    client.force_login(platform_admin)
    page = client.get(REPORT).content.decode()
    flagged = page.split('id="flagged-items"')[1]
    assert "M01-Q07" in flagged
    assert "very hard: check the key and the wording" in flagged
    assert "<td>PL</td>" in flagged


class _Tested(list):
    def values_list(self, *args, **kwargs):
        return self


def test_the_report_costs_the_same_queries_for_more_feedback(
    client, platform_admin, feedback, django_assert_max_num_queries
):
    client.force_login(platform_admin)
    client.get(REPORT)
    with CaptureQueriesContext(connection) as before:
        client.get(REPORT)
    SurveyResponse.objects.filter(module__isnull=False).update(language="it")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(REPORT)


def test_the_csv_export_has_one_row_per_response_and_no_formulas(client, platform_admin, feedback):
    client.force_login(platform_admin)
    response = client.get(EXPORT)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 40
    assert Counter(r["module"] for r in rows) == Counter(row["module"] for row in feedback)
    assert Counter(r["clarity"] for r in rows) == Counter(
        str(row["scores"]["clarity"]) for row in feedback)
    assert "'=HYPERLINK(\"http://evil\")" in [r["comments"] for r in rows]
    assert sum(r["cohorts"] == "Internal pilot" for r in rows) == 20
    assert all("@" not in value for r in rows for value in r.values())  # no e-mail addresses


def test_a_coordinator_sees_only_their_own_learners_feedback(
    client, coordinator, other_partner_coordinator, partner, feedback
):
    ours = [row for row in feedback if row["partner"] == partner]
    client.force_login(coordinator)
    page = client.get(REPORT).content.decode()
    assert f"{len(ours)} responses in all" in page
    rows = list(csv.DictReader(io.StringIO(client.get(EXPORT).content.decode())))
    assert len(rows) == len(ours)
    client.force_login(other_partner_coordinator)
    page = client.get(REPORT).content.decode()
    assert f"{len(feedback) - len(ours)} responses in all" in page
    assert "Comment 4<" not in page  # learner 4 belongs to the first partner


@pytest.mark.parametrize("persona", ["learner", "issuer", "other_partner_learner"])
def test_learners_and_issuers_do_not_get_in(client, request, persona, feedback):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(REPORT).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert "/accounts/login/" in client.get(EXPORT).url
