"""Shape and validity period of credentials and presentations, VC Data Model 2.0 and 1.1.

- VC 2.0 section 4.3 (@context: an ordered set whose first item is the VC 2.0 context, then
  URLs or objects), 4.4 (``id`` is a URL), 4.5 (``type`` includes VerifiableCredential /
  VerifiablePresentation), 4.7 (``issuer`` is a URL or an object with an ``id`` URL), 4.8
  (``credentialSubject`` is one or more objects), 4.9 (``validFrom``/``validUntil`` optional
  dateTimeStamps, validFrom not after validUntil), 4.10 (status entries have a ``type``), 4.13
  (presentations: ``holder`` a URL or object with ``id``; ``verifiableCredential`` objects).
- VC 1.1 (first context ``https://www.w3.org/2018/credentials/v1``), sections 4.6 and 4.7:
  ``issuanceDate`` is required, ``expirationDate`` optional; ``issued`` is informational.

Each violation is an error: a credential that does not follow the data model is not one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from vckit.dates import parse_datetime
from vckit.documents import VC_V1, VC_V2
from vckit.verify_report import Report

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
# VC 1.1 allowed xsd:dateTime without a time zone; such values are read as UTC.
_NO_OFFSET = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$")


def is_url(value: object) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def vc_version(document: Mapping[str, Any]) -> int | None:
    """2 or 1 from the first @context item; None when it is neither."""
    contexts = document.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    return {VC_V2: 2, VC_V1: 1}.get(first) if isinstance(first, str) else None


def check_context(document: Mapping[str, Any], what: str, report: Report) -> int | None:
    """VC 2.0 4.3 / VC 1.1 4.1; returns the data model version, None (and an error) if bad."""
    contexts = document.get("@context")
    version = vc_version(document)
    if version is None:
        report.error(
            "CONTEXT_INVALID",
            f"The {what}'s @context must start with {VC_V2} (or {VC_V1} for VC 1.1).",
        )
        return None
    for item in _as_list(contexts)[1:]:
        if not (is_url(item) or isinstance(item, Mapping)):
            report.error("CONTEXT_INVALID", f"@context holds {item!r}: not a URL or an object.")
            return None
    return version


def _check_types(document: Mapping[str, Any], required: str, report: Report) -> None:
    types = document.get("type")
    if required not in _as_list(types) or not all(isinstance(t, str) for t in _as_list(types)):
        report.error("TYPE_INVALID", f"The type must include {required}.")


def _check_id(value: object, what: str, report: Report) -> None:
    if value is not None and not is_url(value):
        report.error("ID_INVALID", f"The {what} id {value!r} is not a URL.")


def check_credential_shape(credential: Mapping[str, Any], report: Report) -> int | None:
    """Everything VC 2.0 section 4 (or VC 1.1) requires of a credential, except dates."""
    version = check_context(credential, "credential", report)
    _check_types(credential, "VerifiableCredential", report)
    _check_id(credential.get("id"), "credential", report)
    issuer = credential.get("issuer")
    issuer_ref = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if issuer is None:
        report.error("ISSUER_MISSING", "The credential does not name its issuer.")
    elif not is_url(issuer_ref):
        report.error("ISSUER_INVALID", "The issuer must be a URL or an object with a URL id.")
    subjects = credential.get("credentialSubject")
    if (
        subjects is None
        or subjects == []
        or not all(isinstance(s, Mapping) for s in _as_list(subjects))
    ):
        report.error("SUBJECT_INVALID", "credentialSubject must be one or more objects.")
    else:
        for subject in _as_list(subjects):
            _check_id(subject.get("id"), "credentialSubject", report)
    for entry in _as_list(credential.get("credentialStatus", [])):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("type"), str | list):
            report.error("STATUS_ENTRY_INVALID", "Each credentialStatus needs a type.")
        else:
            _check_id(entry.get("id"), "credentialStatus", report)
    return version


def check_presentation_shape(presentation: Mapping[str, Any], report: Report) -> int | None:
    """VC 2.0 section 4.13: context, type, id, holder and embedded credentials."""
    version = check_context(presentation, "presentation", report)
    _check_types(presentation, "VerifiablePresentation", report)
    _check_id(presentation.get("id"), "presentation", report)
    holder = presentation.get("holder")
    if holder is not None:
        holder_ref = holder.get("id") if isinstance(holder, Mapping) else holder
        if not is_url(holder_ref):
            report.error("HOLDER_INVALID", "The holder must be a URL or an object with a URL id.")
    for item in _as_list(presentation.get("verifiableCredential", [])):
        if not isinstance(item, Mapping):
            report.error("CREDENTIAL_INVALID", "verifiableCredential must hold credential objects.")
    return version


def _date(
    credential: Mapping[str, Any], name: str, lenient: bool, report: Report
) -> datetime | None:
    if name not in credential:
        return None
    value = credential[name]
    if lenient and isinstance(value, str) and _NO_OFFSET.match(value):
        value += "Z"
    try:
        return parse_datetime(value)
    except ValueError as exc:
        report.error("VALIDITY_DATE_INVALID", f"{name}: {exc}")
        return None


def check_validity_period(
    credential: Mapping[str, Any], version: int | None, now: datetime, report: Report
) -> None:
    """VC 2.0 4.9 (validFrom/validUntil, both optional) or VC 1.1 (issuanceDate required,
    expirationDate optional; the 1.1 context also defines validFrom/validUntil, which some
    issuers add): NOT_YET_VALID before a start, EXPIRED after an end."""
    periods = [("validFrom", "validUntil")]
    if version == 1:
        if "issuanceDate" not in credential:
            report.error("VALIDITY_DATE_INVALID", "A VC 1.1 credential needs an issuanceDate.")
        _date(credential, "issued", True, report)
        periods.insert(0, ("issuanceDate", "expirationDate"))
    for start_name, end_name in periods:
        _check_period(credential, start_name, end_name, version == 1, now, report)


def _check_period(
    credential: Mapping[str, Any],
    start_name: str,
    end_name: str,
    lenient: bool,
    now: datetime,
    report: Report,
) -> None:
    start = _date(credential, start_name, lenient, report)
    end = _date(credential, end_name, lenient, report)
    if start is not None and end is not None and end < start:
        report.error("VALIDITY_DATE_INVALID", f"{end_name} is before {start_name}.")
        return
    if start is not None:
        if now < start:
            report.error("NOT_YET_VALID", f"The credential is not valid before {start}.")
        else:
            report.checks.append(start_name)
    if end is not None:
        if now > end:
            report.error("EXPIRED", f"The credential expired on {end}.")
        else:
            report.checks.append(end_name)
