"""Write every issued credential, the status lists and the DID document as files."""

import json
from pathlib import Path

from microcred.credentials import issuer, mapping
from microcred.credentials.models import IssuedCredential, StatusList
from vckit import elm


def _write(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def export_all(out: Path, *, fmt: str = "ob3") -> dict[str, int]:
    """Files for auditors, backups and migration. ELM needs the learner's e-mail (accounts that
    were deleted are exported in OB3 only: the signed credential stays, the person is gone)."""
    counts = {"credentials": 0, "skipped": 0, "status_lists": 0}
    credentials = (IssuedCredential.objects.select_related("spec", "learner", "status_list",
                                                           "module_version__module")
                   .order_by("issued_at"))
    for credential in credentials.iterator(chunk_size=500):
        if fmt == "ob3":
            _write(out / "credentials" / f"{credential.pk}.json", credential.document)
        elif credential.learner is None:
            counts["skipped"] += 1
            continue
        else:
            inputs = mapping.credential_inputs(credential, email=credential.learner.email,
                                               valid_from=credential.issued_at)
            _write(out / "credentials" / f"{credential.pk}-elm.json", elm.build(**inputs))
        counts["credentials"] += 1
    for status in StatusList.objects.exclude(signed_credential={}):
        _write(out / "status-lists" / f"{status.pk}.json", status.signed_credential)
        counts["status_lists"] += 1
    for controller in issuer.published_dids():
        # Laid out as did:web resolves them: did.json, partners/<slug>/did.json.
        path = controller.removeprefix(issuer.consortium_did()).replace(":", "/").strip("/")
        _write(out / path / "did.json", issuer.did_document(controller))
    return counts
