"""The verify page, the PDF and the Europass (ELM) export say exactly what was signed.

For every kind of credential (module, full course, partner-signed, revoked) each copy is
compared with the signed JSON itself, field by field; and an edit to the specification, the
module version or the partner after issuance changes nothing in any copy.
"""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from microcred.credentials import certificate, display, exporting
from microcred.credentials.models import CredentialSpec, IssuedCredential
from microcred.credentials.services import (
    issue_course_credential_if_complete,
    issue_for_attempt,
    revoke_credential,
    sync_specs,
)
from microcred.credentials.tests.conftest import pass_module
from microcred.curriculum.models import Curriculum, ModuleVersion
from vckit import elm_vocab

pytestmark = [pytest.mark.django_db, pytest.mark.multilingual_course]

KINDS = ["module", "course", "partner", "revoked"]


@pytest.fixture
def kinds(course, learner, partner, platform_admin) -> dict[str, IssuedCredential]:
    """One credential of each kind the platform issues, held by the same learner."""
    sync_specs()
    partner.legal_identifier = "PL-KRS-0000123456"
    partner.save()
    CredentialSpec.objects.filter(code="M02").update(awarding_body=partner,
                                                     signed_by_awarding_body=True)
    curriculum = Curriculum.objects.get()
    curriculum.course_credential = {**curriculum.course_credential,
                                    "rule": {"modules": ["M01", "M07"]}}
    curriculum.save()
    issued = {code: issue_for_attempt(attempt_id=pass_module(learner, code).pk)
              for code in ("M01", "M02", "M03", "M07")}
    course_credential = issue_course_credential_if_complete(learner=learner)
    revoked = revoke_credential(credential=issued["M03"], reason="Issued by mistake",
                                actor=platform_admin)
    return {"module": issued["M01"], "course": course_credential, "partner": issued["M02"],
            "revoked": revoked}


def _achievement(credential: IssuedCredential) -> dict:
    return credential.document["credentialSubject"]["achievement"]


def _signed_eqf(credential: IssuedCredential) -> int | None:
    levels = [int(a["targetCode"]) for a in _achievement(credential)["alignment"]
              if a.get("targetFramework") == "European Qualifications Framework"]
    return levels[0] if levels else None


def _pdf_text(credential: IssuedCredential, language: str | None = None) -> str:
    pdf = certificate.render_certificate(credential, language=language)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _signed_values(credential: IssuedCredential) -> list[str]:
    """The Annex I values of the signed JSON that every human-readable copy must show."""
    document = credential.document
    achievement = _achievement(credential)
    names = [i["identityHash"] for i in document["credentialSubject"]["identifier"]
             if i["identityType"] == "name"]
    return [
        *names, achievement["name"], document["issuer"]["name"], document["id"],
        achievement["assessmentType"]["prefLabel"], achievement["formOfParticipation"][
            "prefLabel"], achievement["qualityAssuranceType"],
        achievement["supervisionVerification"]["prefLabel"],
        *(outcome["description"] for outcome in achievement["learningOutcome"]),
        *(evidence["name"] for evidence in document.get("evidence", [])),
    ]


def _elm(credential: IssuedCredential) -> dict:
    return exporting.elm_document(credential, email=credential.learner.email)


def test_every_kind_is_a_real_signed_credential(kinds):
    assert kinds["partner"].document["issuer"]["id"].endswith(":partners:pl")
    assert kinds["revoked"].revoked_at is not None
    assert [e["id"] for e in kinds["course"].document["evidence"]] == [
        f"urn:uuid:{IssuedCredential.objects.get(spec__code=code).pk}" for code in ("M01", "M07")]


def test_the_verify_page_shows_the_signed_eqf_level(kinds):
    for kind in KINDS:
        credential = kinds[kind]
        level = _signed_eqf(credential)
        assert level in (2, 3)  # every module is levelled, and so is the course now
        elements = {e.label: e.values for e in display.annex_elements(credential.document)}
        assert elements["Level (EQF)"] == [f"Level {level}"]
        assert elements["Awarding body"] == [
            body.get("name") or credential.document["issuer"]["name"]
            for body in _achievement(credential)["awardingBody"]]
        assert elements["Country of the issuer"] == ["Poland"]


def test_the_page_of_the_qr_code_shows_the_level_not_not_levelled(client, kinds):
    page = client.get(reverse("credentials:verify_issued", args=[kinds["module"].pk]))
    assert "Not levelled" not in page.content.decode()
    assert f"Level {_signed_eqf(kinds['module'])}" in page.content.decode()


def test_the_pdf_prints_the_signed_fields(kinds):
    for kind in KINDS:
        credential = kinds[kind]
        text = _pdf_text(credential)
        for value in _signed_values(credential):
            assert " ".join(value.split()) in text, value
        assert f"Level {_signed_eqf(credential)}" in text


def test_the_elm_export_carries_the_signed_fields(kinds):
    for kind in KINDS:
        credential = kinds[kind]
        document, achievement = credential.document, _achievement(credential)
        exported = _elm(credential)
        claim = exported["credentialSubject"]["hasClaim"][0]
        specification = claim["specifiedBy"]
        language = achievement["inLanguage"]
        assert exported["identifier"][0]["notation"] == document["id"]
        assert exported["issuer"]["id"] == document["issuer"]["id"]
        assert exported["issuer"]["legalName"] == {language: document["issuer"]["name"]}
        assert exported["validFrom"] == document["validFrom"]
        assert claim["title"] == {language: achievement["name"]}
        assert [o["title"][language] for o in specification["learningOutcome"]] == [
            o["description"] for o in achievement["learningOutcome"]]
        assert specification["eqfLevel"]["id"] == f"{elm_vocab.SNB}eqf/{_signed_eqf(credential)}"
        assert specification["volumeOfLearning"] == achievement["notionalWorkload"]
        notes = [n["noteLiteral"][language] for n in specification["additionalNote"]
                 if language in n["noteLiteral"]]
        assert achievement["qualityAssuranceType"] in notes
        # Every outcome names its DigComp competence in machine-readable form.
        assert all(o["relatedSkill"] for o in specification["learningOutcome"])


def test_the_pdf_labels_follow_the_readers_language_and_the_values_stay_signed(kinds):
    credential = kinds["module"]  # issued in English
    text = _pdf_text(credential, language="pl")
    assert "Data wydania" in text
    assert "Date of issuing" not in text
    assert _achievement(credential)["name"] in text
    assert _achievement(credential)["qualityAssuranceType"] in text


def test_edits_after_issuance_change_nothing_in_the_pdf_or_the_elm(kinds, partner, settings):
    before = {kind: (_pdf_text(c), _elm(c)) for kind, c in kinds.items()}
    CredentialSpec.objects.update(quality_assurance={"en": "Edited afterwards"},
                                  further_information_url="https://edited.example/")
    ModuleVersion.objects.update(title={"en": "Edited title"}, eqf_level=7, hours=99)
    partner.name = partner.legal_name = "Edited Partner Name"
    partner.legal_identifier = "EDITED-0000"
    partner.country = "DE"
    partner.save()
    settings.CONSORTIUM_NAME = "Edited consortium"
    settings.CONSORTIUM_LEGAL_ID = "EDITED-ID"
    for kind, credential in kinds.items():
        credential.refresh_from_db()
        text, exported = _pdf_text(credential), _elm(credential)
        assert (text, exported) == before[kind], kind
        assert "Edited" not in text
        assert "Edited" not in str(exported)


def test_the_elm_of_the_course_and_partner_credentials_passes_the_official_shapes(kinds):
    rdflib = pytest.importorskip("rdflib")
    from vckit.tests import test_elm as shapes

    graph = rdflib.Graph()
    graph.parse(shapes.SHAPES / "EDC-generic-full.ttl", format="turtle")
    graph.parse(shapes.SHAPES / "EDC-generic-no-cv.ttl", format="turtle")
    for kind in ("course", "partner"):
        conforms, _results, text = shapes.validate(_elm(kinds[kind]), graph)
        assert conforms, text


def test_the_learner_downloads_the_signed_copies(client, kinds, learner):
    client.force_login(learner)
    for credential in kinds.values():
        pdf = client.get(reverse("credentials:pdf", args=[credential.pk]))
        assert pdf["Content-Type"] == "application/pdf"
        exported = client.get(reverse("credentials:elm", args=[credential.pk])).json()
        assert exported == _elm(credential)

