"""Veilig Thuis' side and the loop back: the frozen record and its addenda, withdrawal, return, forward, the legal
feedback fields, notifications without identifying details, and the follow-up 'terugkoppeling verwacht'."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenveilig.accounts.models import Sector
from samenveilig.accounts.roles import Role
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.meldcode import feedback, services_vt
from samenveilig.meldcode.models_vt import Melding, MeldingEvent
from samenveilig.meldcode.tests.test_vt_support import FEEDBACK, IDENTIFYING, acting, ready_dossier, send
from samenveilig.meldcode.vt_workflow import VtStatus
from samenveilig.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(personas):
    dossier, _first, _second = ready_dossier(personas.professional)
    return send(personas.professional, dossier)


def vt(personas):
    return acting(personas.veiligthuis)


def test_a_sent_record_is_frozen_and_corrected_by_an_addendum(client, login, personas, sent):
    sent.content = "{}"
    with pytest.raises(TypeError):
        sent.save()
    with pytest.raises(TypeError):
        Melding.objects.filter(pk=sent.pk).update(content="{}")
    with pytest.raises(TypeError):
        sent.events.first().save()
    login(client, personas.professional)
    url = reverse("meldcode:addendum", args=[sent.dossier_id, sent.pk])
    assert "utrecht-form-field-error-message" in client.post(url, {"text": ""}).content.decode()
    assert client.post(url, {"text": "Het was de linkerarm, niet de rechter."}).status_code == 302
    sent.refresh_from_db()
    assert sent.data["signals"][0]["fact"].startswith("Striemen")
    login(client, personas.veiligthuis)
    page = client.get(reverse("meldcode:inbox_detail", args=[sent.pk])).content.decode()
    assert "Het was de linkerarm, niet de rechter." in page


def test_the_sender_withdraws_and_veilig_thuis_no_longer_sees_the_content(client, login, personas, sent):
    with pytest.raises(ValidationError):
        services_vt.withdraw(acting(personas.professional), sent, reason=" ")
    login(client, personas.professional)
    url = reverse("meldcode:withdraw", args=[sent.dossier_id, sent.pk])
    response = client.post(url, {"reason": "Verkeerd dossier gekozen.", "version": sent.version})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == VtStatus.INGETROKKEN and sent.feedback_due_on is None
    login(client, personas.veiligthuis)
    page = client.get(reverse("meldcode:inbox_detail", args=[sent.pk])).content.decode()
    assert "Verkeerd dossier gekozen." in page and IDENTIFYING["name"] not in page
    assert client.get(reverse("meldcode:inbox_pdf", args=[sent.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services_vt.acknowledge(vt(personas), sent)


def test_veilig_thuis_returns_with_a_reason(client, login, personas, sent):
    login(client, personas.veiligthuis)
    url = reverse("meldcode:return_to_sender", args=[sent.pk])
    assert (
        "utrecht-form-field-error-message" in client.post(url, {"reason": "", "version": sent.version}).content.decode()
    )
    assert client.post(url, {"reason": "Dit hoort bij een andere regio.", "version": sent.version}).status_code == 302
    sent.refresh_from_db()
    assert sent.status == VtStatus.TERUGGESTUURD
    login(client, personas.professional)
    detail = client.get(reverse("meldcode:dossier_detail", args=[sent.dossier_id])).content.decode()
    assert "Dit hoort bij een andere regio." in detail


def test_veilig_thuis_forwards_to_another_region(client, login, personas, sent):
    other = OrganisationFactory(name="Veilig Thuis Elders", sector=Sector.VEILIG_THUIS)
    elsewhere = MembershipFactory(user=UserFactory(username="t_vt2"), organisation=other, role=Role.VEILIG_THUIS).user
    services_vt.acknowledge(vt(personas), sent)
    sent.refresh_from_db()
    login(client, personas.veiligthuis)
    url = reverse("meldcode:forward", args=[sent.pk])
    response = client.post(url, {"to": other.pk, "reason": "Het gezin woont in Elders.", "version": sent.version})
    assert response.status_code == 302, response.content.decode()
    assert client.get(reverse("meldcode:inbox_detail", args=[sent.pk])).status_code == 404  # gone from this inbox
    sent.refresh_from_db()
    assert sent.vt_organisation == other and sent.status == VtStatus.VERZONDEN and sent.acknowledged_at is None
    login(client, elsewhere)
    assert client.get(reverse("meldcode:inbox_detail", args=[sent.pk])).status_code == 200
    assert sent.events.filter(kind=MeldingEvent.Kind.DOORGESTUURD, forwarded_to=other).exists()


def test_an_edit_in_between_is_not_overwritten(client, login, personas, sent):
    stale = sent.version
    services_vt.acknowledge(vt(personas), sent)
    login(client, personas.veiligthuis)
    response = client.post(
        reverse("meldcode:return_to_sender", args=[sent.pk]), {"reason": "Onvolledig.", "version": stale}
    )
    assert response.status_code == 200 and "Iemand anders heeft" in response.content.decode()
    assert Melding.objects.get().status == VtStatus.ONTVANGEN


def test_legal_feedback_fields_are_required_at_the_legal_moments(personas, sent):
    actor = vt(personas)
    with pytest.raises(ValidationError):
        services_vt.update_status(actor, sent, status=VtStatus.IN_BEHANDELING, message="x")  # not yet received
    services_vt.acknowledge(actor, sent)
    sent = Melding.objects.get()
    services_vt.update_status(actor, sent, status=VtStatus.IN_BEHANDELING, message="We kijken ernaar.")
    with pytest.raises(ValidationError) as error:
        services_vt.update_status(actor, Melding.objects.get(), status=VtStatus.VEILIGHEIDSBEOORDELING, message="")
    assert {"message", "follow_up_started", "handed_to", "reporter_has_role"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services_vt.update_status(
            actor, Melding.objects.get(), status="veiligheidsbeoordeling", **{**FEEDBACK, "safety_conditions": ""}
        )
    assert set(error.value.message_dict) == {"safety_conditions"}
    # The reporter has no role: no conditions needed.
    services_vt.update_status(
        actor,
        Melding.objects.get(),
        status=VtStatus.VEILIGHEIDSBEOORDELING,
        **{**FEEDBACK, "reporter_has_role": False, "safety_conditions": "", "monitoring_agreements": ""},
    )
    services_vt.update_status(actor, Melding.objects.get(), status=VtStatus.ONDERZOEK, message="Onderzoek gestart.")
    assert Melding.objects.get().feedback_due_on is not None  # feedback expected again after the investigation
    with pytest.raises(ValidationError) as error:
        services_vt.update_status(actor, Melding.objects.get(), status=VtStatus.AFGESLOTEN, message="Klaar.")
    assert {"investigation_outcome", "follow_up_started", "handed_to"} <= set(error.value.message_dict)
    done = services_vt.update_status(
        actor,
        Melding.objects.get(),
        status=VtStatus.AFGESLOTEN,
        investigation_outcome="bevestigd",
        **{**FEEDBACK, "message": "Onderzoek afgerond."},
    )
    assert done.feedback_due_on is None
    feedback_events = MeldingEvent.objects.filter(is_feedback=True)
    assert feedback_events.count() == 2 and feedback_events.last().investigation_outcome == "bevestigd"


def test_the_status_form_shows_errors_at_the_fields_and_keeps_input(client, login, personas, sent):
    services_vt.acknowledge(vt(personas), sent)
    sent.refresh_from_db()
    login(client, personas.veiligthuis)
    response = client.post(
        reverse("meldcode:update_status", args=[sent.pk]),
        {"status": "veiligheidsbeoordeling", "message": "Mijn bericht.", "reporter_has_role": "ja", "version": 3},
    )
    page = response.content.decode()
    assert "Beschrijf de veiligheidsvoorwaarden" in page and "Mijn bericht." in page


def test_notifications_go_after_commit_without_identifying_details(personas, sent, django_capture_on_commit_callbacks):
    personas.professional.email = "prof@example.invalid"
    personas.professional.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services_vt.acknowledge(vt(personas), Melding.objects.get())
    assert callbacks and not mail.outbox  # the e-mail waits for the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    notification = Notification.objects.get(recipient=personas.professional)
    assert notification.url.endswith("#veilig-thuis")
    texts = [notification.subject, notification.body, mail.outbox[0].subject, mail.outbox[0].body]
    for text in texts:
        for value in [*IDENTIFYING.values(), "DOS-VT-1", "Striemen"]:
            assert value not in text
    assert "uw melding van" in notification.subject


def test_followup_is_due_after_five_working_days_and_flagged_when_overdue(client, login, personas):
    with time_machine.travel(datetime.datetime(2025, 3, 7, 10, 0, tzinfo=datetime.UTC), tick=False):  # a Friday
        dossier, _first, _second = ready_dossier(personas.professional)
        melding = send(personas.professional, dossier)
    assert melding.feedback_due_on == datetime.date(2025, 3, 14)
    assert feedback.add_working_days(datetime.date(2025, 3, 7), 5) == datetime.date(2025, 3, 14)
    with time_machine.travel(datetime.datetime(2025, 3, 17, 10, 0, tzinfo=datetime.UTC), tick=False):
        followups = list(services_vt.open_followups(acting(personas.professional)))
        assert [(f.pk, f.overdue) for f in followups] == [(melding.pk, True)]
        assert list(services_vt.open_followups(acting(personas.outsider))) == []
        login(client, personas.professional)
        page = client.get(reverse("meldcode:dossier_detail", args=[dossier.pk])).content.decode()
        assert "te laat" in page
    services_vt.acknowledge(vt(personas), melding)
    services_vt.update_status(vt(personas), Melding.objects.get(), status="veiligheidsbeoordeling", **FEEDBACK)
    assert list(services_vt.open_followups(acting(personas.professional))) == []


def test_the_inbox_lists_without_a_query_per_row(client, login, personas, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        dossier, _first, _second = ready_dossier(personas.professional, reference=f"DOS-{n}")
        send(personas.professional, dossier)
        return dossier

    dossier = add(0)
    login(client, personas.veiligthuis)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("meldcode:inbox"))
    for n in range(1, 4):
        dossier = add(n)
    login(client, personas.veiligthuis)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("meldcode:inbox"))
    assert response.content.decode().count("<tr class") == 5  # the header and four rows
    login(client, personas.professional)
    with django_assert_max_num_queries(40):
        client.get(reverse("meldcode:dossier_detail", args=[dossier.pk]))
