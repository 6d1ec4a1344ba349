"""The coordination app's part of "Download my data" (microcred/accounts/privacy.py).

Reminders a coordinator sent to the learner go with the account (CASCADE); the batch that sent
them keeps only counts and the sender.
"""

from typing import Any

from microcred.accounts.models import User
from microcred.accounts.privacy import register_not_exported, register_section
from microcred.coordination.models import CoordinatorReminder


def _reminders(user: User) -> list[dict[str, Any]]:
    reminders = (CoordinatorReminder.objects.filter(learner=user).select_related("batch")
                 .order_by("queued_at"))
    return [
        {"message": r.batch.message, "language": r.language, "queued_at": r.queued_at,
         "sent_at": r.sent_at}
        for r in reminders
    ]


register_section("reminders_from_your_coordinator", _reminders,
                 covers=("coordination.CoordinatorReminder.learner",))
register_not_exported("coordination.ReminderBatch.sent_by",
                      "the coordinator who sent a batch of reminders; each learner's export lists "
                      "the reminders they received")
