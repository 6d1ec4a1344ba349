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


def statement_cursor() -> Any:
    """On PostgreSQL, a cursor whose statements the server plans once per connection
    (core/postgresql, decision 0031); Django's own cursor elsewhere."""
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared is not None else connection.cursor()


def value_by_pk(model: type[Model], field_name: str, pk: Any, *, decode: bool = True) -> Any:
    """One field of the row with primary key `pk`, decoded as the ORM would (or as the driver
    gives it, `decode=False`: a JSON field's text); LookupError if none."""
    sql, column, converters = _value_by_pk_statement(model, field_name)
    with statement_cursor() as cursor:
        cursor.execute(sql, [pk_parameter(model, pk)])
        row = cursor.fetchone()
    if row is None:
        raise LookupError(f"no {model._meta.label} {pk}")
    value = row[0]
    if not decode:
        return value
    for convert in converters:
        value = convert(value, column, connection)
    return value


def pk_parameter(model: type[Model], pk: Any) -> Any:
    """`pk` (a string from an address, say) as the statement's parameter for `model`'s primary
    key, converted as the ORM would."""
    primary_key = model._meta.pk
    return primary_key.get_db_prep_value(primary_key.to_python(pk), connection)


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
    """The rows whose `column` equals `value`, as model instances, in no particular order."""
    return [instance for instance, _ in instances(model, _rows_where_sql(model, column), [value])]


@cache
def _rows_where_sql(model: type[Model], column: str) -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {columns_of(model)} FROM {quote(model._meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE {quote(column)} = %s"
    )


def columns_of(model: type[Model], alias: str = "") -> str:
    """The select list `instances` reads a row of `model` from: every concrete column, in the
    model's order, under the table `alias` if given."""
    quote = connection.ops.quote_name
    prefix = f"{alias}." if alias else ""
    return ", ".join(f"{prefix}{quote(field.column)}" for field in model._meta.concrete_fields)


def nulls_of(model: type[Model]) -> str:
    """NULL in place of each column of `columns_of(model)`, cast to the column's type: for the
    other branches of a UNION whose rows are as wide as several tables' (a branch of NULLs alone
    has no type on PostgreSQL)."""
    return ", ".join(f"CAST(NULL AS {field.cast_db_type(connection)})"
                     for field in model._meta.concrete_fields)


def json_text(column: str, *keys: str) -> str:
    """SQL for the text at `keys` inside the JSON `column` (NULL where there is none, or where a
    step is not an object), on PostgreSQL (jsonb) and SQLite alike. `keys` are ours, never
    input: they are written into the statement."""
    if connection.vendor == "postgresql":
        return f"({column} #>> '{{{','.join(keys)}}}')"
    return f"json_extract({column}, '$.{'.'.join(keys)}')"


def instances(model: type[M], sql: str, params: list[Any]) -> list[tuple[M, tuple[Any, ...]]]:
    """Run `sql`, whose select list starts with `columns_of(model)`, and return each row as a
    model instance with the ORM's conversions, and the row's further columns as they came.

    What `raw()` does, without its per-call work (reading the cursor's column names, matching
    them to fields, finding converters: more than half of a one-row read's time, issue #19)."""
    width = len(_loader(model)[0])
    return [(_instance(model, row[:width]), row[width:]) for row in _fetch(sql, params)]


def rows_in_parts(sql: str, params: list[Any], layout: list[type[Model] | int]) -> list[list[Any]]:
    """Run `sql` and cut each row into the parts `layout` names, in order: a model takes the
    columns of `columns_of(model)` and becomes an instance (None where its primary key is NULL,
    an outer join that found nothing); a number n takes n columns as they came (a tuple).

    For a page that reads rows of several tables in one statement (issue #19)."""
    cuts = _cuts(tuple(layout))
    found = []
    for row in _fetch(sql, params):
        parts: list[Any] = []
        for start, end, model, primary_key in cuts:
            if model is None:
                parts.append(row[start:end])
            elif row[primary_key] is None:
                parts.append(None)
            else:
                parts.append(_instance(model, row[start:end]))
        found.append(parts)
    return found


@cache
def _cuts(layout: tuple[type[Model] | int, ...]) -> list[tuple[int, int, Any, int]]:
    """Each part's columns (start, end), its model (None for plain values) and where in the row
    its primary key is."""
    cuts = []
    start = 0
    for part in layout:
        if isinstance(part, int):
            cuts.append((start, start + part, None, -1))
            start += part
            continue
        names = _loader(part)[0]
        cuts.append((start, start + len(names), part, start + names.index(part._meta.pk.attname)))
        start += len(names)
    return cuts


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with statement_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _instance(model: type[M], values: tuple[Any, ...]) -> M:
    names, converters = _loader(model)
    converted = list(values)
    for index, column, convert in converters:
        converted[index] = convert(converted[index], column, connection)
    return model.from_db(connection.alias, names, converted)


@cache
def _loader(model: type[Model]) -> tuple[list[str], list[tuple[int, Any, Any]]]:
    """The attribute names `from_db` takes, and each column's converters (the backend's, then
    the field's, as compiler.get_converters orders them)."""
    fields = model._meta.concrete_fields
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(model._meta.db_table)
        for convert in connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        ):
            converters.append((index, column, convert))
    return [field.attname for field in fields], converters
