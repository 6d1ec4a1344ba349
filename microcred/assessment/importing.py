"""What the question importers (gift.py, moodle_xml.py) share: outcomes from categories or tags,
item ids, HTML to plain text, and the all-or-nothing finish.

An import is for one language and one module. Each question names its outcome by the last segment
of its category path (`$course$/top/M01/M01-LO2` means M01-LO2) or, in Moodle XML, by a tag that
is an outcome code, which wins. A question's name becomes its item id when it is one in the
module's id space (M01-Q21 for an M01 outcome); otherwise the id is `<id_prefix>-<n>`, n being the
question's number in the file.
Nothing is returned unless every question imports: ContentInvalid lists every problem at once.
"""

from dataclasses import dataclass, field
from typing import Any

import lxml.html
from django.utils.translation import gettext as _
from lxml import etree

from microcred.assessment.items import ITEM_ID, ItemSpec, item_problems
from microcred.curriculum.content_files import ContentError, ContentInvalid
from microcred.curriculum.text import configured_languages

MAX_IMPORT_BYTES = 10 * 1024 * 1024  # a text question bank is far smaller; more is an attack
MEDIA_TAGS = ("img", "video", "audio", "object", "embed", "iframe", "svg")
BLOCK_TAGS = ("p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Importer:
    """Collects the items and problems of one file."""

    name: str  # the file name, for messages
    language: str
    outcome_codes: set[str]
    id_prefix: str
    errors: list[ContentError] = field(default_factory=list)
    items: list[tuple[int | None, ItemSpec]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.language not in configured_languages():
            self.error(None, _("unknown language %(language)r") % {"language": self.language})
        if not ITEM_ID.fullmatch(self.id_prefix + "-1"):
            self.error(None, _("the id prefix must be letters, digits and dashes, like M01-IMP"))

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(ContentError(self.name, line, message))

    def unsupported(self, line: int | None, kind: str) -> None:
        self.error(line, _("question type %(type)s is not supported by the exam") % {"type": kind})

    def outcome(self, line: int | None, category: str | None, tags: tuple[str, ...] = ()) -> str:
        for tag in tags:
            if tag.strip() in self.outcome_codes:
                return tag.strip()
        code = (category or "").rstrip("/").rsplit("/", 1)[-1].strip()
        if code not in self.outcome_codes:
            self.error(
                line,
                _("category %(category)r does not name an outcome of this module (%(codes)s)")
                % {"category": category or "", "codes": ", ".join(sorted(self.outcome_codes))},
            )
        return code

    def item_id(self, names: list[str | None], number: int, outcome: str) -> str:
        # Only a name in the module's own id space ("M01-..." for outcome M01-LO2) is an id;
        # Moodle names like "Data question" are titles, not ids.
        module = outcome.split("-", 1)[0] + "-"
        for name in (name.strip() for name in names if name):
            if ITEM_ID.fullmatch(name) and name.startswith(module) and name != module:
                return name
        return f"{self.id_prefix}-{number:03d}"

    def text(self, line: int | None, value: str, what: str, *, html: bool) -> str:
        """Plain text from a question's text; reports empty texts and media."""
        text = html_to_text(value) if html else " ".join(value.split())
        if html and has_media(value):
            self.error(line, _("%(what)s holds an image or other media") % {"what": what})
        if not text:
            self.error(line, _("%(what)s is empty") % {"what": what})
        return text

    def add(self, line: int | None, **fields: Any) -> None:
        item = ItemSpec(**fields)
        for _key, message in item_problems(item, self.language):
            self.error(
                line, _("question %(id)s: %(problem)s") % {"id": item.id, "problem": message}
            )
        self.items.append((line, item))

    def finish(self) -> list[ItemSpec]:
        first: dict[str, int | None] = {}
        for line, item in self.items:
            if item.id in first:
                self.error(line, _("question id %(id)s is used twice") % {"id": item.id})
            first.setdefault(item.id, line)
        if not self.items and not self.errors:
            self.error(None, _("the file holds no questions"))
        if self.errors:
            raise ContentInvalid(sorted(self.errors, key=lambda error: error.line or 0))
        return [item for _line, item in self.items]

    def lang(self, text: str) -> dict[str, str]:
        return {self.language: text} if text else {}


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
    fragment = _fragment(html) if "<" in html else None
    return fragment is not None and any(True for _element in fragment.iter(*MEDIA_TAGS))
