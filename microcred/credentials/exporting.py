"""Write every issued credential, the status lists and the DID documents as files.

Every file is made from the stored signed credential: the OB3 file is that document, the ELM
file is derived from it (``vckit.signed``), never from today's rows. A record that cannot be
exported is reported and skipped; it never stops the export of the others.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from microcred.credentials import issuer
from microcred.credentials.models import IssuedCredential, StatusList
from vckit import elm, signed


@dataclass
class ExportResult:
    credentials: int = 0
    status_lists: int = 0
    placeholders: int = 0  # records that hold no signed credential (synthetic demo rows)
    problems: list[str] = field(default_factory=list)  # one line per other record skipped


def _write(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def is_signed(credential: IssuedCredential) -> bool:
    """Whether the record holds a signed credential (synthetic demo rows hold none)."""
    document = credential.document
    return isinstance(document, dict) and isinstance(document.get("proof"), (dict, list))


def elm_document(credential: IssuedCredential, *, email: str) -> dict:
    """The ELM/Europass version of the signed credential (unsealed; see docs/annex1-mapping.md).

    Raises ``signed.UnreadableCredential`` for a record that is not a readable signed
    credential and ``ValueError`` for what ELM cannot carry (e.g. an issuer without a legal
    identifier)."""
    read = signed.read(credential.document)
    return elm.build(issuer=read.issuer, spec=read.spec, recipient=read.recipient(email),
                     award=read.award)


def _export_one(credential: IssuedCredential, out: Path, fmt: str) -> str | None:
    """Write one signed credential; the reason it was skipped, or None when it was written."""
    if fmt == "ob3":
        _write(out / "credentials" / f"{credential.pk}.json", credential.document)
        return None
    if credential.learner is None:
        # The learner erased their account: the signed credential stays, no new copies.
        return _("the learner's account was deleted (exported in OB3 only)")
    try:
        document = elm_document(credential, email=credential.learner.email)
    except ValueError as error:  # UnreadableCredential is a ValueError too
        return str(error)
    _write(out / "credentials" / f"{credential.pk}-elm.json", document)
    return None


def export_all(out: Path, *, fmt: str = "ob3") -> ExportResult:
    """Files for auditors, backups and migration, in OB3 (the signed JSON) or ELM."""
    result = ExportResult()
    credentials = (IssuedCredential.objects.select_related("spec", "learner")
                   .order_by("issued_at", "pk"))
    for credential in credentials.iterator(chunk_size=500):
        if not is_signed(credential):
            result.placeholders += 1
            continue
        problem = _export_one(credential, out, fmt)
        if problem is None:
            result.credentials += 1
        else:
            result.problems.append(f"{credential.spec.code} {credential.pk}: {problem}")
    for status in StatusList.objects.exclude(signed_credential={}):
        _write(out / "status-lists" / f"{status.pk}.json", status.signed_credential)
        result.status_lists += 1
    for controller in issuer.published_dids():
        # Laid out as did:web resolves them: did.json, partners/<slug>/did.json.
        path = controller.removeprefix(issuer.consortium_did()).replace(":", "/").strip("/")
        _write(out / path / "did.json", issuer.did_document(controller))
    return result
