import factory
from factory.django import DjangoModelFactory

from samenveilig.accounts.tests.factories import OrganisationFactory
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service, TargetGroup, Theme


class OrganisationEntryFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationEntry
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)
    phone = "0348-000000"
    is_public = True
    last_verified = factory.Faker("date_between", start_date="-100d", end_date="today")


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Locatie {n}")
    address = "Voorbeeldstraat 1"
    postal_code = "3440 AA"
    city = "Woerden"


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Dienst {n}")
    description = "Ondersteuning voor gezinnen."
    kind = Service.Kind.PREVENTIEF
    is_public = True
    last_verified = factory.Faker("date_between", start_date="-100d", end_date="today")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.set(extracted)


class ContactPersonFactory(DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    role = ContactPerson.Role.AANDACHTSFUNCTIONARIS
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"contact{n}@example.invalid")


def theme(code: str) -> Theme:
    return Theme.objects.get(code=code)


def target_group(code: str) -> TargetGroup:
    return TargetGroup.objects.get(code=code)
