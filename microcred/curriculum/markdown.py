"""Lesson Markdown: CommonMark with raw HTML off, then sanitised again with nh3 (Ammonia).

Two layers on purpose: markdown-it never emits author HTML, and nh3 removes anything unexpected
that a future parser option or a bug might let through (scripts, event handlers, javascript:).
"""

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

import nh3
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

INTERNAL_SCHEME = "lesson:"
ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "img",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")

_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?>")
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _line_of(token: Token, block: Token | None) -> int:
    source = token.map or (block.map if block else None)
    return source[0] + 1 if source else 1


@lru_cache(maxsize=4096)
def _tokens_with_lines(body: str) -> tuple[tuple[Token, int], ...]:
    """Every token with its line, parsed once per text: the checks only read the tokens, and an
    import (or a test that imports the course again) asks for the same lessons many times."""
    located: list[tuple[Token, int]] = []
    block: Token | None = None
    for token in _parser.parse(body):
        if token.map:
            block = token
        located.extend((inner, _line_of(inner, block)) for inner in _walk([token]))
    return tuple(located)


def internal_links(body: str) -> list[tuple[str, int]]:
    """(target, line) for every `lesson:` link, e.g. ("02-getting-online", 14)."""
    return [
        (str(token.attrs["href"])[len(INTERNAL_SCHEME) :], line)
        for token, line in _tokens_with_lines(body)
        if token.type == "link_open"
        and str(token.attrs.get("href", "")).startswith(INTERNAL_SCHEME)
    ]


def problems(body: str) -> list[tuple[int, str]]:
    """Authoring mistakes with their line numbers (1 = first line of the Markdown body)."""
    found: list[tuple[int, str]] = []
    for token, line in _tokens_with_lines(body):
        if token.type == "heading_open" and token.tag == "h1":
            found.append(
                (
                    line,
                    _("use ## for headings: the lesson title is the page's only level-1 heading"),
                )
            )
        elif token.type == "image" and not token.content.strip():
            found.append((line, _("image has no alt text")))
        elif token.type in {"html_block", "html_inline"} or (
            token.type == "text"
            and "<" in token.content
            and ">" in token.content
            and _looks_like_html(token.content)
        ):
            found.append((line, _("raw HTML is not allowed; use Markdown")))
    for line_number, text in enumerate(body.splitlines(), start=1):
        lowered = text.lower()
        if any(f"]({scheme}" in lowered for scheme in UNSAFE_SCHEMES):
            found.append(
                (
                    line_number,
                    _("links may only point to web pages, e-mail addresses or other lessons"),
                )
            )
    return found


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text))


def render(
    body: str,
    resolve_link: Callable[[str], str] | None = None,
    resolve_media: Callable[[str], str] | None = None,
) -> str:
    """Safe HTML for a lesson body; `lesson:` links and relative images are resolved first."""
    tokens = _parser.parse(body)
    for token in _walk(tokens):
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if href.startswith(INTERNAL_SCHEME):
                token.attrs["href"] = (
                    resolve_link(href[len(INTERNAL_SCHEME) :]) if resolve_link else "#"
                )
        elif token.type == "image" and resolve_media:
            src = str(token.attrs.get("src", ""))
            if "://" not in src and not src.startswith("/"):
                token.attrs["src"] = resolve_media(src)
    html = _parser.renderer.render(tokens, _parser.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
