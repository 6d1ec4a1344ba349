"""Checking a credential's status entries: Bitstring Status List v1.0 and StatusList2021.

- Bitstring Status List v1.0 section 2.1 (BitstringStatusListEntry: ``statusPurpose``,
  ``statusListIndex``, ``statusListCredential``, optional ``statusSize``/``statusMessage``),
  section 3.2 (validate: fetch the list credential, verify it, check it was issued by the
  credential's issuer and has the same purpose, expand it, read ``statusSize`` bits at
  ``statusListIndex * statusSize``);
- W3C CCG StatusList2021 (``StatusList2021Entry`` in a ``StatusList2021Credential``, one bit).

Purposes: ``revocation`` and ``suspension`` set make the credential REVOKED / SUSPENDED; any
other purpose (``message``, ``refresh``...) is reported as a warning. A list that cannot be
fetched, verified or understood means the status could NOT be checked: never "not revoked".
Several entries are all checked; each list is fetched once per verification.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from vckit import status_list
from vckit.verify_report import Problem, Report, Revocation

FetchStatusList = Callable[[str], Mapping[str, Any]]
# Verifies a status list credential (proof, issuer key, dates); returns its errors.
VerifyList = Callable[[Mapping[str, Any]], list[Problem]]

# entry type -> (list credential type, list subject type)
ENTRY_TYPES = {
    "BitstringStatusListEntry": ("BitstringStatusListCredential", "BitstringStatusList"),
    "StatusList2021Entry": ("StatusList2021Credential", "StatusList2021"),
}


class _NotChecked(Exception):
    """The status could not be checked; the message says why (English)."""


def _types(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _index(entry: Mapping[str, Any], name: str, default: int | None = None) -> int:
    value = entry.get(name, default)
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{name} is missing or not an integer")
    number = int(str(value))
    if number < 0:
        raise ValueError(f"{name} is negative")
    return number


class StatusChecker:
    """Checks the status entries of one credential; caches lists for this verification."""

    def __init__(
        self, issuer: str | None, fetch: FetchStatusList | None, verify_list: VerifyList
    ) -> None:
        self.issuer = issuer
        self.fetch = fetch
        self.verify_list = verify_list
        self._lists: dict[tuple[str, str], tuple[tuple[str, ...], bytes] | _NotChecked] = {}

    def _list(self, url: str, entry_type: str) -> tuple[tuple[str, ...], bytes]:
        if (url, entry_type) not in self._lists:
            try:
                self._lists[url, entry_type] = self._load(url, entry_type)
            except _NotChecked as exc:
                self._lists[url, entry_type] = exc
        found = self._lists[url, entry_type]
        if isinstance(found, _NotChecked):
            raise found
        return found

    def _load(self, url: str, entry_type: str) -> tuple[tuple[str, ...], bytes]:
        if self.fetch is None:
            raise _NotChecked(f"{url} was not fetched.")
        try:
            credential = self.fetch(url)
        except Exception as exc:  # the injected fetcher may fail in its own ways
            raise _NotChecked(f"{url}: {exc}") from exc
        if not isinstance(credential, Mapping):
            raise _NotChecked(f"{url} is not a status list credential.")
        problems = self.verify_list(credential)
        if problems:
            raise _NotChecked("; ".join(problem.message for problem in problems))
        issuer = credential.get("issuer")
        issuer = issuer.get("id") if isinstance(issuer, Mapping) else issuer
        if issuer != self.issuer:
            raise _NotChecked("the status list has a different issuer.")
        credential_type, subject_type = ENTRY_TYPES[entry_type]
        if credential_type not in _types(credential.get("type")):
            raise _NotChecked(f"{url} is not a {credential_type}.")
        subject = credential.get("credentialSubject")
        if not isinstance(subject, Mapping) or subject_type not in _types(subject.get("type")):
            raise _NotChecked(f"the list's credentialSubject is not a {subject_type}.")
        # BSL 1.0 section 2.2: the list's statusPurpose is one or more strings.
        purposes = tuple(_types(subject.get("statusPurpose")))
        encoded = subject.get("encodedList")
        if not all(isinstance(p, str) for p in purposes) or not isinstance(encoded, str):
            raise _NotChecked("the list has no statusPurpose or encodedList.")
        try:
            # StatusList2021 lists are base64url without the multibase "u"; Bitstring adds it.
            return purposes, status_list.decode(
                encoded if encoded.startswith("u") else "u" + encoded
            )
        except status_list.StatusListError as exc:
            raise _NotChecked(str(exc)) from exc

    def check(self, credential: Mapping[str, Any], report: Report) -> Revocation:
        """Check every credentialStatus entry; errors and warnings go to ``report``."""
        entries = credential.get("credentialStatus")
        if entries is None:
            return Revocation.NO_STATUS
        outcome = Revocation.NOT_REVOKED
        errors_before = len(report.errors)
        for entry in _types(entries):
            found = self._check_entry(entry, report)
            if found is Revocation.REVOKED or (
                found is Revocation.UNKNOWN and outcome is Revocation.NOT_REVOKED
            ):
                outcome = found
        if len(report.errors) == errors_before:
            report.checks.append("status")
        return outcome

    def _check_entry(self, entry: object, report: Report) -> Revocation:
        entry_type = entry.get("type") if isinstance(entry, Mapping) else None
        if isinstance(entry_type, list) and len(entry_type) == 1:
            entry_type = entry_type[0]
        if (
            not isinstance(entry, Mapping)
            or not isinstance(entry_type, str)
            or (entry_type not in ENTRY_TYPES)
        ):
            report.error(
                "STATUS_UNSUPPORTED",
                f"Cannot check this kind of credential: status type {entry_type!r} is not "
                "supported.",
            )
            return Revocation.UNKNOWN
        purpose = entry.get("statusPurpose")
        url = entry.get("statusListCredential")
        try:
            index = _index(entry, "statusListIndex")
            size = _index(entry, "statusSize", 1) if entry_type == "BitstringStatusListEntry" else 1
            if not isinstance(purpose, str) or not isinstance(url, str) or size < 1:
                raise ValueError("statusPurpose and statusListCredential are required")
        except ValueError as exc:
            report.error("STATUS_ENTRY_INVALID", f"credentialStatus: {exc}.")
            return Revocation.UNKNOWN
        try:
            list_purposes, bits = self._list(url, str(entry_type))
        except _NotChecked as exc:
            report.error("STATUS_NOT_CHECKED", f"The status could not be checked: {exc}")
            return Revocation.UNKNOWN
        if purpose not in list_purposes:
            report.error(
                "STATUS_NOT_CHECKED",
                f"The status could not be checked: the list is for {', '.join(list_purposes)}, "
                f"not {purpose}.",
            )
            return Revocation.UNKNOWN
        try:
            value = sum(
                status_list.get_bit(bits, index * size + offset) << (size - 1 - offset)
                for offset in range(size)
            )
        except IndexError as exc:
            report.error("STATUS_ENTRY_INVALID", str(exc))
            return Revocation.UNKNOWN
        return self._report_value(entry, purpose, value, report)

    @staticmethod
    def _report_value(
        entry: Mapping[str, Any], purpose: str, value: int, report: Report
    ) -> Revocation:
        if purpose == status_list.REVOCATION:
            if value:
                report.error("REVOKED", "The issuer has revoked this credential.")
                return Revocation.REVOKED
            return Revocation.NOT_REVOKED
        if purpose == status_list.SUSPENSION:
            if value:
                report.error("SUSPENDED", "The issuer has suspended this credential.")
            return Revocation.NOT_REVOKED
        if value:
            message = _status_message(entry, value)
            report.warn("STATUS_SET", f"The issuer set the {purpose!r} status: {message}")
        return Revocation.NOT_REVOKED


def _status_message(entry: Mapping[str, Any], value: int) -> str:
    """Bitstring Status List 2.1: ``statusMessage`` maps hex values to messages."""
    for item in _types(entry.get("statusMessage", [])):
        if isinstance(item, Mapping) and item.get("status") in {hex(value), f"0x{value:X}"}:
            return str(item.get("message", hex(value)))
    return hex(value)
