import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from microcred.curriculum import course_cache
from microcred.curriculum.lifecycle import new_draft, publish
from microcred.curriculum.models import Lesson, ModuleVersion, VersionState
from microcred.curriculum.services import CurriculumError, import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db


def _lesson_url(code="M01", slug="01-first-steps"):
    return reverse("learning:lesson", kwargs={"code": code, "slug": slug})


def test_the_course_page_lists_published_modules_in_the_readers_language(client, course):
    client.cookies["django_language"] = "pl"
    page = client.get(reverse("learning:course")).content.decode()
    assert "Moduł M01" in page
    assert "Moduł M02" in page


def test_a_learner_reads_a_lesson_in_polish(client, course, learner):
    client.force_login(learner)
    client.cookies["django_language"] = "pl"
    page = client.get(_lesson_url()).content.decode()
    assert "Otwórz przeglądarkę." in page
    assert "01-first-steps (pl)" in page


def test_a_missing_translation_shows_english_with_a_notice(client, course, learner):
    client.force_login(learner)
    client.cookies["django_language"] = "de"
    page = client.get(_lesson_url()).content.decode()
    assert "Open the browser. Type a word." in page
    assert '<article class="lesson" lang="en">' in page
    assert 'class="notice"' in page


def test_internal_links_lead_to_the_lesson_page(client, course, learner):
    client.force_login(learner)
    client.post(_lesson_url() + "done/")
    page = client.get(_lesson_url(slug="02-next-steps")).content.decode()
    assert 'href="../01-first-steps/"' in page


def test_a_lesson_page_costs_the_same_queries_for_any_module_size(
    client, course, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    client.get(_lesson_url())  # the first visit also starts the learner's progress
    with django_assert_max_num_queries(20) as small:
        client.get(_lesson_url())
    small_count = len(small.captured_queries)  # read now: the next request clears the log
    version = ModuleVersion.objects.get(module__code="M01")
    for order in range(3, 30):
        Lesson.objects.create(
            version=version,
            slug=f"{order:02d}-more",
            order=order,
            minutes=5,
            title={"en": "More"},
            body={"en": "x"},
            body_html={"en": "<p>x</p>"},
        )
    # Only a test adds lessons to a published version: the lifecycle would have told the
    # course cache (decision 0025), so the test does.
    course_cache.bump_generation()
    client.get(_lesson_url())  # the first page after a change fills the cache again
    with django_assert_max_num_queries(small_count):
        response = client.get(_lesson_url())
    assert "Lesson 1 of 29" in response.content.decode()
    assert small_count <= 16


def test_learners_never_see_a_draft(client, tmp_path, learner):
    import_curriculum(path=write_curriculum(tmp_path))
    client.force_login(learner)
    assert client.get(reverse("learning:module", kwargs={"code": "M01"})).status_code == 404
    assert client.get(_lesson_url()).status_code == 404
    assert "M01" not in client.get(reverse("learning:course")).content.decode()


def test_learners_see_the_published_version_not_a_newer_draft(client, course, learner):
    published = ModuleVersion.objects.get(module__code="M01")
    draft = new_draft(version=published, actor=None)
    lesson = draft.lessons.get(slug="01-first-steps")
    lesson.body_html = {"en": "<p>Unreviewed text</p>"}
    lesson.save()
    client.force_login(learner)
    page = client.get(_lesson_url()).content.decode()
    assert "Unreviewed text" not in page
    assert "Open the browser" in page


def test_publishing_a_new_version_supersedes_the_old_one(course):
    old = ModuleVersion.objects.get(module__code="M01")
    new = publish_without_review(new_draft(version=old, actor=None))
    old.refresh_from_db()
    assert old.state == VersionState.SUPERSEDED
    assert new.module.published_version == new


def test_a_version_that_left_draft_cannot_be_edited(course):
    version = ModuleVersion.objects.get(module__code="M01")
    lesson = version.lessons.first()
    with pytest.raises(ValidationError, match="can no longer change"):
        lesson.full_clean()
    with pytest.raises(CurriculumError):
        publish(version=version, actor=None)


def test_only_one_draft_per_module(course):
    version = ModuleVersion.objects.get(module__code="M01")
    new_draft(version=version, actor=None)
    with pytest.raises(CurriculumError, match="already has a draft"):
        new_draft(version=version, actor=None)


def test_reviewers_preview_a_draft_exactly_as_learners_will_see_it(client, tmp_path, reviewer):
    import_curriculum(path=write_curriculum(tmp_path))
    draft = ModuleVersion.objects.get(module__code="M01")
    client.force_login(reviewer)
    page = client.get(reverse("curriculum:preview_lesson", args=[draft.pk, "01-first-steps"]))
    assert "Open the browser" in page.content.decode()
    assert "Preview of M01 v1 (Draft)" in page.content.decode()


def test_learners_cannot_open_previews(client, tmp_path, learner):
    import_curriculum(path=write_curriculum(tmp_path))
    draft = ModuleVersion.objects.get(module__code="M01")
    client.force_login(learner)
    assert client.get(reverse("curriculum:preview_module", args=[draft.pk])).status_code == 403


def test_media_names_cannot_escape_the_module_folder(client, course):
    url = reverse("curriculum:media", kwargs={"code": "M01", "name": "..secret.png"})
    assert client.get(url).status_code == 404
    assert client.get("/course/M01/media/%2e%2e%2fmodule.yaml").status_code == 404
