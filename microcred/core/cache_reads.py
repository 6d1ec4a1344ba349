"""The one read from the shared cache that every page makes, on a connection the worker keeps
(issue #19, decision 0034).

Each page reads the shared cache once: a logged-in page its session and the generations in one
`MGET` (core/shared_reads.py), a public page its generation (core/generation.py). Through
Django's cache and redis-py's client, that one command cost about 120 us of CPU in the worker
(a new client object, the pool's checks on every checkout, retries, events, metrics), against
45 us for the same command sent on a redis-py connection directly; on a two-core server the
difference was a tenth of what a page costs.

So `get_many` sends the `MGET` on a redis-py connection of its own, one per worker thread, made
from the cache's own connection settings (address, database, password, TLS, timeouts), and
decodes the values with the cache's own serializer and keys: the same values `cache.get_many`
would return. redis-py still speaks the protocol, connects, and disconnects on any error. If the
command fails for any reason, the values are read again the usual way, through the library, with
its retries and its errors, so a failure behaves exactly as before. Any other cache backend (the
database cache, without Redis) is read the usual way too.
"""

import contextlib
import os
import threading
from collections.abc import Sequence
from typing import Any

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache

_local = threading.local()


def get_many(keys: Sequence[str]) -> dict[str, Any]:
    """What `cache.get_many(keys)` returns (the default cache), in one round trip."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(cache, RedisCache) or not keys:
        return cache.get_many(keys)
    names = [cache.make_and_validate_key(key) for key in keys]
    try:
        connection = _connection(cache)
        connection.send_command("MGET", *names)
        values = connection.read_response()
    except Exception:
        _forget_connection()
        return cache.get_many(keys)  # the library's own way: its retries, its errors
    loads = cache._cache._serializer.loads
    return {key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None}


def _connection(cache: RedisCache) -> Any:
    """This thread's connection to the server `cache` reads from, made as its pool makes them
    (a new one for a new pool: the settings changed)."""
    pool = cache._cache._get_connection_pool(write=False)
    if getattr(_local, "pool", None) is not pool:
        _forget_connection()
        _local.connection, _local.pool = pool.connection_class(**pool.connection_kwargs), pool
    return _local.connection


def _forget_connection() -> None:
    found = getattr(_local, "connection", None)
    _local.connection = _local.pool = None
    if found is not None:
        with contextlib.suppress(Exception):  # already broken: the next read makes a new one
            found.disconnect()


def _after_fork() -> None:
    """A forked worker (gunicorn's) never writes to its parent's socket: it makes its own."""
    _local.connection = _local.pool = None


os.register_at_fork(after_in_child=_after_fork)
