"""The PDF certificate of an issued credential, in the language it was issued in."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from microcred.accounts.countries import COUNTRY_CHOICES
from microcred.credentials import issuer, mapping
from microcred.credentials.models import IssuedCredential
from microcred.credentials.pdf import AwardingBody, CertificateData, CertificateLabels
from microcred.credentials.pdf import render_certificate as render_pdf


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
        credential_id=_("Credential ID"), verification=_("Check it online"))


def certificate_data(credential: IssuedCredential) -> CertificateData:
    countries = dict(COUNTRY_CHOICES)
    with translation.override(credential.language):
        spec = mapping.achievement_for(credential)
        signer = issuer.issuer_profile(credential.spec.issuing_partner)
        workload = _("%(hours)s hours") % {"hours": formats.number_format(spec.workload_hours)}
        if spec.ects:
            workload += " · " + _("%(ects)s ECTS credits") % {
                "ects": formats.number_format(spec.ects)}
        issued = timezone.localtime(credential.issued_at)
        return CertificateData(
            language=credential.language,
            document_title=_("European micro-credential"),
            learner_name=credential.recipient_name,
            credential_title=spec.title,
            issuer_name=signer.name,
            issuer_country=str(countries.get(signer.country_code, signer.country_code)),
            awarding_bodies=tuple(AwardingBody(body.name, str(countries.get(
                body.country_code, body.country_code))) for body in spec.awarding_bodies),
            date_issued=formats.date_format(issued, "DATE_FORMAT"),
            learning_outcomes=tuple(o.statement for o in spec.learning_outcomes),
            workload=workload,
            eqf_level=_("Level %(level)s") % {"level": spec.eqf_level} if spec.eqf_level
            else _("Not levelled"),
            assessment_type=spec.assessment_type.label,
            participation_form=spec.form_of_participation.label,
            quality_assurance=spec.quality_assurance,
            prerequisites=spec.prerequisites,
            supervision=spec.supervision.label if spec.supervision else None,
            grade=_("Passed with %(percent)s%% (pass mark %(mark)s%%)") % {
                "percent": formats.number_format(credential.grade_percent, 0),
                "mark": formats.number_format(credential.pass_mark, 0)}
            if credential.grade_percent is not None else None,
            stackability=_("Part of: %(course)s") % {"course": spec.part_of.name}
            if spec.part_of else None,
            further_information_url=spec.further_information_url,
            credential_id=credential.credential_id,
            verification_url=verification_url(credential),
            footer_text=_("This certificate shows a digitally signed micro-credential. Scan the "
                          "QR code or open the address to check that it is genuine and valid."),
            labels=_labels(),
        )


def render_certificate(credential: IssuedCredential) -> bytes:
    return render_pdf(certificate_data(credential))
