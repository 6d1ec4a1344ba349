"""The item bank is part of the module version: imported, versioned and published with it."""

import pytest

from microcred.assessment import banks
from microcred.assessment.items import ItemSpec, Option
from microcred.assessment.models import ItemBank
from microcred.assessment.services import start_attempt
from microcred.assessment.tests.exam_helpers import complete_module
from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.lifecycle import new_draft
from microcred.curriculum.models import ModuleVersion, VersionState
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db

@pytest.fixture
def content(tmp_path):
    return write_curriculum(tmp_path, modules=1, items=True)


def _edit_items(root, old: str, new: str) -> None:
    path = root / "01-module-1" / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _publish(version: ModuleVersion) -> ModuleVersion:
    # The Board's approval is the review app's business; here it is taken as given.
    return publish_without_review(version)


def test_the_import_stores_the_item_bank_with_its_module_version(content):
    version = import_curriculum(path=content).new_versions[0]
    bank = banks.bank_of(version)
    assert "Which one is a browser?" in bank.source
    assert import_curriculum(path=content).new_versions == []
    assert ItemBank.objects.count() == 1


def test_an_item_only_change_makes_a_new_draft_module_version(content):
    first = import_curriculum(path=content).new_versions[0]
    _edit_items(content, "Which one is a browser?", "Which one opens web pages?")
    report = import_curriculum(path=content)
    assert [str(version) for version in report.new_versions] == ["M01 v2"]
    draft = report.new_versions[0]
    assert draft.state == VersionState.DRAFT
    assert "Which one opens web pages?" in banks.bank_of(draft).source
    assert "Which one is a browser?" in banks.bank_of(first).source


def test_a_broken_item_is_reported_with_the_lessons_and_nothing_is_imported(content):
    _edit_items(content, "answer: true", "answer: maybe")
    with pytest.raises(ContentInvalid) as problems:
        import_curriculum(path=content)
    assert "01-module-1/items.yaml" in str(problems.value)
    assert not ModuleVersion.objects.exists()


def test_the_test_counts_in_the_workload_of_the_version(content):
    with_test = import_curriculum(path=content).new_versions[0]
    assert with_test.workload["test"] > 0


def test_a_draft_made_to_edit_lessons_keeps_the_test(content):
    published = _publish(import_curriculum(path=content).new_versions[0])
    draft = new_draft(version=published, actor=None)
    assert banks.bank_of(draft).source == banks.bank_of(published).source


def test_added_questions_wait_for_the_board_in_a_new_draft_version(content, learner):
    published = _publish(import_curriculum(path=content).new_versions[0])
    module = published.module
    new = ItemSpec("M01-NEW1", "M01-LO1", "single_choice", {"en": "Which one is an app?"},
                   options=(Option({"en": "A browser"}, True), Option({"en": "A cable"})))
    bank = banks.add_questions(module=module, items=[new], actor=None)
    assert bank.version.state == VersionState.DRAFT
    assert bank.version.number == 2
    assert "Which one is an app?" in bank.source
    assert banks.current_bank(module) == banks.bank_of(published)
    complete_module(learner, "M01")
    attempt = start_attempt(learner=learner, module=module)
    assert attempt.bank == banks.bank_of(published)
    assert "M01-NEW1" not in {item["id"] for item in attempt.form["items"]}


def test_questions_cannot_be_added_while_a_draft_is_open(content):
    draft = import_curriculum(path=content).new_versions[0]
    new = ItemSpec("M01-NEW1", "M01-LO1", "true_false", {"en": "Phones are computers."},
                   answer=True)
    with pytest.raises(ContentInvalid):
        banks.add_questions(module=draft.module, items=[new], actor=None)
    assert ModuleVersion.objects.count() == 1


def test_a_learner_who_started_on_the_old_version_finishes_it_and_new_learners_get_the_new(
    content, learner, other_partner_learner
):
    old = _publish(import_curriculum(path=content).new_versions[0])
    module = old.module
    complete_module(learner, "M01")
    started = start_attempt(learner=learner, module=module)
    _edit_items(content, "Which one is a browser?", "Which one opens web pages?")
    new = _publish(import_curriculum(path=content).new_versions[0])
    assert start_attempt(learner=learner, module=module) == started
    assert started.bank == banks.bank_of(old)
    assert started.module_version == old
    complete_module(other_partner_learner, "M01")
    fresh = start_attempt(learner=other_partner_learner, module=module)
    assert fresh.bank == banks.bank_of(new)
    assert fresh.module_version == new
