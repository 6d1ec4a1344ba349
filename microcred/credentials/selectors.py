"""Reads for the public pages of our credentials."""

from uuid import UUID

from django.http import Http404

from microcred.core.sql import value_by_pk
from microcred.credentials import verify_cache
from microcred.credentials.models import IssuedCredential
from microcred.credentials.verify_cache import StoredDocument


def stored_document(credential_id: UUID) -> StoredDocument:
    """The signed document of one of our credentials, exactly as stored (404 if none), with its
    digest: all the verify page (a certificate's QR code) needs, read on every view and decoded
    once per worker for the same stored text (verify_cache.stored)."""
    try:
        text = value_by_pk(IssuedCredential, "document", credential_id, decode=False)
    except LookupError:
        raise Http404 from None
    return verify_cache.stored(text)  # JSON fields come as text from both databases' drivers
