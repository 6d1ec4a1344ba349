"""Migration 0004: banks stored per module become part of the module's live versions."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("assessment", "0003_itembank_version")]
AFTER = [("assessment", "0004_itembank_attach_to_versions")]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.transactional]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


def test_the_newest_bank_goes_to_each_live_version_and_into_its_fingerprint():
    apps = _migrate(BEFORE)
    try:
        curriculum = apps.get_model("curriculum", "Curriculum").objects.create(code="C")
        module = apps.get_model("curriculum", "Module").objects.create(
            curriculum=curriculum, code="M01", folder="01", order=1)
        version = apps.get_model("curriculum", "ModuleVersion").objects

        def make(number, state):
            return version.create(module=module, number=number, state=state,
                                  content_hash=f"hash{number}", hours=1)

        old, published, draft = make(1, "superseded"), make(2, "published"), make(3, "draft")
        bank = apps.get_model("assessment", "ItemBank").objects
        bank.create(module=module, number=1, fingerprint="f1", source="old")
        bank.create(module=module, number=2, fingerprint="f2", source="newest")

        apps = _migrate(AFTER)
        bank = apps.get_model("assessment", "ItemBank").objects
        version = apps.get_model("curriculum", "ModuleVersion").objects
        assert not bank.filter(version_id=old.pk).exists()
        for live in (published, draft):
            attached = bank.get(version_id=live.pk)
            assert attached.source == "newest"
            expected = hashlib.sha256(f"hash{live.number}+f2".encode()).hexdigest()
            assert version.get(pk=live.pk).content_hash == expected
        assert bank.get(number=1).version_id is None  # kept for its attempts
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
