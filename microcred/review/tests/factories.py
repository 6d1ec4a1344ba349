import factory

from microcred.accounts.roles import Role
from microcred.review.models import BoardMembership, Cohort
from microcred.testing.factories import PartnerFactory
from microcred.testing.fixtures import make_staff


class BoardMembershipFactory(factory.django.DjangoModelFactory):
    """A current Board seat held by a reviewer (with MFA, like every staff member)."""

    class Meta:
        model = BoardMembership

    partner = factory.SubFactory(PartnerFactory)
    user = factory.LazyAttribute(
        lambda seat: make_staff(Role.REVIEWER, partner=seat.partner)
    )


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ["name"]

    name = "Internal pilot"
    is_pilot = True
    starts_on = factory.Faker("date_this_year")
