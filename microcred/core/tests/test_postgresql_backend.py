"""Our PostgreSQL backend (decision 0031): a reused connection is checked without a round trip
and a dead one is replaced; the busiest reads are prepared, and only they."""

import datetime
import time

import pytest
from django.db import connection, connections

from microcred.accounts.models import User

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


@pytest.fixture
def reused():
    """A connection of our own, as a worker holds one between requests, with its real health
    checks counted."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    checks = []
    real_check = wrapper.is_usable

    def counted() -> bool:
        checks.append(1)
        return real_check()

    wrapper.is_usable = counted
    yield wrapper, checks
    wrapper.close()


def _next_request(wrapper) -> int:
    """What Django does between two requests, then the new request's first query: the pid of
    the server process that answered it."""
    wrapper.close_if_unusable_or_obsolete()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_the_settings_use_our_backend_with_health_checks_on():
    settings = connections["default"].settings_dict
    assert settings["ENGINE"] == "microcred.core.postgresql"
    assert settings["CONN_HEALTH_CHECKS"] is True


def test_a_healthy_reused_connection_costs_no_extra_statement(reused):
    wrapper, checks = reused
    first = _next_request(wrapper)
    second = _next_request(wrapper)
    assert second == first  # the same connection, reused
    assert checks == []  # and no SELECT 1 sent before the request's query


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(reused):
    wrapper, checks = reused
    ended = _next_request(wrapper)
    with connection.cursor() as cursor:  # as a restart or an administrator would
        cursor.execute("SELECT pg_terminate_backend(%s)", [ended])
    deadline = time.monotonic() + 5
    while not wrapper._server_spoke_while_idle() and time.monotonic() < deadline:
        time.sleep(0.01)

    answered_by = _next_request(wrapper)  # no error: the request gets a new connection

    assert answered_by != ended
    assert checks == [1]  # the real check ran, once, because the socket had something to say


def _prepared_statements(wrapper) -> list[str]:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_busiest_reads_are_prepared_and_answer_as_before(django_user_model):
    learner = django_user_model.objects.create_user("prepared@example.eu", "pw")
    loaded = [User.objects.get(pk=learner.pk) for _ in range(3)]  # what every logged-in page does
    list(User.objects.filter(email=learner.email))  # an ORM query: never prepared

    prepared = _prepared_statements(connection)
    # One statement (once more per parameter type psycopg chose, an int2 or an int4 id)
    assert [text for text in prepared if 'FROM "accounts_user" u' in text]
    assert not [text for text in prepared if '"accounts_user"."email"' in text]
    assert {user.email for user in loaded} == {learner.email}
    assert all(user.roles == frozenset() for user in loaded)


def test_the_busiest_reads_are_planned_once_not_at_every_execution(django_user_model):
    """The server would plan the lesson page's statement afresh at each execution otherwise."""
    learner = django_user_model.objects.create_user("planned@example.eu", "pw")
    for _ in range(8):  # the server weighs a generic plan after five executions
        User.objects.get(pk=learner.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                       "WHERE statement LIKE %s", ['%FROM "accounts_user" u%'])
        plans = cursor.fetchall()
    assert plans
    assert all(custom == 0 and generic >= 1 for generic, custom in plans)


def test_prepared_reads_can_be_turned_off_for_a_pooler():
    wrapper = connections.create_connection("default")
    wrapper.settings_dict = {
        **wrapper.settings_dict,
        "OPTIONS": {**wrapper.settings_dict["OPTIONS"], "prepared_reads": False},
    }
    try:
        with wrapper.prepared_cursor() as cursor:
            cursor.execute("SELECT %s::int", [7])
            assert cursor.fetchone() == (7,)
        assert _prepared_statements(wrapper) == []
        assert wrapper.connection.prepare_threshold is None  # Django's default: none at all
        with wrapper.cursor() as cursor:  # and the server's own plan choice
            cursor.execute("SHOW plan_cache_mode")
            assert cursor.fetchone() == ("auto",)
    finally:
        wrapper.close()


# Instants a page shows: with microseconds, from other offsets, across a DST change, far ahead.
_INSTANTS = [
    "2026-03-29T00:59:59.999999+00:00",
    "2026-03-29T03:00:00+03:00",
    "2026-10-25T01:30:00-05:00",
    "1999-12-31T23:59:59.5+14:00",
    "2199-01-01T00:00:00+00:00",
]


def _read_dates(wrapper, *, djangos_loader: bool = False) -> list:
    from django.db.backends.postgresql.psycopg_any import register_tzloader

    with wrapper.cursor() as cursor:
        if djangos_loader:
            register_tzloader(wrapper.timezone, cursor.cursor)
        cursor.execute("SELECT unnest(%s::timestamptz[])", [_INSTANTS])
        return [row[0] for row in cursor.fetchall()]


def test_dates_come_back_as_django_reads_them_through_psycopgs_own_loader():
    from psycopg.pq import Format

    from microcred.core.postgresql.base import _PSYCOPG_TIMESTAMPTZ_LOADER

    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    try:
        ours, djangos = _read_dates(wrapper), _read_dates(wrapper, djangos_loader=True)
        with wrapper.cursor() as cursor:  # the loader a cursor really uses for timestamptz
            loader = cursor.cursor.adapters.get_loader(1184, Format.TEXT)(1184, cursor.cursor)
    finally:
        wrapper.close()
    assert ours == djangos
    assert all(value.tzinfo is datetime.UTC for value in ours)
    assert type(loader) is _PSYCOPG_TIMESTAMPTZ_LOADER


def test_without_time_zone_support_djangos_own_loader_stays(settings):
    settings.USE_TZ = False
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    try:
        dates = _read_dates(wrapper)
    finally:
        wrapper.close()
    assert all(value.tzinfo is None for value in dates)  # naive, as Django gives them then
