"""Reads on the busiest pages, as statements built once per process (issue #19).

Django's ORM builds a query's SQL again on every call; for the one-row reads every page view
makes (a credential's document on its verify page, a status list, a learner's progress), the
building cost three to five times the reading (0.35-0.55 ms against 0.1 ms in process). These
helpers write the SQL once from the models' own table and column names and decode values with
the models' own fields, as the ORM would, on SQLite and PostgreSQL alike. Decision 0030 lists
every read written this way and why.
"""

from functools import cache
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

M = TypeVar("M", bound=Model)


def value_by_pk(model: type[Model], field_name: str, pk: Any) -> Any:
    """One field of the row with primary key `pk`, decoded as the ORM would; LookupError if none."""
    primary_key = model._meta.pk
    prepared = primary_key.get_db_prep_value(primary_key.to_python(pk), connection)
    sql, column, converters = _value_by_pk_statement(model, field_name)
    with connection.cursor() as cursor:
        cursor.execute(sql, [prepared])
        row = cursor.fetchone()
    if row is None:
        raise LookupError(f"no {model._meta.label} {pk}")
    value = row[0]
    for convert in converters:
        value = convert(value, column, connection)
    return value


@cache
def _value_by_pk_statement(model: type[Model], field_name: str) -> tuple[str, Any, list]:
    """The statement, the column as an expression, and the converters the ORM would apply
    (the backend's, then the field's: compiler.get_converters)."""
    quote = connection.ops.quote_name
    field = model._meta.get_field(field_name)
    column = field.get_col(model._meta.db_table)
    sql = (
        f"SELECT {quote(field.column)} FROM {quote(model._meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    return sql, column, converters


def rows_where(model: type[M], column: str, value: Any) -> list[M]:
    """The rows whose `column` equals `value`, as model instances (`raw()`: the ORM's own
    conversions), in no particular order."""
    return list(model._default_manager.raw(_rows_where_sql(model, column), [value]))


@cache
def _rows_where_sql(model: type[Model], column: str) -> str:
    quote = connection.ops.quote_name
    return f"SELECT * FROM {quote(model._meta.db_table)} WHERE {quote(column)} = %s"  # noqa: S608 - names from the model
