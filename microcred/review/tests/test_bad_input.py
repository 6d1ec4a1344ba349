"""Garbage posted to every review and feedback form: never a server error, never a stray record."""

import pytest
from django.urls import reverse

from microcred.curriculum.models import ModuleVersion
from microcred.review.models import ReviewComment, ReviewDecision, SurveyResponse
from microcred.review.tests.conftest import finish_module
from microcred.testing.course import publish_without_review
from tests.test_bad_input import NASTY_VALUES, _field_names

pytestmark = pytest.mark.django_db


def _post_garbage(client, form_page: str, targets: list[str]) -> None:
    names = _field_names(client.get(form_page).content.decode()) | {"unexpected"}
    payloads = [{}, *(dict.fromkeys(names, value) for value in NASTY_VALUES),
                {name: ["one", "two"] for name in names}]
    for target in targets:
        for payload in payloads:
            response = client.post(target, payload)
            assert response.status_code < 500, (target, payload)
        response = client.generic("POST", target, b"\x00" * 100, content_type="text/plain")
        assert response.status_code < 500, target


def test_garbage_to_the_boards_forms(client, reviewer, in_review, board):
    client.force_login(reviewer)
    page = reverse("review:version", args=[in_review.pk])
    actions = [reverse(f"review:{name}", args=[in_review.pk])
               for name in ("decide", "comment", "withdraw", "publish", "submit", "new_draft")]
    lesson_page = reverse("review:lesson", args=[in_review.pk, "01-first-steps"])
    _post_garbage(client, lesson_page, actions[1:2])
    _post_garbage(client, page, actions[:3])  # a long or odd reason is still a reason: last
    assert not ReviewDecision.objects.exists()
    assert not ReviewComment.objects.exists()
    for url in (page + "?language=%00", lesson_page + "?language=xx",
                reverse("review:changes", args=[in_review.pk]) + "?language=../../"):
        assert client.get(url).status_code == 200


def test_garbage_to_the_feedback_form_and_the_report_filters(client, course, learner, reviewer):
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    finish_module(learner)
    client.force_login(learner)
    url = reverse("review:module_feedback", kwargs={"code": "M01"})
    _post_garbage(client, url, [url, reverse("review:course_feedback")])
    assert not SurveyResponse.objects.exists()
    client.force_login(reviewer)
    for value in NASTY_VALUES:
        report = client.get(reverse("review:pilot_report"), {"cohort": value, "language": value})
        assert report.status_code == 200  # the page says which filter it could not use
        # The CSV refuses a filter it cannot apply rather than export everything.
        export = client.get(reverse("review:pilot_export"), {"cohort": value, "language": value})
        assert export.status_code in (200, 400)
