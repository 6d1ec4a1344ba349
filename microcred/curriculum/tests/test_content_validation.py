"""Authors see every problem with its file and line; hostile Markdown is neutralised."""

from html.parser import HTMLParser

import pytest

from microcred.curriculum import markdown
from microcred.curriculum.content_files import ContentInvalid, read_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum


def _errors(root) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        read_curriculum(root)
    return [str(error) for error in raised.value.errors]


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_valid_tree_reads_without_errors(tmp_path):
    course = read_curriculum(write_curriculum(tmp_path))
    assert [m.code for m in course.modules] == ["M01", "M02"]
    assert course.modules[0].lessons[0].check["correct"] == 1


def test_an_unknown_digcomp_competence_is_named_with_its_line(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(root / "01-module-1" / "module.yaml", 'digcomp: "1.1"', 'digcomp: "7.7"')
    assert _errors(root) == [
        "01-module-1/module.yaml, line 12: unknown DigComp 2.2 competence '7.7'"
    ]


def test_an_outcome_without_an_english_statement_is_refused(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(
        root / "01-module-1" / "module.yaml",
        'statement: {en: "The learner can search the web.", ',
        "statement: {",
    )
    assert _errors(root) == [
        "01-module-1/module.yaml, line 14: outcome M01-LO1 statement has no English text"
    ]


def test_an_image_without_alt_text_is_refused(tmp_path):
    root = write_curriculum(tmp_path)
    media = root / "01-module-1" / "media"
    media.mkdir()
    (media / "phone.png").write_bytes(b"\x89PNG")
    _edit(
        root / "01-module-1" / "en" / "01-first-steps.md",
        "minutes: 10",
        "minutes: 10\nmedia:\n  - {type: image, src: phone.png}",
    )
    assert _errors(root) == ["01-module-1/en/01-first-steps.md, line 5: image has no alt text"]


def test_an_inline_image_without_alt_text_is_refused(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(
        root / "01-module-1" / "en" / "01-first-steps.md",
        "Open the browser.",
        "Open the browser.\n\n![](phone.png)",
    )
    assert "01-module-1/en/01-first-steps.md, line 18: image has no alt text" in _errors(root)


def test_a_video_needs_captions_or_a_transcript(tmp_path):
    root = write_curriculum(tmp_path)
    media = root / "01-module-1" / "media"
    media.mkdir()
    (media / "intro.mp4").write_bytes(b"")
    _edit(
        root / "01-module-1" / "en" / "01-first-steps.md",
        "minutes: 10",
        "minutes: 10\nmedia:\n  - {type: video, src: intro.mp4}",
    )
    assert _errors(root) == [
        "01-module-1/en/01-first-steps.md, line 5: video needs captions or a transcript"
    ]


def test_a_broken_internal_link_is_reported(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(
        root / "01-module-1" / "pl" / "02-next-steps.md",
        "lesson:01-first-steps",
        "lesson:09-nowhere",
    )
    assert _errors(root) == [
        "01-module-1/pl/02-next-steps.md, line 12: broken internal link to lesson 09-nowhere"
    ]


def test_a_link_to_another_modules_lesson_is_accepted(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(
        root / "02-module-2" / "en" / "02-next-steps.md",
        "lesson:01-first-steps",
        "lesson:M01/02-next-steps",
    )
    assert read_curriculum(root).modules[1].code == "M02"


def test_broken_yaml_names_the_line(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(root / "01-module-1" / "module.yaml", "order: 1", "order: [1")
    assert any(
        e.startswith("01-module-1/module.yaml, line") and "not valid YAML" in e
        for e in _errors(root)
    )


def test_a_polish_lesson_without_an_english_original_is_refused(tmp_path):
    root = write_curriculum(tmp_path)
    (root / "01-module-1" / "pl" / "03-extra.md").write_text(
        "---\ntitle: x\n---\nTekst\n", encoding="utf-8"
    )
    assert _errors(root) == [
        "01-module-1/pl/03-extra.md: there is no English lesson with this file name"
    ]


def test_every_problem_is_listed_at_once(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(
        root / "01-module-1" / "module.yaml", "level: 2\n    statement", "level: 12\n    statement"
    )
    _edit(root / "02-module-2" / "en" / "01-first-steps.md", "minutes: 10", "minutes: lots")
    errors = _errors(root)
    assert len(errors) == 2
    assert (
        "01-module-1/module.yaml, line 13: DigComp level must be a whole number from 1 to 8"
        in errors
    )
    assert (
        "02-module-2/en/01-first-steps.md, line 3: minutes must be a number from 1 to 180" in errors
    )


def test_raw_html_in_a_lesson_is_refused(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(
        root / "01-module-1" / "en" / "01-first-steps.md",
        "Open the browser.",
        "<script>alert(1)</script>",
    )
    assert (
        "01-module-1/en/01-first-steps.md, line 16: raw HTML is not allowed; use Markdown"
        in _errors(root)
    )


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="#" onclick="steal()">hi</a>',
    "<iframe src=https://evil.example></iframe>",
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize("source", HOSTILE)
def test_rendered_markdown_never_carries_script(source):
    parser = _Elements()
    parser.feed(markdown.render(source))
    for tag, attrs in parser.found:
        assert tag not in {"script", "iframe", "style", "svg", "object", "embed"}
        for name, value in attrs:
            assert not name.startswith("on")
            if name in {"href", "src"}:
                assert (
                    not (value or "")
                    .strip()
                    .lower()
                    .startswith(("javascript:", "vbscript:", "data:"))
                )


def test_ordinary_markdown_renders_as_expected():
    html = markdown.render("## Safe\n\nA [link](https://europa.eu) and **bold**.\n\n- one\n- two")
    assert "<h2>Safe</h2>" in html
    assert 'href="https://europa.eu"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html


def test_internal_links_resolve_to_lesson_pages():
    html = markdown.render("[next](lesson:02-more)", resolve_link=lambda t: f"/course/M01/{t}/")
    assert 'href="/course/M01/02-more/"' in html


@pytest.mark.parametrize(
    ("rule", "stored"),
    [("all_modules", "all_modules"), ("{at_least: 1}", {"at_least": 1}),
     ("{modules: [M02]}", {"modules": ["M02"]})],
)
def test_the_course_credential_rule_is_read_in_each_of_its_forms(tmp_path, rule, stored):
    root = write_curriculum(tmp_path)
    _edit(root / "curriculum.yaml", "rule: all_modules", f"rule: {rule}")
    assert read_curriculum(root).course_credential["rule"] == stored


@pytest.mark.parametrize(
    ("rule", "message"),
    [("{at_least: 3}", "at_least must be a whole number from 1 to 2 (the number of modules)"),
     ("{modules: [M01, M09]}", "the rule names modules that are not in the course: M09"),
     ("most_modules", "rule must be all_modules, {at_least: N} or {modules: [M01, ...]}")],
)
def test_a_course_credential_rule_that_cannot_work_is_refused_with_its_line(tmp_path, rule,
                                                                             message):
    root = write_curriculum(tmp_path)
    _edit(root / "curriculum.yaml", "rule: all_modules", f"rule: {rule}")
    assert _errors(root) == [f"curriculum.yaml, line 6: {message}"]
