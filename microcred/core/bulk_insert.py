"""Insert many new rows of one model in one statement, their JSON documents included.

Django's bulk_create on PostgreSQL sends each column as one array parameter (INSERT ... SELECT
FROM UNNEST). For a JSON column that is a jsonb[] array, and psycopg quotes every element of it
in Python, character by character: a quarter of issuing a cohort of signed credentials (#19).
Here the rows travel instead as one JSON text, encoded by the standard library's C encoder and
quoted once by libpq, and PostgreSQL expands it into rows with jsonb_to_recordset. The stored
values are the same as bulk_create's (a JSON column is jsonb either way). Other databases keep
bulk_create, which has no such cost there.
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Sequence

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper


def insert_new(objs: Sequence[models.Model]) -> None:
    """INSERT `objs` (new instances of one model) in one statement.

    Like bulk_create, but an automatic primary key is not read back (the database fills it in;
    give the model a client-side key, such as a UUID default, when callers need it). A unique
    constraint that stops the insert raises IntegrityError, as bulk_create does. The rows go
    as one parameter, so the caller keeps batches to a sensible size (issuance: 100).
    """
    if not objs:
        return
    model = type(objs[0])
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and isinstance(field, models.AutoField))
    ]
    if connection.vendor != "postgresql" or any(
        getattr(field, "encoder", None) for field in fields
    ):
        # (A JSON column with its own encoder is left to Django, which knows how to call it.)
        model._default_manager.using(using).bulk_create(objs)
        return
    rows = [{field.column: _value(field, obj, connection) for field in fields} for obj in objs]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    # The record's column types are the table's, so PostgreSQL converts each value as an INSERT
    # of a literal would (a JSON string to a varchar, a timestamp or a numeric; jsonb as is).
    types = ", ".join(f"{quote(field.column)} {field.db_type(connection)}" for field in fields)
    # Only names and types from the model's metadata are spliced in; the values are a parameter.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT {columns} FROM jsonb_to_recordset(%s::jsonb) AS rows({types})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(rows, default=_json_scalar, separators=(",", ":"))])
    for obj in objs:  # saved: a later save() updates the row rather than inserting it again
        obj._state.adding = False
        obj._state.db = using


def _value(field: models.Field, obj: models.Model, connection: BaseDatabaseWrapper) -> object:
    value = field.pre_save(obj, add=True)  # fills auto_now_add timestamps, as an insert does
    if isinstance(field, models.JSONField):
        return value  # nested as JSON, not as a string holding JSON
    return field.get_db_prep_save(value, connection)


def _json_scalar(value: object) -> str:
    """The text PostgreSQL reads back into the column's type."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"no JSON form for {type(value).__name__} in a bulk insert")
