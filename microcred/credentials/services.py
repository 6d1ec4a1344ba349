"""Issuing and revoking micro-credentials.

Exactly one credential per learner and specification, whatever happens (double clicks, retries,
a worker killed mid-batch, two workers at once): the database's unique constraint decides, and
the whole issuance (status bit, signature, record, audit) is one transaction.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation, User
from microcred.assessment.models import Attempt
from microcred.core.bulk_insert import insert_new
from microcred.credentials import issuer, mapping, status
from microcred.credentials.errors import CredentialError
from microcred.credentials.models import (
    COURSE_SPEC_CODE,
    CredentialEvent,
    CredentialSpec,
    IssuedCredential,
    StatusList,
)
from microcred.credentials.revocation import RevocationReason
from microcred.curriculum import course_rule
from microcred.curriculum.models import Curriculum, Module, ModuleVersion
from microcred.curriculum.text import configured_languages
from vckit import ob3, proof
from vckit.model import AchievementSpec, new_salt
from vckit.model import IssuerKey as SigningKey


@transaction.atomic
def sync_specs() -> list[CredentialSpec]:
    """One specification per module, stackable into one for the whole course."""
    curriculum = Curriculum.objects.first()
    course, _created = CredentialSpec.objects.get_or_create(
        code=COURSE_SPEC_CODE, defaults={"title": curriculum.course_credential.get("title", {})
                                 if curriculum else {}})
    specs = [course]
    for module in Module.objects.order_by("order"):
        spec, _created = CredentialSpec.objects.get_or_create(
            code=module.code, defaults={"module": module, "part_of": course})
        specs.append(spec)
    return specs


def _language(learner: User) -> str:
    return learner.preferred_language if learner.preferred_language in configured_languages() \
        else "en"


def issue_for_attempt(*, attempt_id: int, actor: User | None = None) -> IssuedCredential | None:
    """The module credential for a passed attempt (idempotent); None if it was not passed."""
    attempt = (Attempt.objects.select_related("learner", "module", "module_version__module")
               .filter(pk=attempt_id).first())
    if attempt is None or not attempt.passed or attempt.learner is None:
        return None  # not passed, or the learner deleted their account since
    spec = (CredentialSpec.objects.select_related("part_of")
            .filter(module=attempt.module, active=True).first())
    if spec is None:
        sync_specs()
        spec = CredentialSpec.objects.select_related("part_of").get(module=attempt.module)
    return issue_credential(learner=attempt.learner, spec=spec, attempt=attempt, actor=actor,
                            action="issued_automatically" if actor is None else "issued_manually")


@dataclass
class CohortResult:
    issued: list[IssuedCredential] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def issue_cohort(*, attempt_ids: list[int], actor: User | None = None,
                 chunk: int = 100) -> CohortResult:
    """Bulk issuance (a cohort after an exam session, or what a stopped worker left behind).

    Each chunk of a hundred is one transaction with set-based reads and writes (one status-bit
    allocation, one insert of records, one of audit events), so a cohort costs a few queries
    per hundred credentials rather than a dozen per credential. A crash loses at most the open
    chunk. If another worker issues one of the same credentials meanwhile, the unique
    constraint stops the chunk's insert and the chunk is redone one credential at a time, where
    the one-by-one path settles each race.
    """
    result = CohortResult()
    for start in range(0, len(attempt_ids), chunk):
        ids = attempt_ids[start:start + chunk]
        try:
            with transaction.atomic():
                issued = _issue_chunk(ids, actor=actor, problems=result.problems)
        except (IntegrityError, CredentialError):
            # One by one, each issuance checks the course rule itself once it commits, and a
            # credential that cannot be issued (e.g. its issuer is not ready) is reported.
            result.issued.extend(_issue_one_by_one(ids, actor=actor, problems=result.problems))
            continue
        result.issued.extend(issued)
        _issue_course_credentials(issued, actor=actor)
    return result


def _issue_one_by_one(attempt_ids: list[int], *, actor: User | None,
                      problems: list[str]) -> list[IssuedCredential]:
    issued = []
    for attempt_id in attempt_ids:
        try:
            credential = issue_for_attempt(attempt_id=attempt_id, actor=actor)
        except CredentialError as error:
            problems.append(str(error))
            continue
        if credential is not None:
            issued.append(credential)
    return issued


def _issue_chunk(attempt_ids: list[int], *, actor: User | None,
                 problems: list[str]) -> list[IssuedCredential]:
    # Neither the questions drawn nor the answers given go into the credential.
    attempts = list(Attempt.objects.select_related("learner").defer("form", "answers")
                    .filter(pk__in=attempt_ids, passed=True, learner__isnull=False)
                    .order_by("pk"))
    # A cohort took a few module versions: each is read once, not joined to every attempt (a
    # version row carries its glossary, some 12 kB of JSON to decode a hundred times over).
    versions = ModuleVersion.objects.select_related("module").in_bulk(
        {attempt.module_version_id for attempt in attempts})
    for attempt in attempts:
        attempt.module_version = versions[attempt.module_version_id]
    specs = _specs_by_module({attempt.module_id for attempt in attempts})
    held = {(learner_id, spec_id): pk for learner_id, spec_id, pk in
            IssuedCredential.objects.filter(learner__in={a.learner_id for a in attempts},
                                            spec__in=specs.values())
            .values_list("learner_id", "spec_id", "pk")}
    new: list[tuple[Attempt, CredentialSpec]] = []
    for attempt in attempts:
        spec = specs[attempt.module_id]
        if (attempt.learner_id, spec.pk) in held:
            continue
        if not attempt.learner.full_name.strip():
            problems.append(_no_name(attempt.learner))
            continue
        held[attempt.learner_id, spec.pk] = None  # the same learner twice in one request
        new.append((attempt, spec))
    now = timezone.now()
    achievements: dict[tuple, AchievementSpec] = {}
    keys: dict[str, SigningKey] = {}
    bits = _status_bits([spec.issuing_partner for _attempt, spec in new])
    records = []
    for (attempt, spec), (status_list, index) in zip(new, bits, strict=True):
        record = _unsaved_record(attempt.learner, spec, status_list, index,
                                 **_attempt_fields(attempt))
        shared = (spec.pk, record.module_version_id, record.language, record.supervision,
                  attempt.language)
        if shared not in achievements:
            achievements[shared] = mapping.module_achievement(
                spec=spec, version=attempt.module_version, language=record.language,
                supervision=record.supervision, assessment_language=attempt.language)
        inputs = mapping.credential_inputs(record, email=attempt.learner.email, valid_from=now,
                                           achievement=achievements[shared])
        signer = inputs["issuer"].did
        if signer not in keys:
            keys[signer] = issuer.signing_key(signer)
        record.document = proof.sign(ob3.build(**inputs), keys[signer], created=now)
        records.append(record)
    insert_new(records)
    insert_new([CredentialEvent(credential=record, actor=actor,
                                action="issued_automatically" if actor is None
                                else "issued_manually",
                                details={"attempt": attempt.pk, "spec": spec.code})
                for record, (attempt, spec) in zip(records, new, strict=True)])
    return records


def _status_bits(issuers: list[PartnerOrganisation | None]) -> list[tuple[StatusList, int]]:
    """One status bit for each credential, from its issuer's lists, in the same order."""
    positions: dict[PartnerOrganisation | None, list[int]] = defaultdict(list)
    for position, partner in enumerate(issuers):
        positions[partner].append(position)
    bits: list[tuple[StatusList, int]] = [None] * len(issuers)  # type: ignore[list-item]
    for partner, where in positions.items():
        for position, bit in zip(where, status.allocate_many(len(where), partner), strict=True):
            bits[position] = bit
    return bits


def _specs_by_module(module_ids: set[int]) -> dict[int, CredentialSpec]:
    def load() -> dict[int, CredentialSpec]:
        return {spec.module_id: spec for spec in CredentialSpec.objects
                .select_related("part_of", "awarding_body")
                .filter(module_id__in=module_ids, active=True)}

    specs = load()
    if len(specs) < len(module_ids):
        sync_specs()  # a module added since the specifications were last made
        specs = load()
    return specs


def _issue_course_credentials(issued: list[IssuedCredential], *, actor: User | None) -> None:
    """The course credential for each learner of `issued` who now meets the course rule: the
    rule is read once and one query finds who meets it."""
    learner_ids = {record.learner_id for record in issued if record.spec.part_of_id}
    requirement = _course_requirement() if learner_ids else None
    if requirement is None:
        return
    spec_ids, count = requirement
    completing = (IssuedCredential.objects
                  .filter(learner__in=learner_ids, spec__in=spec_ids, revoked_at__isnull=True)
                  .values("learner_id").annotate(held=Count("pk"))
                  .filter(held__gte=count).values_list("learner_id", flat=True))
    for learner in User.objects.filter(pk__in=list(completing)):
        _issue_course_if_complete(learner=learner, requirement=requirement, actor=actor)


def issue_credential(*, learner: User, spec: CredentialSpec, attempt: Attempt,
                     actor: User | None, action: str) -> IssuedCredential:
    existing = IssuedCredential.objects.filter(learner=learner, spec=spec).first()
    if existing is not None:
        # A retry after a worker died between this credential's commit and the course check
        # that follows it: make that check now, or the full-course credential is never issued.
        issue_course_credential_if_complete(learner=learner)
        return existing
    try:
        return _issue(learner=learner, spec=spec, attempt=attempt, actor=actor, action=action)
    except IntegrityError:
        # Another worker issued it between our check and our insert: theirs is the one.
        return IssuedCredential.objects.get(learner=learner, spec=spec, revoked_at=None)


@transaction.atomic
def _issue(*, learner: User, spec: CredentialSpec, attempt: Attempt, actor: User | None,
           action: str) -> IssuedCredential:
    if not learner.full_name.strip():
        raise CredentialError(_no_name(learner))
    record = _new_record(learner, spec, **_attempt_fields(attempt))
    achievement = mapping.module_achievement(spec=spec, version=attempt.module_version,
                                             language=record.language,
                                             supervision=record.supervision,
                                             assessment_language=attempt.language)
    _sign_and_store(record, mapping.credential_inputs(record, email=learner.email,
                                                      valid_from=timezone.now(),
                                                      achievement=achievement))
    CredentialEvent.objects.create(credential=record, actor=actor, action=action,
                                   details={"attempt": attempt.pk, "spec": spec.code})
    transaction.on_commit(lambda: issue_course_credential_if_complete(learner=learner))
    return record


def _no_name(learner: User) -> str:
    return _("%(email)s has no name yet: a credential must name the learner.") % {
        "email": learner.email}


def _attempt_fields(attempt: Attempt) -> dict:
    """What the exam attempt puts into the award: version studied, grade, supervision."""
    return {"module_version": attempt.module_version, "grade_percent": attempt.percent,
            "pass_mark": Decimal(str(attempt.result.get("pass_overall", 70))),
            "supervision": attempt.supervision}


def _new_record(learner: User, spec: CredentialSpec, **fields: object) -> IssuedCredential:
    """An unsaved credential with its own status bit and a fresh salt for the e-mail hash."""
    status_list, index = status.allocate(spec.issuing_partner)
    return _unsaved_record(learner, spec, status_list, index, **fields)


def _unsaved_record(learner: User, spec: CredentialSpec, status_list: StatusList, index: int,
                    **fields: object) -> IssuedCredential:
    return IssuedCredential(learner=learner, spec=spec, language=_language(learner),
                            status_list=status_list, status_index=index,
                            recipient_name=learner.full_name, recipient_salt=new_salt(),
                            document={}, **fields)


def _sign_and_store(record: IssuedCredential, inputs: dict) -> None:
    award = inputs["award"]
    record.document = proof.sign(ob3.build(**inputs), issuer.signing_key(inputs["issuer"].did),
                                 created=award.valid_from)
    record.save(force_insert=True)


def _course_requirement() -> tuple[list[int], int] | None:
    """The module specifications that count towards the course credential, and how many of
    them a learner must hold unrevoked (the rule in curriculum.yaml, see course_rule); None
    when no course credential is issued."""
    parts = dict(CredentialSpec.objects.filter(part_of__code=COURSE_SPEC_CODE, part_of__active=True,
                                               active=True).values_list("code", "pk"))
    if not parts:
        return None
    curriculum = Curriculum.objects.only("course_credential").first()
    rule = course_rule.stored(curriculum.course_credential if curriculum else {})
    codes, count = rule.requirement(parts)
    # A module the rule names but which is no longer issued can never be held: not met.
    return [parts[code] for code in codes if code in parts], count


def issue_course_credential_if_complete(*, learner: User,
                                        actor: User | None = None) -> IssuedCredential | None:
    """Runs after every module credential, so the usual "not yet" costs three small queries."""
    requirement = _course_requirement()
    if requirement is None:
        return None
    return _issue_course_if_complete(learner=learner, requirement=requirement, actor=actor)


def _issue_course_if_complete(*, learner: User, requirement: tuple[list[int], int],
                              actor: User | None) -> IssuedCredential | None:
    spec_ids, count = requirement
    held = IssuedCredential.objects.filter(learner=learner, spec__in=spec_ids,
                                           revoked_at__isnull=True)
    if held.count() < count:
        return None
    course = CredentialSpec.objects.get(code=COURSE_SPEC_CODE)
    earlier = list(IssuedCredential.objects.filter(learner=learner, spec=course)
                   .only("pk", "revoked_at", "revoked_because_of"))
    in_force = [record for record in earlier if record.revoked_at is None]
    if in_force:
        return in_force[0]
    if any(record.revoked_because_of_id is None for record in earlier):
        return None  # staff revoked it themselves: only staff decide about a new one
    modules = list(held.select_related("module_version__module").defer("document")
                   .order_by("spec__code"))
    try:
        return _issue_course(learner=learner, course=course, modules=modules, actor=actor)
    except IntegrityError:
        return IssuedCredential.objects.get(learner=learner, spec=course, revoked_at=None)


@transaction.atomic
def _issue_course(*, learner: User, course: CredentialSpec, modules: list[IssuedCredential],
                  actor: User | None) -> IssuedCredential:
    # The weakest supervision of the module tests is the honest one for the whole course.
    order = ["unsupervised", "supervised_online", "in_person"]
    supervision = min((m.supervision for m in modules), key=order.index)
    record = _new_record(learner, course, supervision=supervision)
    achievement = mapping.course_achievement(
        spec=course, versions=[m.module_version for m in modules], language=record.language,
        supervision=supervision)
    _sign_and_store(record, mapping.credential_inputs(
        record, email=learner.email, valid_from=timezone.now(), achievement=achievement,
        stacked=mapping.stacked_credentials(modules, record.language)))
    CredentialEvent.objects.create(credential=record, actor=actor, action="course_issued",
                                   details={"modules": [str(m.pk) for m in modules]})
    return record


@transaction.atomic
def revoke_credential(*, credential: IssuedCredential, reason: str, actor: User | None,
                      reason_code: str = "") -> IssuedCredential:
    """Revoke with a reason (audited); the status list is re-signed at once. `reason_code`
    (revocation.RevocationReason) is kept in the audit event beside the issuer's words.

    A full-course credential that counted this module credential is revoked with it (its
    reason says why, audited the same way), and a new course credential is issued at once if
    the learner still meets the course rule without it."""
    credential = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
    if not reason.strip():
        raise CredentialError(_("Please give the reason for revoking this credential."))
    if reason_code and reason_code not in RevocationReason.values:
        raise CredentialError(_("Please choose a reason."))
    if credential.revoked_at is not None:
        return credential
    _revoke(credential, reason=reason.strip(), actor=actor, reason_code=reason_code)
    courses = _course_credentials_counting(credential)
    for course in courses:
        _revoke(course, actor=actor, because_of=credential, reason=_(
            "A module credential it counted was revoked (%(code)s, %(id)s): %(reason)s") % {
                "code": credential.spec.code, "id": credential.credential_id,
                "reason": credential.revocation_reason})
    if courses and credential.learner is not None:
        try:
            with transaction.atomic():
                issue_course_credential_if_complete(learner=credential.learner, actor=actor)
        except CredentialError as error:
            # The revocation stands whatever happens; staff see why no new one was issued.
            CredentialEvent.objects.create(credential=courses[0], actor=actor,
                                           action="course_not_reissued",
                                           details={"error": str(error)})
    return credential


def _revoke(credential: IssuedCredential, *, reason: str, actor: User | None,
            because_of: IssuedCredential | None = None, reason_code: str = "") -> None:
    credential.revoked_at = timezone.now()
    credential.revocation_reason = reason
    credential.revoked_because_of = because_of
    credential.save(update_fields=["revoked_at", "revocation_reason", "revoked_because_of"])
    status.set_revoked(credential.status_list, credential.status_index)
    details = {"reason": reason}
    if reason_code:
        details["reason_code"] = reason_code
    if because_of is not None:
        details["because_of"] = str(because_of.pk)
    CredentialEvent.objects.create(credential=credential, actor=actor, action="revoked",
                                   details=details)


def _course_credentials_counting(module: IssuedCredential) -> list[IssuedCredential]:
    """The learner's course credentials in force whose issuance counted `module` (named in
    their "course_issued" audit event and, signed, in their evidence)."""
    if module.learner_id is None or module.spec.part_of_id is None:
        return []
    events = (CredentialEvent.objects.select_related("credential")
              .filter(action="course_issued", credential__learner_id=module.learner_id,
                      credential__revoked_at__isnull=True))
    return [IssuedCredential.objects.select_for_update().get(pk=event.credential_id)
            for event in events if str(module.pk) in event.details.get("modules", [])]
