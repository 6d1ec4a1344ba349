"""The incremental KPI refresh shows exactly what a full recount shows, after every kind of
change a learner's figures can go through (docs/decisions/0028-incremental-kpi-refresh.md)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.models import ConsentRecord, DeletionReason, User
from microcred.accounts.roles import Role
from microcred.accounts.services_deletion import delete_account
from microcred.assessment.models import Attempt, ItemBank
from microcred.credentials.models import CredentialSpec, IssuedCredential, StatusList
from microcred.curriculum.models import Module
from microcred.learning.models import LearnerProfile, ModuleProgress
from microcred.reporting import services
from microcred.reporting.kpis import STORED
from microcred.reporting.models import KpiRollup, KpiStatus
from microcred.reporting.services import refresh_kpis
from microcred.review.models import Cohort, CohortMembership
from microcred.testing.factories import UserFactory


def _figures() -> list[tuple[object, ...]]:
    """Every rollup row as the dashboard reads it (ids aside)."""
    return sorted(
        (str(row.cohort_id), row.month, str(row.partner_id), row.employment_status,
         row.skill_level, row.language, *(getattr(row, name) for name in STORED))
        for row in KpiRollup.objects.all())


@pytest.fixture
def counted(kpi_data, monkeypatch):
    """The fixture's records as if long counted: it wrote them all just before its refresh,
    which the next refresh would rightly recount as possibly committed late."""
    ModuleProgress.objects.update(updated_at=timezone.now() - timedelta(days=1))
    monkeypatch.setattr(services, "LATE_COMMIT_MARGIN", timedelta(0))
    return kpi_data


def _by_number(kpi_data, number):
    return kpi_data[number].learner


def _a_mix_of_changes(kpi_data, other_partner) -> None:
    """What a busy quarter of an hour brings, and a few rarer late changes."""
    now = timezone.now()
    modules = {m.code: m for m in Module.objects.select_related("published_version")}
    status_list = StatusList.objects.first()
    # A newcomer without a partner organisation who finishes a module and passes its test.
    newcomer = UserFactory(partner=None, password=None, preferred_language="el")
    LearnerProfile.objects.create(user=newcomer, employment_status="employed", skill_level="low",
                                  last_activity_at=now)
    ConsentRecord.objects.create(user=newcomer, version=CONSENT_VERSION)
    m01 = modules["M01"]
    ModuleProgress.objects.create(learner=newcomer, module=m01, version=m01.published_version,
                                  completed_at=now)
    Attempt.objects.create(learner=newcomer, module=m01, module_version=m01.published_version,
                           bank=ItemBank.objects.get(module=m01), number=1, seed=1, form={},
                           language="el", submitted_at=now, percent=95, passed=True)
    IssuedCredential.objects.create(
        learner=newcomer, spec=CredentialSpec.objects.get(code="M01"), language="el", document={},
        module_version=m01.published_version, status_list=status_list,
        status_index=IssuedCredential.objects.count(), recipient_name="N", recipient_salt="s")
    # An earlier learner's test and module, months after they joined.
    idle = next(record for record in kpi_data if not record.completed).learner
    for progress in ModuleProgress.objects.filter(learner=idle):
        progress.completed_at = now
        progress.save()
    # Learner 1's module credential is revoked: their full-course credential, issued an hour
    # before the fixture's refresh, stays; the month they count as certified may move.
    IssuedCredential.objects.filter(learner=_by_number(kpi_data, 1), spec__code="M01").update(
        revoked_at=now)
    # Consent withdrawn, an answer changed, a partner and a language changed: no timestamps.
    ConsentRecord.objects.filter(user=_by_number(kpi_data, 2)).update(withdrawn_at=now)
    LearnerProfile.objects.filter(user=_by_number(kpi_data, 3)).update(
        employment_status="job_seeking", skill_level="medium")
    User.objects.filter(pk=_by_number(kpi_data, 5).pk).update(partner=other_partner)
    User.objects.filter(pk=_by_number(kpi_data, 6).pk).update(preferred_language="it")
    # Erased under the GDPR, and a learner who became a coordinator.
    delete_account(user=_by_number(kpi_data, 4), reason=DeletionReason.SELF)
    _by_number(kpi_data, 8).groups.add(Group.objects.get_or_create(name=Role.COORDINATOR)[0])
    # One joins a cohort, one leaves theirs.
    cohort = Cohort.objects.order_by("pk").first()
    CohortMembership.objects.get_or_create(cohort=cohort, learner=_by_number(kpi_data, 9))
    CohortMembership.objects.filter(learner=_by_number(kpi_data, 12)).delete()


@pytest.mark.django_db
def test_an_incremental_refresh_shows_what_a_full_recount_shows(kpi_data, other_partner,
                                                                monkeypatch):
    # A third of these few learners change; at scale that share would mean a full recount.
    monkeypatch.setattr(services, "FULL_RECOUNT_SHARE", 1.0)
    _a_mix_of_changes(kpi_data, other_partner)
    # Three weeks on, too: some learners are no longer active in the last 30 days.
    later = timezone.now() + timedelta(days=21)
    before = _figures()

    result = refresh_kpis(now=later)
    incremental = _figures()
    refresh_kpis(now=later, full=True)

    assert result.recounted is not None
    assert 0 < result.recounted < len(kpi_data)
    assert incremental != before
    assert incremental == _figures()


@pytest.mark.django_db
def test_a_refresh_without_changes_recounts_nobody_and_changes_nothing(counted):
    before = _figures()

    result = refresh_kpis()

    assert result.recounted == 0
    assert _figures() == before


@pytest.mark.django_db
def test_a_new_module_shows_after_an_incremental_refresh(counted):
    idle = next(record for record in counted if not record.completed).learner
    before = sum(KpiRollup.objects.filter(cohort__isnull=True)
                 .values_list("modules_completed", flat=True))
    ModuleProgress.objects.filter(learner=idle).update(completed_at=timezone.now())

    result = refresh_kpis()

    assert result.recounted == 1
    assert KpiStatus.objects.get().recounted == 1
    after = sum(KpiRollup.objects.filter(cohort__isnull=True)
                .values_list("modules_completed", flat=True))
    assert after == before + 1
