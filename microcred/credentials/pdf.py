"""The printable PDF certificate of one issued micro-credential.

`render_certificate` is a pure function: it takes strings the caller has already translated and
formatted, and returns the bytes of an A4 PDF. It needs neither Django nor a database, so the
layout can be tested on its own and the caller decides language, date format and wording.

The certificate lists the elements of Annex I of the Council Recommendation on micro-credentials
(OJ C 243, 27.6.2022): the eleven mandatory elements in the Annex's order, then the optional
elements that are present. The signed credential (ELM/OB3) stays the authoritative record; the
QR code and the printed address lead to its verification page.

The certificate fits one page: it is laid out at the roomiest density that fits (smaller type
only for long texts) and flows onto more pages only when even the most compact does not fit. It
is a tagged PDF (pdf_tags.py): headings, paragraphs, a table of the Annex I elements, the QR code
as a figure with alternative text, and the language of every text that is not in the document's.
"""

import io
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import segno
from fpdf import FPDF, XPos, YPos
from fpdf.enums import MethodReturnValue
from fpdf.prefs import ViewerPreferences

from microcred.credentials.pdf_tags import TaggedElem, TaggedPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVuSans"

# Layout in millimetres on A4 (210 x 297).
MARGIN = 16.0
BOTTOM_MARGIN = 23.0  # room for the footer
LABEL_WIDTH = 58.0
COLUMN_GAP = 5.0
BULLET_INDENT = 4.0
BULLET_GAP = 0.5
QR_SIZE = 32.0
# A row shorter than this moves whole to the next page instead of being split.
KEEP_TOGETHER = 60.0


@dataclass(frozen=True)
class Density:
    """Type sizes (points) and spacing (mm) of the Annex I table."""

    label_size: float = 8.5
    value_size: float = 9.0
    line_height: float = 4.2
    row_padding: float = 1.3
    section_gap: float = 4.0


# Tried in order; the first at which the certificate fits one page is used. The most compact
# (7.5-point values, 7-point labels, as small as the footer) still reads well on paper.
DENSITIES = (
    Density(),
    Density(8, 8.5, 3.9, 1.1, 3.0),
    Density(7.5, 8, 3.6, 0.9, 2.5),
    Density(7, 7.5, 3.3, 0.7, 2.0),
)

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
    # The language of the labels, headings and footer when it differs from `language` (the
    # learner reads the site in another language than the credential was issued in).
    labels_language: str | None = None
    # Alternative text of the QR code; by default the verification label and address.
    qr_alt_text: str | None = None


@dataclass(frozen=True)
class _Row:
    label: str
    values: tuple[str, ...]
    bulleted: bool = False
    link: str | None = None
    # Values taken from the signed credential are in its language, not the labels' language.
    lang: str | None = None


def render_certificate(data: CertificateData) -> bytes:
    """Render the A4 certificate of one micro-credential as PDF bytes.

    Implements the human-readable side of Annex I of the Council Recommendation on
    micro-credentials (OJ C 243, 27.6.2022, p. 10): mandatory elements 1-11 in the Annex's order,
    then the optional elements that are present.
    """
    layouts = []
    for density in DENSITIES:
        layouts.append(_layout(data, density))
        if layouts[-1].pages_count == 1:
            break
    else:
        layouts.append(layouts[0])  # too long for one page whatever the size: it flows on
    return bytes(layouts[-1].output())


def _layout(data: CertificateData, density: Density) -> "_CertificatePDF":
    pdf = _CertificatePDF(data, density)
    _set_metadata(pdf, data)
    pdf.add_page()
    _draw_header_band(pdf, data)
    _draw_recipient_and_qr(pdf, data)
    _draw_section(pdf, data.labels.mandatory_elements, _mandatory_rows(data))
    optional_rows = _optional_rows(data)
    if optional_rows:
        _draw_section(pdf, data.labels.optional_elements, optional_rows)
    return pdf


class _CertificatePDF(TaggedPDF):
    def __init__(self, data: CertificateData, density: Density) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.data = data
        self.density = density
        # Line breaking is the slow part of a layout, and rows are measured before drawn.
        self.heights: dict[tuple[str, float, float, str, str, float], float] = {}
        # The document's language is the labels'; text in the credential's language says so.
        self.document_language = data.labels_language or data.language
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
        with self.artifact():  # a running header repeats what page 1 says
            self.cell(self.epw, 4, f"{self.data.learner_name} · {self.data.credential_title}")
            self.set_draw_color(*RULE)
            self.line(MARGIN, 14, self.w - MARGIN, 14)
        self.set_y(MARGIN)

    def footer(self) -> None:
        labels = self.data.labels
        self.set_draw_color(*RULE)
        with self.artifact():
            self.line(MARGIN, self.h - 20, self.w - MARGIN, self.h - 20)
        self.set_xy(MARGIN, self.h - 18.5)
        self.set_font(FONT_FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        text_width = self.epw - 18
        for text in (self.data.footer_text, f"{labels.credential_id}: {self.data.credential_id}"):
            with self._footer_tag():
                self.multi_cell(text_width, 3.4, text, align="L",
                                new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_xy(self.w - MARGIN - 18, self.h - 18.5)
        with self.artifact():
            self.cell(18, 3.4, f"{self.page_no()} / {{nb}}", align="R")

    def _footer_tag(self) -> AbstractContextManager[object]:
        # Read once, at the end of page 1; later pages repeat it for print only.
        return self.tagged("P") if self.page == 1 else self.artifact()


def _set_metadata(pdf: "_CertificatePDF", data: CertificateData) -> None:
    pdf.set_title(f"{data.document_title}: {data.credential_title}")
    pdf.set_author(data.issuer_name)
    pdf.set_subject(f"{data.credential_title} · {data.learner_name}")
    pdf.set_lang(pdf.document_language)
    # Readers then show the title, not the file name, in the window and to screen readers.
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)


def _draw_header_band(pdf: "_CertificatePDF", data: CertificateData) -> None:
    pdf.set_font(FONT_FAMILY, "B", 20)
    title_height = _text_height(pdf, data.document_title, pdf.epw, 9)
    pdf.set_font(FONT_FAMILY, "", 10.5)
    issuer_height = _text_height(pdf, data.issuer_name, pdf.epw, 5)
    band_height = 7 + title_height + 1.5 + issuer_height + 5

    pdf.set_fill_color(*ACCENT)
    with pdf.artifact():
        pdf.rect(0, 0, pdf.w, band_height, style="F")
    pdf.set_text_color(*WHITE)
    pdf.set_xy(MARGIN, 7)
    pdf.set_font(FONT_FAMILY, "B", 20)
    with pdf.tagged("H1"):
        pdf.multi_cell(pdf.epw, 9, data.document_title, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.y + 1.5)
    pdf.set_font(FONT_FAMILY, "", 10.5)
    with pdf.tagged("P"):
        pdf.multi_cell(pdf.epw, 5, data.issuer_name, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(band_height + 7)


def _draw_recipient_and_qr(pdf: "_CertificatePDF", data: CertificateData) -> None:
    """Learner name and credential title on the left, the verification QR code on the right."""
    top = pdf.y
    text_width = pdf.epw - QR_SIZE - 8
    pdf.set_text_color(*TEXT)
    size = _fitting_size(pdf, data.learner_name, text_width, (24, 22, 20, 18, 16))
    with pdf.tagged("P"):
        pdf.multi_cell(text_width, size * 0.44, data.learner_name, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.y + 2.5)
    pdf.set_text_color(*ACCENT)
    size = _fitting_size(pdf, data.credential_title, text_width, (15, 14, 13, 12))
    with pdf.tagged("P", lang=_other(pdf, data.language)):
        pdf.multi_cell(text_width, size * 0.47, data.credential_title, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    text_bottom = pdf.y

    qr_x = pdf.w - MARGIN - QR_SIZE
    alt = data.qr_alt_text or f"{data.labels.verification} {data.verification_url}"
    with pdf.tagged("Figure", alt=alt):
        # The PNG includes the standard four-module quiet zone, so the code sits slightly inset.
        pdf.image(_qr_png(data.verification_url), x=qr_x, y=top - 2, w=QR_SIZE, h=QR_SIZE,
                  link=data.verification_url)
    pdf.set_y(max(text_bottom, top - 2 + QR_SIZE) + 1)
    _draw_verification_line(pdf, data)
    pdf.set_y(pdf.y + 3)


def _draw_verification_line(pdf: "_CertificatePDF", data: CertificateData) -> None:
    # One line, right-aligned under the QR code, so the address can be typed or copied whole;
    # the font shrinks for long addresses and only wraps as a last resort.
    text = f"{data.labels.verification} {data.verification_url}"
    pdf.set_text_color(*TEXT)
    with pdf.tagged("P"):
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
    labels, signed = data.labels, data.language
    rows = [
        _Row(labels.learner, (data.learner_name,)),
        _Row(labels.title, (data.credential_title,), lang=signed),
        _Row(labels.issuer_country, (data.issuer_country,)),
        _Row(labels.awarding_bodies,
             tuple(f"{body.name} ({body.country})" for body in data.awarding_bodies)),
        _Row(labels.date_of_issuing, (data.date_issued,)),
        _Row(labels.learning_outcomes, data.learning_outcomes, bulleted=True, lang=signed),
        _Row(labels.workload, (data.workload,)),
    ]
    if data.eqf_level is not None:
        rows.append(_Row(labels.eqf_level, (data.eqf_level,)))
    rows += [
        _Row(labels.assessment, (data.assessment_type,), lang=signed),
        _Row(labels.participation, (data.participation_form,), lang=signed),
        _Row(labels.quality_assurance, (data.quality_assurance,), lang=signed),
    ]
    return rows


def _optional_rows(data: CertificateData) -> list[_Row]:
    labels, signed = data.labels, data.language
    candidates = [
        (labels.prerequisites, data.prerequisites, None, signed),
        (labels.supervision, data.supervision, None, signed),
        (labels.assessment_language, data.assessment_language, None, None),
        (labels.grade, data.grade, None, None),
        (labels.stackability, data.stackability, None, None),
        (labels.further_information, data.further_information_url,
         data.further_information_url, None),
    ]
    return [_Row(label, (value,), link=link, lang=lang)
            for label, value, link, lang in candidates if value]


def _draw_section(pdf: "_CertificatePDF", heading: str, rows: Sequence[_Row]) -> None:
    density = pdf.density
    pdf.set_font(FONT_FAMILY, "B", 11)
    heading_height = _text_height(pdf, heading, pdf.epw, 6)
    # Never leave a heading alone at the foot of a page.
    if pdf.will_page_break(heading_height + 2 + 2 * density.row_padding + density.line_height):
        pdf.add_page()
    pdf.set_text_color(*ACCENT)
    with pdf.tagged("H2"):
        pdf.multi_cell(pdf.epw, 6, heading, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    with pdf.artifact():
        pdf.line(MARGIN, pdf.y + 0.5, pdf.w - MARGIN, pdf.y + 0.5)
    pdf.set_y(pdf.y + 1)
    table = pdf.group("Table")
    for row in rows:
        _draw_row(pdf, row, table)
    pdf.set_y(pdf.y + density.section_gap)


def _draw_row(pdf: "_CertificatePDF", row: _Row, table: TaggedElem) -> None:
    density = pdf.density
    value_x = MARGIN + LABEL_WIDTH + COLUMN_GAP
    value_width = pdf.epw - LABEL_WIDTH - COLUMN_GAP
    page_room = pdf.page_break_trigger - pdf.t_margin
    # Keep a short row whole, and a long one at least with its first value, so a label never
    # stands alone at the foot of a page.
    height = _row_height(pdf, row)
    needed = height if height <= KEEP_TOGETHER else _row_height(pdf, row, values=row.values[:1])
    if pdf.will_page_break(min(needed, page_room)):
        pdf.add_page()

    tr = pdf.group("TR", table)
    top = pdf.y + density.row_padding
    with pdf.tagged("TH", tr, attributes="<</O /Table /Scope /Row>>"):
        label_page, label_bottom = pdf.page, _draw_label(pdf, row.label, top)
    cell = pdf.group("TD", tr, lang=_other(pdf, row.lang))
    values = pdf.group("L", cell) if row.bulleted else cell
    pdf.set_xy(value_x, top)
    for index, value in enumerate(row.values):
        pdf.set_font(FONT_FAMILY, "", density.value_size)
        value_height = _value_height(pdf, value, value_width, bulleted=row.bulleted)
        if index and value_height <= page_room and pdf.will_page_break(value_height):
            # Move the whole value on and repeat the label, so a continued list says what it is.
            pdf.add_page()
            with pdf.artifact():  # a screen reader has read the label already
                label_page, label_bottom = pdf.page, _draw_label(pdf, row.label, pdf.y)
            pdf.set_xy(value_x, pdf.t_margin)
        _draw_value(pdf, value, value_width, bulleted=row.bulleted, link=row.link, parent=values)

    bottom = max(label_bottom, pdf.y) if pdf.page == label_page else pdf.y
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    with pdf.artifact():
        pdf.line(MARGIN, bottom + density.row_padding, pdf.w - MARGIN,
                 bottom + density.row_padding)
    pdf.set_xy(MARGIN, bottom + density.row_padding)


def _other(pdf: "_CertificatePDF", language: str | None) -> str | None:
    """`language`, when it is not the document's (only then does the tree need to say it)."""
    return language if language and language != pdf.document_language else None


def _draw_label(pdf: "_CertificatePDF", label: str, top: float) -> float:
    pdf.set_xy(MARGIN, top)
    pdf.set_font(FONT_FAMILY, "B", pdf.density.label_size)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(LABEL_WIDTH, pdf.density.line_height, label, align="L",
                   new_x=XPos.LEFT, new_y=YPos.NEXT)
    return pdf.y


def _draw_value(pdf: "_CertificatePDF", value: str, width: float, *, bulleted: bool,
                link: str | None, parent: TaggedElem) -> None:
    x, line_height = pdf.x, pdf.density.line_height
    pdf.set_font(FONT_FAMILY, "", pdf.density.value_size)
    pdf.set_text_color(*TEXT)
    if bulleted:
        item = pdf.group("LI", parent)
        with pdf.tagged("Lbl", item):
            pdf.cell(BULLET_INDENT, line_height, "•")
        with pdf.tagged("LBody", item):
            pdf.multi_cell(width - BULLET_INDENT, line_height, value, align="L",
                           new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(x, pdf.y + BULLET_GAP)
    else:
        with pdf.tagged("P", parent):
            pdf.multi_cell(width, line_height, value, align="L", link=link,
                           new_x=XPos.LEFT, new_y=YPos.NEXT)


def _row_height(
    pdf: "_CertificatePDF", row: _Row, *, values: tuple[str, ...] | None = None
) -> float:
    density = pdf.density
    value_width = pdf.epw - LABEL_WIDTH - COLUMN_GAP
    pdf.set_font(FONT_FAMILY, "B", density.label_size)
    label_height = _text_height(pdf, row.label, LABEL_WIDTH, density.line_height)
    pdf.set_font(FONT_FAMILY, "", density.value_size)
    values_height = sum(
        _value_height(pdf, value, value_width, bulleted=row.bulleted)
        for value in (row.values if values is None else values)
    )
    return 2 * density.row_padding + max(label_height, values_height)


def _value_height(pdf: "_CertificatePDF", value: str, width: float, *, bulleted: bool) -> float:
    line_height = pdf.density.line_height
    if bulleted:
        return _text_height(pdf, value, width - BULLET_INDENT, line_height) + BULLET_GAP
    return _text_height(pdf, value, width, line_height)


def _text_height(pdf: "_CertificatePDF", text: str, width: float, line_height: float) -> float:
    key = (text, width, line_height, pdf.font_family, pdf.font_style, pdf.font_size_pt)
    if key not in pdf.heights:
        # With output=LINES, multi_cell returns the list of wrapped lines (its type is a union).
        lines = cast(list[str], pdf.multi_cell(width, line_height, text, dry_run=True,
                                               output=MethodReturnValue.LINES))
        pdf.heights[key] = len(lines) * line_height
    return pdf.heights[key]
