"""Reads for the public pages of our credentials."""

from typing import Any
from uuid import UUID

from django.http import Http404

from microcred.core.sql import value_by_pk
from microcred.credentials.models import IssuedCredential


def stored_document(credential_id: UUID) -> Any:
    """The signed document of one of our credentials, exactly as stored (404 if none): all the
    verify page (a certificate's QR code, a shared link) needs, read on every view."""
    try:
        return value_by_pk(IssuedCredential, "document", credential_id)
    except LookupError:
        raise Http404 from None
