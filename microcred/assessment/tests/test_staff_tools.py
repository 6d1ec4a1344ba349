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


def test_statistics_count_answers_per_item_and_language(
    real_course, learner, other_partner_learner
):
    _finished_attempt(learner, right=True)
    _finished_attempt(other_partner_learner, right=False)
    rows = item_statistics(Module.objects.get(code="M01"))
    assert rows
    assert {row.language for row in rows} == {"en"}
    assert all(row.responses in (1, 2) for row in rows)
    shared = [row for row in rows if row.responses == 2]
    assert all(row.facility == 0.5 for row in shared)


def test_reviewers_see_item_statistics_and_learners_do_not(client, real_course, reviewer, learner):
    _finished_attempt(learner, right=True)
    client.force_login(reviewer)
    page = client.get(reverse("assessment:statistics", args=["M01"]))
    assert page.status_code == 200
    assert "M01-Q" in page.content.decode()
    client.force_login(learner)
    assert client.get(reverse("assessment:statistics", args=["M01"])).status_code == 403


def _upload(client, text, name="q.gift", file_format="gift"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    module = Module.objects.get(code="M01")
    return client.post(reverse("assessment:import_questions"), {
        "module": module.pk, "language": "en", "file_format": file_format,
        "file": SimpleUploadedFile(name, text.encode())})


def test_moodle_questions_are_previewed_then_go_to_the_board_in_a_new_draft_version(
    client, real_course, reviewer
):
    client.force_login(reviewer)
    module = Module.objects.get(code="M01")
    published = module.published_version
    preview = _upload(client, GIFT + "\n::Essay:: Describe your phone. {}\n")
    page = preview.content.decode()
    assert "2 questions can be imported" in page
    assert "essay questions are not used for certification tests" in page
    assert ItemBank.objects.filter(module__code="M01").count() == 1  # nothing saved yet
    form = preview.context["form"]
    response = client.post(reverse("assessment:confirm_import"), {
        "key": form.initial["key"], "category-0": "M01-LO2"}, follow=True)
    assert "2 questions added to a new draft, version M01 v2" in response.content.decode()
    bank = ItemBank.objects.filter(module__code="M01").order_by("-number").first()
    assert bank.version.state == VersionState.DRAFT
    assert "Which one is an app?" in bank.source
    assert "outcome: M01-LO2" in bank.source
    module.refresh_from_db()
    assert module.published_version == published
    assert "Which one is an app?" not in banks.current_bank(module).source


def test_a_category_left_unmapped_saves_nothing(client, real_course, reviewer):
    client.force_login(reviewer)
    preview = _upload(client, "$CATEGORY: $course$/top/Default\n\n" + GIFT)
    key = preview.context["form"].initial["key"]
    response = client.post(reverse("assessment:confirm_import"), {"key": key, "category-0": ""})
    assert response.status_code == 200
    assert ItemBank.objects.filter(module__code="M01").count() == 1


def test_another_staff_member_cannot_confirm_someone_elses_upload(client, real_course, reviewer,
                                                                  coordinator):
    client.force_login(reviewer)
    key = _upload(client, GIFT).context["form"].initial["key"]
    client.force_login(coordinator)
    response = client.post(reverse("assessment:confirm_import"), {
        "key": key, "category-0": "M01-LO2"}, follow=True)
    assert "This upload has expired" in response.content.decode()
    assert ItemBank.objects.filter(module__code="M01").count() == 1


def test_learners_cannot_import_questions(client, real_course, learner):
    client.force_login(learner)
    assert client.get(reverse("assessment:import_questions")).status_code == 403


def test_a_coordinator_sets_supervision_for_their_learner_only(
    client, real_course, coordinator, other_partner_coordinator, learner
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


def test_re_marking_after_a_correction_is_explicit_and_logged(real_course, learner, platform_admin):
    attempt = _finished_attempt(learner, right=False)
    corrected = ItemBank.objects.create(module=attempt.module, number=2, source=attempt.bank.source,
                                        fingerprint="corrected")
    regrade_attempt(attempt=attempt, bank=corrected, actor=platform_admin, reason="key fixed")
    attempt.refresh_from_db()
    assert attempt.bank == corrected
    event = AttemptEvent.objects.get(attempt=attempt, action="regrade")
    assert event.details["reason"] == "key fixed"
    assert event.details["before"]["passed"] is False


def test_staff_download_a_modules_bank_for_moodle_and_learners_cannot(client, real_course, reviewer,
                                                                       learner):
    client.force_login(reviewer)
    xml = client.get(reverse("assessment:export_moodle_xml", args=["M01"]))
    assert xml.status_code == 200
    assert b'class="multilang"' in xml.content
    gift = client.get(reverse("assessment:export_gift", args=["M01", "pl"]))
    assert "$CATEGORY: $course$/top/M01/M01-LO1" in gift.content.decode()
    assert client.get(reverse("assessment:export_gift", args=["M01", "xx"])).status_code == 404
    client.force_login(learner)
    assert client.get(reverse("assessment:export_moodle_xml", args=["M01"])).status_code == 403
