"""The server-side sessions of given people: shown in their export, removed with their account.

Django keeps no index from a user to their sessions, so the unexpired ones are read and decoded
in one pass (a few thousand rows on a busy day). Only the database session engines keep rows we
can read; with another engine there is nothing stored here to export or delete.
"""

from collections import defaultdict
from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session

DATABASE_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
    "microcred.core.cached_sessions",
)


def sessions_by_user(user_ids: set[int], *, now: datetime) -> dict[int, list[Session]]:
    """Unexpired sessions signed in as one of `user_ids`, per user."""
    found: dict[int, list[Session]] = defaultdict(list)
    if not user_ids or settings.SESSION_ENGINE not in DATABASE_ENGINES:
        return found
    wanted = {str(pk): pk for pk in user_ids}
    for session in Session.objects.filter(expire_date__gt=now).iterator(chunk_size=1000):
        user_id = session.get_decoded().get("_auth_user_id")
        if user_id in wanted:
            found[wanted[user_id]].append(session)
    return found


def delete_sessions(sessions: list[Session]) -> int:
    """Sign these sessions out everywhere (the cached_db engine also forgets its cache copy)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in sessions:
        store(session_key=session.session_key).delete()
    return len(sessions)
