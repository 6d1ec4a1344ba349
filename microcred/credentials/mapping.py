"""Platform models -> vckit dataclasses, in the language the credential is issued in.

Every Annex I element comes from a real source: the module version the learner studied (title,
outcomes, workload, level, prerequisites), the exam attempt (grade, supervision, language of
assessment), the credential specification (awarding body, type of assessment, quality assurance)
and the issuer settings.
"""

from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from microcred.credentials import issuer, status
from microcred.credentials.models import CredentialSpec, IssuedCredential
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.text import localise
from vckit import elm_vocab
from vckit.model import (
    AchievementSpec,
    Award,
    Concept,
    Grade,
    LearningOutcome,
    Organisation,
    PartOf,
    Recipient,
    StackedCredential,
)

ONLINE_QUIZ = elm_vocab.SNB + "assessment/b1b68f6735"
ONLINE_MODE = elm_vocab.SNB + "learning-assessment/920fbb3cbe"
SUPERVISION_URIS = {
    "unsupervised": elm_vocab.SNB + "supervision-verification/c598449d64",
    "supervised_online": elm_vocab.SNB + "supervision-verification/70be69aaf9",
    "in_person": elm_vocab.SNB + "supervision-verification/70be69aaf9",
}
SUPERVISION_SCHEME = elm_vocab.SNB + "supervision-verification/25831c2"


def achievement_url(spec: CredentialSpec, version_number: int | None) -> str:
    suffix = f"/v{version_number}" if version_number else ""
    return f"{settings.SITE_URL}/credentials/achievements/{spec.code}{suffix}"


def default_quality_assurance() -> str:
    return _("Internal quality assurance: each module version is reviewed and approved by the "
             "consortium's Scientific Advisory Board (one expert from each partner) before "
             "learners see it; test questions are monitored with item statistics.")


def _organisation(spec: CredentialSpec) -> Organisation:
    partner = spec.awarding_body
    if partner is None:
        return Organisation(id=f"{settings.SITE_URL}/about/", name=settings.CONSORTIUM_NAME,
                            country_code=settings.CONSORTIUM_COUNTRY, url=f"{settings.SITE_URL}/")
    return Organisation(id=f"{settings.SITE_URL}/about/#{partner.slug}", name=partner.name,
                        country_code=partner.country, url=partner.website or None)


def supervision_concept(supervision: str) -> Concept:
    labels = {"unsupervised": _("Unsupervised, identity not verified"),
              "supervised_online": _("Supervised online, identity verified"),
              "in_person": _("Supervised on site, identity verified")}
    return Concept(label=str(labels[supervision]), uri=SUPERVISION_URIS[supervision],
                   scheme=SUPERVISION_SCHEME)


def module_achievement(*, spec: CredentialSpec, version: ModuleVersion, language: str,
                       supervision: str, assessment_language: str | None = None
                       ) -> AchievementSpec:
    """The module's achievement in `language`; `assessment_language` is the language the test
    was taken in (the attempt's), which the credential states beside its own (#14)."""
    with translation.override(language):
        title = localise(version.title, language).text
        outcomes = tuple(
            LearningOutcome(statement=localise(o.statement, language).text,
                            digcomp_code=o.digcomp, digcomp_level=o.level,
                            esco_uri=o.esco or None)
            for o in version.outcomes.order_by("order"))
        prerequisites = (_("Complete first: %(modules)s") % {"modules": ", ".join(
            version.prerequisites)} if version.prerequisites else _("No prerequisites"))
        course = spec.part_of
        return AchievementSpec(
            id=achievement_url(spec, version.number),
            title=title,
            description=localise(version.summary, language).text or title,
            learning_outcomes=outcomes,
            workload_hours=Decimal(version.hours),
            ects=Decimal(version.ects) if version.ects else None,
            eqf_level=version.eqf_level,
            assessment_type=Concept(label=_("Online test (multiple question types)"),
                                    uri=ONLINE_QUIZ, scheme=elm_vocab.SNB + "assessment/25831c2"),
            form_of_participation=Concept(
                label=_("Online, self-paced"), uri=ONLINE_MODE,
                scheme=elm_vocab.SNB + "learning-assessment/25831c2"),
            quality_assurance=localise(spec.quality_assurance, language).text
            or default_quality_assurance(),
            awarding_bodies=(_organisation(spec),),
            language=language,
            prerequisites=prerequisites,
            supervision=supervision_concept(supervision),
            further_information_url=spec.further_information_url
            or f"{settings.SITE_URL}/course/{version.module.code}/",
            part_of=PartOf(achievement_id=achievement_url(course, None),
                           name=localise(course.title, language).text) if course else None,
            version=str(version.number),
            assessment_language=assessment_language or None,
        )


def credential_inputs(record, *, email: str, valid_from, achievement: AchievementSpec,
                      stacked: tuple[StackedCredential, ...] = ()) -> dict:
    """issuer, spec, recipient and award for vckit.ob3.build, at issuance only: every later
    copy (PDF, ELM, verify page) is read from the signed credential (vckit.signed).

    A cohort passes the same `achievement` for every learner who took the same module version
    in the same language under the same supervision; a course credential passes the module
    credentials it `stacked`.
    """
    grade = (Grade(percent=record.grade_percent, pass_mark=record.pass_mark)
             if record.grade_percent is not None else None)
    return {
        "issuer": issuer.issuer_profile(record.spec.issuing_partner),
        "spec": achievement,
        "recipient": Recipient(full_name=record.recipient_name, email=email,
                               salt=record.recipient_salt),
        "award": Award(credential_id=record.credential_id, valid_from=valid_from, grade=grade,
                       status=status.entry(record.status_list, record.status_index),
                       stacked=stacked),
    }


def course_achievement(*, spec: CredentialSpec, versions: list[ModuleVersion], language: str,
                       supervision: str) -> AchievementSpec:
    """The full-course credential: every module's outcomes and workload, stacked."""
    with translation.override(language):
        modules = [module_achievement(spec=spec, version=version, language=language,
                                      supervision=supervision) for version in versions]
        title = localise(spec.title, language).text or _("Full course")
        ects = sum((m.ects for m in modules if m.ects), Decimal(0))
        module_titles = "; ".join(m.title for m in modules)
        return AchievementSpec(
            id=achievement_url(spec, None),
            title=title,
            description=_("Awarded for holding these %(count)d module micro-credentials of the "
                          "course: %(modules)s.") % {"count": len(modules),
                                                      "modules": module_titles},
            learning_outcomes=tuple(o for m in modules for o in m.learning_outcomes),
            workload_hours=sum((m.workload_hours for m in modules), Decimal(0)),
            ects=ects or None,
            eqf_level=course_eqf_level(modules),
            assessment_type=modules[0].assessment_type,
            form_of_participation=modules[0].form_of_participation,
            quality_assurance=localise(spec.quality_assurance, language).text
            or default_quality_assurance(),
            awarding_bodies=(_organisation(spec),),
            language=language,
            prerequisites=_("No prerequisites"),
            supervision=supervision_concept(supervision),
            further_information_url=spec.further_information_url or f"{settings.SITE_URL}/course/",
        )


def course_eqf_level(modules: list[AchievementSpec]) -> int | None:
    """The full course's EQF level: the lowest level of the modules it stacks.

    Every learning outcome the course certifies reaches at least that level, so the claim holds
    for all of it; a higher module level would overstate the others. None when a counted
    module is not levelled (then neither is the course)."""
    levels = [module.eqf_level for module in modules]
    if not levels or any(level is None for level in levels):
        return None
    return min(level for level in levels if level is not None)


def stacked_credentials(records: list[IssuedCredential],
                        language: str) -> tuple[StackedCredential, ...]:
    """The module credentials a course credential counted, titled in the course's language."""
    return tuple(StackedCredential(credential_id=record.credential_id,
                                   name=localise(record.module_version.title, language).text)
                 for record in records)
