"""The synthetic data set (microcred/demo) and the dashboard agree with plain counts of it; it
is removed again without touching real learners."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import User
from microcred.assessment.models import Attempt
from microcred.credentials.models import IssuedCredential, StatusList
from microcred.demo.synthetic import SYNTHETIC_DOMAIN, synthetic_users
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress
from microcred.reporting.services import refresh_kpis
from microcred.reporting.tests.pages import key_figures
from microcred.review.models import Cohort, CohortMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic(small_course, partner, other_partner):
    call_command("generate_synthetic_data", "--learners", "200", "--months", "6", "--seed", "3",
                 stdout=io.StringIO())
    return synthetic_users()


def test_it_makes_learners_with_profiles_progress_tests_and_credentials(synthetic):
    assert synthetic.count() == 200
    assert all(email.endswith(f"@{SYNTHETIC_DOMAIN}")
               for email in synthetic.values_list("email", flat=True))
    assert not any(user.has_usable_password() for user in synthetic)
    assert LearnerProfile.objects.filter(user__in=synthetic).count() == 200
    assert set(synthetic.values_list("partner__slug", flat=True)) == {"pl", "ie"}
    assert ModuleProgress.objects.filter(learner__in=synthetic).count() > 100
    assert LessonProgress.objects.filter(learner__in=synthetic).count() > 100
    assert Attempt.objects.filter(learner__in=synthetic, passed=True).exists()
    assert Attempt.objects.filter(learner__in=synthetic, passed=False).exists()
    assert IssuedCredential.objects.filter(learner__in=synthetic).exists()
    assert IssuedCredential.objects.filter(learner__in=synthetic, spec__code="COURSE").exists()
    assert CohortMembership.objects.filter(learner__in=synthetic).exists()
    # Dates are spread over the months asked for, never in the future.
    joined = list(synthetic.values_list("date_joined", flat=True))
    assert max(joined) <= timezone.now()
    assert len({(d.year, d.month) for d in joined}) >= 5
    assert not IssuedCredential.objects.filter(issued_at__gt=timezone.now()).exists()
    # Real issuance never takes a bit from their status lists.
    assert StatusList.objects.filter(purpose="revocation").count() == 0


def test_the_dashboard_agrees_with_plain_counts(client, platform_admin, synthetic):
    refresh_kpis()
    client.force_login(platform_admin)
    shown = key_figures(client.get(reverse("reporting:dashboard")).content.decode())
    credentials = IssuedCredential.objects.filter(learner__in=synthetic)
    submitted = Attempt.objects.filter(learner__in=synthetic, submitted_at__isnull=False)
    assert shown["enrolled"] == 200
    assert shown["modules_completed"] == ModuleProgress.objects.filter(
        learner__in=synthetic, completed_at__isnull=False).count()
    assert shown["assessments_taken"] == submitted.count()
    assert shown["assessments_passed"] == submitted.filter(passed=True).count()
    assert shown["learners_assessed"] == submitted.values("learner").distinct().count()
    assert shown["credentials_issued"] == credentials.count()
    assert shown["credentials_revoked"] == credentials.filter(revoked_at__isnull=False).count()
    assert shown["course_credentials"] == credentials.filter(
        spec__code="COURSE", revoked_at__isnull=True).count()
    assert shown["learners_certified"] == credentials.filter(
        revoked_at__isnull=True).values("learner").distinct().count()


def test_delete_removes_only_synthetic_data(synthetic, learner):
    kept = IssuedCredential.objects.exclude(learner__in=synthetic).count()
    call_command("generate_synthetic_data", "--delete", stdout=io.StringIO())
    assert not synthetic_users().exists()
    assert User.objects.filter(pk=learner.pk).exists()
    assert not Cohort.objects.filter(name__startswith="Synthetic: ").exists()
    assert not StatusList.objects.filter(purpose="synthetic").exists()
    assert IssuedCredential.objects.count() == kept
    assert not ModuleProgress.objects.filter(learner__email__endswith=SYNTHETIC_DOMAIN).exists()


def test_it_refuses_to_add_a_second_set(synthetic):
    with pytest.raises(CommandError, match="--delete"):
        call_command("generate_synthetic_data", "--learners", "5")


def test_it_needs_a_course(partner):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_synthetic_data", "--learners", "5")
