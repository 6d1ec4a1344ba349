"""The KPI dashboard in a real browser: an administrator (with two-step verification) reads the
figures and charts, filters them, on a desktop and on a 320-pixel phone; axe-checked.

Staff need MFA: the persona fixtures give them an authenticator, and the administrator is logged
in by copying a session made with Django's test client into the browser.
"""

import io

import pytest
from django.core.management import call_command

from microcred.credentials.services import sync_specs
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.reporting.services import refresh_kpis
from microcred.testing.course import publish_without_review
from tests.e2e.checks import assert_accessible, assert_fits_small_screen, log_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def learners(tmp_path, partner, other_partner):
    """150 synthetic learners of two partners with progress, tests and credentials."""
    import_curriculum(path=write_curriculum(tmp_path, items=True))
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    sync_specs()
    call_command("generate_synthetic_data", "--learners", "150", "--months", "8",
                 stdout=io.StringIO())
    refresh_kpis()


def test_an_admin_reads_the_kpi_dashboard_on_a_phone(page, live_server, platform_admin,
                                                     learners):
    log_in_as(page, live_server, platform_admin)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/reporting/")
    assert page.locator("h1").inner_text() == "KPI dashboard"
    assert page.locator("svg[role=img]").count() == 3
    for chart in page.locator("svg[role=img]").all():
        assert chart.get_attribute("aria-labelledby")
        assert chart.bounding_box()["width"] > 300  # drawn, not collapsed
    assert "Learners enrolled: 150 of the target of 1400" in page.locator(
        "#targets-chart-desc").text_content()
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    assert_accessible(page)
    assert_fits_small_screen(page)
    assert page.locator("svg[role=img]").first.bounding_box()["width"] <= 320

    page.select_option("#id_skills", "low")
    page.select_option("#id_language", "en")
    page.locator("form.kpi-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "skills=low" in page.url
    assert "targets are set for all the consortium" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_fits_small_screen(page)
