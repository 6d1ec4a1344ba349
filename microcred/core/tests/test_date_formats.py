"""Every audience of the platform reads dates day-first: the English pages too."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

MARCH_4 = date(2026, 3, 4)  # 4 March: a month-first date would show it as 3 April


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    "format_name", ["DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"]
)
def test_every_language_shows_the_day_before_the_month(language, format_name):
    with translation.override(language):
        shown = formats.date_format(datetime(2026, 3, 4, 15, 30), format_name)
        month_name = formats.date_format(MARCH_4, "F")
    day = shown.find("4")
    month = min(
        position
        for position in (
            shown.find("03"),
            shown.find(month_name),
            shown.find(month_name[:3].lower()),
        )
        if position >= 0
    )
    assert 0 <= day < month, f"{language} {format_name}: {shown}"


def test_english_pages_show_4_march_and_a_24_hour_clock():
    template = Template('{{ when|date:"SHORT_DATE_FORMAT" }} · {{ when|date:"DATETIME_FORMAT" }}')
    with translation.override("en"):
        shown = template.render(Context({"when": datetime(2026, 3, 4, 15, 30)}))
    assert shown == "04/03/2026 · 4 March 2026, 15:30"


def test_an_english_date_field_reads_day_first():
    from django import forms

    with translation.override("en"):
        field = forms.DateField()
        assert field.clean("04/03/2026") == MARCH_4
        assert field.clean("2026-03-04") == MARCH_4
