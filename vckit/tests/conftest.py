"""Shared fixtures: an issuer with a did:web document, a status list, a signed credential."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from vckit import did, proof, status_list
from vckit.model import IssuerKey
from vckit.tests import samples

# Timing deadlines make property tests flaky on a busy 2-core machine; speed is benchmarked.
settings.register_profile("microcred", deadline=None)
settings.load_profile("microcred")

VECTORS = Path(__file__).parent / "vectors"


def vector_json(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def vector_text(name: str) -> str:
    return (VECTORS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def issuer_key() -> IssuerKey:
    return samples.key_from_label("current")


@pytest.fixture(scope="session")
def did_documents(issuer_key: IssuerKey) -> dict[str, dict[str, Any]]:
    """The issuer's did:web document, served by URL as a web server would."""
    document = did.did_document(samples.ISSUER_DID, [issuer_key])
    return {did.did_web_url(samples.ISSUER_DID): document}


@pytest.fixture(scope="session")
def resolver(did_documents: dict[str, dict[str, Any]]) -> did.Resolver:
    return did.Resolver(fetch=did_documents.__getitem__)


class StatusLists:
    """An in-memory status list endpoint: revoke(), then fetch() returns a fresh signed list."""

    def __init__(self, key: IssuerKey) -> None:
        self.key = key
        self.bits = status_list.new_bitstring()

    def revoke(self, index: int) -> None:
        status_list.set_bit(self.bits, index)

    def fetch(self, url: str) -> Mapping[str, Any]:
        assert url == samples.STATUS_LIST_URL
        unsigned = status_list.build_credential(
            list_url=url,
            issuer=samples.ISSUER_DID,
            bitstring=self.bits,
            valid_from=samples.VALID_FROM - timedelta(days=1),
        )
        return proof.sign(unsigned, self.key, samples.VALID_FROM - timedelta(days=1))


@pytest.fixture
def status_lists(issuer_key: IssuerKey) -> StatusLists:
    return StatusLists(issuer_key)


@pytest.fixture(scope="session")
def signed_credential(issuer_key: IssuerKey) -> dict[str, Any]:
    return proof.sign(samples.credential(), issuer_key, samples.VALID_FROM)


@pytest.fixture(scope="session")
def public_key_of(issuer_key: IssuerKey) -> Callable[[str], bytes]:
    def resolve(method: str) -> bytes:
        if method != issuer_key.verification_method:
            raise KeyError(method)
        return issuer_key.public_key_bytes

    return resolve
