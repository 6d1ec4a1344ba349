"""Django's cached_db session engine, taking the session from the request's one round trip to
the shared cache when it is there (core/shared_reads.py, issue #19)."""

from typing import Any

from django.contrib.sessions.backends import cached_db

from microcred.core import shared_reads


class SessionStore(cached_db.SessionStore):
    def load(self) -> dict[str, Any]:
        found = shared_reads.take(self.cache_key)
        if found is not None:
            return found
        return super().load()
