"""Reads for the issuer pages: the credential list with its filters, the passed tests still
without a credential, and what a bulk issuance would issue."""

import contextlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from microcred.assessment.models import Attempt
from microcred.credentials.forms_issuer import REVOKED, VALID, CredentialFilters
from microcred.credentials.models import CredentialEvent, CredentialSpec, IssuedCredential

MAX_MISSING = 200


def list_credentials(filters: CredentialFilters) -> QuerySet[IssuedCredential]:
    """Issued credentials, newest first, matching every filter given; each with the
    short-list reason of its revocation (`reason_code`, from the audit trail)."""
    credentials = (
        IssuedCredential.objects.select_related("spec", "learner__partner")
        .defer("document")
        .order_by("-issued_at", "pk")
    )
    if filters.query:
        match = (
            Q(learner__email__icontains=filters.query)
            | Q(learner__full_name__icontains=filters.query)
            | Q(recipient_name__icontains=filters.query)
        )
        with contextlib.suppress(ValueError):
            match |= Q(pk=uuid.UUID(filters.query.removeprefix("urn:uuid:")))
        credentials = credentials.filter(match)
    if filters.spec is not None:
        credentials = credentials.filter(spec=filters.spec)
    if filters.partner is not None:
        credentials = credentials.filter(learner__partner=filters.partner)
    if filters.status == VALID:
        credentials = credentials.filter(revoked_at__isnull=True)
    elif filters.status == REVOKED:
        credentials = credentials.filter(revoked_at__isnull=False)
    if filters.issued_from is not None:
        credentials = credentials.filter(issued_at__gte=_start_of(filters.issued_from))
    if filters.issued_to is not None:
        credentials = credentials.filter(
            issued_at__lt=_start_of(filters.issued_to + timedelta(days=1))
        )
    revoked_event = CredentialEvent.objects.filter(credential=OuterRef("pk"), action="revoked")
    return credentials.annotate(
        reason_code=Subquery(revoked_event.order_by("-at").values("details__reason_code")[:1])
    )


def _start_of(day: date) -> datetime:
    """Midnight of `day` where the issuer is (the dates typed are local dates)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def list_missing_credentials() -> list[Attempt]:
    """Passed tests whose credential is not there (a worker was down, a name was missing)."""
    held = IssuedCredential.objects.filter(
        learner=OuterRef("learner"), spec__module=OuterRef("module")
    )
    # Attempts of deleted accounts stay anonymised for statistics: nobody to issue to.
    return list(
        Attempt.objects.filter(passed=True, learner__isnull=False)
        .exclude(Exists(held))
        .select_related("learner", "module")
        .order_by("submitted_at")[:MAX_MISSING]
    )


@dataclass(frozen=True)
class PlannedCredential:
    """One credential a bulk issuance would issue, as the issuer checks it beforehand."""

    attempt: Attempt
    spec: CredentialSpec | None  # None: the module's specification is created on issuing
    already_held: bool

    @property
    def signed_by(self) -> str | None:
        """The partner whose DID signs it; None: the consortium's."""
        partner = self.spec.issuing_partner if self.spec is not None else None
        return partner.name if partner is not None else None


def plan_issuance(attempt_ids: list[int]) -> list[PlannedCredential]:
    """What `services.issue_cohort` would do with these tests, without doing it: the passed
    tests of existing learners, each with its credential and whether it is already held."""
    attempts = list(
        Attempt.objects.filter(pk__in=attempt_ids, passed=True, learner__isnull=False)
        .select_related("learner", "module")
        .order_by("learner__full_name", "pk")
    )
    specs = {
        spec.module_id: spec
        for spec in CredentialSpec.objects.filter(
            module__in={attempt.module_id for attempt in attempts}, active=True
        ).select_related("awarding_body")
    }
    # A revoked module credential is never issued again by itself: it counts as held.
    held = set(
        IssuedCredential.objects.filter(
            learner__in={attempt.learner_id for attempt in attempts}, spec__module__in=specs
        ).values_list("learner_id", "spec__module_id")
    )
    return [
        PlannedCredential(
            attempt=attempt,
            spec=specs.get(attempt.module_id),
            already_held=(attempt.learner_id, attempt.module_id) in held,
        )
        for attempt in attempts
    ]
