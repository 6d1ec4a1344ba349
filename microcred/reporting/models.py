"""Pre-counted KPI figures: the dashboard reads these, never the millions of progress rows.

`services.refresh_kpis` keeps every row up to date from the learning, assessment and credential
tables (docs/decisions/0006-kpi-rollups.md, 0028-incremental-kpi-refresh.md); nothing else
writes here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.review.models import Cohort

STATUS_PK = 1  # KpiStatus has exactly one row


class KpiCounts(models.Model):
    """The figures a rollup row holds, and the share of them one learner adds (KpiLedger)."""

    # Filed under the month the learner joined; `active` is as of the refresh.
    enrolled = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0)
    # Filed under the month the event happened.
    modules_completed = models.PositiveIntegerField(default=0)
    assessments_taken = models.PositiveIntegerField(default=0)
    assessments_passed = models.PositiveIntegerField(default=0)
    credentials_issued = models.PositiveIntegerField(default=0)
    credentials_revoked = models.PositiveIntegerField(default=0)
    course_credentials = models.PositiveIntegerField(default=0)
    # Learners, filed under the month of their first submitted test / first valid credential.
    learners_assessed = models.PositiveIntegerField(default=0)
    learners_certified = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class KpiRollup(KpiCounts):
    """Counts for one month and one group of learners (partner x work x skills x language).

    A row without a cohort counts every learner; a row with a cohort counts only that cohort's
    members, so a learner in two cohorts is counted once in each cohort and once overall.
    Learner figures (enrolled, active, assessed, certified) can be added up across rows because
    each learner belongs to exactly one group and is filed under one month per figure.
    """

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    month = models.DateField(_("month"))
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    employment_status = models.CharField(_("work situation"), max_length=20, blank=True)
    skill_level = models.CharField(_("digital skills (self-check)"), max_length=10, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    class Meta:
        verbose_name = _("KPI figures")
        verbose_name_plural = _("KPI figures")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.partner_id} {self.cohort_id}"


class KpiStatus(models.Model):
    """One row: when the figures were last rebuilt, and whether a rebuild has been asked for."""

    refreshed_at = models.DateTimeField(_("figures as of"), null=True, blank=True)
    requested_at = models.DateTimeField(_("refresh requested"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("refresh took (ms)"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # Learners recounted by the last refresh; None: it recounted everyone.
    recounted = models.PositiveIntegerField(_("learners recounted"), null=True, blank=True)

    class Meta:
        verbose_name = _("KPI refresh status")
        verbose_name_plural = _("KPI refresh status")

    def __str__(self) -> str:
        return f"KPIs as of {self.refreshed_at}"

    @property
    def is_pending(self) -> bool:
        return self.requested_at is not None and (
            self.refreshed_at is None or self.requested_at > self.refreshed_at
        )


class KpiLedger(KpiCounts):
    """What one learner adds to the rollups in one month: the incremental refresh takes these
    away and puts fresh ones in for the few learners who changed, instead of recounting
    everyone (docs/decisions/0028-incremental-kpi-refresh.md).

    A plain learner id, no foreign key: the rows of a learner who erased their account must
    outlive the account, or the figures could not lose what that learner added. Rows hold counts
    and the learner's group, nothing that identifies a person; they go at the next refresh.
    Several rows may share a learner and month (one per source table); only sums matter.
    """

    learner_id = models.BigIntegerField(db_index=True)
    month = models.DateField()
    partner_id = models.BigIntegerField(null=True)
    employment_status = models.CharField(max_length=20, blank=True)
    skill_level = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=8, blank=True)
    def __str__(self) -> str:
        return f"{self.month:%Y-%m} learner {self.learner_id}"


class KpiCohortPlace(models.Model):
    """The cohort places the ledger was counted with: a learner's rows count once in each."""

    learner_id = models.BigIntegerField(db_index=True)
    cohort_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"learner {self.learner_id} in cohort {self.cohort_id}"
