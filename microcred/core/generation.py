"""Generations: counters in the shared cache that say "this content changed".

Per-worker caches (the course cache, the page cache) put a generation in their keys, so an entry
is never changed, only left behind: a writer bumps the generation and every worker, at its next
read of it, builds the content again. Readers read the generation *before* the database; writers
bump it at once and again after their transaction commits, so a reader that saw the new
generation also sees the committed content, and one that cached the old content in between
stored it under a generation the second bump leaves behind.
"""

import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

from microcred.core import cache_reads, shared_reads


class Generation:
    """A counter in the shared cache, bumped by every writer of some content."""

    def __init__(self, key: str, on_bump: Callable[[], None] | None = None) -> None:
        self.key = key
        shared_reads.read_with_every_session(key)  # read with the session, in one round trip
        # Called at each bump, before the counter moves (the course cache forgets its request memo).
        self.on_bump = on_bump

    def current(self) -> int:
        value = shared_reads.take(self.key)
        if value is None:
            value = cache_reads.get_many([self.key]).get(self.key)
        if value is None:
            # From the clock, not from 1: after an eviction or a flush, a new count never lands
            # on a generation some worker still holds entries for.
            cache.add(self.key, time.time_ns(), timeout=None)
            value = cache.get(self.key)
        return int(value)

    def bump(self) -> None:
        """The content changed: every worker builds what shows it again."""
        self._bump()
        transaction.on_commit(self._bump)  # again once other connections see the change

    def _bump(self) -> None:
        if self.on_bump is not None:
            self.on_bump()
        shared_reads.forget(self.key)
        try:
            cache.incr(self.key)
        except ValueError:  # no generation yet (or evicted): any fresh one is new
            cache.add(self.key, time.time_ns(), timeout=None)
