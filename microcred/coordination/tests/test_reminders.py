"""Coordinators remind inactive learners: each in their language, once a week at most."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from microcred.coordination.models import CoordinatorReminder, ReminderBatch
from microcred.coordination.services_reminders import (
    ReminderRefused,
    SkipReason,
    send_coordinator_reminders,
)
from microcred.coordination.tests.conftest import last_active
from microcred.learning.models import LearnerProfile
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

REMIND = reverse("coordination:remind_learners")


@pytest.fixture
def away(learner):
    learner.preferred_language = "pl"
    learner.save()
    last_active(learner, days_ago=10)
    return learner


def _remind(client, *learners, **extra):
    return client.post(REMIND, {"select": "chosen", "learner": [u.pk for u in learners],
                                **extra}, follow=True)


def test_a_chosen_learner_gets_a_reminder_in_their_own_language(
    client, coordinator, away, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)  # the coordinator reads the site in English
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(client, away, inactive="7")
    assert response.redirect_chain[-1][0] == reverse("coordination:learner_list") + "?inactive=7"
    assert "A reminder is on its way to 1 learner" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [away.email]
    assert "Fundacja Cyfrowa Szansa" in message.subject
    assert message.body.startswith("Cześć, Anna!")  # Polish, as the learner chose
    assert "Kontynuuj naukę" in message.body
    assert "/learn/continue/" in message.body
    reminder = CoordinatorReminder.objects.get()
    assert (reminder.learner, reminder.language) == (away, "pl")
    assert reminder.sent_at is not None
    # The automatic weekly reminder now waits a week too.
    assert LearnerProfile.objects.get(user=away).last_reminded_at is not None


def test_the_reminder_says_so_when_the_learner_never_started(
    client, coordinator, partner, immediate_tasks, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(partner=partner, date_joined=timezone.now() - timedelta(days=20))
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _remind(client, newcomer)
    assert "You have not started the course yet." in mail.outbox[0].body


def test_a_second_reminder_within_7_days_is_skipped_and_named(
    client, coordinator, away, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _remind(client, away)
        response = _remind(client, away)
    page = response.content.decode()
    assert "No reminder was sent." in page
    assert ("Not sent to Anna Nowak: a coordinator already sent them a reminder in the last 7 "
            "days.") in page
    assert len(mail.outbox) == 1
    assert list(ReminderBatch.objects.values_list("recipients", "skipped")) == [(0, 1), (1, 0)]


def test_a_week_later_the_learner_can_be_reminded_again(coordinator, away):
    now = timezone.now()
    send_coordinator_reminders(actor=coordinator, learner_ids=[away.pk], now=now)
    too_soon = send_coordinator_reminders(actor=coordinator, learner_ids=[away.pk],
                                          now=now + timedelta(days=6, hours=23))
    later = send_coordinator_reminders(actor=coordinator, learner_ids=[away.pk],
                                       now=now + timedelta(days=7, minutes=1))
    assert [skip.reason for skip in too_soon.skipped] == [SkipReason.RECENTLY_REMINDED]
    assert later.sent == [away]


def test_active_and_paused_learners_are_skipped_with_the_reason(coordinator, partner):
    active = UserFactory(partner=partner, full_name="Active One")
    last_active(active, days_ago=2)
    paused = UserFactory(partner=partner, full_name="Paused One", is_active=False)
    last_active(paused, days_ago=20)
    queued = send_coordinator_reminders(actor=coordinator, learner_ids=[active.pk, paused.pk])
    assert queued.sent == []
    assert {(skip.learner, skip.reason) for skip in queued.skipped} == {
        (active, SkipReason.RECENTLY_ACTIVE), (paused, SkipReason.PAUSED)}


def test_a_learner_who_took_a_test_this_week_is_skipped_as_recently_active(
        coordinator, partner, course):
    from microcred.coordination.tests.conftest import take_test

    tested = UserFactory(partner=partner, full_name="Tested One",
                         date_joined=timezone.now() - timedelta(days=60))
    last_active(tested, days_ago=30)
    take_test(tested, course[0], percent=55)
    queued = send_coordinator_reminders(actor=coordinator, learner_ids=[tested.pk])
    assert [(skip.learner, skip.reason) for skip in queued.skipped] == [
        (tested, SkipReason.RECENTLY_ACTIVE)]


def test_everyone_on_the_page_can_be_reminded_without_ticking_boxes(
    client, coordinator, partner, immediate_tasks, django_capture_on_commit_callbacks
):
    learners = [UserFactory(partner=partner) for _ in range(3)]
    for learner in learners:
        last_active(learner, days_ago=15)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("coordination:learner_list"), {"inactive": 14})
        assert page.content.decode().count('name="on_page"') == 3
        client.post(REMIND, {"select": "page", "on_page": [u.pk for u in learners],
                             "inactive": "14"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in learners)


def test_the_batch_records_who_sent_what_to_how_many(coordinator, away, partner):
    fresh = UserFactory(partner=partner)
    send_coordinator_reminders(actor=coordinator, learner_ids=[away.pk, fresh.pk])
    batch = ReminderBatch.objects.get()
    assert (batch.sent_by, batch.sent_by_email, batch.partner) == (
        coordinator, coordinator.email, partner)
    assert (batch.message, batch.recipients, batch.skipped) == ("inactivity", 1, 1)


def test_nothing_chosen_or_garbage_ids_send_nothing(client, coordinator, away):
    client.force_login(coordinator)
    assert "Please choose at least one learner." in _remind(client).content.decode()
    garbage = client.post(REMIND, {"select": "chosen", "learner": ["1; DROP", "9" * 5000]},
                          follow=True)
    assert "Nothing was sent." in garbage.content.decode()
    assert not ReminderBatch.objects.exists()


def test_an_unknown_learner_id_refuses_the_whole_request(coordinator, away):
    with pytest.raises(ReminderRefused):
        send_coordinator_reminders(actor=coordinator, learner_ids=[away.pk, 999_999])
    assert not CoordinatorReminder.objects.exists()


def test_reminders_need_a_post(client, coordinator):
    client.force_login(coordinator)
    assert client.get(REMIND).status_code == 405


def test_a_learner_paused_after_the_click_gets_nothing(
    coordinator, away, immediate_tasks, django_capture_on_commit_callbacks
):
    from microcred.coordination.tasks import send_coordinator_reminder

    queued = send_coordinator_reminders(actor=coordinator, learner_ids=[away.pk])
    away.is_active = False
    away.save()
    reminder = CoordinatorReminder.objects.get(learner=away)
    assert send_coordinator_reminder.call(reminder.pk) is False
    assert queued.sent == [away]
    assert mail.outbox == []


def test_platform_admins_read_the_reminder_log_in_the_administration(
    client, platform_admin, coordinator, away
):
    send_coordinator_reminders(actor=coordinator, learner_ids=[away.pk])
    client.force_login(platform_admin)
    page = client.get(reverse("admin:coordination_reminderbatch_changelist"))
    assert page.status_code == 200
    assert coordinator.email in page.content.decode()
    batch = ReminderBatch.objects.get()
    assert client.get(reverse("admin:coordination_reminderbatch_change",
                              args=[batch.pk])).status_code == 200
    assert client.get(reverse("admin:coordination_reminderbatch_add")).status_code == 403
