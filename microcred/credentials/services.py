"""Issuing and revoking micro-credentials.

Exactly one credential per learner and specification, whatever happens (double clicks, retries,
a worker killed mid-batch, two workers at once): the database's unique constraint decides, and
the whole issuance (status bit, signature, record, audit) is one transaction.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.assessment.models import Attempt
from microcred.credentials import issuer, mapping, status
from microcred.credentials.models import CredentialEvent, CredentialSpec, IssuedCredential
from microcred.curriculum.models import Module
from microcred.curriculum.text import configured_languages
from vckit import ob3, proof
from vckit.model import Award, Recipient, new_salt


class CredentialError(Exception):
    """A credential cannot be issued or revoked; the message is shown to staff."""


@transaction.atomic
def sync_specs() -> list[CredentialSpec]:
    """One specification per module, stackable into one for the whole course."""
    from microcred.curriculum.models import Curriculum

    curriculum = Curriculum.objects.first()
    course, _created = CredentialSpec.objects.get_or_create(
        code="COURSE", defaults={"title": curriculum.course_credential.get("title", {})
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
    if attempt is None or not attempt.passed:
        return None
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

    Credentials are committed in chunks: one commit per hundred rather than per credential,
    while each one still has its own savepoint, so a problem with one learner (say, no name
    yet) skips that learner only and is reported, and a crash loses at most the open chunk.
    """
    result = CohortResult()
    for start in range(0, len(attempt_ids), chunk):
        with transaction.atomic():
            for attempt_id in attempt_ids[start:start + chunk]:
                try:
                    credential = issue_for_attempt(attempt_id=attempt_id, actor=actor)
                except CredentialError as error:  # its savepoint rolled back; go on
                    result.problems.append(str(error))
                    continue
                if credential is not None:
                    result.issued.append(credential)
    return result


def issue_credential(*, learner: User, spec: CredentialSpec, attempt: Attempt,
                     actor: User | None, action: str) -> IssuedCredential:
    existing = IssuedCredential.objects.filter(learner=learner, spec=spec).first()
    if existing is not None:
        return existing
    try:
        return _issue(learner=learner, spec=spec, attempt=attempt, actor=actor, action=action)
    except IntegrityError:
        # Another worker issued it between our check and our insert: theirs is the one.
        return IssuedCredential.objects.get(learner=learner, spec=spec)


@transaction.atomic
def _issue(*, learner: User, spec: CredentialSpec, attempt: Attempt, actor: User | None,
           action: str) -> IssuedCredential:
    if not learner.full_name.strip():
        raise CredentialError(_("%(email)s has no name yet: a credential must name the learner.")
                              % {"email": learner.email})
    record = _new_record(learner, spec, module_version=attempt.module_version,
                         grade_percent=attempt.percent,
                         pass_mark=Decimal(str(attempt.result.get("pass_overall", 70))),
                         supervision=attempt.supervision)
    _sign_and_store(record, mapping.credential_inputs(record, email=learner.email,
                                                      valid_from=timezone.now()))
    CredentialEvent.objects.create(credential=record, actor=actor, action=action,
                                   details={"attempt": attempt.pk, "spec": spec.code})
    transaction.on_commit(lambda: issue_course_credential_if_complete(learner=learner))
    return record


def _new_record(learner: User, spec: CredentialSpec, **fields: object) -> IssuedCredential:
    """An unsaved credential with its own status bit and a fresh salt for the e-mail hash."""
    status_list, index = status.allocate()
    return IssuedCredential(learner=learner, spec=spec, language=_language(learner),
                            status_list=status_list, status_index=index,
                            recipient_name=learner.full_name, recipient_salt=new_salt(),
                            document={}, **fields)


def _sign_and_store(record: IssuedCredential, inputs: dict) -> None:
    award = inputs["award"]
    record.document = proof.sign(ob3.build(**inputs), issuer.signing_key(),
                                 created=award.valid_from)
    record.save(force_insert=True)
    if record.status_list.signed_credential == {}:
        status.sign(record.status_list)


def _course_rule_met(learner: User, course: CredentialSpec) -> list[IssuedCredential] | None:
    """The module credentials that earn the course one, or None while any is missing.

    Rule "all_modules" (the only rule so far, set in curriculum.yaml): every active module
    specification stacking into the course is held and none of them is revoked. Runs after
    every issuance, so the usual "not yet" answer costs two small queries.
    """
    parts = set(course.parts.filter(active=True).values_list("pk", flat=True))
    held = IssuedCredential.objects.filter(learner=learner, spec__in=parts,
                                           revoked_at__isnull=True)
    if not parts or set(held.values_list("spec_id", flat=True)) != parts:
        return None
    return list(held.select_related("module_version__module").defer("document")
                .order_by("spec__code"))


def issue_course_credential_if_complete(*, learner: User,
                                        actor: User | None = None) -> IssuedCredential | None:
    # The usual answer is "not yet": one query says so before anything else is loaded.
    held = IssuedCredential.objects.filter(learner=learner, spec__part_of__code="COURSE",
                                           spec__part_of__active=True, revoked_at__isnull=True)
    if held.count() < CredentialSpec.objects.filter(part_of__code="COURSE", active=True).count():
        return None
    course = CredentialSpec.objects.filter(code="COURSE", active=True).first()
    if course is None:
        return None
    existing = IssuedCredential.objects.filter(learner=learner, spec=course).first()
    if existing is not None:
        return existing
    modules = _course_rule_met(learner, course)
    if modules is None:
        return None
    try:
        return _issue_course(learner=learner, course=course, modules=modules, actor=actor)
    except IntegrityError:
        return IssuedCredential.objects.get(learner=learner, spec=course)


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
    _sign_and_store(record, {
        "issuer": issuer.issuer_profile(), "spec": achievement,
        "recipient": Recipient(full_name=record.recipient_name, email=learner.email,
                               salt=record.recipient_salt),
        "award": Award(credential_id=record.credential_id, valid_from=timezone.now(),
                       status=status.entry(record.status_list, record.status_index))})
    CredentialEvent.objects.create(credential=record, actor=actor, action="course_issued",
                                   details={"modules": [str(m.pk) for m in modules]})
    return record


@transaction.atomic
def revoke_credential(*, credential: IssuedCredential, reason: str,
                      actor: User) -> IssuedCredential:
    """Revoke with a reason (audited); the status list is re-signed at once."""
    credential = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
    if not reason.strip():
        raise CredentialError(_("Please give the reason for revoking this credential."))
    if credential.revoked_at is not None:
        return credential
    credential.revoked_at = timezone.now()
    credential.revocation_reason = reason.strip()
    credential.save(update_fields=["revoked_at", "revocation_reason"])
    status.set_revoked(credential.status_list, credential.status_index)
    CredentialEvent.objects.create(credential=credential, actor=actor, action="revoked",
                                   details={"reason": credential.revocation_reason})
    return credential
