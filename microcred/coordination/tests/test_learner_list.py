"""The coordinator's learner list: search, inactivity filter, pages, progress per row."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import User
from microcred.coordination.tests.conftest import complete_module, issue, last_active, take_test
from microcred.learning.models import LearnerProfile
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("coordination:learner_list")


def _rows(response) -> dict[str, list[str]]:
    """Each learner's row as the cells a person reads, by e-mail address."""
    import re

    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", response.content.decode(), flags=re.S):
        cells = [re.sub(r"<[^>]+>", " ", cell).split() for cell in
                 re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if len(cells) > 2:
            rows[" ".join(cells[2])] = [" ".join(cell) for cell in cells[3:]]
    return rows


def test_each_row_shows_modules_completed_tests_passed_credentials_and_activity(
    client, coordinator, learner, course
):
    m01, m02 = course
    complete_module(learner, m01)
    complete_module(learner, m02, lessons=1)
    take_test(learner, m01, percent=50)
    take_test(learner, m01, percent=90, number=2)
    take_test(learner, m02, percent=40)
    issue(learner, m01)
    issue(learner, m02, revoked=True)
    last_active(learner, days_ago=3)
    client.force_login(coordinator)
    row = _rows(client.get(LIST))["anna@example.org"]
    assert row[:3] == ["1", "1", "1"]  # modules completed, tests passed, valid credentials
    assert row[3] == timezone.localdate().strftime("%d/%m/%Y")  # the tests, taken today


def test_a_learner_who_never_studied_shows_not_started(client, coordinator, learner):
    client.force_login(coordinator)
    assert _rows(client.get(LIST))["anna@example.org"] == ["0", "0", "0", "Not started"]


def test_a_learner_with_progress_but_no_lesson_visit_recorded_is_not_shown_as_not_started(
    client, coordinator, learner, course
):
    # Progress recorded without the profile's activity stamp (demo data, a test taken).
    m01, _m02 = course
    complete_module(learner, m01)
    take_test(learner, m01, percent=90)
    assert not LearnerProfile.objects.filter(user=learner, last_activity_at__isnull=False)
    client.force_login(coordinator)
    row = _rows(client.get(LIST))["anna@example.org"]
    assert row[3] == timezone.localdate().strftime("%d/%m/%Y")
    detail = client.get(reverse("coordination:learner_detail", args=[learner.pk]))
    assert "Not started</dd>" not in detail.content.decode()


def test_a_recent_test_keeps_a_learner_out_of_the_inactivity_filter(
    client, coordinator, partner, course
):
    m01, _m02 = course
    tested = UserFactory(partner=partner, email="tested@example.org",
                         date_joined=timezone.now() - timedelta(days=60))
    last_active(tested, days_ago=40)  # lessons long ago, the test today
    take_test(tested, m01, percent=50)
    idle = UserFactory(partner=partner, email="idle@example.org",
                       date_joined=timezone.now() - timedelta(days=60))
    last_active(idle, days_ago=40)
    client.force_login(coordinator)
    assert set(_rows(client.get(LIST, {"inactive": 30}))) == {idle.email}


def test_the_inactivity_filter_keeps_learners_away_longer_than_chosen(
    client, coordinator, partner
):
    away_10 = UserFactory(partner=partner, email="away10@example.org")
    away_40 = UserFactory(partner=partner, email="away40@example.org")
    recent = UserFactory(partner=partner, email="recent@example.org")
    never_old = UserFactory(partner=partner, email="never-old@example.org",
                            date_joined=timezone.now() - timedelta(days=20))
    never_new = UserFactory(partner=partner, email="never-new@example.org")
    last_active(away_10, days_ago=10)
    last_active(away_40, days_ago=40)
    last_active(recent, days_ago=2)
    client.force_login(coordinator)
    seven = set(_rows(client.get(LIST, {"inactive": 7})))
    assert seven == {away_10.email, away_40.email, never_old.email}
    assert set(_rows(client.get(LIST, {"inactive": 14}))) == {away_40.email, never_old.email}
    assert set(_rows(client.get(LIST, {"inactive": 30}))) == {away_40.email}
    assert never_new.email in _rows(client.get(LIST))


def test_search_matches_names_and_addresses(client, coordinator, learner, partner):
    UserFactory(partner=partner, full_name="Jan Kowalski", email="jk@example.org")
    client.force_login(coordinator)
    assert set(_rows(client.get(LIST, {"q": "NOWAK"}))) == {"anna@example.org"}
    assert set(_rows(client.get(LIST, {"q": "jk@"}))) == {"jk@example.org"}


def test_the_list_is_paginated_and_keeps_the_filters_in_the_page_links(
    client, coordinator, partner
):
    for number in range(30):
        UserFactory(partner=partner, full_name=f"Learner {number:02d}",
                    date_joined=timezone.now() - timedelta(days=60))
    client.force_login(coordinator)
    first = client.get(LIST, {"inactive": 30})
    page = first.content.decode()
    assert "Page 1 of 2" in page
    assert "?inactive=30&amp;page=2" in page
    assert len(_rows(first)) == 25
    second = client.get(LIST, {"inactive": 30, "page": 2})
    assert len(_rows(second)) == 5
    assert client.get(LIST, {"page": "nonsense"}).status_code == 200


def test_a_tampered_filter_shows_everyone_and_never_fails(client, coordinator, learner):
    client.force_login(coordinator)
    response = client.get(LIST, {"inactive": "9999999999999999999999", "q": "x" * 500})
    assert response.status_code == 200


def _queries_for_list(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, {"inactive": "7"}).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_2_or_30_learners(client, coordinator, partner,
                                                             course):
    m01, _m02 = course

    def add_learners(count):
        for _ in range(count):
            learner = UserFactory(partner=partner,
                                  date_joined=timezone.now() - timedelta(days=30))
            complete_module(learner, m01)
            take_test(learner, m01, percent=80)
            issue(learner, m01)
            last_active(learner, days_ago=10)

    add_learners(2)
    few = _queries_for_list(client, coordinator)
    add_learners(28)
    many = _queries_for_list(client, coordinator)
    assert User.objects.filter(partner=partner).count() == 31
    assert few == many
    assert many <= 12
