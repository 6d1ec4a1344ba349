"""The credential states the language the learner was assessed in (#14), and every copy shows
it: the verify page, the wallet and the PDF certificate."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from microcred.credentials.certificate import certificate_data
from microcred.credentials.services import issue_for_attempt
from microcred.credentials.tests.conftest import pass_module
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.text import configured_languages
from vckit import signed

pytestmark = [pytest.mark.django_db, pytest.mark.multilingual_course]


@pytest.fixture
def greek_credential(course, learner):
    """A Greek learner whose module is offered in Greek passed its test in Greek."""
    ModuleVersion.objects.filter(module__code="M01").update(languages={
        code: {"status": "complete", "approved": True} for code in configured_languages()})
    learner.preferred_language = "el"
    learner.save()
    with translation.override("el"):
        attempt = pass_module(learner)
    assert attempt.language == "el"
    return issue_for_attempt(attempt_id=attempt.pk)


def test_the_signed_credential_states_greek_as_the_language_of_assessment(greek_credential):
    achievement = greek_credential.document["credentialSubject"]["achievement"]
    assert achievement["assessmentLanguage"] == "el"
    assert signed.read(greek_credential.document).spec.assessment_language == "el"


def test_the_verify_page_the_wallet_and_the_pdf_say_language_of_assessment_greek(
    client, learner, greek_credential
):
    page = client.get(reverse("credentials:verify_issued", args=[greek_credential.pk]))
    assert "<h1>Valid" in page.content.decode()
    assert "<dt>Language of assessment</dt>" in page.content.decode()
    assert ">Greek</dd>" in page.content.decode()

    client.force_login(learner)
    wallet = client.get(reverse("credentials:wallet")).content.decode()
    assert "Language of assessment: Greek" in wallet

    assert certificate_data(greek_credential, language="en").assessment_language == "Greek"
    response = client.get(reverse("credentials:pdf", args=[greek_credential.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Language of assessment" in text
    assert "Greek" in text
