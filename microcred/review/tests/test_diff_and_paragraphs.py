"""The building blocks of the review pages: lesson paragraphs and readable differences."""

from microcred.review.diff import inline_diff, text_change
from microcred.review.paragraphs import lesson_blocks, split_blocks

LESSON_HTML = (
    '<h2>Title &amp; more</h2>\n<p>One <a href="../02-next/">link</a>.</p>\n'
    "<ul>\n<li>a</li>\n<li><p>b</p></li>\n</ul>\n<hr>\n"
    '<p><img src="../media/phone.png" alt="A phone"></p>'
)


def test_a_lesson_splits_into_its_top_level_blocks():
    assert split_blocks(LESSON_HTML) == [
        "<h2>Title &amp; more</h2>",
        '<p>One <a href="../02-next/">link</a>.</p>',
        "<ul>\n<li>a</li>\n<li><p>b</p></li>\n</ul>",
        "<hr>",
        '<p><img src="../media/phone.png" alt="A phone"></p>',
    ]


def test_links_and_images_in_a_block_still_work_on_the_review_page():
    blocks = lesson_blocks(LESSON_HTML, base_url="/course/preview/7/01-first/")
    assert 'href="/course/preview/7/02-next/"' in blocks[1]
    assert 'src="/course/preview/7/media/phone.png"' in blocks[4]


def test_a_word_level_difference_is_escaped_and_labelled():
    html = inline_diff("Open the <b>browser</b>.", "Open the app <now>.")
    assert "&lt;b&gt;" in html
    assert "<b>" not in html
    assert '<del><span class="visually-hidden">Removed: </span>' in html
    assert '<ins><span class="visually-hidden">Added: </span>' in html
    assert html.startswith("Open the ")


def test_unchanged_paragraphs_of_a_long_text_are_summarised():
    old = "First.\n\nSecond.\n\nThird."
    new = "First.\n\nSecond, changed.\n\nThird.\n\nFourth."
    change = text_change("Lesson", old, new, long=True)
    assert [block.unchanged for block in change.blocks] == [True, False, True, False]
    assert "1 paragraph unchanged" in change.blocks[0].html
    assert "Fourth." in change.blocks[3].html
    assert "<ins>" in change.blocks[3].html


def test_a_missing_translation_is_a_difference_not_english():
    assert text_change("Title", "", "Tytuł").kind == "added"
    assert text_change("Title", "Tytuł", "").kind == "removed"
    assert text_change("Title", "Same", "Same") is None
