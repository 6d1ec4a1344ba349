"""The PDF certificate is one tagged page a screen reader can read, checked with pypdf alone.

pypdf is an independent reader: it knows nothing of how fpdf2 wrote the file. The checks follow
ISO 32000-1 section 14.7-14.9 (structure tree, marked content, /Lang, /Alt) as PDF/UA asks.
"""

import dataclasses
import io
from collections import Counter

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ContentStream

from microcred.credentials.pdf import render_certificate
from microcred.credentials.tests.test_pdf import greek_certificate, polish_certificate
from microcred.testing.course import module_title

LONG_GREEK_OUTCOMES = tuple(
    "Ο εκπαιδευόμενος μπορεί να ξεχωρίζει έναν ισχυρό κωδικό πρόσβασης ή μια φράση πρόσβασης "
    "από έναν αδύναμο κωδικό, να εξηγεί γιατί κάθε λογαριασμός χρειάζεται τον δικό του κωδικό "
    f"και να αναγνωρίζει ποια δεύτερα βήματα μπορεί να χρησιμοποιεί η επαλήθευση ({number})."
    for number in range(1, 6)
)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf), strict=True)


def elements(node, found=None) -> list[dict]:
    """Every structure element under `node`, in tree (reading) order."""
    found = [] if found is None else found
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and kid.get("/Type") != "/MCR":
            found.append(kid)
            elements(kid, found)
    return found


def structure(reader: PdfReader) -> list[dict]:
    return elements(reader.trailer["/Root"]["/StructTreeRoot"])


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize(
    "data",
    [
        greek_certificate(),
        greek_certificate(learning_outcomes=LONG_GREEK_OUTCOMES),
        polish_certificate(),
    ],
    ids=["el", "el-long-outcomes", "pl"],
)
def test_the_certificate_is_one_page(data):
    reader = read(render_certificate(data))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert data.learner_name in text
    assert data.learning_outcomes[-1] in text
    assert data.further_information_url in text  # the last optional element is on it too


def test_the_catalog_says_tagged_with_a_language_and_a_title_to_show():
    data = greek_certificate()
    reader = read(render_certificate(data))
    catalog = reader.trailer["/Root"]

    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "el"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == f"{data.document_title}: {data.credential_title}"


def test_the_structure_tree_has_headings_paragraphs_the_qr_figure_and_a_table():
    data = greek_certificate()
    tree = structure(read(render_certificate(data)))
    kinds = Counter(element["/S"] for element in tree)

    assert kinds["/Document"] == 1
    assert kinds["/H1"] == 1
    assert kinds["/H2"] == 2  # mandatory and optional elements
    assert kinds["/P"] >= 5
    assert kinds["/Table"] == 2
    assert kinds["/TH"] == kinds["/TR"] == kinds["/TD"]
    assert kinds["/LI"] == kinds["/LBody"] == len(data.learning_outcomes)
    (figure,) = [element for element in tree if element["/S"] == "/Figure"]
    assert data.verification_url in figure["/Alt"]
    headers = [element for element in tree if element["/S"] == "/TH"]
    assert all(header["/A"]["/Scope"] == "/Row" for header in headers)
    # Reading order: the title heading first, the Annex I headings after the QR code.
    order = [element["/S"] for element in tree]
    assert order.index("/H1") < order.index("/Figure") < order.index("/H2")


def test_text_in_the_credentials_language_is_marked_when_the_labels_are_in_another():
    data = dataclasses.replace(greek_certificate(), labels_language="en")
    reader = read(render_certificate(data))
    tree = structure(reader)

    assert reader.trailer["/Root"]["/Lang"] == "en"
    marked = [element for element in tree if element.get("/Lang") == "el"]
    assert {element["/S"] for element in marked} >= {"/P", "/TD"}  # the title and values
    assert "el" not in {
        element.get("/Lang") for element in structure(read(render_certificate(greek_certificate())))
    }  # nothing to mark when all is Greek


def test_every_text_and_image_is_tagged_or_an_artifact_and_in_the_parent_tree():
    reader = read(render_certificate(greek_certificate()))
    page = reader.pages[0]
    stack: list[str] = []
    mcids: list[int] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"BDC":
            stack.append(operands[0])
            mcids.append(operands[1]["/MCID"])
        elif operator == b"BMC":
            stack.append(operands[0])
        elif operator == b"EMC":
            stack.pop()
        elif operator in (b"Tj", b"TJ", b"Do"):
            assert stack, f"{operator!r} outside any tagged or artifact sequence"
            if operator == b"Do":
                assert stack[-1] == "/Figure"
    assert not stack
    assert mcids == list(range(len(mcids)))
    parent_tree = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    (key, elements_by_mcid) = parent_tree[0], parent_tree[1]
    assert page["/StructParents"] == key
    assert len(elements_by_mcid) == len(mcids)
    for mcid, element in enumerate(elements_by_mcid):
        assert mcid in element.get_object()["/K"]


@pytest.mark.django_db
@pytest.mark.multilingual_course
@pytest.mark.parametrize(
    ("language", "title"),
    [("en", module_title("M01", "en")), ("el", module_title("M01", "el"))],
)
def test_a_learners_module_certificate_is_one_tagged_page_with_selectable_text(
    client, course, learner, language, title
):
    from microcred.credentials.services import issue_for_attempt
    from microcred.credentials.tests.conftest import pass_module

    learner.preferred_language = language
    learner.save()
    credential = issue_for_attempt(attempt_id=pass_module(learner).pk)
    client.force_login(learner)
    response = client.get(reverse("credentials:pdf", args=[credential.pk]))
    reader = read(response.content)

    assert len(reader.pages) == 1
    assert learner.get_full_name() in text_of(reader)
    assert title in text_of(reader)
    # The labels follow the site's language (English here); the Greek values say they are Greek.
    assert reader.trailer["/Root"]["/Lang"] == "en"
    languages = {element.get("/Lang") for element in structure(reader)}
    assert (language in languages) == (language != "en")
    assert "/Figure" in {element["/S"] for element in structure(reader)}


def test_every_link_says_where_it_goes():
    data = greek_certificate()
    page = read(render_certificate(data)).pages[0]
    links = [a.get_object() for a in page["/Annots"] if a.get_object()["/Subtype"] == "/Link"]

    assert len(links) >= 2  # the QR code and the address under it
    assert all(link["/Contents"] == link["/A"]["/URI"] for link in links)
    assert data.verification_url in {link["/Contents"] for link in links}
