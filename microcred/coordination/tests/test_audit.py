"""Every page and export that shows learners' personal data records who looked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.accounts.models import PersonalDataAccess

pytestmark = pytest.mark.django_db


def _only_access() -> PersonalDataAccess:
    return PersonalDataAccess.objects.get()


@pytest.mark.parametrize(("url_name", "purpose"), [
    ("coordination:learner_detail", "learner_detail"),
    ("coordination:learner_edit", "learner_edit"),
    ("assessment:learner_attempts", "learner_tests"),
])
def test_opening_a_learner_is_logged(client, coordinator, learner, url_name, purpose):
    client.force_login(coordinator)
    client.get(reverse(url_name, kwargs={"learner_id": learner.pk}))
    access = _only_access()
    assert (access.actor, access.purpose, access.learner_ids) == (coordinator, purpose,
                                                                 [learner.pk])


@pytest.mark.parametrize(("params", "purpose"), [({}, "learner_list"),
                                                 ({"q": "anna"}, "learner_search")])
def test_the_list_and_a_search_log_the_learners_shown(client, coordinator, learner, params,
                                                      purpose):
    client.force_login(coordinator)
    client.get(reverse("coordination:learner_list"), params)
    access = _only_access()
    assert (access.purpose, access.learner_ids, access.learner_count) == (purpose,
                                                                         [learner.pk], 1)


def test_a_search_that_shows_nobody_logs_nothing(client, coordinator, learner):
    client.force_login(coordinator)
    client.get(reverse("coordination:learner_list"), {"q": "nobody"})
    assert not PersonalDataAccess.objects.exists()


def test_an_export_is_logged_with_every_learner_in_it(client, coordinator, learner):
    client.force_login(coordinator)
    client.get(reverse("coordination:learner_export"), {"format": "xlsx"})
    access = _only_access()
    assert (access.purpose, access.learner_ids) == ("learner_export", [learner.pk])
    assert access.path.endswith("?format=xlsx")


def test_the_import_result_is_logged(client, coordinator, learner):
    client.force_login(coordinator)
    client.post(reverse("coordination:import_learners"), {
        "file": SimpleUploadedFile("l.csv", b"email,name\nanna@example.org,A\n"
                                            b"new@example.org,N\n")})
    access = _only_access()
    assert (access.purpose, access.learner_count) == ("learner_import", 2)


def test_a_refused_look_logs_nothing(client, other_partner_coordinator, learner):
    client.force_login(other_partner_coordinator)
    client.get(reverse("coordination:learner_detail", kwargs={"learner_id": learner.pk}))
    assert not PersonalDataAccess.objects.exists()
