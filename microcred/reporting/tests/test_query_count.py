"""The dashboard and its exports cost the same number of queries for 30 learners as for 530."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microcred.reporting.models import KpiRollup
from microcred.reporting.services import refresh_kpis
from microcred.reporting.tests.pages import key_figures

pytestmark = pytest.mark.django_db

PAGES = [reverse("reporting:dashboard"), reverse("reporting:export", kwargs={"fmt": "csv"}),
         reverse("reporting:export", kwargs={"fmt": "xlsx"})]


def _queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("persona", ["platform_admin", "coordinator"])
def test_pages_cost_the_same_queries_with_more_learners(
    client, request, persona, kpi_data, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    client.get(PAGES[0])  # sessions, caches: warm up
    small = {url: _queries(client, url) for url in PAGES}
    filtered = _queries(client, PAGES[0], {"language": "en", "cohort": "1", "skills": "low"})
    rows = KpiRollup.objects.count()
    call_command("generate_synthetic_data", "--learners", "500", "--months", "12",
                 stdout=io.StringIO())
    refresh_kpis()
    assert KpiRollup.objects.count() > 3 * rows
    assert key_figures(client.get(PAGES[0]).content.decode())["enrolled"] > 30
    for url, count in small.items():
        with django_assert_num_queries(count):
            client.get(url)
    with django_assert_num_queries(filtered):
        client.get(PAGES[0], {"language": "en", "cohort": "1", "skills": "low"})
    assert small[PAGES[0]] <= 12  # session, user, roles, MFA, status, partners, cohorts, figures
