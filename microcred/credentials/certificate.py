"""The PDF certificate of an issued credential, made from the signed credential alone.

Every Annex I value printed comes from the stored signed document (``vckit.signed``), in the
language it was issued in; only the labels around them follow the language the learner reads
the site in. An edit to a specification, a module or a partner after issuance changes nothing
here, so the paper copy always says what the signature covers.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from microcred.accounts.countries import COUNTRY_CHOICES
from microcred.credentials import display
from microcred.credentials.models import IssuedCredential
from microcred.credentials.pdf import AwardingBody, CertificateData, CertificateLabels
from microcred.credentials.pdf import render_certificate as render_pdf
from vckit import signed
from vckit.model import AchievementSpec, Award


def verification_url(credential: IssuedCredential) -> str:
    return settings.SITE_URL + reverse("credentials:verify_issued", args=[credential.pk])


def _labels() -> CertificateLabels:
    return CertificateLabels(
        learner=_("Learner"), title=_("Title"), issuer_country=_("Country of the issuer"),
        awarding_bodies=_("Awarding body"), date_of_issuing=_("Date of issuing"),
        learning_outcomes=_("Learning outcomes"), workload=_("Notional workload"),
        eqf_level=_("Level (EQF)"), assessment=_("Type of assessment"),
        participation=_("Form of participation"),
        quality_assurance=_("Type of quality assurance"), prerequisites=_("Prerequisites"),
        supervision=_("Supervision and identity verification"), grade=_("Grade achieved"),
        stackability=_("Integration and stackability"),
        further_information=_("Further information"),
        mandatory_elements=_("Mandatory elements"), optional_elements=_("Optional elements"),
        credential_id=_("Credential ID"), verification=_("Check it online"),
        assessment_language=_("Language of assessment"))


def _country(code: str, region: str | None = None) -> str:
    name = str(dict(COUNTRY_CHOICES).get(code, code))
    return f"{name} ({region})" if region else name


def _workload(spec: AchievementSpec) -> str:
    workload = _("%(hours)s hours") % {"hours": formats.number_format(spec.workload_hours)}
    if spec.ects:
        workload += " · " + _("%(ects)s ECTS credits") % {
            "ects": formats.number_format(spec.ects)}
    return workload


def _grade(award: Award) -> str | None:
    if award.grade is None:
        return None
    return _("Passed with %(percent)s%% (pass mark %(mark)s%%)") % {
        "percent": formats.number_format(award.grade.percent, 0),
        "mark": formats.number_format(award.grade.pass_mark, 0)}


def _stackability(spec: AchievementSpec, award: Award) -> str | None:
    parts = []
    if spec.part_of is not None:
        parts.append(_("Part of: %(course)s") % {"course": spec.part_of.name})
    if award.stacked:
        parts.append(_("Made up of these micro-credentials: %(modules)s") % {
            "modules": "; ".join(part.name for part in award.stacked)})
    return "\n".join(parts) or None


def certificate_data(credential: IssuedCredential, *, language: str | None = None
                     ) -> CertificateData:
    """What the certificate shows: the signed credential's values, with labels in `language`
    (the learner's interface language; by default the credential's own)."""
    read = signed.read(credential.document)
    spec, award, issuer = read.spec, read.award, read.issuer
    labels_language = language or spec.language
    with translation.override(labels_language):
        return CertificateData(
            language=spec.language,
            labels_language=labels_language,
            document_title=_("European micro-credential"),
            learner_name=read.learner_name,
            credential_title=spec.title,
            issuer_name=issuer.name,
            issuer_country=_country(issuer.country_code, issuer.region),
            awarding_bodies=tuple(AwardingBody(body.name, _country(body.country_code))
                                  for body in spec.awarding_bodies),
            date_issued=formats.date_format(timezone.localtime(award.valid_from),
                                            "DATE_FORMAT"),
            learning_outcomes=tuple(o.statement for o in spec.learning_outcomes),
            workload=_workload(spec),
            eqf_level=_("Level %(level)s") % {"level": spec.eqf_level} if spec.eqf_level
            else _("Not levelled"),
            assessment_type=spec.assessment_type.label,
            participation_form=spec.form_of_participation.label,
            quality_assurance=spec.quality_assurance,
            prerequisites=spec.prerequisites,
            supervision=spec.supervision.label if spec.supervision else None,
            assessment_language=display.language_name(spec.assessment_language)
            if spec.assessment_language else None,
            grade=_grade(award),
            stackability=_stackability(spec, award),
            further_information_url=spec.further_information_url,
            credential_id=award.credential_id,
            verification_url=verification_url(credential),
            qr_alt_text=_("QR code that opens the page to check this certificate: %(url)s")
            % {"url": verification_url(credential)},
            footer_text=_("This certificate shows a digitally signed micro-credential. Scan the "
                          "QR code or open the address to check that it is genuine and valid."),
            labels=_labels(),
        )


def render_certificate(credential: IssuedCredential, *, language: str | None = None) -> bytes:
    return render_pdf(certificate_data(credential, language=language))
