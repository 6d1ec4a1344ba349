"""The printable PDF certificate of one issued micro-credential.

`render_certificate` is a pure function: it takes strings the caller has already translated and
formatted, and returns the bytes of an A4 PDF. It needs neither Django nor a database, so the
layout can be tested on its own and the caller decides language, date format and wording.

The certificate lists the elements of Annex I of the Council Recommendation on micro-credentials
(OJ C 243, 27.6.2022): the eleven mandatory elements in the Annex's order, then the optional
elements that are present. The signed credential (ELM/OB3) stays the authoritative record; the
QR code and the printed address lead to its verification page.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import segno
from fpdf import FPDF, XPos, YPos
from fpdf.enums import MethodReturnValue
from fpdf.prefs import ViewerPreferences

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVuSans"

# Layout in millimetres on A4 (210 x 297).
MARGIN = 16.0
BOTTOM_MARGIN = 23.0  # room for the footer
LABEL_WIDTH = 58.0
COLUMN_GAP = 5.0
ROW_PADDING = 1.3
LINE_HEIGHT = 4.2
LABEL_SIZE = 8.5  # points
VALUE_SIZE = 9.0
BULLET_INDENT = 4.0
BULLET_GAP = 0.5
QR_SIZE = 32.0
# A row shorter than this moves whole to the next page instead of being split.
KEEP_TOGETHER = 60.0

# Text colours keep a contrast of at least 7:1 (WCAG AAA) against their background, also in
# greyscale print; RULE only draws separator lines.
ACCENT = (0x1D, 0x35, 0x57)
TEXT = (0x1A, 0x1A, 0x1A)
MUTED = (0x4A, 0x4A, 0x4A)
RULE = (0xC8, 0xCD, 0xD4)
WHITE = (0xFF, 0xFF, 0xFF)


@dataclass(frozen=True)
class AwardingBody:
    name: str
    country: str


@dataclass(frozen=True)
class CertificateLabels:
    """Every label the certificate prints, already translated: the layout holds no text."""

    learner: str  # Annex I: Identification of the learner
    title: str
    issuer_country: str
    awarding_bodies: str
    date_of_issuing: str
    learning_outcomes: str
    workload: str
    eqf_level: str
    assessment: str
    participation: str
    quality_assurance: str
    prerequisites: str
    supervision: str
    grade: str
    stackability: str
    further_information: str
    mandatory_elements: str  # section heading
    optional_elements: str  # section heading
    credential_id: str
    verification: str  # printed before the verification URL
    assessment_language: str = ""  # Annex I allows it; printed only with a value


@dataclass(frozen=True)
class CertificateData:
    """What one certificate shows, as localised, display-ready strings.

    Optional Annex I elements left as None are not printed. `eqf_level` is None where no level
    applies (Annex I element 8 is mandatory only "if applicable"); pass a translated "not
    applicable" instead if the row should show.
    """

    language: str  # BCP 47 tag of the text, e.g. "pl", "el"
    document_title: str  # e.g. "Mikropoświadczenie"
    learner_name: str
    credential_title: str
    issuer_name: str
    issuer_country: str  # Annex I element 3; several countries joined by the caller
    awarding_bodies: tuple[AwardingBody, ...]
    date_issued: str  # already formatted for the language
    learning_outcomes: tuple[str, ...]
    workload: str  # e.g. "50 godzin (2 ECTS)"
    assessment_type: str
    participation_form: str
    quality_assurance: str
    credential_id: str
    verification_url: str
    footer_text: str  # e.g. how to verify the certificate
    labels: CertificateLabels
    eqf_level: str | None = None
    prerequisites: str | None = None
    supervision: str | None = None
    grade: str | None = None
    stackability: str | None = None
    further_information_url: str | None = None
    assessment_language: str | None = None  # e.g. "Greek", in the labels' language


@dataclass(frozen=True)
class _Row:
    label: str
    values: tuple[str, ...]
    bulleted: bool = False
    link: str | None = None


def render_certificate(data: CertificateData) -> bytes:
    """Render the A4 certificate of one micro-credential as PDF bytes.

    Implements the human-readable side of Annex I of the Council Recommendation on
    micro-credentials (OJ C 243, 27.6.2022, p. 10): mandatory elements 1-11 in the Annex's order,
    then the optional elements that are present.
    """
    pdf = _CertificatePDF(data)
    _set_metadata(pdf, data)
    pdf.add_page()
    _draw_header_band(pdf, data)
    _draw_recipient_and_qr(pdf, data)
    _draw_section(pdf, data.labels.mandatory_elements, _mandatory_rows(data))
    optional_rows = _optional_rows(data)
    if optional_rows:
        _draw_section(pdf, data.labels.optional_elements, optional_rows)
    return bytes(pdf.output())


class _CertificatePDF(FPDF):
    def __init__(self, data: CertificateData) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.data = data
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)
        self.add_font(FONT_FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT_FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.c_margin = 0  # text starts exactly at the column edge

    def header(self) -> None:
        # Page 1 carries the full header band; later pages say whose certificate they continue.
        if self.page == 1:
            return
        self.set_xy(MARGIN, 9)
        self.set_font(FONT_FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(self.epw, 4, f"{self.data.learner_name} · {self.data.credential_title}")
        self.set_draw_color(*RULE)
        self.line(MARGIN, 14, self.w - MARGIN, 14)
        self.set_y(MARGIN)

    def footer(self) -> None:
        labels = self.data.labels
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.h - 20, self.w - MARGIN, self.h - 20)
        self.set_xy(MARGIN, self.h - 18.5)
        self.set_font(FONT_FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        text_width = self.epw - 18
        self.multi_cell(text_width, 3.4, self.data.footer_text, align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.multi_cell(text_width, 3.4, f"{labels.credential_id}: {self.data.credential_id}",
                        align="L")
        self.set_xy(self.w - MARGIN - 18, self.h - 18.5)
        self.cell(18, 3.4, f"{self.page_no()} / {{nb}}", align="R")


def _set_metadata(pdf: FPDF, data: CertificateData) -> None:
    pdf.set_title(f"{data.document_title}: {data.credential_title}")
    pdf.set_author(data.issuer_name)
    pdf.set_subject(f"{data.credential_title} · {data.learner_name}")
    pdf.set_lang(data.language)
    # Readers then show the title, not the file name, in the window and to screen readers.
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    # No structure tree: fpdf2 2.8 can tag images (alt text) but not text, and a tree holding
    # only the QR code would mark the file as tagged while all text sits outside it, so
    # screen readers that trust the tree could skip the text. Untagged, they read the text
    # in drawing order, which here is reading order.


def _draw_header_band(pdf: FPDF, data: CertificateData) -> None:
    pdf.set_font(FONT_FAMILY, "B", 20)
    title_height = _text_height(pdf, data.document_title, pdf.epw, 9)
    pdf.set_font(FONT_FAMILY, "", 10.5)
    issuer_height = _text_height(pdf, data.issuer_name, pdf.epw, 5)
    band_height = 8 + title_height + 1.5 + issuer_height + 6

    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, band_height, style="F")
    pdf.set_text_color(*WHITE)
    pdf.set_xy(MARGIN, 8)
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.multi_cell(pdf.epw, 9, data.document_title, align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.y + 1.5)
    pdf.set_font(FONT_FAMILY, "", 10.5)
    pdf.multi_cell(pdf.epw, 5, data.issuer_name, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(band_height + 8)


def _draw_recipient_and_qr(pdf: FPDF, data: CertificateData) -> None:
    """Learner name and credential title on the left, the verification QR code on the right."""
    top = pdf.y
    text_width = pdf.epw - QR_SIZE - 8
    pdf.set_text_color(*TEXT)
    size = _fitting_size(pdf, data.learner_name, text_width, (24, 22, 20, 18, 16))
    pdf.multi_cell(text_width, size * 0.44, data.learner_name, align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.y + 2.5)
    pdf.set_text_color(*ACCENT)
    size = _fitting_size(pdf, data.credential_title, text_width, (15, 14, 13, 12))
    pdf.multi_cell(text_width, size * 0.47, data.credential_title, align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    text_bottom = pdf.y

    qr_x = pdf.w - MARGIN - QR_SIZE
    # The PNG includes the standard four-module quiet zone, so the code sits slightly inset.
    pdf.image(_qr_png(data.verification_url), x=qr_x, y=top - 2, w=QR_SIZE, h=QR_SIZE,
              link=data.verification_url)
    pdf.set_y(max(text_bottom, top - 2 + QR_SIZE) + 1)
    _draw_verification_line(pdf, data)
    pdf.set_y(pdf.y + 4)


def _draw_verification_line(pdf: FPDF, data: CertificateData) -> None:
    # One line, right-aligned under the QR code, so the address can be typed or copied whole;
    # the font shrinks for long addresses and only wraps as a last resort.
    text = f"{data.labels.verification} {data.verification_url}"
    pdf.set_text_color(*TEXT)
    for size in (9, 8.5, 8, 7.5, 7, 6.5, 6):
        pdf.set_font(FONT_FAMILY, "", size)
        if pdf.get_string_width(text) <= pdf.epw:
            pdf.cell(pdf.epw, 4.5, text, align="R", link=data.verification_url,
                     new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
    pdf.multi_cell(pdf.epw, 3.5, text, align="L", link=data.verification_url,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _fitting_size(pdf: FPDF, text: str, width: float, sizes: Sequence[float]) -> float:
    """Set and return the largest bold size at which no word of `text` must break mid-word."""
    for size in sizes:
        pdf.set_font(FONT_FAMILY, "B", size)
        if all(pdf.get_string_width(word) <= width for word in text.split()):
            return size
    return sizes[-1]


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    # Ten pixels per module: viewers that smooth scaled images still print sharp edges.
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    buffer.seek(0)
    return buffer


def _mandatory_rows(data: CertificateData) -> list[_Row]:
    labels = data.labels
    rows = [
        _Row(labels.learner, (data.learner_name,)),
        _Row(labels.title, (data.credential_title,)),
        _Row(labels.issuer_country, (data.issuer_country,)),
        _Row(labels.awarding_bodies,
             tuple(f"{body.name} ({body.country})" for body in data.awarding_bodies)),
        _Row(labels.date_of_issuing, (data.date_issued,)),
        _Row(labels.learning_outcomes, data.learning_outcomes, bulleted=True),
        _Row(labels.workload, (data.workload,)),
    ]
    if data.eqf_level is not None:
        rows.append(_Row(labels.eqf_level, (data.eqf_level,)))
    rows += [
        _Row(labels.assessment, (data.assessment_type,)),
        _Row(labels.participation, (data.participation_form,)),
        _Row(labels.quality_assurance, (data.quality_assurance,)),
    ]
    return rows


def _optional_rows(data: CertificateData) -> list[_Row]:
    labels = data.labels
    candidates = [
        (labels.prerequisites, data.prerequisites, None),
        (labels.supervision, data.supervision, None),
        (labels.assessment_language, data.assessment_language, None),
        (labels.grade, data.grade, None),
        (labels.stackability, data.stackability, None),
        (labels.further_information, data.further_information_url, data.further_information_url),
    ]
    return [_Row(label, (value,), link=link) for label, value, link in candidates if value]


def _draw_section(pdf: FPDF, heading: str, rows: Sequence[_Row]) -> None:
    pdf.set_font(FONT_FAMILY, "B", 11)
    heading_height = _text_height(pdf, heading, pdf.epw, 6)
    # Never leave a heading alone at the foot of a page.
    if pdf.will_page_break(heading_height + 2 + 2 * ROW_PADDING + LINE_HEIGHT):
        pdf.add_page()
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw, 6, heading, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(MARGIN, pdf.y + 0.5, pdf.w - MARGIN, pdf.y + 0.5)
    pdf.set_y(pdf.y + 1)
    for row in rows:
        _draw_row(pdf, row)
    pdf.set_y(pdf.y + 4)


def _draw_row(pdf: FPDF, row: _Row) -> None:
    value_x = MARGIN + LABEL_WIDTH + COLUMN_GAP
    value_width = pdf.epw - LABEL_WIDTH - COLUMN_GAP
    page_room = pdf.page_break_trigger - pdf.t_margin
    # Keep a short row whole, and a long one at least with its first value, so a label never
    # stands alone at the foot of a page.
    height = _row_height(pdf, row)
    needed = height if height <= KEEP_TOGETHER else _row_height(pdf, row, values=row.values[:1])
    if pdf.will_page_break(min(needed, page_room)):
        pdf.add_page()

    top = pdf.y + ROW_PADDING
    label_page, label_bottom = pdf.page, _draw_label(pdf, row.label, top)
    pdf.set_xy(value_x, top)
    for index, value in enumerate(row.values):
        pdf.set_font(FONT_FAMILY, "", VALUE_SIZE)
        value_height = _value_height(pdf, value, value_width, bulleted=row.bulleted)
        if index and value_height <= page_room and pdf.will_page_break(value_height):
            # Move the whole value on and repeat the label, so a continued list says what it is.
            pdf.add_page()
            label_page, label_bottom = pdf.page, _draw_label(pdf, row.label, pdf.y)
            pdf.set_xy(value_x, pdf.t_margin)
        _draw_value(pdf, value, value_width, bulleted=row.bulleted, link=row.link)

    bottom = max(label_bottom, pdf.y) if pdf.page == label_page else pdf.y
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(MARGIN, bottom + ROW_PADDING, pdf.w - MARGIN, bottom + ROW_PADDING)
    pdf.set_xy(MARGIN, bottom + ROW_PADDING)


def _draw_label(pdf: FPDF, label: str, top: float) -> float:
    pdf.set_xy(MARGIN, top)
    pdf.set_font(FONT_FAMILY, "B", LABEL_SIZE)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(LABEL_WIDTH, LINE_HEIGHT, label, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    return pdf.y


def _draw_value(pdf: FPDF, value: str, width: float, *, bulleted: bool, link: str | None) -> None:
    x = pdf.x
    pdf.set_font(FONT_FAMILY, "", VALUE_SIZE)
    pdf.set_text_color(*TEXT)
    if bulleted:
        pdf.cell(BULLET_INDENT, LINE_HEIGHT, "•")
        pdf.multi_cell(width - BULLET_INDENT, LINE_HEIGHT, value, align="L",
                       new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(x, pdf.y + BULLET_GAP)
    else:
        pdf.multi_cell(width, LINE_HEIGHT, value, align="L", link=link,
                       new_x=XPos.LEFT, new_y=YPos.NEXT)


def _row_height(pdf: FPDF, row: _Row, *, values: tuple[str, ...] | None = None) -> float:
    value_width = pdf.epw - LABEL_WIDTH - COLUMN_GAP
    pdf.set_font(FONT_FAMILY, "B", LABEL_SIZE)
    label_height = _text_height(pdf, row.label, LABEL_WIDTH, LINE_HEIGHT)
    pdf.set_font(FONT_FAMILY, "", VALUE_SIZE)
    values_height = sum(
        _value_height(pdf, value, value_width, bulleted=row.bulleted)
        for value in (row.values if values is None else values)
    )
    return 2 * ROW_PADDING + max(label_height, values_height)


def _value_height(pdf: FPDF, value: str, width: float, *, bulleted: bool) -> float:
    if bulleted:
        return _text_height(pdf, value, width - BULLET_INDENT, LINE_HEIGHT) + BULLET_GAP
    return _text_height(pdf, value, width, LINE_HEIGHT)


def _text_height(pdf: FPDF, text: str, width: float, line_height: float) -> float:
    # With output=LINES, multi_cell returns the list of wrapped lines (its type is a union).
    lines = cast(list[str], pdf.multi_cell(width, line_height, text, dry_run=True,
                                           output=MethodReturnValue.LINES))
    return len(lines) * line_height
