"""Rebuilding the rollups: the command, the background task the dashboard queues when its
figures are old, and the admin's "Refresh now" button."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from microcred.learning.models import ModuleProgress
from microcred.reporting.models import KpiRollup, KpiStatus
from microcred.reporting.services import refresh_kpis
from microcred.reporting.tasks import refresh_kpis_task
from microcred.reporting.tests.pages import key_figures

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:dashboard")
REFRESH = reverse("reporting:refresh")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _age(minutes: int) -> None:
    KpiStatus.objects.update(refreshed_at=timezone.now() - timedelta(minutes=minutes),
                             requested_at=None)


def _queued() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="refresh_kpis_task").count()


def test_the_command_replaces_the_rollups_and_says_what_it_did(kpi_data):
    rows = KpiRollup.objects.count()
    out = io.StringIO()
    call_command("refresh_kpis", stdout=out)
    call_command("refresh_kpis", stdout=out)
    assert KpiRollup.objects.count() == rows  # replaced, never added twice
    assert "KPIs refreshed: 30 learners" in out.getvalue()
    status = KpiStatus.objects.get()
    assert status.rows == rows
    assert timezone.now() - status.refreshed_at < timedelta(minutes=1)


def test_new_activity_shows_after_a_refresh(client, platform_admin, kpi_data):
    client.force_login(platform_admin)
    before = key_figures(client.get(DASHBOARD).content.decode())["modules_completed"]
    ModuleProgress.objects.filter(completed_at__isnull=True).update(completed_at=timezone.now())
    assert key_figures(client.get(DASHBOARD).content.decode())["modules_completed"] == before
    refresh_kpis()
    assert key_figures(client.get(DASHBOARD).content.decode())["modules_completed"] == before + 1


def test_fresh_figures_queue_nothing(client, platform_admin, kpi_data,
                                     django_capture_on_commit_callbacks):
    client.force_login(platform_admin)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(DASHBOARD).content.decode()
    assert _queued() == 0
    assert "New figures are being calculated" not in page


def test_old_figures_queue_one_refresh_for_many_readers(
    client, platform_admin, coordinator, kpi_data, django_capture_on_commit_callbacks
):
    _age(20)
    client.force_login(platform_admin)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(DASHBOARD).content.decode()
    assert "New figures are being calculated" in page
    assert "Figures as of" in page  # the old figures are still shown meanwhile
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(DASHBOARD).content.decode()
    assert _queued() == 1
    assert "New figures are being calculated" in page


def test_a_request_that_got_lost_is_made_again_later(client, platform_admin, kpi_data,
                                                     django_capture_on_commit_callbacks):
    old = timezone.now() - timedelta(minutes=40)
    KpiStatus.objects.update(refreshed_at=old, requested_at=old + timedelta(minutes=5))
    client.force_login(platform_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(DASHBOARD)
    assert _queued() == 1


def test_the_queued_task_refreshes_the_figures(
    client, platform_admin, kpi_data, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    _age(60)
    client.force_login(platform_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(DASHBOARD)
    status = KpiStatus.objects.get()
    assert timezone.now() - status.refreshed_at < timedelta(minutes=1)
    assert not status.is_pending


def test_the_task_returns_the_number_of_rows(kpi_data, settings):
    settings.TASKS = IMMEDIATE
    result = refresh_kpis_task.enqueue()
    assert result.return_value == KpiRollup.objects.count()


def test_refresh_now_queues_a_refresh_for_an_admin(client, platform_admin, kpi_data,
                                                   django_capture_on_commit_callbacks):
    client.force_login(platform_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REFRESH, follow=True)
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert "The figures are being recalculated." in response.content.decode()
    assert _queued() == 1
    assert client.get(REFRESH).status_code == 405


def test_the_page_says_when_its_figures_were_counted_and_how_long_ago(
        client, platform_admin, kpi_data):
    _age(3)
    client.force_login(platform_admin)
    page = client.get(DASHBOARD).content.decode()
    assert re.search(r"Figures as of \d+ \w+ \d{4}, \d\d:\d\d \(\w+\), 3\xa0minutes ago", page)


def test_figures_a_few_minutes_old_are_recounted_on_small_data(
        client, platform_admin, kpi_data, django_capture_on_commit_callbacks):
    _age(1)
    client.force_login(platform_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(DASHBOARD)
    assert _queued() == 0
    _age(3)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(DASHBOARD)
    assert _queued() == 1


def test_a_slow_recount_is_not_started_again_before_five_times_its_duration(
        client, platform_admin, kpi_data, django_capture_on_commit_callbacks):
    _age(3)
    KpiStatus.objects.update(duration_ms=60_000)  # a million learners: a minute per recount
    client.force_login(platform_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(DASHBOARD)
    assert _queued() == 0
    _age(6)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(DASHBOARD)
    assert _queued() == 1
