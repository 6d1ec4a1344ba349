"""A rendered lesson split into its top-level blocks, so the Board can comment on each one.

"Paragraph" n is the n-th top-level element of the stored, sanitised lesson HTML (a paragraph,
heading, list, quote...), counted from 1. The HTML is fixed once a version leaves the draft
state, so the numbers stay valid for the whole review.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.utils.safestring import SafeString, mark_safe

VOID_TAGS = {"br", "hr", "img"}
_RELATIVE = re.compile(r'\b(href|src)="(\.\./[^"]*)"')


class _BlockSplitter(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.depth = 0
        self.start = 0
        self.blocks: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        if self.depth == 0:
            self.start = self._offset()
            if tag in VOID_TAGS:
                self.blocks.append(self.html[self.start : self.start + len(text)])
                return
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.html.index(">", self._offset()) + 1
            self.blocks.append(self.html[self.start : end])

    def handle_data(self, data: str) -> None:
        if self.depth == 0 and data.strip():
            self.blocks.append(data.strip())


def split_blocks(html: str) -> list[str]:
    """The top-level blocks of sanitised lesson HTML, in order."""
    splitter = _BlockSplitter(html or "")
    splitter.feed(html or "")
    splitter.close()
    return splitter.blocks


def lesson_blocks(html: str, *, base_url: str) -> list[SafeString]:
    """The blocks ready to show on a review page.

    Lesson links and images are written relative to the lesson page (decision 0003); on the
    review page they are resolved against the preview of the same lesson, so they still work.
    The HTML was sanitised with nh3 at import, which is why it may be marked safe.
    """
    return [mark_safe(_absolute_links(block, base_url)) for block in split_blocks(html)]  # noqa: S308


def _absolute_links(block: str, base_url: str) -> str:
    return _RELATIVE.sub(lambda m: f'{m[1]}="{urljoin(base_url, m[2])}"', block)
