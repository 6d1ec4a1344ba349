"""The Board: one representative per partner at a time, managed by the platform admin."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from microcred.accounts.roles import Role
from microcred.review import services, services_board
from microcred.review.models import BoardMembership
from microcred.testing.fixtures import make_staff

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_current_representative(partner, reviewer):
    BoardMembership.objects.create(partner=partner, user=reviewer)
    second = make_staff(Role.REVIEWER, partner=partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardMembership.objects.create(partner=partner, user=second)


def test_a_partner_gets_a_new_representative_once_the_old_one_left(
    partner, reviewer, platform_admin
):
    seat = services_board.add_board_member(partner=partner, user=reviewer, actor=platform_admin)
    successor = make_staff(Role.REVIEWER, partner=partner)
    with pytest.raises(services.ReviewError, match="already has a representative"):
        services_board.add_board_member(partner=partner, user=successor, actor=platform_admin)
    services_board.end_board_membership(membership=seat, actor=platform_admin)
    services_board.add_board_member(partner=partner, user=successor, actor=platform_admin)
    assert [s.user for s in BoardMembership.objects.filter(ended_on__isnull=True)] == [successor]
    assert BoardMembership.objects.count() == 2  # the old seat stays on record


def test_one_person_holds_one_seat(partner, other_partner, reviewer, platform_admin):
    services_board.add_board_member(partner=partner, user=reviewer, actor=platform_admin)
    with pytest.raises(services.ReviewError, match="already represents a partner"):
        services_board.add_board_member(partner=other_partner, user=reviewer, actor=platform_admin)


def test_only_reviewers_sit_on_the_board(partner, coordinator, platform_admin):
    with pytest.raises(services.ReviewError, match="does not have the reviewer role"):
        services_board.add_board_member(partner=partner, user=coordinator, actor=platform_admin)


def test_a_membership_does_not_end_before_it_starts(partner, reviewer, platform_admin):
    seat = services_board.add_board_member(partner=partner, user=reviewer, actor=platform_admin)
    with pytest.raises(services.ReviewError, match="cannot end before it starts"):
        services_board.end_board_membership(membership=seat, actor=platform_admin,
                                      ended_on=seat.started_on - datetime.timedelta(days=1))


def test_the_admin_adds_a_representative_and_a_second_one_is_refused_on_the_form(
    client, platform_admin, partner, reviewer
):
    client.force_login(platform_admin)
    url = reverse("admin:review_boardmembership_add")
    today = datetime.date.today().isoformat()
    response = client.post(url, {"partner": partner.pk, "user": reviewer.pk, "started_on": today})
    assert response.status_code == 302
    second = make_staff(Role.REVIEWER, partner=partner)
    response = client.post(url, {"partner": partner.pk, "user": second.pk, "started_on": today})
    assert response.status_code == 200
    assert "already has a representative on the Board" in response.content.decode()
    assert BoardMembership.objects.count() == 1


def test_the_admin_ends_a_membership_and_cannot_delete_it(
    client, platform_admin, partner, reviewer
):
    seat = services_board.add_board_member(partner=partner, user=reviewer, actor=platform_admin)
    client.force_login(platform_admin)
    change = reverse("admin:review_boardmembership_change", args=[seat.pk])
    response = client.post(change, {"ended_on": datetime.date.today().isoformat()})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ended_on == datetime.date.today()
    delete = reverse("admin:review_boardmembership_delete", args=[seat.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert BoardMembership.objects.filter(pk=seat.pk).exists()


@pytest.mark.parametrize("persona", ["reviewer", "coordinator", "learner"])
def test_only_the_platform_admin_manages_the_board(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("admin:review_boardmembership_changelist"))
    assert response.status_code == 302
    assert "/login/" in response.url
