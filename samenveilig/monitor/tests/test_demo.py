import pytest
from django.urls import reverse

from samenveilig.monitor import demo
from samenveilig.monitor.models import Observation

pytestmark = pytest.mark.django_db


def test_demo_figures_load_twice_with_unknown_cells_and_show_on_the_dashboard(client, login, personas):
    from samenveilig.accounts.models import Organisation
    from samenveilig.regio.models import Gemeente

    first = demo.load({}, {})
    again = demo.load({}, {})
    assert first == again and first["monitor_observations"] > 0
    assert Observation.objects.filter(value__isnull=True).exists()
    assert not Observation.objects.filter(value=0).exists()

    Organisation.objects.get(name="Testgemeente").gemeenten.add(Gemeente.objects.filter(code="GM0632").first())
    login(client, personas.coordinator)
    page = client.get(reverse("monitor:gemeente", args=["GM0632"])).content.decode()
    assert "Adviezen: totaal per periode" in page
    assert "Gehaald" in page or "Niet gehaald" in page or "op koers" in page
