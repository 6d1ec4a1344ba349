"""Progress is saved as the learner moves on, never lost, and only ever their own."""

import pytest
from django.urls import reverse

from microcred.curriculum.lifecycle import new_draft
from microcred.curriculum.models import ModuleVersion
from microcred.learning.models import LessonProgress, ModuleProgress
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db


def url(name: str, code: str = "M01", slug: str = "01-first-steps") -> str:
    return reverse(f"learning:{name}", kwargs={"code": code, "slug": slug})


def test_finishing_a_lesson_moves_the_learner_to_the_next(client, course, learner):
    client.force_login(learner)
    response = client.post(url("complete_lesson"))
    assert response.url == url("lesson", slug="02-next-steps")
    assert LessonProgress.objects.get(learner=learner).completed_at is not None


def test_finishing_the_last_lesson_completes_the_module_and_opens_its_test(
    client, course, learner
):
    client.force_login(learner)
    client.post(url("complete_lesson"))
    response = client.post(url("complete_lesson", slug="02-next-steps"), follow=True)
    assert response.request["PATH_INFO"] == reverse("learning:module_complete", args=["M01"])
    assert "The module test is now open for you." in response.content.decode()
    assert ModuleProgress.objects.get(learner=learner).completed_at is not None


def test_a_double_click_records_the_lesson_once(client, course, learner):
    client.force_login(learner)
    client.post(url("complete_lesson"))
    first = LessonProgress.objects.get(learner=learner).completed_at
    client.post(url("complete_lesson"))
    assert LessonProgress.objects.filter(learner=learner).count() == 1
    assert LessonProgress.objects.get(learner=learner).completed_at == first


def test_a_lesson_out_of_order_is_refused_and_changes_nothing(client, course, learner):
    client.force_login(learner)
    response = client.post(url("complete_lesson", slug="02-next-steps"), follow=True)
    assert "Please finish the earlier lessons first." in response.content.decode()
    assert not LessonProgress.objects.filter(learner=learner, completed_at__isnull=False).exists()
    assert client.get(url("lesson", slug="02-next-steps")).status_code == 302


def test_the_knowledge_check_gives_feedback_and_is_never_graded(client, course, learner):
    client.force_login(learner)
    client.get(url("lesson"))
    response = client.post(url("answer_check"), {"choice": "0"}, follow=True)
    page = response.content.decode()
    assert "Not quite. The right answer is: Firefox" in page
    assert "Firefox is a browser: an app that opens web pages." in page
    response = client.post(url("answer_check"), {"choice": "1"}, follow=True)
    # The check itself, not the texts kept hidden for answering it offline (learning/offline.js).
    page = response.content.decode().split('class="knowledge-check"')[1]
    assert "That is right." in page
    assert "The right answer is" not in page
    assert "Firefox is a browser: an app that opens web pages." in page
    assert LessonProgress.objects.get(learner=learner).completed_at is None


def test_a_tampered_check_answer_is_refused_with_a_message(client, course, learner):
    client.force_login(learner)
    response = client.post(url("answer_check"), {"choice": "7"})
    assert response.status_code == 400
    assert "Please choose one of the answers." in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_progress_resumes_on_any_device(client, course, learner):
    client.force_login(learner)
    client.post(url("complete_lesson"))
    client.logout()
    client.force_login(learner)  # another browser, same account
    response = client.get(reverse("learning:continue"))
    assert response.url == url("lesson", slug="02-next-steps")


def test_my_learning_shows_progress_time_left_and_the_continue_button(
    client, course, learner, onboarded
):
    client.force_login(learner)
    client.post(url("complete_lesson"))
    page = client.get(reverse("learning:home")).content.decode()
    assert "Continue where you left off" in page
    assert "1 of 2 lessons done" in page
    # The same sum as the module's workload: the 10-minute lesson left, its knowledge check (2)
    # and its share of revision (2); this test course has no item bank, so no test time.
    assert "About 14 minutes left" in page


def test_my_learning_costs_the_same_queries_for_more_modules(
    client, course, learner, onboarded, django_assert_max_num_queries
):
    client.force_login(learner)
    client.get(reverse("learning:home"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("learning:home"))
    assert response.content.decode().count('class="card"') == 2


def test_a_learner_keeps_the_version_they_started(client, course, learner):
    client.force_login(learner)
    client.post(url("complete_lesson"))
    started = ModuleVersion.objects.get(module__code="M01")
    draft = new_draft(version=started, actor=None)
    draft.lessons.filter(slug="02-next-steps").update(body_html={"en": "<p>New wording</p>"})
    publish_without_review(draft)
    page = client.get(url("lesson", slug="02-next-steps")).content.decode()
    assert "New wording" not in page
    assert ModuleProgress.objects.get(learner=learner).version == started


def test_a_lesson_of_an_unpublished_version_is_refused(client, course, learner):
    draft = new_draft(version=ModuleVersion.objects.get(module__code="M02"), actor=None)
    draft.lessons.update(body_html={"en": "<p>Secret draft</p>"})
    client.force_login(learner)
    page = client.get(url("lesson", code="M02")).content.decode()
    assert "Secret draft" not in page


def test_nobody_sees_or_changes_another_learners_progress(
    client, course, learner, other_partner_learner
):
    client.force_login(learner)
    client.post(url("complete_lesson"))
    client.force_login(other_partner_learner)
    page = client.get(reverse("learning:home")).content.decode()
    assert "1 of 2 lessons done" not in page
    # The learner id is never taken from the request, so there is nothing to tamper with.
    client.post(url("complete_lesson"), {"learner": learner.pk, "learner_id": learner.pk})
    assert LessonProgress.objects.filter(learner=learner).count() == 1
    assert LessonProgress.objects.filter(learner=other_partner_learner).count() == 1


def test_the_text_size_switch_works_without_javascript(client, course, learner):
    client.force_login(learner)
    response = client.post(reverse("learning:text_size"), {"next": url("lesson")})
    assert response.cookies["text_size"].value == "large"
    page = client.get(url("lesson")).content.decode()
    assert 'class="text-large"' in page
    assert "Normal text size" in page
