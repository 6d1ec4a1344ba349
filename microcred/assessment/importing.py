"""What the question importers (gift.py, moodle_xml.py) share: one question at a time, a report,
multilanguage texts, outcomes suggested from categories, item ids, and HTML to plain text.

An import reads one file for one module. Every question is either imported (possibly with notes
saying what was adapted) or skipped with a plain reason and its line: one question that cannot
be imported faithfully never stops the others, and nothing is changed without a word in the
report. Only a file that cannot be read at all (not XML, not UTF-8, too large) is refused whole,
with ContentInvalid.

Outcomes are not decided here: each question keeps its Moodle category, and the category's last
segment (`$course$/top/M01/M01-LO2` means M01-LO2) or, in Moodle XML, a tag that is an outcome
code is only a suggestion. The staff member maps every category to an outcome on the preview
page (see `with_outcomes`). A question's name becomes its item id when it is one in the module's
id space and not taken (M01-Q21 in module M01); otherwise the id is `<id_prefix>-<n>`.

Texts may hold several languages the way Moodle writes them: `<span lang="pl"
class="multilang">...</span>` (the multilang filter) and `{mlang pl}...{mlang}` (multilang2).
They become language maps; text outside them belongs to every language; languages the course
does not use are reported and left out. A text without them is in the language of the upload.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import lxml.html
import yaml
from django.utils.translation import gettext as _
from lxml import etree

from microcred.assessment.items import (
    ITEM_ID,
    ItemSpec,
    LanguageMap,
    Option,
    item_problems,
)
from microcred.assessment.items_yaml import read_item_bank
from microcred.curriculum.content_files import ContentError, ContentInvalid
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages

MAX_IMPORT_BYTES = 10 * 1024 * 1024  # a text question bank is far smaller; more is an attack
MEDIA_TAGS = ("img", "video", "audio", "object", "embed", "iframe", "svg", "source", "picture")
BLOCK_TAGS = ("p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6")
# A link to a file the learner would have to open: without it the question cannot be answered.
_MEDIA_LINK = re.compile(
    r"@@PLUGINFILE@@|\.(?:mp3|mp4|m4a|ogg|oga|ogv|wav|webm|png|jpe?g|gif|svg|webp|pdf)\b", re.I
)
_MLANG = re.compile(r"\{mlang\s+([A-Za-z_-]+)\s*\}(.*?)\{mlang\}", re.S | re.I)
_SPANS = "//span[@lang and contains(concat(' ', normalize-space(@class), ' '), ' multilang ')]"
UNSUPPORTED_FOR_EXAM = frozenset(
    {"essay", "description", "calculated", "calculatedsimple", "calculatedmulti", "coderunner",
     "ddwtos", "ddimageortext", "ddmarker", "random", "randomsamatch", "recordrtc"}
)


@dataclass(frozen=True)
class Imported:
    """A question that imports; its outcome is set from the staff member's mapping."""

    line: int | None
    title: str
    category: str
    suggested: str  # the outcome the file names, or ""
    item: ItemSpec
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    line: int | None
    title: str
    reasons: tuple[str, ...]


@dataclass
class ImportReport:
    name: str
    language: str
    imported: list[Imported] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def categories(self) -> list[tuple[str, str]]:
        """(category, suggested outcome) of every imported question's category, in file order."""
        seen: dict[str, str] = {}
        for question in self.imported:
            seen.setdefault(question.category, question.suggested)
        return list(seen.items())

    def with_outcomes(self, mapping: dict[str, str]) -> list[ItemSpec]:
        """The imported items with each category's outcome (KeyError if one is not mapped)."""
        return [replace(q.item, outcome=mapping[q.category]) for q in self.imported]


@dataclass
class Importer:
    """Collects the report of one file, one question at a time (`begin`, then `add` or not)."""

    name: str  # the file name, for messages
    language: str
    outcome_codes: set[str]
    id_prefix: str
    taken: frozenset[str] = frozenset()  # ids already in the module's bank
    report: ImportReport = field(init=False)
    _line: int | None = field(default=None, init=False)
    _title: str = field(default="", init=False)
    _problems: list[str] = field(default_factory=list, init=False)
    _notes: list[str] = field(default_factory=list, init=False)
    _open: bool = field(default=False, init=False)
    _used: set[str] = field(default_factory=set, init=False)
    _id: str = field(default="", init=False)
    _category: tuple[str, str] = field(default=("", ""), init=False)

    def __post_init__(self) -> None:
        self.report = ImportReport(self.name, self.language)
        problems = []
        if self.language not in configured_languages():
            problems.append(_("unknown language %(language)r") % {"language": self.language})
        if not ITEM_ID.fullmatch(self.id_prefix + "-1"):
            problems.append(_("the id prefix must be letters, digits and dashes, like M01-IMP"))
        if problems:
            raise ContentInvalid([ContentError(self.name, None, p) for p in problems])

    def begin(self, line: int | None, title: str) -> None:
        """Start the next question; one left without `add` is reported as skipped."""
        self._close()
        self._line, self._title, self._open = line, " ".join(title.split())[:80], True
        self._problems, self._notes, self._id, self._category = [], [], "", ("", "")

    def error(self, message: str) -> None:
        self._problems.append(message)

    def note(self, message: str) -> None:
        if message not in self._notes:
            self._notes.append(message)

    def unsupported(self, kind: str) -> None:
        if kind in UNSUPPORTED_FOR_EXAM:
            self.error(_("%(type)s questions are not used for certification tests")
                       % {"type": kind})
        else:
            self.error(_("question type %(type)s is not supported") % {"type": kind})

    def outcome(self, category: str | None, tags: Iterable[str] = ()) -> str:
        """The outcome the file suggests: a tag that is an outcome code, else the category's."""
        for tag in tags:
            if tag.strip() in self.outcome_codes:
                return tag.strip()
        code = (category or "").rstrip("/").rsplit("/", 1)[-1].strip()
        return code if code in self.outcome_codes else ""

    def item_id(self, names: list[str | None], number: int) -> str:
        # Only a name in the module's own id space ("M01-..." in M01) is an id; Moodle names
        # like "Data question" are titles, not ids.
        module = self.id_prefix.split("-", 1)[0] + "-"
        for name in (name.strip() for name in names if name):
            if ITEM_ID.fullmatch(name) and name.startswith(module) and name != module:
                if name not in self.taken and name not in self._used:
                    return self._use(name)
                self.note(_("the name %(id)s is already used by another question, so it gets a "
                            "new id") % {"id": name})
        while f"{self.id_prefix}-{number:03d}" in self.taken | self._used:
            number += 1
        return self._use(f"{self.id_prefix}-{number:03d}")

    def _use(self, item_id: str) -> str:
        self._used.add(item_id)
        self._id = item_id
        return item_id

    def texts(self, value: str, what: str, *, html: bool, required: bool = True) -> LanguageMap:
        """A language map from a question's text; reports media, empty and foreign texts."""
        if html and has_media(value):
            self.error(_("%(what)s shows an image, a sound or a linked file, which cannot be "
                         "imported yet") % {"what": what})
        found, foreign = language_parts(value, html=html, language=self.language)
        for code in foreign:
            self.note(_("text in %(language)s is left out: the course does not use this "
                        "language") % {"language": code})
        texts = {code: text for code, text in found.items() if text}
        if required and not texts:
            self.error(_("%(what)s is empty") % {"what": what})
        return texts

    def add(self, **fields: Any) -> None:
        """Check the item as the bank would read it; import it or report why not."""
        item = ItemSpec(**fields)
        if not self._problems:
            self._problems += [message for _key, message in item_problems(item, self.language)]
        if not self._problems:
            self._problems += bank_problems(item, self.language)
        if self._problems:
            return  # _close reports it
        category, suggested = self._category
        self.report.imported.append(Imported(self._line, self._title, category, suggested,
                                             item, tuple(self._notes)))
        self._open = False

    def place(self, category: str | None, tags: Iterable[str] = ()) -> str:
        """Remember the question's category; the suggested outcome (or "") is returned."""
        suggested = self.outcome(category, tags)
        self._category = ((category or "").strip(), suggested)
        return suggested

    def _close(self) -> None:
        if self._open:
            reasons = tuple(self._problems) or (_("the question could not be read"),)
            self.report.skipped.append(Skipped(self._line, self._title, reasons))
            self._used.discard(self._id)  # a skipped question leaves its id free
        self._open = False

    def finish(self) -> ImportReport:
        self._close()
        if not self.report.imported and not self.report.skipped:
            raise ContentInvalid([ContentError(self.name, None, _("the file holds no questions"))])
        return self.report


Choice = tuple[float, LanguageMap, LanguageMap]  # weight in percent, text, its own feedback


def choices(imp: Importer, answers: list[Choice], *, single: bool) -> dict[str, Any] | None:
    """Options of a Moodle multiple-choice question, when the test can grade them the same way.

    Single answer: one answer earns 100% and the others nothing. Several answers: the test gives
    each right option an equal share and takes one share away per wrong pick (grading.py), so
    right answers must weigh the same; other penalties on wrong answers are reported.
    """
    options = tuple(Option(text, weight > 0, feedback) for weight, text, feedback in answers)
    right = [weight for weight, _text, _feedback in answers if weight > 0]
    if single:
        if len(right) != 1 or not math.isclose(right[0], 100):
            imp.error(_("in a question with one right answer, only that answer may earn points; "
                        "the test cannot grade partial points the same way"))
            return None
        return {"type": "single_choice", "options": options}
    if not right:
        imp.error(_("no answer is marked as right"))
        return None
    share = 100 / len(right)
    if any(not math.isclose(weight, share, abs_tol=0.5) for weight in right):
        imp.error(_("the right answers earn different points (%(weights)s); the test gives each "
                    "right answer the same share") % {"weights": _percents(right)})
        return None
    wrong = [weight for weight, _text, _feedback in answers if weight <= 0]
    if any(not math.isclose(weight, -share, abs_tol=0.5) for weight in wrong):
        imp.note(_("in the test each wrong choice takes away %(share)s, as much as a right one "
                   "gives (the file says %(weights)s)")
                 % {"share": _percents([share]), "weights": _percents(wrong)})
    return {"type": "multiple_response", "options": options}


def _percents(weights: list[float]) -> str:
    return ", ".join(f"{weight:g}%" for weight in dict.fromkeys(round(w, 2) for w in weights))


def bank_problems(item: ItemSpec, language: str) -> list[str]:
    """What the item bank would say about this item, so that what is saved always reads back.

    The bank needs English in every text (its reference language).
    """
    if REFERENCE_LANGUAGE not in item.stem:
        return [_("the question has no English text; every question of the test needs one "
                  "(Moodle's multilang can hold both)")]
    outcome = item.outcome or "X-LO1"
    probe = {"blueprint": {"items_per_outcome": 1, "pass_overall": 70, "pass_per_outcome": 50,
                           "attempts": 1, "cooldown_hours": 0},
             "items": [replace(item, outcome=outcome).as_dict()]}
    text = yaml.safe_dump(probe, allow_unicode=True, sort_keys=False)
    try:
        read_item_bank(Path("items.yaml"), {outcome}, text=text)
    except ContentInvalid as invalid:
        return [error.message for error in invalid.errors]
    return []


def language_parts(value: str, *, html: bool, language: str) -> tuple[dict[str, str], list[str]]:
    """Plain text per language of a text that may hold multilang parts, and foreign codes."""
    codes = _mlang_codes(value, html)
    if not codes:
        return {language: _plain(value, html)}, []
    configured = configured_languages()
    found: dict[str, str] = {}
    foreign: list[str] = []
    for raw in codes:
        code = _course_language(raw, configured, language)
        if code is None:
            foreign.append(raw)
        elif code not in found:
            found[code] = _plain(_only(value, raw, html), html)
    return found, foreign


def _mlang_codes(value: str, html: bool) -> list[str]:
    codes = [match[1] for match in _MLANG.finditer(value)]
    if html and "multilang" in value:
        fragment = _fragment(value)
        if fragment is not None:
            codes += [span.get("lang") for span in fragment.xpath(_SPANS)]
    return list(dict.fromkeys(codes))


def _course_language(raw: str, configured: list[str], language: str) -> str | None:
    # Moodle language packs are named like pt_br or de_du; "other" is multilang2's fallback.
    code = raw.lower().replace("-", "_")
    if code == "other":
        return language
    for candidate in (code, code.split("_", 1)[0]):
        if candidate in configured:
            return candidate
    return None


def _only(value: str, keep: str, html: bool) -> str:
    """The text as a reader of language `keep` sees it."""
    value = _MLANG.sub(lambda m: m[2] if m[1] == keep else "", value)
    if not html or "multilang" not in value:
        return value
    fragment = _fragment(value)
    if fragment is None:
        return value
    for span in fragment.xpath(_SPANS):
        if span.get("lang") == keep:
            span.drop_tag()
        else:
            span.drop_tree()
    return etree.tostring(fragment, encoding="unicode")


def _plain(value: str, html: bool) -> str:
    return html_to_text(value) if html else " ".join(value.split())


def _fragment(html: str) -> Any:
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, on one line; scripts and styles dropped."""
    fragment = _fragment(html) if html.strip() else None
    if fragment is None:
        return ""
    for element in list(fragment.iter("script", "style")):
        element.drop_tree()
    for element in fragment.iter(*BLOCK_TAGS):
        element.tail = " " + (element.tail or "")  # keep <p>a</p><p>b</p> as "a b", not "ab"
    return " ".join(fragment.text_content().split())


def has_media(html: str) -> bool:
    """Whether the fragment shows or links to media that a plain-text item would lose."""
    if "@@PLUGINFILE@@" in html:
        return True
    fragment = _fragment(html) if "<" in html else None
    if fragment is None:
        return False
    if any(True for _element in fragment.iter(*MEDIA_TAGS)):
        return True
    return any(_MEDIA_LINK.search(link.get("href", "")) for link in fragment.iter("a"))
