"""Reminder e-mails a coordinator sends to learners who stopped studying.

At most one coordinator reminder per learner per week, whoever sends it; never to a paused
account, nor to someone who studied (or joined) in the last week. Every press of the button is
recorded (`ReminderBatch`: who, which message, to how many, how many skipped).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.accounts.selectors import learners_visible_to
from microcred.coordination.activity import last_activity_of
from microcred.coordination.models import CoordinatorReminder, ReminderBatch, ReminderMessage
from microcred.coordination.tasks import send_coordinator_reminder

REMINDER_INTERVAL = timedelta(days=7)
MIN_INACTIVE = timedelta(days=7)
MAX_PER_BATCH = 200


class ReminderRefused(Exception):
    """Nothing was sent; the message says why."""


class SkipReason(StrEnum):
    RECENTLY_REMINDED = "recently_reminded"
    RECENTLY_ACTIVE = "recently_active"
    PAUSED = "paused"


@dataclass(frozen=True)
class Skipped:
    learner: User
    reason: SkipReason
    since: datetime | None = None  # the last reminder, or the last activity


@dataclass(frozen=True)
class RemindersQueued:
    batch: ReminderBatch
    sent: list[User]
    skipped: list[Skipped]


def send_coordinator_reminders(
    *, actor: User, learner_ids: Collection[int], now: datetime | None = None
) -> RemindersQueued:
    """Queue one reminder per chosen learner who may get one; skip (and say why) the others.

    Refuses the whole request, sending nothing, when any chosen learner is not one the actor
    may see: a forged form never reaches another organisation's learners.
    """
    now = now or timezone.now()
    ids = set(learner_ids)
    if not ids:
        raise ReminderRefused(_("Please choose at least one learner."))
    if len(ids) > MAX_PER_BATCH:
        raise ReminderRefused(_("Please choose at most %(max)d learners at a time.")
                              % {"max": MAX_PER_BATCH})
    with transaction.atomic():
        # Locking the learners makes a double click (or two coordinators) wait here, so the
        # second one sees the first one's reminders and skips them.
        learners = list(learners_visible_to(actor).filter(pk__in=ids)
                        .select_for_update(of=("self",)).order_by("full_name", "email"))
        if len(learners) != len(ids):
            raise ReminderRefused(_(
                "Some of the chosen learners are not learners of your organisation. Nothing "
                "was sent."))
        to_send, skipped = _sort_out(learners, now)
        batch = ReminderBatch.objects.create(
            sent_by=actor, sent_by_email=actor.email,
            partner_id=actor.partner_id,
            message=ReminderMessage.INACTIVITY, recipients=len(to_send), skipped=len(skipped),
            created_at=now)
        reminders = CoordinatorReminder.objects.bulk_create(
            CoordinatorReminder(batch=batch, learner=learner, queued_at=now,
                                language=learner.preferred_language)
            for learner in to_send)
        for reminder in reminders:
            transaction.on_commit(lambda pk=reminder.pk: send_coordinator_reminder.enqueue(pk))
    return RemindersQueued(batch=batch, sent=to_send, skipped=skipped)


def _sort_out(learners: list[User], now: datetime) -> tuple[list[User], list[Skipped]]:
    ids = [learner.pk for learner in learners]
    reminded = dict(CoordinatorReminder.objects.filter(
        learner__in=ids, queued_at__gt=now - REMINDER_INTERVAL)
        .values("learner").annotate(last=Max("queued_at")).values_list("learner", "last"))
    activity = last_activity_of(ids)
    to_send: list[User] = []
    skipped: list[Skipped] = []
    for learner in learners:
        active_at = activity.get(learner.pk) or learner.date_joined
        if not learner.is_active:
            skipped.append(Skipped(learner, SkipReason.PAUSED))
        elif learner.pk in reminded:
            skipped.append(Skipped(learner, SkipReason.RECENTLY_REMINDED, reminded[learner.pk]))
        elif active_at > now - MIN_INACTIVE:
            skipped.append(Skipped(learner, SkipReason.RECENTLY_ACTIVE, active_at))
        else:
            to_send.append(learner)
    return to_send, skipped
