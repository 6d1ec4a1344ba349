"""Django's PostgreSQL backend, with two changes for the reads every page view makes (issue #19,
decision 0031).

**A health check without a round trip.** With CONN_HEALTH_CHECKS, Django sends `SELECT 1`
before the first query of every request that reuses a connection: on the lesson page, one
statement in four. What the check is for is a connection the server ended while it sat idle (a
restart, an idle timeout, a terminated backend). The server then either sends a FATAL message or
closes the socket, and either way the idle socket turns readable; an idle connection in good
health has nothing to read. So the socket is polled without waiting, and only a readable one
gets Django's real check (which fails on it and closes it). What the poll cannot see, a server
that vanished without a word (a cut network), the round trip would not have seen either until its
own timeout; the query fails instead, and Django closes the connection at the end of that request
(`errors_occurred`).

**Statements planned once per connection.** `prepared_cursor()` gives a cursor whose statements
the server parses and plans once per connection and then only executes (psycopg's prepared
statements, server-side binding). Only the statements written once for the busiest reads
(`core/sql.py`) use it: the ORM's own queries keep Django's default, client-side binding and
no preparing. Planning was most of what the database did for those reads (measured with
pgbench on the lesson page's three statements: 0.72 ms unprepared, 0.33 ms prepared). The
connection also sets `plan_cache_mode = force_generic_plan`: left to itself, the server plans a
prepared statement afresh for its values whenever its estimate for those values beats the
generic plan's, and it did so at every execution for the lesson page's statement (estimates
126 against 227; PostgreSQL's CPU per lesson page 0.62 ms against 0.24 ms). Our statements
look rows up by key, where the plan does not depend on the values. The setting touches nothing
else: the ORM's queries are not prepared, and we have no PL/pgSQL functions. A
connection pooler in transaction mode must pass prepared statements on (PgBouncer 1.21 and
later with `max_prepared_statements`); otherwise set OPTIONS `prepared_reads` to False
(`DB_PREPARED_READS=0`).

**Dates read by psycopg's own loader.** Django registers a Python subclass of psycopg's
timestamptz loader on every connection, so that each value comes back in Django's time zone.
Built for every cursor and run for every value in Python, it was 7 % of the lesson page's CPU
(its statement returns a dozen dates). Django's time zone is UTC (USE_TZ; PostgreSQL refuses a
TIME_ZONE of its own) and Django sets the session's time zone to UTC, and then psycopg's own
loader, written in C, returns the same values with the same `datetime.timezone.utc`. So on such
a connection psycopg's loader is registered back; anywhere else Django's stays.
"""

import datetime
import select
import sys
from typing import Any

from django.db.backends.postgresql import base, operations
from psycopg import adapters
from psycopg.pq import Format

PREPARED_READS_OPTION = "prepared_reads"


class PreparingCursor(base.ServerBindingCursor):
    """Every statement is prepared on the connection at its first execution."""

    def execute(self, query: Any, params: Any = None, **options: Any) -> "PreparingCursor":
        return super().execute(query, params, **{**options, "prepare": True})


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str | None:
        """The statement as logged and as tests capture it: a prepared statement's execution
        sends no text, so it is composed here the way server-side binding's is."""
        if isinstance(cursor, PreparingCursor):
            return self.compose_sql(sql, params)
        return super().last_executed_query(cursor, sql, params)


# psycopg prepares a statement when asked (`prepare=True`) or once it ran this many times;
# Django turns preparing off altogether (None). This many times never comes: only the
# statements a PreparingCursor runs are prepared.
ONLY_WHEN_ASKED = sys.maxsize

# psycopg's loader of timestamptz text: the C one when psycopg's binary build is installed.
_PSYCOPG_TIMESTAMPTZ_LOADER = adapters.get_loader(base.TIMESTAMPTZ_OID, Format.TEXT)


class _UtcTimestamptzLoader:
    """Makes psycopg's own loader for a cursor. A factory, as psycopg's C loader cannot be
    subclassed; `timezone` is what Django's `create_cursor` compares with its own before it
    would register its loader again on the cursor."""

    format = Format.TEXT
    timezone = datetime.UTC

    def __new__(cls, oid: int, context: Any = None) -> Any:
        return _PSYCOPG_TIMESTAMPTZ_LOADER(oid, context)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params.pop(PREPARED_READS_OPTION, None)  # ours, not the driver's
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if self._prepared_reads and connection.prepare_threshold is None:
            connection.prepare_threshold = ONLY_WHEN_ASKED
        return connection

    def _configure_connection(self, connection: Any) -> bool:
        """Django's settings for a new connection (the time zone, the role), and ours."""
        changed = super()._configure_connection(connection)
        if (
            self.timezone is datetime.UTC
            and connection.info.parameter_status("TimeZone") == "UTC"
        ):
            connection.adapters.register_loader("timestamptz", _UtcTimestamptzLoader)
        if self._prepared_reads:
            with connection.cursor() as cursor:
                cursor.execute("SET plan_cache_mode = force_generic_plan")
            changed = True
        return changed

    @property
    def _prepared_reads(self) -> bool:
        return bool(self.settings_dict["OPTIONS"].get(PREPARED_READS_OPTION, True))

    def prepared_cursor(self) -> Any:
        """A cursor (Django's wrapper: logged, errors translated) that prepares its statements;
        a plain one when OPTIONS `prepared_reads` is False."""
        if not self._prepared_reads:
            return self.cursor()
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = PreparingCursor(self.connection)
        return self._prepare_cursor(cursor)

    def close_if_health_check_failed(self) -> None:
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if self._server_spoke_while_idle() and not self.is_usable():
            self.close()
        self.health_check_done = True

    def _server_spoke_while_idle(self) -> bool:
        """Is there anything to read on the idle connection (a message or the end of it)?"""
        try:
            descriptor = self.connection.fileno()
        except base.Database.Error:  # the connection is already closed
            return True
        poller = select.poll()
        poller.register(descriptor, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
