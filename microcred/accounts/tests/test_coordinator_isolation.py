"""A coordinator sees and changes only the learners of their own organisation."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LEARNER_URLS = ["accounts:learner_detail", "accounts:learner_edit"]


@pytest.mark.parametrize("url_name", LEARNER_URLS)
def test_a_coordinator_opens_their_own_learner(client, coordinator, learner, url_name):
    client.force_login(coordinator)
    response = client.get(reverse(url_name, kwargs={"learner_id": learner.pk}))
    assert response.status_code == 200
    assert learner.full_name in response.content.decode()


@pytest.mark.parametrize("url_name", LEARNER_URLS)
def test_another_partners_coordinator_gets_not_found(
    client, other_partner_coordinator, learner, url_name
):
    client.force_login(other_partner_coordinator)
    response = client.get(reverse(url_name, kwargs={"learner_id": learner.pk}))
    assert response.status_code == 404
    assert learner.email not in response.content.decode()


def test_another_partners_coordinator_cannot_change_a_learner(
    client, other_partner_coordinator, learner
):
    client.force_login(other_partner_coordinator)
    response = client.post(
        reverse("accounts:learner_edit", kwargs={"learner_id": learner.pk}),
        {"full_name": "Hacked", "preferred_language": "en", "is_active": ""},
    )
    assert response.status_code == 404
    learner.refresh_from_db()
    assert learner.full_name == "Anna Nowak"
    assert learner.is_active


def test_the_learner_list_shows_only_the_coordinators_organisation(
    client, coordinator, learner, other_partner_learner, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:learner_list"))
    page = response.content.decode()
    assert learner.email in page
    assert other_partner_learner.email not in page
    assert coordinator.email not in page  # staff are not listed as learners


def test_searching_never_reaches_other_organisations(client, coordinator, other_partner_learner):
    client.force_login(coordinator)
    response = client.get(reverse("accounts:learner_list"), {"q": "sean"})
    assert other_partner_learner.email not in response.content.decode()
    assert "No learner matches your search." in response.content.decode()


def test_the_learner_list_costs_the_same_queries_for_many_learners(
    client, coordinator, partner, django_assert_max_num_queries
):
    from microcred.testing.factories import UserFactory

    UserFactory.create_batch(30, partner=partner)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:learner_list"))
    assert response.content.decode().count("/partner/learners/") >= 30


@pytest.mark.parametrize("persona", ["learner", "reviewer", "issuer"])
@pytest.mark.parametrize("url_name", ["accounts:learner_list", *LEARNER_URLS])
def test_people_without_the_coordinator_role_are_refused(
    client, request, learner, persona, url_name
):
    client.force_login(request.getfixturevalue(persona))
    kwargs = {} if url_name == "accounts:learner_list" else {"learner_id": learner.pk}
    assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, learner):
    response = client.get(reverse("accounts:learner_detail", kwargs={"learner_id": learner.pk}))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_platform_admin_sees_learners_of_every_organisation(
    client, platform_admin, learner, other_partner_learner
):
    client.force_login(platform_admin)
    page = client.get(reverse("accounts:learner_list")).content.decode()
    assert learner.email in page
    assert other_partner_learner.email in page


def test_a_coordinator_pauses_their_learners_account(client, coordinator, learner):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:learner_edit", kwargs={"learner_id": learner.pk}),
        {"full_name": "Anna Nowak-Kowalska", "preferred_language": "pl", "is_active": ""},
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.full_name == "Anna Nowak-Kowalska"
    assert not learner.is_active
