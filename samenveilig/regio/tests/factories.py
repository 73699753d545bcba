import factory
from factory.django import DjangoModelFactory

from samenveilig.regio.models import Gemeente, Regio, Wijk


class GemeenteFactory(DjangoModelFactory):
    """Municipalities of a made-up year, so they never collide with the CBS rows the migration loads."""

    class Meta:
        model = Gemeente
        django_get_or_create = ("code", "year")

    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    year = 2099
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    province_code = "PV26"
    province_name = "Utrecht"


class WijkFactory(DjangoModelFactory):
    class Meta:
        model = Wijk

    gemeente = factory.SubFactory(GemeenteFactory)
    code = factory.Sequence(lambda n: f"WK{900000 + n % 100000:06d}")
    year = factory.SelfAttribute("gemeente.year")
    name = factory.Sequence(lambda n: f"Testwijk {n}")


class RegioFactory(DjangoModelFactory):
    class Meta:
        model = Regio
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testregio {n}")
    kind = Regio.Kind.VEILIG_THUIS

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.set(extracted)
