"""The registry behind "Download my data" and "Delete my account" (GDPR Art. 15, 17 and 20).

accounts is the lowest app: it cannot know what learning, assessment, credentials or review keep
about a person. So each app registers, from its AppConfig.ready(), a section for its own data:
how to export it, what to do just before the account row is deleted (anonymise what must stay),
and which relations to the user model it answers for. A test walks every relation to the user
model and fails when one is in no section and on no "not exported" list with a reason.

Apps also register how to tell that someone used the platform recently (for the inactivity
rule) and their own retention rules (rows that expire by age), all applied by
`services_retention.purge_expired_data`.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User

EXPORT_FORMAT = "microcred-personal-data/1"

Collect = Callable[[User], Any]
# erase(user=..., now=...) runs inside the deletion's transaction, before the user row goes;
# it returns counts for the anonymous audit entry, e.g. {"attempts_anonymised": 2}.
Erase = Callable[..., dict[str, int]]
# active_since(moment) -> a queryset of user ids that did something at or after `moment`.
ActiveSince = Callable[[datetime], QuerySet]
# expired(cutoff) -> a queryset of the rows older than `cutoff`, deleted by the purge.
Expired = Callable[[datetime], QuerySet]


@dataclass(frozen=True)
class Section:
    name: str
    collect: Collect
    covers: tuple[str, ...] = ()  # "app_label.Model.field" relations to the user it exports
    erase: Erase | None = None


@dataclass(frozen=True)
class RetentionRule:
    name: str
    setting: str  # the number of days, from settings; 0 turns the rule off
    expired: Expired


_sections: dict[str, Section] = {}
_not_exported: dict[str, str] = {}
_activity: dict[str, ActiveSince] = {}
_retention: dict[str, RetentionRule] = {}


def register_section(
    name: str, collect: Collect, *, covers: tuple[str, ...] = (), erase: Erase | None = None
) -> None:
    """Add (or replace: ready() may run twice in tests) one part of the data export."""
    _sections[name] = Section(name=name, collect=collect, covers=covers, erase=erase)


def register_not_exported(relation: str, reason: str) -> None:
    """A relation to the user model deliberately left out of the export, and why."""
    _not_exported[relation] = reason


def register_activity(name: str, active_since: ActiveSince) -> None:
    _activity[name] = active_since


def register_retention_rule(name: str, *, setting: str, expired: Expired) -> None:
    _retention[name] = RetentionRule(name=name, setting=setting, expired=expired)


def sections() -> list[Section]:
    return list(_sections.values())


def not_exported() -> dict[str, str]:
    return dict(_not_exported)


def activity_sources() -> list[ActiveSince]:
    return list(_activity.values())


def retention_rules() -> list[RetentionRule]:
    return list(_retention.values())


def export_personal_data(*, user: User, now: datetime | None = None) -> dict[str, Any]:
    """Everything the platform holds about `user`, section by section (Art. 15 and 20)."""
    now = now or timezone.now()
    data: dict[str, Any] = {
        "about_this_file": {
            "format": EXPORT_FORMAT,
            "created_at": now,
            "platform": settings.SITE_URL,
            "explanation": _(
                "This file holds all the personal data Microcred keeps about you, in JSON, a "
                "format that computers and many programs can read. You can open it with any text "
                "editor. Test questions are listed with the answers you gave and your results, "
                "not with the correct answers."
            ),
        }
    }
    for section in sections():
        data[section.name] = section.collect(user)
    return data


def export_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")
