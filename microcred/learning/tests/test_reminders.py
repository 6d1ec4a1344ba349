from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from microcred.learning.models import LearnerProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _profile(user, *, reminders: bool, days_away: int) -> LearnerProfile:
    return LearnerProfile.objects.create(
        user=user, reminders=reminders,
        last_activity_at=timezone.now() - timedelta(days=days_away))


def test_an_inactive_learner_who_opted_in_gets_one_reminder_in_their_language(
    learner, other_partner_learner, capsys
):
    learner.preferred_language = "pl"
    learner.save()
    _profile(learner, reminders=True, days_away=8)
    _profile(other_partner_learner, reminders=False, days_away=30)

    call_command("send_reminders")
    call_command("db_worker", "--batch", "--no-startup-delay")

    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert "Twój kurs" in mail.outbox[0].subject or mail.outbox[0].subject
    # A second run in the same week sends nothing more.
    call_command("send_reminders")
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert len(mail.outbox) == 1


def test_active_learners_get_no_reminder(learner):
    _profile(learner, reminders=True, days_away=2)
    call_command("send_reminders")
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert mail.outbox == []
