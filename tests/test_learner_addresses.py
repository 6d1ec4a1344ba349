"""Every address a learner can land on answers with a page: a GET on a form's action (a reload,
a bookmark, the browser's history) goes to the page the form is on, changing nothing (#18)."""

import pytest

from microcred.credentials.models import IssuedCredential
from microcred.credentials.services import issue_for_attempt
from microcred.credentials.tests.conftest import pass_module
from microcred.demo.data import load_course
from microcred.learning.models import LearnerProfile, LessonProgress

pytestmark = pytest.mark.django_db

LESSON = "/course/M01/01-devices-systems-and-apps/"


def post_only_addresses(learner) -> dict[str, str]:
    """Each form action a learner meets, with the page a GET on it shows."""
    load_course()
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    attempt = pass_module(learner)
    credential = issue_for_attempt(attempt_id=attempt.pk)
    assert credential is not None
    return {
        f"{LESSON}check/": LESSON,
        f"{LESSON}done/": LESSON,
        "/learn/reminders/": "/learn/",
        "/text-size/": "/",
        "/language/": "/",
        "/course/M02/test/start/": "/course/M02/test/",
        f"/test/{attempt.pk}/submit/": f"/test/{attempt.pk}/review/",
        f"/credentials/{credential.pk}/share/": "/credentials/",
        f"/credentials/{credential.pk}/eu-wallet/": "/credentials/",
    }


def test_a_get_on_a_form_address_shows_the_page_the_form_is_on(client, learner):
    addresses = post_only_addresses(learner)
    client.force_login(learner)
    for address, page in addresses.items():
        response = client.get(address)
        assert response.status_code == 302, address
        assert response.url == page, address
        assert client.get(address, follow=True).status_code == 200, address
    # Nothing was done by those visits.
    assert not LessonProgress.objects.filter(learner=learner, completed_at__isnull=False).exists()
    assert IssuedCredential.objects.get(learner=learner).share_token is None
    assert "text_size" not in client.cookies or client.cookies["text_size"].value != "large"


def test_other_methods_are_still_refused(client, learner):
    client.force_login(learner)
    assert client.put("/learn/reminders/").status_code == 405
