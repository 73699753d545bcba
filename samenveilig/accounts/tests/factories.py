import factory
import faker
from factory.django import DjangoModelFactory

from samenveilig.accounts.models import Membership, Organisation, Sector, User
from samenveilig.accounts.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testorganisatie {n}")
    sector = Sector.ONDERWIJS


_faker = faker.Faker("nl_NL")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    # Without the apostrophe of names like "'s Gravensande": tests look for a name in a page, where it is escaped.
    last_name = factory.LazyFunction(lambda: _faker.last_name().replace("'", ""))
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password(TEST_PASSWORD)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PROFESSIONAL

    class Params:
        aandachtsfunctionaris = factory.Trait(role=Role.AANDACHTSFUNCTIONARIS)
        coordinator = factory.Trait(role=Role.COORDINATOR)
        veilig_thuis = factory.Trait(role=Role.VEILIG_THUIS)
        beheerder = factory.Trait(role=Role.BEHEERDER)
