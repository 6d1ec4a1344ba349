import pytest
from django.core.management import call_command

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.curriculum.models import Module
from microcred.public.models import NewsItem, NewsTranslation
from microcred.review.models import EventAction, ReviewEvent

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        PartnerOrganisation.objects.count(),
        User.objects.count(),
        NewsItem.objects.count(),
        NewsTranslation.objects.count(),
        ReviewEvent.objects.count(),
    )


def test_demo_data_has_seven_partners_and_an_account_for_each_role(capsys):
    call_command("load_demo")
    assert PartnerOrganisation.objects.count() == 7
    assert len({p.country for p in PartnerOrganisation.objects.all()}) == 7
    coordinator = User.objects.get(email="coordinator-pl@example.org")
    assert coordinator.has_role(Role.COORDINATOR)
    assert User.objects.get(email="admin@example.org").has_role(Role.ADMIN)
    output = capsys.readouterr().out
    assert "learner-pl@example.org" in output
    assert "microcred-demo" in output


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo")
    # The course went through the demo Board (review/tests/test_demo_review.py has the details).
    published = ReviewEvent.objects.filter(action=EventAction.PUBLISHED)
    assert published.count() == Module.objects.count() == 13
    before = _counts()
    call_command("load_demo")
    assert _counts() == before


def test_demo_staff_can_log_in_with_the_printed_password_and_code(client):
    call_command("load_demo")
    response = client.post(
        "/accounts/login/", {"login": "coordinator-pl@example.org", "password": "microcred-demo"}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"


def test_the_demo_signs_every_kind_of_credential_and_each_verifies():
    from microcred.credentials.models import IssuedCredential
    from microcred.credentials.verification import verify_credential

    call_command("load_demo")
    signed = [c for c in IssuedCredential.objects.select_related("spec")
              if "proof" in c.document]
    kinds = {
        "module": [c for c in signed if c.spec.code == "M01" and not c.revoked_at],
        "full course": [c for c in signed if c.spec.code == "COURSE"],
        "partner-signed": [c for c in signed if ":partners:" in c.document["issuer"]["id"]],
        "revoked": [c for c in signed if c.revoked_at],
    }
    assert all(kinds.values()), {kind: len(found) for kind, found in kinds.items()}
    for kind, credentials in kinds.items():
        result = verify_credential(credentials[0].document).result
        assert result.verified is (kind != "revoked"), (kind, result.errors)


def test_the_demos_tests_replay_so_item_statistics_and_the_pilot_report_open(client, reviewer):
    from django.urls import reverse

    from microcred.assessment.stats import item_report
    from microcred.curriculum.models import Module

    call_command("load_demo")
    client.force_login(reviewer)
    for module in Module.objects.all():
        assert item_report(module).skipped == 0
    page = client.get(reverse("assessment:statistics", args=["M01"]))
    assert page.status_code == 200
    assert "could not be read" not in page.content.decode()
    assert client.get(reverse("review:pilot_report")).status_code == 200
