"""Item statistics survive a stored attempt that cannot be replayed: left out, counted, said."""

import pytest
from django.urls import reverse

from microcred.assessment.services import start_attempt, submit_attempt
from microcred.assessment.stats import item_report
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.curriculum.models import Module, ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.testing.course import publish_without_review
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(tmp_path):
    import_curriculum(path=write_curriculum(tmp_path, modules=1, items=True))
    publish_without_review(ModuleVersion.objects.get())
    return Module.objects.get()


def _finished(learner, module, **damage):
    complete_module(learner, module.code)
    attempt = start_attempt(learner=learner, module=module)
    attempt.answers = key_for(attempt)
    attempt.save()
    attempt = submit_attempt(attempt=attempt)
    for field, value in damage.items():
        setattr(attempt, field, value)
    attempt.save()
    return attempt


@pytest.fixture
def one_good_two_bad(module, learner, other_partner_learner):
    _finished(learner, module)
    # What the demo stored before: a form that holds nothing to replay.
    _finished(other_partner_learner, module, form={})
    _finished(UserFactory(), module, result={"items": "not a list"})


def test_a_bad_stored_attempt_is_left_out_and_counted(module, one_good_two_bad):
    report = item_report(module)
    assert report.skipped == 2
    assert {row.item_id for row in report.rows} == {"M01-Q01", "M01-Q02"}
    assert all(row.responses == 1 and row.facility == 1 for row in report.rows)


def test_the_statistics_page_says_how_many_tests_it_left_out(client, reviewer, module,
                                                              one_good_two_bad):
    client.force_login(reviewer)
    page = client.get(reverse("assessment:statistics", args=[module.code]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "2 finished tests could not be read" in text
    assert "M01-Q02" in text


def test_the_pilot_report_opens_and_says_how_many_tests_it_left_out(client, reviewer,
                                                                    one_good_two_bad):
    client.force_login(reviewer)
    page = client.get(reverse("review:pilot_report"))
    assert page.status_code == 200
    assert "2 finished tests were left out of these statistics" in page.content.decode()
