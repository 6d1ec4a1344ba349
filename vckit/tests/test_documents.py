"""The offline document loader serves bundled contexts only, byte-checked."""

import hashlib
import json

import pytest

from vckit import documents


def test_every_bundled_context_matches_its_recorded_sha256() -> None:
    documents.verify_bundle()
    for entry in documents.BUNDLED.values():
        assert hashlib.sha256(entry.path.read_bytes()).hexdigest() == entry.sha256


def test_the_vc_v2_context_is_the_one_whose_digest_the_w3c_published() -> None:
    entry = documents.BUNDLED[documents.VC_V2]
    assert entry.sha256 == "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"


def test_an_unknown_context_is_an_error_not_a_download() -> None:
    with pytest.raises(documents.UnknownContextError, match="not bundled"):
        documents.load_document("https://evil.example/context.jsonld")


def test_a_tampered_context_file_is_refused(tmp_path, monkeypatch) -> None:
    for entry in documents.BUNDLED.values():
        (tmp_path / entry.file).write_bytes(entry.path.read_bytes())
    tampered = tmp_path / documents.BUNDLED[documents.ANNEX1_V1].file
    tampered.write_bytes(tampered.read_bytes().replace(b"isPartOf", b"isPartoF"))
    monkeypatch.setattr(documents, "CONTEXTS_DIR", tmp_path)
    with pytest.raises(documents.ContextIntegrityError):
        documents.verify_bundle()


def test_load_document_returns_a_private_copy() -> None:
    first = documents.load_document(documents.ANNEX1_V1)
    first["@context"]["isPartOf"] = "mutated"
    second = documents.load_document(documents.ANNEX1_V1)
    assert second["@context"]["isPartOf"] != "mutated"
    assert json.loads(documents.BUNDLED[documents.ANNEX1_V1].path.read_text()) == second
