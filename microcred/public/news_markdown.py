"""News text is Markdown rendered exactly as lessons are (curriculum.markdown), with two checks
of its own: a news item has no lessons to link to, and the site's security policy shows only
pictures stored on the site, which news cannot upload."""

from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from microcred.curriculum import markdown

_parser = MarkdownIt("commonmark", {"html": False})


def render(body: str) -> str:
    return markdown.render(body)


def problems(body: str) -> list[str]:
    """Authoring mistakes as sentences that name the line, e.g. "Line 3: image has no alt text"."""
    found = list(markdown.problems(body))
    for token in _parser.parse(body):
        line = token.map[0] + 1 if token.map else 1
        for inner in token.children or ():
            if inner.type == "image":
                found.append((line, _("pictures cannot be shown in news; link to them instead")))
            elif inner.type == "link_open" and str(inner.attrs.get("href", "")).startswith(
                markdown.INTERNAL_SCHEME
            ):
                found.append((line, _("news cannot link to lessons; use the lesson's web address")))
    return [
        _("Line %(line)d: %(problem)s.") % {"line": line, "problem": problem}
        for line, problem in sorted(set(found))
    ]
