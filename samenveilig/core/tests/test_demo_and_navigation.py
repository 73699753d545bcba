"""Demo data loads twice without duplicates, and each demo user sees the navigation of their role."""

import pytest
from django.core.management import call_command

from samenveilig.accounts.models import Membership, Organisation, User
from samenveilig.regio.models import Gemeente

pytestmark = pytest.mark.django_db

DEMO_USERS = ["professional", "professional2", "af", "coordinator", "veiligthuis", "beheerder"]


@pytest.fixture
def demo(db):
    if not Gemeente.objects.filter(code="GM0632", year=2024).exists():
        Gemeente.objects.create(code="GM0632", year=2024, name="Woerden", province_code="PV26", province_name="Utrecht")
    call_command("load_demo")


def test_load_demo_is_idempotent(demo):
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("load_demo")
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
    for username in DEMO_USERS:
        assert User.objects.get(username=username).check_password("demo")


def test_demo_data_holds_no_real_contact_details(demo):
    for user in User.objects.all():
        assert user.email.endswith(".invalid")


@pytest.mark.parametrize(
    ("username", "visible", "hidden"),
    [
        ("professional", ["Organisaties", "Gemeenten en wijken"], ["Toegangslog", "Gebruikers"]),
        ("professional2", ["Organisaties"], ["Toegangslog", "Gebruikers"]),
        ("af", ["Organisaties"], ["Toegangslog", "Gebruikers"]),
        ("coordinator", ["Organisaties", "Gemeenten en wijken"], ["Toegangslog", "Gebruikers"]),
        ("veiligthuis", ["Organisaties"], ["Toegangslog", "Gebruikers"]),
        ("beheerder", ["Organisaties", "Toegangslog", "Gebruikers"], []),
    ],
)
def test_each_role_sees_its_navigation(client, demo, login, username, visible, hidden):
    login(client, User.objects.get(username=username))
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    for label in visible:
        assert label in nav
    for label in hidden:
        assert label not in nav


def test_coordinator_can_switch_between_municipality_and_region(client, demo, login):
    coordinator = User.objects.get(username="coordinator")
    login(client, coordinator)
    html = client.get("/").content.decode()
    assert "Samenwerkingsverband Utrecht West (demo)" in html
    assert 'id="sv-org-switch"' in html


def test_staff_status_alone_does_not_open_the_django_admin(client, personas, login):
    personas.beheerder.is_staff = True
    personas.beheerder.save()
    login(client, personas.beheerder)
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("username", DEMO_USERS)
def test_each_demo_user_can_switch_the_interface_to_english(client, demo, login, username):
    login(client, User.objects.get(username=username))
    dutch = client.get("/").content.decode()
    assert '<html lang="nl"' in dutch and "Uitloggen" in dutch

    english = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True).content.decode()

    assert '<html lang="en"' in english
    assert "Sign out" in english and "Uitloggen" not in english
    nav = english.split("</nav>", 1)[0]
    assert "Organisations" in nav
    assert ("Access log" in nav) == (username == "beheerder")
