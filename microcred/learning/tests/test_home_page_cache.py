"""My learning (/learn/) is rendered once for every learner who would see the same page
(decision 0029): their progress is read on every request, and anything the page shows of it
tells learners apart, yet each gets their own CSRF token; pages with a message waiting are never
shared."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microcred.core.page_cache import CSRF_PLACEHOLDER, LEARNER_STORE, STORE
from microcred.curriculum.models import Module
from microcred.learning import selfcheck
from microcred.learning.models import LearnerProfile
from microcred.learning.tests.test_course_cache import lesson_url, new_learner, publish_new_version
from microcred.learning.tests.test_lesson_page_cache import TOKEN, lesson_renders

pytestmark = pytest.mark.django_db

HOME = reverse("learning:home")
ONBOARDING_LINK = "Answer a few questions so we can suggest where to start"
REMINDERS_BOX = re.compile(r'<input type="checkbox" name="reminders"[^>]*>')


def home(client: Client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    page: str = response.content.decode()
    return page


def learner_in(client: Client, **profile: object) -> None:
    """A new learner, logged in on `client`, whose profile holds `profile`."""
    learner = new_learner(client)
    LearnerProfile.objects.filter(user=learner).update(**profile)


def finish(client: Client, code: str = "M01", slug: str = "01-first-steps") -> None:
    client.get(lesson_url(code, slug))
    client.post(reverse("learning:complete_lesson", args=[code, slug]))


def hero(page: str) -> str:
    """The "continue" box at the top of the page."""
    return page.split('class="hero"')[1].split("</div>")[0]


def reminders_ticked(page: str) -> bool:
    return "checked" in REMINDERS_BOX.findall(page)[0]


def test_two_learners_in_the_same_situation_get_one_render_each_with_their_own_token(course):
    first, second = Client(), Client(enforce_csrf_checks=True)
    new_learner(first)
    new_learner(second)
    with lesson_renders() as renders:
        first_page, second_page = home(first), home(second)
    assert renders.count("learning/home.html") == 1
    first_token, second_token = TOKEN.findall(first_page)[0], TOKEN.findall(second_page)[0]
    assert first_token != second_token
    assert CSRF_PLACEHOLDER not in first_page + second_page
    assert first_page.replace(first_token, "") == second_page.replace(second_token, "")
    # The token on the page served from the cache is the second learner's own.
    response = second.post(
        reverse("learning:reminders"), {"reminders": "on", "csrfmiddlewaretoken": second_token}
    )
    assert response.status_code == 302


def test_a_finished_lesson_shows_on_my_learning_at_once(course):
    client = Client()
    new_learner(client)
    assert "Not started" in home(client)
    finish(client)
    page = home(client)
    assert "1 of 2 lessons done" in page
    assert "You were reading:" in hero(page)
    finish(client, slug="02-next-steps")
    page = home(client)
    assert "Completed" in page
    assert "Module M02 title" in hero(page)


Step = Callable[[Client], None]


def open_lessons(*codes: str) -> Step:
    def visit(client: Client) -> None:
        for code in codes:
            client.get(lesson_url(code))

    return visit


def then(*steps: Step) -> Step:
    def run(client: Client) -> None:
        for step in steps:
            step(client)

    return run


def nothing(client: Client) -> None:
    pass


@dataclass(frozen=True)
class Situations:
    """Two learners who differ in one thing the page shows (where it can be arranged, in
    nothing else it shows), and how to tell the first one's page."""

    first_does: Step = nothing
    second_does: Step = nothing
    first_profile: dict[str, object] = field(default_factory=dict)
    second_profile: dict[str, object] = field(default_factory=dict)
    first_page_shows: Callable[[str], bool] = lambda page: False


EVERY_TASK = {question.key: selfcheck.ON_MY_OWN for question in selfcheck.QUESTIONS}
TWO_TASKS = {"wifi": selfcheck.ON_MY_OWN, "email": selfcheck.ON_MY_OWN}

SITUATIONS = {
    # The same "continue" box (module 2, lesson 1): only module 1's card differs.
    "progress in another module": Situations(
        first_does=then(finish, open_lessons("M02")),
        second_does=open_lessons("M02"),
        first_page_shows=lambda page: "1 of 2 lessons done" in page,
    ),
    # The same cards (both modules started): only the module touched last differs.
    "where to continue": Situations(
        first_does=open_lessons("M01", "M02"),
        second_does=open_lessons("M02", "M01"),
        first_page_shows=lambda page: "Module M02 title" in hero(page),
    ),
    # The same suggested module, for a different reason.
    "the reason for the suggestion": Situations(
        first_profile={"suggested_module": "M02", "self_check_answers": TWO_TASKS},
        second_profile={"suggested_module": "M02", "self_check_answers": EVERY_TASK},
        first_page_shows=lambda page: "it teaches a task you did not tick" in page,
    ),
    "the onboarding link": Situations(
        first_profile={"onboarding_done_at": None, "onboarding_skipped_at": timezone.now()},
        first_page_shows=lambda page: ONBOARDING_LINK in page,
    ),
    "reminders on": Situations(
        first_profile={"reminders": True},
        second_profile={"reminders": False},
        first_page_shows=reminders_ticked,
    ),
}


@pytest.mark.parametrize("name", SITUATIONS)
def test_learners_in_different_situations_never_see_each_others_page(course, name):
    situation = SITUATIONS[name]
    first, second = Client(), Client()
    learner_in(first, **situation.first_profile)
    learner_in(second, **situation.second_profile)
    situation.first_does(first)
    situation.second_does(second)
    # Each in turn fills the cache before the other reads.
    for _round in range(2):
        assert not situation.first_page_shows(home(second))
        assert situation.first_page_shows(home(first))


def test_a_publish_shows_on_my_learning_at_once(course):
    reader = Client()
    new_learner(reader)
    assert "Module M02 title" in home(reader)
    publish_new_version(
        "M02", title={"en": "Staying safe online"}, body_html={"en": "<p>Lock your phone.</p>"}
    )
    page = home(reader)
    assert "Staying safe online" in page
    assert "Module M02 title" not in page


def test_a_module_renumbered_in_the_admin_shows_its_new_number_at_once(course):
    reader = Client()
    new_learner(reader)
    assert "Module 2" in home(reader)
    module = Module.objects.get(code="M02")
    module.order = 7
    # What the admin does on save (it bumps the course generation); the request is not used.
    admin.site._registry[Module].save_model(None, module, None, True)
    page = home(reader)
    assert "Module 7" in page
    assert "Module 2" not in page


def test_a_waiting_message_is_shown_and_neither_served_from_nor_put_in_the_cache(course):
    someone_else, learner = Client(), Client()
    new_learner(someone_else)
    new_learner(learner)
    home(someone_else)  # the page of a learner who has just started is in the cache now
    # A refused choice of reading language comes back to my learning with a message.
    learner.post(
        reverse("learning:module_language", args=["M01"]), {"language": "xx", "next": HOME}
    )
    with lesson_renders() as renders:
        page = home(learner)
    assert "This module cannot be shown in that language." in page
    assert renders.count("learning/home.html") == 1
    assert "This module cannot be shown in that language." not in home(learner)
    assert "This module cannot be shown in that language." not in home(someone_else)


def test_learners_pages_never_push_the_public_pages_out(course):
    """The pages learners share grow with their situations: they are kept apart from the public
    pages, so however many there are, the home page stays served from the cache."""
    anonymous = Client()
    anonymous.get(reverse("public:home"))
    public_entries = dict(caches[STORE]._cache)
    for _ in range(3):  # learners in three situations: three lesson pages, three my learning
        client = Client()
        new_learner(client)
        finish(client)
        home(client)
        client.get(lesson_url())
    assert dict(caches[STORE]._cache).keys() == public_entries.keys()
    assert len(caches[LEARNER_STORE]._cache) >= 2
