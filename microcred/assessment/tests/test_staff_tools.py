"""Quality assurance for staff: statistics, Moodle import, supervision, re-marking."""

import pytest
from django.urls import reverse

from microcred.assessment import banks
from microcred.assessment.models import Attempt, AttemptEvent, ItemBank, Supervision
from microcred.assessment.services import regrade_attempt, start_attempt, submit_attempt
from microcred.assessment.stats import item_statistics, point_biserial
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.curriculum.models import Module, VersionState

pytestmark = pytest.mark.django_db

GIFT = """$CATEGORY: M01-LO1

::M01-NEW1:: Which one is an app? {=A web browser ~A keyboard ~A power cable}

::M01-NEW2:: A phone is a computer. {TRUE}
"""


@pytest.fixture
def course(db):
    from microcred.demo.data import load_course

    load_course()


def _finished_attempt(learner, *, right: bool) -> Attempt:
    complete_module(learner)
    attempt = start_attempt(learner=learner, module=Module.objects.get(code="M01"))
    if right:
        attempt.answers = key_for(attempt)
        attempt.save()
    return submit_attempt(attempt=attempt)


def test_point_biserial_is_one_for_a_perfectly_discriminating_item():
    assert point_biserial([0, 0, 1, 1], [1, 2, 8, 9]) > 0.9
    assert point_biserial([1, 1, 1], [1, 2, 3]) is None


def test_statistics_count_answers_per_item_and_language(course, learner, other_partner_learner):
    _finished_attempt(learner, right=True)
    _finished_attempt(other_partner_learner, right=False)
    rows = item_statistics(Module.objects.get(code="M01"))
    assert rows
    assert {row.language for row in rows} == {"en"}
    assert all(row.responses in (1, 2) for row in rows)
    shared = [row for row in rows if row.responses == 2]
    assert all(row.facility == 0.5 for row in shared)


def test_reviewers_see_item_statistics_and_learners_do_not(client, course, reviewer, learner):
    _finished_attempt(learner, right=True)
    client.force_login(reviewer)
    page = client.get(reverse("assessment:statistics", args=["M01"]))
    assert page.status_code == 200
    assert "M01-Q" in page.content.decode()
    client.force_login(learner)
    assert client.get(reverse("assessment:statistics", args=["M01"])).status_code == 403


def test_moodle_questions_go_to_the_board_in_a_new_draft_version(client, course, reviewer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reviewer)
    module = Module.objects.get(code="M01")
    published = module.published_version
    response = client.post(reverse("assessment:import_questions"), {
        "module": module.pk, "language": "en", "file_format": "gift",
        "file": SimpleUploadedFile("q.gift", GIFT.encode())}, follow=True)
    assert "2 questions added to a new draft, version M01 v2" in response.content.decode()
    bank = ItemBank.objects.filter(module=module).order_by("-number").first()
    assert bank.version.state == VersionState.DRAFT
    assert "Which one is an app?" in bank.source
    module.refresh_from_db()
    assert module.published_version == published
    assert "Which one is an app?" not in banks.current_bank(module).source


def test_an_unsupported_moodle_question_is_named_and_nothing_is_imported(client, course,
                                                                           reviewer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reviewer)
    module = Module.objects.get(code="M01")
    essay = GIFT + "\n::Essay:: Describe your phone. {}\n"
    response = client.post(reverse("assessment:import_questions"), {
        "module": module.pk, "language": "en", "file_format": "gift",
        "file": SimpleUploadedFile("q.gift", essay.encode())})
    assert "Nothing was imported" in response.content.decode()
    assert ItemBank.objects.filter(module=module).count() == 1


def test_a_coordinator_sets_supervision_for_their_learner_only(
    client, course, coordinator, other_partner_coordinator, learner
):
    attempt = _finished_attempt(learner, right=True)
    url = reverse("assessment:set_supervision", args=[learner.pk, attempt.pk])
    client.force_login(other_partner_coordinator)
    assert client.post(url, {"supervision": Supervision.IN_PERSON}).status_code == 404
    client.force_login(coordinator)
    client.post(url, {"supervision": Supervision.IN_PERSON})
    attempt.refresh_from_db()
    assert attempt.supervision == Supervision.IN_PERSON
    assert AttemptEvent.objects.get(attempt=attempt).actor == coordinator


def test_re_marking_after_a_correction_is_explicit_and_logged(course, learner, platform_admin):
    attempt = _finished_attempt(learner, right=False)
    corrected = ItemBank.objects.create(module=attempt.module, number=2, source=attempt.bank.source,
                                        fingerprint="corrected")
    regrade_attempt(attempt=attempt, bank=corrected, actor=platform_admin, reason="key fixed")
    attempt.refresh_from_db()
    assert attempt.bank == corrected
    event = AttemptEvent.objects.get(attempt=attempt, action="regrade")
    assert event.details["reason"] == "key fixed"
    assert event.details["before"]["passed"] is False
