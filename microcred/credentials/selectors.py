"""Reads for the public pages of our credentials."""

from functools import cache
from typing import Any
from uuid import UUID

from django.db import connection
from django.http import Http404

from microcred.credentials.models import IssuedCredential


def stored_document(credential_id: UUID) -> Any:
    """The signed document of one of our credentials, exactly as stored (404 if none).

    The verify page (a certificate's QR code, a shared link) needs the document alone, on every
    view. Its one query is written as SQL: the ORM's model query built the SQL of all 20-odd
    columns each time and cost several times the reading (issue #19). The JSON is decoded by
    the field itself, as the ORM would.
    """
    field = IssuedCredential._meta.get_field("document")
    pk = IssuedCredential._meta.pk.get_db_prep_value(credential_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(_document_sql(), [pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return field.from_db_value(row[0], None, connection)


@cache
def _document_sql() -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {quote('document')} FROM {quote(IssuedCredential._meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE {quote(IssuedCredential._meta.pk.column)} = %s"
    )
