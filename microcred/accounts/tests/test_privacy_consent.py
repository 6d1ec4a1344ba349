"""Consent (GDPR Art. 7): recorded with its text version and time, withdrawn and given again."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.selectors import current_consent
from microcred.accounts.services import record_consent

pytestmark = pytest.mark.django_db


def test_a_learner_withdraws_and_gives_consent_again_from_my_account(client, learner):
    client.force_login(learner)
    page = client.get(reverse("accounts:consent")).content.decode()
    assert "You have not given your consent." in page
    assert 'value="yes"' in page

    client.post(reverse("accounts:consent"), {"consent": "yes"})
    assert current_consent(learner) is not None
    page = client.get(reverse("accounts:consent")).content.decode()
    assert "Withdraw my consent" in page
    assert CONSENT_VERSION in page

    response = client.post(reverse("accounts:consent"), {"consent": "no"}, follow=True)
    assert "Your consent is withdrawn" in response.content.decode()
    assert current_consent(learner) is None
    withdrawn = learner.consents.get()
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.version == CONSENT_VERSION

    client.post(reverse("accounts:consent"), {"consent": "yes"})
    assert current_consent(learner) is not None
    history = list(learner.consents.order_by("given_at"))
    assert len(history) == 2
    assert history[0].withdrawn_at
    assert history[1].withdrawn_at is None


def test_every_change_is_stamped_with_its_time(learner):
    given = datetime(2026, 3, 1, 9, tzinfo=UTC)
    withdrawn = datetime(2026, 4, 1, 9, tzinfo=UTC)
    record_consent(user=learner, given=True, now=given)
    record_consent(user=learner, given=False, now=withdrawn)
    record = learner.consents.get()
    assert (record.given_at, record.withdrawn_at) == (given, withdrawn)


def test_giving_consent_twice_keeps_one_record(learner):
    first = record_consent(user=learner, given=True)
    assert record_consent(user=learner, given=True) == first
    assert learner.consents.count() == 1


def test_a_strange_answer_changes_nothing(client, learner):
    record_consent(user=learner, given=True)
    client.force_login(learner)
    response = client.post(reverse("accounts:consent"), {"consent": "maybe"})
    assert response.status_code == 200
    assert "Nothing has changed" in response.content.decode()
    assert current_consent(learner) is not None


def test_the_consent_page_says_what_is_agreed_and_how_to_change_it(client, learner):
    client.force_login(learner)
    page = client.get(reverse("accounts:consent")).content.decode()
    assert "report to the European Union" in page
    assert "withdraw this consent" in page
