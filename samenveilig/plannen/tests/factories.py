from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from samenveilig.accounts.tests.factories import OrganisationFactory
from samenveilig.plannen.models import Activity, Cost, EvaluationMoment, Plan, Theme
from samenveilig.regio.tests.factories import GemeenteFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Lokaal plan {n}")
    gemeente = factory.SubFactory(GemeenteFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    start_year = 2022
    end_year = 2025
    theme_label = Plan.ThemeLabel.ACTIELIJN


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Actielijn {n}")
    order = factory.Sequence(lambda n: 10 * (n + 1))


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    theme = factory.SubFactory(ThemeFactory)
    goal = "Toenemende bekendheid van de meldcode"
    what = factory.Sequence(lambda n: f"Activiteit {n}")
    planning = Activity.Planning.MONTHS
    start_year = 2022
    start_month = 2
    end_year = 2022
    end_month = 4

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class CostFactory(DjangoModelFactory):
    class Meta:
        model = Cost

    activity = factory.SubFactory(ActivityFactory)
    year = 2022
    amount = Decimal("1000.00")


class EvaluationMomentFactory(DjangoModelFactory):
    class Meta:
        model = EvaluationMoment

    plan = factory.SubFactory(PlanFactory)
    title = "Tussenevaluatie"
    date = date(2022, 6, 30)
