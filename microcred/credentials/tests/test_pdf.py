"""The PDF certificate: every Annex I element as real, correctly encoded text; QR; page flow."""

import dataclasses
import io
import itertools

import pytest
import segno
from pypdf import PdfReader

from microcred.credentials.pdf import (
    BULLET_INDENT,
    COLUMN_GAP,
    LABEL_WIDTH,
    MARGIN,
    AwardingBody,
    CertificateData,
    CertificateLabels,
    render_certificate,
)

MM = 72 / 25.4  # PDF points per millimetre

POLISH_LABELS = CertificateLabels(
    learner="Identyfikacja osoby uczącej się",
    title="Tytuł mikropoświadczenia",
    issuer_country="Kraj(e)/region(y) wydawcy",
    awarding_bodies="Podmiot(y) przyznający(-e)",
    date_of_issuing="Data wydania",
    learning_outcomes="Efekty uczenia się",
    workload="Szacunkowy nakład pracy (w punktach ECTS, o ile to możliwe)",
    eqf_level="Poziom według Europejskich Ram Kwalifikacji",
    assessment="Rodzaj oceny",
    participation="Forma uczestnictwa w działaniu edukacyjnym",
    quality_assurance="Rodzaj zapewniania jakości",
    prerequisites="Wymagania wstępne",
    supervision="Nadzór i weryfikacja tożsamości podczas oceny",
    grade="Uzyskana ocena",
    stackability="Możliwości integracji i łączenia",
    further_information="Dalsze informacje",
    mandatory_elements="Elementy obowiązkowe",
    optional_elements="Elementy fakultatywne",
    credential_id="Identyfikator poświadczenia",
    verification="Weryfikacja:",
)

GREEK_LABELS = CertificateLabels(
    learner="Ταυτοποίηση του εκπαιδευόμενου",
    title="Τίτλος του μικροδιαπιστευτηρίου",
    issuer_country="Χώρα/-ες ή περιφέρεια/-ες του εκδότη",
    awarding_bodies="Φορέας/-είς απονομής",
    date_of_issuing="Ημερομηνία έκδοσης",
    learning_outcomes="Μαθησιακά αποτελέσματα",
    workload="Εκτιμώμενος φόρτος εργασίας (σε μονάδες ECTS, όπου είναι δυνατόν)",
    eqf_level="Επίπεδο του Ευρωπαϊκού Πλαισίου Επαγγελματικών Προσόντων",
    assessment="Είδος αξιολόγησης",
    participation="Μορφή συμμετοχής στη μαθησιακή δραστηριότητα",
    quality_assurance="Είδος διασφάλισης ποιότητας",
    prerequisites="Προαπαιτούμενα για την εγγραφή",
    supervision="Εποπτεία και επαλήθευση ταυτότητας κατά την αξιολόγηση",
    grade="Βαθμός",
    stackability="Δυνατότητες ενσωμάτωσης και συσσώρευσης",
    further_information="Περισσότερες πληροφορίες",
    mandatory_elements="Υποχρεωτικά στοιχεία",
    optional_elements="Προαιρετικά στοιχεία",
    credential_id="Αναγνωριστικό διαπιστευτηρίου",
    verification="Επαλήθευση:",
)


def polish_certificate(**changes: object) -> CertificateData:
    data = CertificateData(
        language="pl",
        document_title="Mikropoświadczenie",
        learner_name="Zażółć Gęślą",
        credential_title="Bezpieczeństwo cyfrowe w pracy zdalnej",
        issuer_name="Uniwersytet Łódzki – Centrum Kształcenia Ustawicznego",
        issuer_country="Polska",
        awarding_bodies=(
            AwardingBody("Uniwersytet Łódzki", "Polska"),
            AwardingBody("Πανεπιστήμιο Πατρών", "Grecja"),
        ),
        date_issued="14 października 2026 r.",
        learning_outcomes=(
            "Rozpoznaje próby wyłudzenia danych (phishing) w poczcie e-mail i komunikatorach.",
            "Konfiguruje uwierzytelnianie dwuskładnikowe na kontach służbowych i prywatnych.",
            "Stosuje menedżer haseł i tworzy silne, niepowtarzalne hasła.",
            "Zgłasza incydenty bezpieczeństwa zgodnie z procedurą pracodawcy.",
            "Ocenia ryzyko korzystania z publicznych sieci Wi-Fi i dobiera środki ochrony.",
        ),
        workload="50 godzin (2 ECTS)",
        eqf_level="Poziom 5 ERK",
        assessment_type="Test wiedzy online z pytaniami zamkniętymi oraz zadanie praktyczne",
        participation_form="Online, w trybie samodzielnej nauki (e-learning)",
        quality_assurance=(
            "Wewnętrzne zapewnianie jakości: program zatwierdzony przez Radę Programową "
            "uczelni 3 marca 2026 r.; zewnętrzna akredytacja Polskiej Komisji Akredytacyjnej."
        ),
        credential_id="urn:uuid:4f1c2b9e-8a3d-4e7b-9c55-2d0f6a1b7e3c",
        verification_url="https://microcred.example.eu/verify/4f1c2b9e-8a3d-4e7b-9c55-2d0f6a1b7e3c",
        footer_text=(
            "Zeskanuj kod QR lub otwórz adres weryfikacji, aby sprawdzić, że mikropoświadczenie "
            "jest autentyczne i nie zostało unieważnione."
        ),
        labels=POLISH_LABELS,
        prerequisites="Podstawowa obsługa komputera i przeglądarki internetowej",
        supervision="Bez nadzoru, bez weryfikacji tożsamości",
        grade="Zaliczone (92%)",
        stackability="Moduł łączony: zalicza się do mikropoświadczenia „Kompetencje cyfrowe”",
        further_information_url="https://microcred.example.eu/pl/kursy/bezpieczenstwo-cyfrowe",
    )
    return dataclasses.replace(data, **changes)


def greek_certificate(**changes: object) -> CertificateData:
    data = CertificateData(
        language="el",
        document_title="Μικροδιαπιστευτήριο",
        learner_name="Ελένη Παπαδοπούλου",
        credential_title="Ψηφιακή ασφάλεια στην εξ αποστάσεως εργασία",
        issuer_name="Πανεπιστήμιο Πατρών – Κέντρο Επιμόρφωσης και Δια Βίου Μάθησης",
        issuer_country="Ελλάδα",
        awarding_bodies=(AwardingBody("Πανεπιστήμιο Πατρών", "Ελλάδα"),),
        date_issued="14 Οκτωβρίου 2026",
        learning_outcomes=(
            "Αναγνωρίζει απόπειρες ηλεκτρονικού ψαρέματος (phishing) σε μηνύματα.",
            "Ρυθμίζει τον έλεγχο ταυτότητας δύο παραγόντων σε υπηρεσιακούς λογαριασμούς.",
            "Χρησιμοποιεί διαχειριστή κωδικών πρόσβασης και δημιουργεί ισχυρούς κωδικούς.",
            "Αναφέρει περιστατικά ασφάλειας σύμφωνα με τη διαδικασία του εργοδότη.",
        ),
        workload="50 ώρες (2 ECTS)",
        assessment_type="Διαδικτυακό τεστ πολλαπλής επιλογής και πρακτική άσκηση",
        participation_form="Διαδικτυακά, με αυτοδιδασκαλία",
        quality_assurance="Εσωτερική διασφάλιση ποιότητας: έγκριση από τη Συμβουλευτική Επιτροπή",
        credential_id="urn:uuid:9d2e7a10-3b4c-4f5e-8a6b-1c2d3e4f5a6b",
        verification_url="https://microcred.example.eu/verify/9d2e7a10-3b4c-4f5e-8a6b-1c2d3e4f5a6b",
        footer_text=(
            "Σαρώστε τον κωδικό QR ή ανοίξτε τη διεύθυνση επαλήθευσης για να ελέγξετε ότι το "
            "διαπιστευτήριο είναι γνήσιο και δεν έχει ανακληθεί."
        ),
        labels=GREEK_LABELS,
        eqf_level="Επίπεδο 5 ΕΠΕΠ",
        prerequisites="Βασικές δεξιότητες χρήσης υπολογιστή",
        supervision="Χωρίς εποπτεία, χωρίς επαλήθευση ταυτότητας",
        grade="Επιτυχία (92%)",
        stackability="Αυτοτελές μικροδιαπιστευτήριο",
        further_information_url="https://microcred.example.eu/el/mathimata/psifiaki-asfaleia",
    )
    return dataclasses.replace(data, **changes)


def read(pdf_bytes: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes), strict=True)


def all_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def squashed(text: str) -> str:
    """Whitespace collapsed, so text wrapped over several lines compares as one string."""
    return " ".join(text.split())


def annex_values(data: CertificateData) -> list[str]:
    values = [
        data.learner_name, data.credential_title, data.issuer_country, data.date_issued,
        data.workload, data.assessment_type, data.participation_form, data.quality_assurance,
        data.eqf_level, data.prerequisites, data.supervision, data.grade, data.stackability,
        data.further_information_url,
        *data.learning_outcomes,
        *(f"{body.name} ({body.country})" for body in data.awarding_bodies),
    ]
    return [value for value in values if value]


@pytest.mark.parametrize("make", [polish_certificate, greek_certificate], ids=["pl", "el"])
def test_every_annex_element_label_and_value_comes_out_as_text(make):
    data = make()
    text = squashed(all_text(read(render_certificate(data))))

    for field in dataclasses.fields(CertificateLabels):
        label = getattr(data.labels, field.name)
        assert squashed(label) in text, f"label {field.name!r} missing"
    for value in annex_values(data):
        assert squashed(value) in text, f"value {value!r} missing"
    assert data.document_title in text
    assert data.issuer_name in text
    assert squashed(data.footer_text) in text
    assert data.credential_id in text


@pytest.mark.parametrize("make", [polish_certificate, greek_certificate], ids=["pl", "el"])
def test_name_title_and_verification_url_come_out_exactly(make):
    data = make()
    text = all_text(read(render_certificate(data)))
    lines = text.splitlines()

    assert data.learner_name in lines  # the large name, alone on its line
    assert data.credential_title in text  # unwrapped in the Annex I list
    assert any(line.endswith(data.verification_url) for line in lines)  # never broken


def test_polish_and_greek_letters_survive_extraction_unchanged():
    polish = all_text(read(render_certificate(polish_certificate())))
    greek = all_text(read(render_certificate(greek_certificate())))

    assert "Zażółć Gęślą" in polish
    assert all(letter in polish for letter in "ąćęłńóśźżŁ")
    assert "Ελένη Παπαδοπούλου" in greek
    assert "Μικροδιαπιστευτήριο" in greek


def test_optional_elements_that_are_absent_are_left_out():
    data = polish_certificate(prerequisites=None, supervision=None, grade=None,
                              stackability=None, further_information_url=None, eqf_level=None)
    text = squashed(all_text(read(render_certificate(data))))

    assert POLISH_LABELS.optional_elements not in text
    assert POLISH_LABELS.grade not in text
    assert POLISH_LABELS.eqf_level not in text
    assert POLISH_LABELS.quality_assurance in text


def test_a_long_list_of_outcomes_flows_onto_a_second_page_without_overlap():
    outcomes = tuple(
        f"Efekt {number:02d}: analizuje zagrożenia dla poufności, integralności i dostępności "
        f"danych w organizacji i dobiera właściwe środki zaradcze (zażółć gęślą jaźń)."
        for number in range(1, 41)
    )
    reader = read(render_certificate(polish_certificate(learning_outcomes=outcomes)))

    assert len(reader.pages) >= 2
    page_texts = [squashed(page.extract_text()) for page in reader.pages]
    for outcome in outcomes:
        assert sum(squashed(outcome) in page for page in page_texts) == 1, outcome
    last_outcome_page = page_index_of(squashed(outcomes[-1]), page_texts)
    assert last_outcome_page >= 1
    # A continued list repeats its label, and the elements after it follow it.
    label = POLISH_LABELS.learning_outcomes
    assert all(label in page for page in page_texts[: last_outcome_page + 1])
    assert page_index_of(POLISH_LABELS.quality_assurance, page_texts) >= last_outcome_page
    assert f"1 / {len(reader.pages)}" in page_texts[0]

    outcome_column = (MARGIN + LABEL_WIDTH + COLUMN_GAP + BULLET_INDENT) * MM
    for page in reader.pages:
        baselines = sorted(y for x, y in text_origins(page) if abs(x - outcome_column) < 0.5)
        gaps = [lower - upper for upper, lower in itertools.pairwise(baselines)]
        assert all(gap > 9 for gap in gaps), "two outcome lines overlap"
        # Nothing reaches into the footer (its rule is 20 mm above the bottom edge).
        assert all(y > 20 * MM for y in baselines)


def test_the_qr_code_is_the_code_of_the_verification_url():
    data = greek_certificate()
    page = read(render_certificate(data)).pages[0]

    (image,) = page.images
    pixels = image.image.convert("L")
    expected = segno.make(data.verification_url, error="m", micro=False)
    modules = list(expected.matrix_iter(border=4))
    size = len(modules)
    assert pixels.width == pixels.height == size * 10
    for row, line in enumerate(modules):
        for column, dark in enumerate(line):
            centre = pixels.getpixel((column * 10 + 5, row * 10 + 5))
            assert (centre < 128) == bool(dark), (row, column)


def test_it_is_a_valid_a4_pdf_with_metadata_and_language():
    data = greek_certificate()
    pdf_bytes = render_certificate(data)
    reader = read(pdf_bytes)

    assert pdf_bytes.startswith(b"%PDF-")
    assert pdf_bytes.rstrip().endswith(b"%%EOF")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width / MM), round(height / MM)) == (210, 297)
    assert reader.metadata.title == f"{data.document_title}: {data.credential_title}"
    assert reader.metadata.author == data.issuer_name
    assert data.learner_name in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "el"
    assert bool(reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])


def test_fonts_are_embedded_so_text_renders_anywhere():
    page = read(render_certificate(polish_certificate())).pages[0]

    fonts = page["/Resources"]["/Font"].values()
    descriptors = [font.get_object()["/DescendantFonts"][0]["/FontDescriptor"] for font in fonts]
    assert descriptors
    assert all("/FontFile2" in descriptor for descriptor in descriptors)


def page_index_of(text: str, page_texts: list[str]) -> int:
    return next(index for index, page in enumerate(page_texts) if text in page)


def text_origins(page) -> list[tuple[float, float]]:
    origins: list[tuple[float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            origins.append((tm[4], tm[5]))

    page.extract_text(visitor_text=visit)
    return origins
