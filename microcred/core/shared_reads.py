"""One round trip to the shared cache for what a logged-in request reads there (issue #19).

A logged-in page read two keys from the shared cache (Redis in production) one after the other:
its session, then the course generation (core/generation.py), each a network round trip. This
middleware asks for the session and every generation in one `get_many` when the request carries
a session cookie; the session store (core/cached_sessions.py) and the generations take their
value from here instead of asking again. Anonymous requests read one key at most and are left
alone.

Safe for both readers:
- a generation taken from here was read at the start of the request, so still *before* the
  request reads the database (the order core/generation.py needs); a bump during the request
  forgets it (`forget`), so later reads in the request see the new count;
- a value is taken once, by the exact key it was read under; a key that was missing, or is asked
  for again, is read the usual way. Nothing outlives the request.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_KEY_PREFIX
from django.core.cache import DEFAULT_CACHE_ALIAS
from django.http import HttpRequest, HttpResponse

from microcred.core import cache_reads

_read: ContextVar[dict[str, Any] | None] = ContextVar("shared_reads", default=None)
# The generations' keys (registered as they are made): read with every session.
_generation_keys: list[str] = []
CACHED_SESSIONS_ENGINE = "microcred.core.cached_sessions"


def read_with_every_session(key: str) -> None:
    if key not in _generation_keys:
        _generation_keys.append(key)


def take(key: str) -> Any | None:
    """The value read for `key` at the start of this request, once; None if there is none."""
    found = _read.get()
    return found.pop(key, None) if found else None


def forget(key: str) -> None:
    found = _read.get()
    if found:
        found.pop(key, None)


class SharedReadsMiddleware:
    """Before SessionMiddleware: the session and the generations in one round trip."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if (
            not session_key
            or settings.SESSION_ENGINE != CACHED_SESSIONS_ENGINE
            or settings.SESSION_CACHE_ALIAS != DEFAULT_CACHE_ALIAS  # the generations' cache
        ):
            return self.get_response(request)
        # The key cached_sessions.SessionStore reads (cached_db's `cache_key`).
        keys = [SESSION_KEY_PREFIX + session_key, *_generation_keys]
        try:
            found = cache_reads.get_many(keys)
        except Exception:  # each reader then reads on its own, and handles it as before
            found = {}
        token = _read.set(found)
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)
