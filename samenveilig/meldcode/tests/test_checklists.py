"""The signal lists: seeded by a data migration for everyone; an organisation's own items only for that one."""

import pytest

from samenveilig.accounts.models import Organisation
from samenveilig.meldcode.forms import SignalForm
from samenveilig.meldcode.models import ChecklistItem
from samenveilig.meldcode.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def test_migration_seeds_every_list_for_everyone():
    shared = ChecklistItem.objects.filter(organisation=None, is_active=True)
    assert set(shared.values_list("list_name", flat=True)) == set(ChecklistItem.ListName.values)
    assert all(shared.filter(list_name=name).count() >= 5 for name in ChecklistItem.ListName.values)


def test_an_organisations_own_items_show_only_in_its_dossiers(personas, school):
    other = Organisation.objects.get(name="Testjongerenwerk")
    own = ChecklistItem.objects.create(list_name="kind_4_12", code="eigen-1", text="Eigen signaal", organisation=school)
    foreign = ChecklistItem.objects.create(
        list_name="kind_4_12", code="eigen-1", text="Ander signaal", organisation=other
    )
    retired = ChecklistItem.objects.create(list_name="ouder", code="oud-1", text="Oud", is_active=False)
    choices = set(SignalForm(dossier=DossierFactory(owner=personas.professional)).fields["checklist_items"].queryset)
    assert own in choices and foreign not in choices and retired not in choices
