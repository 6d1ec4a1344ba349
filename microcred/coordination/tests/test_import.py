"""Enrolling learners from a CSV file: every problem listed, all or nothing, never twice."""

import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.accounts.models import PersonalDataAccess, User
from microcred.coordination import services
from microcred.learning.models import LearnerProfile
from microcred.review.models import Cohort, CohortMembership

pytestmark = pytest.mark.django_db

IMPORT = reverse("coordination:import_learners")
GOOD = ("e-mail;full name;language;employment status;cohort\r\n"
        "jan@example.org;Jan Kowalski;;job_seeking;Launch 2026\r\n"
        "maria@example.org;María García;es;;internal PILOT\r\n")


def upload(text: str, name: str = "learners.csv", encoding: str = "utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


@pytest.fixture
def cohorts(partner, other_partner):
    return {
        "ours": Cohort.objects.create(name="Launch 2026", partner=partner,
                                      starts_on=date(2026, 1, 1)),
        "shared": Cohort.objects.create(name="Internal pilot", partner=None,
                                        starts_on=date(2026, 1, 1)),
        "theirs": Cohort.objects.create(name="Dublin spring", partner=other_partner,
                                        starts_on=date(2026, 1, 1)),
    }


def _post(client, text, **extra):
    return client.post(IMPORT, {"file": upload(text), "send_welcome": "on", **extra})


def test_a_coordinator_enrols_learners_from_a_semicolon_file(
    client, coordinator, partner, cohorts, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, GOOD)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 new learners added to Fundacja Cyfrowa Szansa." in page
    jan = User.objects.get(email="jan@example.org")
    assert (jan.full_name, jan.partner, jan.preferred_language) == ("Jan Kowalski", partner, "pl")
    assert not jan.has_usable_password()
    assert LearnerProfile.objects.get(user=jan).employment_status == "job_seeking"
    assert CohortMembership.objects.get(learner=jan).cohort == cohorts["ours"]
    maria = User.objects.get(email="maria@example.org")
    assert maria.preferred_language == "es"
    assert CohortMembership.objects.get(learner=maria).cohort == cohorts["shared"]
    # Each welcome e-mail is in the learner's language and explains the log-in by code.
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"jan@example.org", "maria@example.org"}
    assert "/accounts/login/code/" in by_recipient["maria@example.org"].body
    assert by_recipient["maria@example.org"].body.startswith("Hola, María")  # her language
    assert by_recipient["jan@example.org"].body.startswith("Cześć, Jan!")  # the partner's
    assert PersonalDataAccess.objects.get(purpose="learner_import").learner_count == 2


def test_the_address_of_an_imported_learner_is_verified_at_their_first_log_in_by_code(
    client, coordinator, partner
):
    services.enrol_learners(actor=coordinator, partner=partner,
                            data=b"email,name\njan@example.org,Jan\n", send_welcome=False)
    address = EmailAddress.objects.get(email="jan@example.org")
    assert address.primary
    assert not address.verified
    client.post(reverse("account_request_login_code"), {"email": "jan@example.org"})
    code = _code_in(mail.outbox[-1].body)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.verified


def _code_in(body: str) -> str:
    return re.search(r"^\s*([A-Z0-9-]{6,12})\s*$", body, flags=re.MULTILINE).group(1)


def test_every_problem_is_listed_with_its_line_and_nothing_is_created(
    client, coordinator, other_partner_learner, cohorts
):
    client.force_login(coordinator)
    response = _post(client, (
        "email,full name,language,employment status,cohort\n"
        "jan@example.org,Jan Kowalski,,,\n"                  # 2: fine
        "not-an-address,Jan,,,\n"                             # 3
        "jan@example.org,Jan Again,,,\n"                      # 4
        "sean@example.org,Sean Murphy,,,\n"                   # 5: another partner's learner
        "olga@example.org,Olga,xx,,\n"                        # 6
        "marek@example.org,Marek,,pilot,\n"                   # 7
        "ewa@example.org,Ewa,,,Dublin spring\n"               # 8: another partner's cohort
        "adam@example.org,Adam,,,No such cohort\n"            # 9
    ))
    page = response.content.decode()
    assert "Nobody was added. Please correct these 7 problems" in page
    for line in (3, 4, 5, 6, 7, 8, 9):
        assert f"Line {line}:" in page
    assert "already exists at another partner organisation" in page
    assert "Dublin Adult Learning Network" not in page  # never which one
    assert not User.objects.filter(email__in=["jan@example.org", "olga@example.org"]).exists()


def test_every_error_of_a_line_is_listed_at_once_even_those_the_database_finds(
    client, coordinator, other_partner_learner, cohorts
):
    client.force_login(coordinator)
    page = _post(client, (
        "email,full name,language,employment status,cohort\n"
        "sean@example.org,,xx,pilot,No such cohort\n"   # 2: five problems on one line
        "bad-address,Ewa,,,Dublin spring\n"              # 3: two problems
    )).content.decode()
    line_2 = re.findall(r"Line 2: ([^<]+)", page)
    assert len(line_2) == 5, line_2
    assert any("full name is missing" in problem for problem in line_2)
    assert any("another partner organisation" in problem for problem in line_2)
    assert any("no cohort named “No such cohort”" in problem for problem in line_2)
    line_3 = re.findall(r"Line 3: ([^<]+)", page)
    assert len(line_3) == 2, line_3
    assert any("Dublin spring" in problem for problem in line_3)
    assert not User.objects.filter(email="bad-address").exists()


def test_importing_the_same_file_again_creates_nobody_twice(coordinator, partner, cohorts):
    first = services.enrol_learners(actor=coordinator, partner=partner, data=GOOD.encode(),
                                    send_welcome=False)
    second = services.enrol_learners(actor=coordinator, partner=partner, data=GOOD.encode(),
                                     send_welcome=False)
    assert len(first.created) == 2
    assert second.created == []
    assert {user.email for user in second.already_enrolled} == {"jan@example.org",
                                                                "maria@example.org"}
    assert User.objects.filter(email="jan@example.org").count() == 1
    assert CohortMembership.objects.filter(learner__email="jan@example.org").count() == 1


def test_an_already_enrolled_learner_is_reported_not_refused(client, coordinator, learner):
    client.force_login(coordinator)
    page = _post(client, "email,name\nANNA@example.org,Anna N.\nnew@example.org,New\n"
                 ).content.decode()
    assert "1 new learner added" in page
    assert "Already enrolled" in page
    learner.refresh_from_db()
    assert learner.full_name == "Anna Nowak"  # nothing changed for them


def test_a_file_with_a_byte_order_mark_and_commas_is_accepted(client, coordinator):
    client.force_login(coordinator)
    text = "\ufeffEMAIL,Full Name\r\njan@example.org,\"Kowalski, Jan\"\r\n"
    page = _post(client, text).content.decode()
    assert "1 new learner added" in page
    assert User.objects.get(email="jan@example.org").full_name == "Kowalski, Jan"


def test_staff_accounts_and_accounts_without_an_organisation_are_not_taken_over(
    coordinator, reviewer, partner
):
    from microcred.testing.factories import UserFactory

    UserFactory(email="loner@example.org", partner=None)
    data = b"email,name\nreviewer@example.org,R\nloner@example.org,L\n"
    with pytest.raises(services.ImportInvalid) as refused:
        services.enrol_learners(actor=coordinator, partner=partner, data=data)
    assert [str(error) for error in refused.value.errors] == [
        "Line 2: this e-mail address belongs to a staff account, not a learner.",
        "Line 3: an account with this e-mail address already exists but has not chosen an "
        "organisation. The person can choose yours in “My account”.",
    ]


def test_a_second_address_of_another_account_counts_as_that_account(coordinator, partner,
                                                                     other_partner_learner):
    EmailAddress.objects.create(user=other_partner_learner, email="sean.work@example.org")
    with pytest.raises(services.ImportInvalid):
        services.enrol_learners(actor=coordinator, partner=partner,
                                data=b"email,name\nSean.Work@example.org,S\n")


def test_a_coordinator_cannot_enrol_into_another_organisation(coordinator, other_partner):
    with pytest.raises(services.PermissionDenied):
        services.enrol_learners(actor=coordinator, partner=other_partner,
                                data=b"email,name\njan@example.org,Jan\n")
    assert not User.objects.filter(email="jan@example.org").exists()


def test_a_posted_partner_is_ignored_for_coordinators(client, coordinator, partner,
                                                      other_partner):
    client.force_login(coordinator)
    _post(client, "email,name\njan@example.org,Jan\n", partner=other_partner.pk)
    assert User.objects.get(email="jan@example.org").partner == partner


def test_a_platform_admin_chooses_the_organisation(client, platform_admin, other_partner):
    client.force_login(platform_admin)
    response = _post(client, "email,name\njan@example.org,Jan\n")
    assert "Please choose the organisation." in response.content.decode()
    assert not User.objects.filter(email="jan@example.org").exists()
    _post(client, "email,name\njan@example.org,Jan\n", partner=other_partner.pk)
    jan = User.objects.get(email="jan@example.org")
    assert (jan.partner, jan.preferred_language) == (other_partner, "en")


def test_a_file_in_the_wrong_encoding_gets_advice(client, coordinator):
    client.force_login(coordinator)
    response = client.post(IMPORT, {"file": upload("email;name\na@example.org;Łucja\n",
                                                   encoding="cp1250")})
    assert "CSV UTF-8" in response.content.decode()
    assert User.objects.filter(email="a@example.org").count() == 0


def test_a_file_too_large_is_refused_before_it_is_read(client, coordinator):
    client.force_login(coordinator)
    big = SimpleUploadedFile("big.csv", b"x" * (1024 * 1024 + 1))
    response = client.post(IMPORT, {"file": big})
    assert "The file is too large (1 MB at most)" in response.content.decode()


def test_the_template_has_the_column_names_in_the_readers_separator(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("coordination:import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="learners-template.csv"'
    assert response.content.decode("utf-8-sig") == (
        "e-mail,full name,language,employment status,cohort\r\n")
    polish = client.get(reverse("coordination:import_template"), HTTP_ACCEPT_LANGUAGE="pl")
    assert polish.content.decode("utf-8-sig").startswith("e-mail;full name;")
    # The template itself is accepted once filled in.
    filled = polish.content.decode("utf-8-sig") + "jan@example.org;Jan;;;\r\n"
    assert services.check_import(partner=coordinator.partner, data=filled.encode()).ok


def test_the_import_page_lists_the_coordinators_cohorts_only(client, coordinator, cohorts):
    client.force_login(coordinator)
    page = client.get(IMPORT).content.decode()
    assert "Launch 2026" in page
    assert "Internal pilot" in page
    assert "Dublin spring" not in page
