"""Reads for the public pages of our credentials."""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any
from uuid import UUID

from django.db import connection
from django.http import Http404

from microcred.core.sql import pk_parameter, statement_cursor
from microcred.credentials import verify_cache
from microcred.credentials.models import IssuedCredential, StatusList
from microcred.credentials.verify_cache import StoredDocument


@dataclass(frozen=True)
class StoredCredential:
    """What the verify page reads of one of our credentials on every view."""

    signed: StoredDocument  # the signed document, decoded once per worker, and its digest
    # The status list the credential's bit is in, as signed ({} before its first signing),
    # under its id as the list's address ends (verification.fetch_json).
    status_lists: dict[str, Any]


def stored_credential(credential_id: UUID) -> StoredCredential:
    """The signed document of one of our credentials exactly as stored (404 if none), and its
    status list, in one statement: the verify page (a certificate's QR code) reads both on
    every view, so the list is not read again when the check asks for it."""
    return _read("id", pk_parameter(IssuedCredential, credential_id))


def shared_credential(token: str) -> StoredCredential:
    """The same for the credential a learner shares under `token` (404 if none, or no more)."""
    return _read("share_token", token)


def _read(column: str, value: object) -> StoredCredential:
    with statement_cursor() as cursor:
        cursor.execute(_stored_credential_sql(column), [value])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    document_text, list_id, list_text = row  # JSON fields come as text from both drivers
    return StoredCredential(verify_cache.stored(document_text),
                            {str(list_id): json.loads(list_text)})


@cache
def _stored_credential_sql(column: str) -> str:
    quote = connection.ops.quote_name
    return (
        "SELECT c.document, s.id, s.signed_credential "  # noqa: S608 - names from the models
        f"FROM {quote(IssuedCredential._meta.db_table)} c "
        f"JOIN {quote(StatusList._meta.db_table)} s ON s.id = c.status_list_id "
        f"WHERE c.{quote(column)} = %s"
    )
