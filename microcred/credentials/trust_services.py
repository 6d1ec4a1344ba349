"""Keep the trust list: add, change, remove and import issuers, each change audited."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from microcred.credentials import issuer
from microcred.credentials.models import CredentialEvent
from microcred.credentials.trust import TrustedIssuer

MAX_IMPORT_ROWS = 1000


def check_not_our_own(did: str) -> None:
    """Our own DIDs are always named from the deployment; a list entry must not rename them."""
    own = issuer.consortium_did()
    if did == own or did.startswith(f"{own}:{issuer.PARTNER_PATH}:"):
        raise ValidationError(
            _("%(did)s belongs to this platform: it is always trusted and needs no entry.")
            % {"did": did}, code="own_did")


def _audit(action: str, entry: TrustedIssuer, actor) -> None:
    CredentialEvent.objects.create(actor=actor, action=action, details={
        "did": entry.did, "name": entry.name, "country": entry.country})


@transaction.atomic
def save_trusted_issuer(*, entry: TrustedIssuer, actor) -> TrustedIssuer:
    """Validate and store a new or changed entry (the caller sets its fields)."""
    entry.full_clean()
    check_not_our_own(entry.did)
    created = entry.pk is None
    if created:
        entry.added_by = actor
    entry.save()
    _audit("trust_added" if created else "trust_changed", entry, actor)
    return entry


@transaction.atomic
def remove_trusted_issuer(*, entry: TrustedIssuer, actor) -> None:
    _audit("trust_removed", entry, actor)
    entry.delete()


@dataclass(frozen=True)
class ImportedRow:
    """What happened to one row of an imported file, for the report shown to the administrator."""

    number: int
    did: str
    outcome: str  # "added", "changed", "unchanged" or "skipped"
    message: str = ""


def _rows_of(data: Any) -> list[Any]:
    rows = data.get("issuers") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ValidationError(_("The file should hold a list of issuers, each with a DID, a name "
                                "and a country."))
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(_("The file has more than %(max)d issuers. Split it into smaller "
                                "files.") % {"max": MAX_IMPORT_ROWS})
    return rows


def _import_row(number: int, row: Any, actor) -> ImportedRow:
    if not isinstance(row, dict):
        return ImportedRow(number, "", "skipped", _("This row is not an object with a DID, a "
                                                    "name and a country."))
    did, name, country = (str(row.get(key) or "").strip() for key in ("did", "name", "country"))
    entry = TrustedIssuer.objects.filter(did=did).first() or TrustedIssuer(did=did)
    if entry.pk and (entry.name, entry.country) == (name, country.upper()):
        return ImportedRow(number, did, "unchanged")
    existed = entry.pk is not None
    entry.name, entry.country = name, country.upper()
    try:
        with transaction.atomic():
            save_trusted_issuer(entry=entry, actor=actor)
    except ValidationError as error:
        return ImportedRow(number, did, "skipped", " ".join(error.messages))
    return ImportedRow(number, did, "changed" if existed else "added")


def import_trust_list(*, data: Any, actor) -> list[ImportedRow]:
    """Add or update every valid row (matched on the DID); a bad row is reported and skipped."""
    return [_import_row(number, row, actor) for number, row in enumerate(_rows_of(data), start=1)]
