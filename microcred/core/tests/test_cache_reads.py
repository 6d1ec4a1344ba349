"""The per-page read from Redis on the worker's own connection (decision 0034): the values
`cache.get_many` gives, and a broken connection costs nothing but a second try."""

import datetime

import pytest
import redis
from django.core.cache import cache

from microcred.core import cache_reads

pytestmark = pytest.mark.usefixtures("redis_settings")

VALUES = {
    "count": 17,  # stored as a plain integer (incr)
    "text": "Καλημέρα",
    "record": {"when": datetime.datetime(2026, 12, 7, tzinfo=datetime.UTC), "list": [1, 2]},
    "flag": True,
}


def test_the_values_are_those_the_cache_gives():
    cache.set_many(VALUES)
    keys = [*VALUES, "missing"]
    assert cache_reads.get_many(keys) == cache.get_many(keys) == VALUES


def test_the_read_is_one_command_on_the_workers_connection_not_through_the_client(
    monkeypatch,
):
    cache.set_many(VALUES)
    assert cache_reads.get_many(list(VALUES)) == VALUES  # the connection is made
    through_client, sent = [], []
    real_client, real_send = redis.Redis.execute_command, redis.Connection.send_command

    def client_command(self, *args, **options):
        through_client.append(args[0])
        return real_client(self, *args, **options)

    def send(self, *args, **options):
        sent.append(args[0])
        return real_send(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", client_command)
    monkeypatch.setattr(redis.Connection, "send_command", send)
    assert cache_reads.get_many(list(VALUES)) == VALUES
    assert sent == ["MGET"]
    assert through_client == []


def test_a_change_by_another_writer_shows_at_the_next_read():
    cache.set("count", 1)
    assert cache_reads.get_many(["count"]) == {"count": 1}
    cache.incr("count")
    assert cache_reads.get_many(["count"]) == {"count": 2}


def test_a_connection_the_server_closed_is_replaced_and_the_read_still_answers():
    cache.set("count", 5)
    assert cache_reads.get_many(["count"]) == {"count": 5}
    ours = cache_reads._local.connection
    ours.send_command("CLIENT", "ID")
    client_id = ours.read_response()
    redis.Redis.from_url(cache._cache._servers[0]).client_kill_filter(_id=client_id)
    assert cache_reads.get_many(["count"]) == {"count": 5}  # through the library, this once
    assert cache_reads.get_many(["count"]) == {"count": 5}  # and on a new connection
    assert cache_reads._local.connection is not ours


def test_a_new_cache_setting_gets_a_new_connection(settings):
    cache.set("count", 3)
    assert cache_reads.get_many(["count"]) == {"count": 3}
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "KEY_PREFIX": "another"},
    }
    assert cache_reads.get_many(["count"]) == {}  # another key prefix: nothing there yet
