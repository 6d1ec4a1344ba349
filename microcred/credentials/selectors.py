"""Reads for the public pages of our credentials."""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any
from uuid import UUID

from django.db import connection
from django.http import Http404

from microcred.core.sql import columns_of, json_text, nulls_of, pk_parameter, rows_in_parts
from microcred.credentials import verify_cache
from microcred.credentials.models import IssuedCredential, IssuerKey, StatusList
from microcred.credentials.verify_cache import StoredDocument


@dataclass(frozen=True)
class StoredCredential:
    """What the verify page reads of one of our credentials on every view."""

    signed: StoredDocument  # the signed document, decoded once per worker, and its digest
    # The status list the credential's bit is in, as signed ({} before its first signing),
    # under its id as the list's address ends (verification.fetch_json).
    status_lists: dict[str, Any]
    # Under the DID the document names as its issuer, every key on record for it (an empty
    # list: none); {} if the document names no issuer by id. What checking the signature's key
    # would read again (verification.verify_stored_credential).
    issuer_keys: dict[str, list[IssuerKey]]


def stored_credential(credential_id: UUID) -> StoredCredential:
    """The signed document of one of our credentials exactly as stored (404 if none), its
    status list and its issuer's keys, in one statement: the verify page (a certificate's QR
    code) reads all three on every view, so the check does not read them again."""
    return _read("id", pk_parameter(IssuedCredential, credential_id))


def shared_credential(token: str) -> StoredCredential:
    """The same for the credential a learner shares under `token` (404 if none, or no more)."""
    return _read("share_token", token)


def _read(column: str, value: object) -> StoredCredential:
    rows = rows_in_parts(_stored_credential_sql(column), [value, value], [3, IssuerKey])
    found = next((part for part, key in rows if key is None), None)
    if found is None:
        raise Http404
    document_text, list_id, list_text = found  # JSON fields come as text from both drivers
    signed = verify_cache.stored(document_text)
    named = signed.document.get("issuer")
    issuer_id = named.get("id") if isinstance(named, dict) else None  # as the statement reads it
    return StoredCredential(
        signed,
        {str(list_id): json.loads(list_text)},
        {issuer_id: [key for _, key in rows if key is not None]}
        if isinstance(issuer_id, str) else {},
    )


@cache
def _stored_credential_sql(column: str) -> str:
    """By `column` (twice): the credential's row (document, status list id and list), then one
    row per key of the DID its document names as issuer, as wide (the other columns NULL)."""
    quote = connection.ops.quote_name
    credentials = quote(IssuedCredential._meta.db_table)
    return (
        f"SELECT c.document, s.id, s.signed_credential, {nulls_of(IssuerKey)} "  # noqa: S608 - names from the models
        f"FROM {credentials} c "
        f"JOIN {quote(StatusList._meta.db_table)} s ON s.id = c.status_list_id "
        f"WHERE c.{quote(column)} = %s "
        f"UNION ALL SELECT NULL, NULL, NULL, {columns_of(IssuerKey, 'k')} "
        f"FROM {quote(IssuerKey._meta.db_table)} k WHERE k.{quote('did')} = ("
        f"SELECT {json_text('named.document', 'issuer', 'id')} FROM {credentials} named "
        f"WHERE named.{quote(column)} = %s)"
    )
