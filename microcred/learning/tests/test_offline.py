"""Lessons on a patchy connection: what a saved module holds, "Done" taps sent late (once, with
the time they were made), and pages small enough for a weak data plan (decision 0017)."""

import gzip
import re
import uuid
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from whitenoise.middleware import WhiteNoiseMiddleware

from microcred.curriculum.models import Lesson, ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.learning.models import LessonProgress, ModuleProgress
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db

LESSON_BUDGET_BYTES = 30_000


@pytest.fixture
def joined(onboarded):
    """A learner who signed up a week ago."""
    onboarded.date_joined = timezone.now() - timedelta(days=7)
    onboarded.save(update_fields=["date_joined"])
    return onboarded


def lesson_url(slug: str = "01-first-steps", name: str = "lesson") -> str:
    return reverse(f"learning:{name}", kwargs={"code": "M01", "slug": slug})


def tap(client, slug: str = "01-first-steps", *, made_at=None, sent_at=None, tap_id=None):
    now = timezone.now()
    return client.post(lesson_url(slug, "complete_lesson_offline"), {
        "id": str(tap_id or uuid.uuid4()),
        "made_at": (made_at or now - timedelta(minutes=10)).isoformat(),
        "sent_at": (sent_at or now).isoformat(),
    })


def static_files_of(page: str) -> list[str]:
    return re.findall(r'<(?:link|script)[^>]+(?:href|src)="(/static/[^"]+)"', page)


def test_the_worker_controls_the_course_pages_and_is_checked_for_updates_on_every_visit(client):
    response = client.get(reverse("learning:offline_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == reverse("learning:course")
    assert reverse("learning:offline_worker").startswith(reverse("learning:course"))


def test_a_saved_module_holds_its_lessons_their_images_and_every_file_their_pages_load(
    client, course, joined
):
    Lesson.objects.filter(version__module__code="M01", slug="02-next-steps").update(media=[
        {"type": "image", "src": "router.png", "alt": {"en": "A router"}}])
    client.force_login(joined)
    manifest = client.get(reverse("learning:offline_manifest", args=["M01"])).json()
    urls = manifest["urls"]
    assert manifest["cache"] == "microcred-module-M01"
    assert reverse("learning:module", args=["M01"]) in urls
    assert lesson_url("01-first-steps") in urls
    assert lesson_url("02-next-steps") in urls
    assert reverse("curriculum:media", args=["M01", "router.png"]) in urls
    assert not any("/M02/" in url for url in urls)
    for page_url in (reverse("learning:module", args=["M01"]), lesson_url()):
        page = client.get(page_url).content.decode()
        assert static_files_of(page), page_url
        assert set(static_files_of(page)) <= set(urls), page_url


def test_the_module_page_offers_saving_and_says_what_needs_a_connection(
    client, course, joined
):
    client.force_login(joined)
    page = client.get(reverse("learning:module", args=["M01"])).content.decode()
    assert "Save this module for offline" in page
    assert "The module test needs an internet connection." in page
    client.logout()
    assert "Save this module for offline" not in client.get(
        reverse("learning:module", args=["M01"])).content.decode()


def test_saving_fetches_lessons_ahead_without_moving_the_learner(client, course, joined):
    client.force_login(joined)
    assert client.get(lesson_url("02-next-steps")).status_code == 302  # reading: in order
    response = client.get(lesson_url("02-next-steps"), headers={"X-Microcred-Offline": "save"})
    assert response.status_code == 200
    assert "X-Microcred-Offline" in response["Vary"]
    assert not ModuleProgress.objects.filter(learner=joined, last_lesson__isnull=False).exists()


def test_a_done_tap_made_offline_counts_once_with_the_time_it_was_made(client, course, joined):
    client.force_login(joined)
    made_at = timezone.now() - timedelta(minutes=30)
    tap_id = uuid.uuid4()
    first = tap(client, made_at=made_at, sent_at=timezone.now(), tap_id=tap_id)
    assert first.status_code == 200
    assert first.json() == {"id": str(tap_id), "recorded": True,
                            "next_url": lesson_url("02-next-steps")}
    again = tap(client, made_at=made_at, tap_id=tap_id)  # the answer was lost: sent again
    assert again.status_code == 200
    assert again.json()["recorded"] is False
    record = LessonProgress.objects.get(learner=joined)
    assert abs(record.completed_at - made_at) < timedelta(seconds=5)
    assert ModuleProgress.objects.get(learner=joined).started_at <= record.completed_at


def test_a_phone_with_a_wrong_clock_still_records_when_the_lesson_was_done(
    client, course, joined
):
    client.force_login(joined)
    phone_now = timezone.now() + timedelta(days=400)  # the phone's clock is a year ahead
    assert tap(client, made_at=phone_now - timedelta(hours=2), sent_at=phone_now).status_code \
        == 200
    done = LessonProgress.objects.get(learner=joined).completed_at
    assert abs(done - (timezone.now() - timedelta(hours=2))) < timedelta(seconds=5)


@pytest.mark.parametrize(("made_at", "sent_at"), [
    (timedelta(minutes=5), timedelta(0)),  # made after it was sent
    (-timedelta(days=8), timedelta(0)),  # before the learner joined
])
def test_an_impossible_time_is_refused_with_a_message_and_changes_nothing(
    client, course, joined, made_at, sent_at
):
    client.force_login(joined)
    now = timezone.now()
    response = tap(client, made_at=now + made_at, sent_at=now + sent_at)
    assert response.status_code == 400
    assert "The time this lesson was marked done is not possible." in response.json()["error"]
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize("fields", [
    {"id": "x", "made_at": "yesterday", "sent_at": ""},
    {"made_at": "0001-01-01T00:00:00Z", "sent_at": "9999-12-31T23:59:59Z"},
    {"made_at": "9999-12-31T23:59:59Z", "sent_at": "0001-01-01T00:00:00Z"},
    {"made_at": "\x00", "sent_at": "99999999999999999999999999"},
    {"made_at": ["one", "two"], "sent_at": "NaN"},
])
def test_a_garbled_tap_is_refused_with_a_message(client, course, joined, fields):
    client.force_login(joined)
    response = client.post(lesson_url(name="complete_lesson_offline"),
                           {"id": str(uuid.uuid4()), **fields})
    assert response.status_code == 400
    assert response.json()["error"]
    assert not LessonProgress.objects.exists()


def test_a_tap_for_a_later_lesson_waits_until_the_earlier_one_has_arrived(
    client, course, joined
):
    client.force_login(joined)
    now = timezone.now()
    later = tap(client, "02-next-steps", made_at=now - timedelta(minutes=5))
    assert later.status_code == 409
    assert "Please finish the earlier lessons first." in later.json()["error"]
    assert tap(client, made_at=now - timedelta(minutes=10)).status_code == 200
    last = tap(client, "02-next-steps", made_at=now - timedelta(minutes=5))
    assert last.json()["next_url"] == reverse("learning:module_complete", args=["M01"])
    progress = ModuleProgress.objects.get(learner=joined)
    assert abs(progress.completed_at - (now - timedelta(minutes=5))) < timedelta(seconds=5)


def test_a_tap_delayed_on_the_way_is_never_dated_before_the_lesson_before_it(
    client, course, joined
):
    """Taps are dated by the time between tapping and sending: a first tap slowed down more
    than the gap to the second would date lesson 2 before lesson 1."""
    client.force_login(joined)
    now = timezone.now()
    # Lesson 1 tapped a minute ago but sent just now; lesson 2 tapped 30 s ago, its sending
    # measured as if two minutes had passed (the network held it).
    assert tap(client, made_at=now - timedelta(minutes=1), sent_at=now).status_code == 200
    assert tap(client, "02-next-steps", made_at=now - timedelta(minutes=2),
               sent_at=now).status_code == 200
    first, second = (LessonProgress.objects.filter(learner=joined)
                     .order_by("lesson__order").values_list("completed_at", flat=True))
    assert first < second <= timezone.now()


def test_a_tap_needs_a_logged_in_learner_and_the_csrf_token(client, course, joined):
    assert tap(client).status_code == 302  # to the log-in page
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(joined)
    assert tap(guarded).status_code == 403
    assert not LessonProgress.objects.exists()


@pytest.fixture
def real_module_1(db):
    """Module 1 of the real course, in all seven languages."""
    import_curriculum(path=django_settings.CURRICULUM_CONTENT_DIR)
    publish_without_review(ModuleVersion.objects.get(module__code="M01"))


@pytest.mark.parametrize("language", ["en", "el", "pt"])
def test_the_lesson_page_is_sent_compressed_and_fits_its_budget(
    client, real_module_1, joined, language
):
    """HTML, CSS and scripts each lesson of module 1 needs on first load, compressed: under
    30 KB (the save header lets the test open every lesson without finishing the others)."""
    client.force_login(joined)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    lessons = Lesson.objects.filter(version__module__code="M01").order_by("order")
    for lesson in lessons:
        response = client.get(lesson_url(lesson.slug), headers={
            "Accept-Encoding": "gzip", "X-Microcred-Offline": "save"})
        assert response["Content-Encoding"] == "gzip"
        html = gzip.decompress(response.content).decode()
        assert f'lang="{language}"' in html
        total = len(response.content)
        for url in static_files_of(html):
            path = finders.find(url.removeprefix("/static/"))
            assert path, url
            with open(path, "rb") as file:
                total += len(gzip.compress(file.read(), compresslevel=9))
        assert total < LESSON_BUDGET_BYTES, f"{lesson.slug}: {total} bytes compressed"


def test_pages_that_may_show_secrets_are_not_compressed(client, joined):
    client.force_login(joined)
    response = client.get(reverse("accounts:home"), headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_in_production_css_and_scripts_are_sent_compressed(tmp_path, settings):
    """collectstatic with the production storage, then WhiteNoise as it serves them."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    settings.DEBUG = False
    call_command("collectstatic", "--noinput", verbosity=0)
    serve = WhiteNoiseMiddleware(lambda request: None)
    for name in ("core/site.css", "learning/offline.js"):
        url = static(name)
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url  # content hash in the name
        response = serve(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))
        assert response["Content-Encoding"] == "gzip", name
        assert "immutable" in response["Cache-Control"], name  # kept by browsers for good
