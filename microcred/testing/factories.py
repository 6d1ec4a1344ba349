import factory
from allauth.account.models import EmailAddress

from microcred.accounts.models import PartnerOrganisation, User


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    country = "PL"
    city = "Kraków"
    default_language = "pl"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    partner = factory.SubFactory(PartnerFactory)
    preferred_language = "en"
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
