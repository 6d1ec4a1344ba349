import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_learner_changes_their_name_language_and_partner(client, learner, other_partner):
    client.force_login(learner)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Anna Maria Nowak", "preferred_language": "el", "partner": other_partner.pk},
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "el"
    learner.refresh_from_db()
    assert (learner.full_name, learner.preferred_language, learner.partner) == (
        "Anna Maria Nowak",
        "el",
        other_partner,
    )


def test_an_empty_name_is_refused_and_nothing_changes(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "   ", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert "Please enter your name." in response.content.decode()
    learner.refresh_from_db()
    assert learner.full_name == "Anna Nowak"


def test_the_language_switcher_remembers_the_choice_for_a_logged_in_learner(client, learner):
    client.force_login(learner)
    response = client.post(reverse("accounts:set_language"), {"language": "pl", "next": "/news/"})
    assert response.status_code == 302
    assert response.url == "/news/"
    learner.refresh_from_db()
    assert learner.preferred_language == "pl"


def test_the_language_switcher_never_redirects_to_another_site(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "de", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert response.cookies["django_language"].value == "de"


def test_an_unknown_language_is_ignored(client):
    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    assert "django_language" not in response.cookies
