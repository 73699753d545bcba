"""Notifications: created in the app, announced by a generic e-mail after commit, read by their recipient only."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenveilig.audit.models import AuditEntry
from samenveilig.notifications import services
from samenveilig.notifications.models import Notification

pytestmark = pytest.mark.django_db

SUBJECT = "Nieuwe match op uw signaal"
BODY = "Open de Verwijsindex voor de contactgegevens."


def make(user, **kwargs):
    values = {"kind": "test.event", "subject": SUBJECT, "body": BODY, "url": "/sociale-kaart/", "email": False}
    values.update(kwargs)
    return services.notify(user, **values)


# --- creating and e-mailing ------------------------------------------------------------------------------------------


def test_notify_mails_a_generic_message_after_commit(personas, django_capture_on_commit_callbacks, settings):
    settings.SAMENVEILIG_SITE_URL = "https://samenveilig.example.invalid"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = make(personas.professional, email=True)
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [personas.professional.email]
    assert message.subject == "Nieuw bericht in Samen Veilig"
    assert "Er is een nieuw bericht voor u in Samen Veilig." in message.body
    assert f"https://samenveilig.example.invalid/berichten/{notification.pk}/" in message.body
    assert SUBJECT not in message.body and BODY not in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_rolled_back_notification_sends_no_mail(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make(personas.professional, email=True)
    assert len(callbacks) == 1  # queued for the commit, which in a rollback never comes
    assert mail.outbox == []


def test_text_about_organisations_only_may_go_in_the_mail(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make(personas.af, email=True, sensitive=False)
    assert SUBJECT in mail.outbox[0].body and BODY in mail.outbox[0].body


def test_no_mail_when_asked_or_without_address(personas, django_capture_on_commit_callbacks):
    personas.colleague.email = ""
    personas.colleague.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make(personas.professional, email=False)
        make(personas.colleague, email=True)
    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.count() == 2


def test_a_notification_is_mailed_at_most_once(personas):
    notification = make(personas.professional)
    assert services.send_email(notification.pk) is True
    assert services.send_email(notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_does_not_fail_the_request(personas, django_capture_on_commit_callbacks, caplog):
    with (
        mock.patch(
            "samenveilig.notifications.services.send_mail", side_effect=smtplib.SMTPRecipientsRefused({"x": (550, b"")})
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification = make(personas.professional, email=True)
    notification.refresh_from_db()
    assert notification.emailed_at is None  # free to be tried again
    assert "SMTPRecipientsRefused" in caplog.text
    assert personas.professional.email not in caplog.text


@pytest.mark.parametrize(
    "url", ["https://elders.example.invalid/", "//elders.example.invalid/", "javascript:alert(1)", "berichten/"]
)
def test_a_notification_links_inside_the_app_only(personas, url):
    with pytest.raises(ValueError):
        make(personas.professional, url=url)


def test_creating_is_audited_without_its_text(personas):
    notification = make(personas.professional)
    entry = AuditEntry.objects.get(action="notifications.notification.created")
    assert entry.object_id == str(notification.pk)
    assert SUBJECT not in entry.purpose


# --- reading -------------------------------------------------------------------------------------------------------


def test_the_list_shows_own_notifications_unread_first(client, login, personas):
    old = make(personas.professional, subject="Eerder bericht")
    make(personas.professional, subject="Gelezen bericht")
    Notification.objects.filter(subject="Gelezen bericht").update(read_at=old.created)
    make(personas.colleague, subject="Bericht voor een ander")
    make(personas.professional, subject="Nieuwste bericht")
    login(client, personas.professional)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    subjects = [n.subject for n in response.context["page"].object_list]
    assert subjects == ["Nieuwste bericht", "Eerder bericht", "Gelezen bericht"]
    assert "Bericht voor een ander" not in response.content.decode()


def test_opening_marks_read_and_goes_to_the_link(client, login, personas):
    notification = make(personas.professional)
    login(client, personas.professional)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/sociale-kaart/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert AuditEntry.objects.filter(
        action="notifications.notification.viewed", object_id=str(notification.pk), outcome="allowed"
    ).exists()


@pytest.mark.parametrize("persona", ["colleague", "af", "coordinator", "beheerder"])
def test_someone_elses_notification_is_not_found(client, login, personas, persona):
    notification = make(personas.professional)
    login(client, getattr(personas, persona))
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert AuditEntry.objects.filter(action="notifications.notification.viewed", outcome="refused").exists()


def test_all_read_marks_only_own_notifications(client, login, personas):
    make(personas.professional)
    make(personas.professional)
    other = make(personas.colleague)
    login(client, personas.professional)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=personas.professional, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_the_header_shows_the_unread_count_in_words(client, login, personas):
    make(personas.professional)
    make(personas.professional)
    login(client, personas.professional)
    page = client.get(reverse("core:home")).content.decode()
    assert "Berichten (2 ongelezen)" in page
    login(client, personas.colleague)
    page = client.get(reverse("core:home")).content.decode()
    assert "Berichten (" not in page
    assert ">Berichten</a>" in page


def test_the_header_count_costs_one_query(client, login, personas):
    for _ in range(5):
        make(personas.professional)
    login(client, personas.professional)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("core:home"))
    touching = [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert len(touching) == 1


def test_the_list_has_no_n_plus_one(client, login, personas, django_assert_max_num_queries):
    for _ in range(30):
        make(personas.professional, organisation=personas.professional.memberships.first().organisation)
    login(client, personas.professional)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("notifications:list"))
    assert len(response.context["page"].object_list) == 25


# --- e-mails owed: the broker was down, or the mail server kept failing ----------------------------------------------


def test_an_unreachable_broker_does_not_fail_the_request_and_the_job_sends_the_mail_once(
    personas, django_capture_on_commit_callbacks, caplog
):
    from kombu.exceptions import OperationalError

    from samenveilig.notifications.tasks import send_notification_emails

    with (
        mock.patch.object(send_notification_emails, "delay", side_effect=OperationalError("connection refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification = make(personas.professional, email=True)
    assert mail.outbox == []
    assert "not queued (OperationalError)" in caplog.text
    notification.refresh_from_db()
    assert notification.email_wanted and notification.emailed_at is None
    # Within the grace period the queued task is left to do it; after it, the job sends it, once.
    assert services.send_pending_emails(notification.created + timedelta(seconds=30)).startswith(
        "e-mails verstuurd: 0,"
    )
    assert services.send_pending_emails(notification.created + timedelta(minutes=3)).startswith("e-mails verstuurd: 1,")
    assert services.send_pending_emails(notification.created + timedelta(minutes=8)).startswith("e-mails verstuurd: 0,")
    assert len(mail.outbox) == 1
    assert SUBJECT not in mail.outbox[0].body  # still the generic e-mail


def test_the_job_sends_only_what_is_owed_and_keeps_the_text_choice(personas):
    owed = make(personas.professional, email=True, sensitive=False)
    make(personas.colleague, email=False)
    sent = make(personas.af, email=True)
    services.send_email(sent.pk)
    mail.outbox.clear()
    stale = make(personas.coordinator, email=True)
    Notification.objects.filter(pk=stale.pk).update(created=owed.created - timedelta(days=3))
    assert services.send_pending_emails(owed.created + timedelta(minutes=3)).startswith("e-mails verstuurd: 1,")
    assert [m.to for m in mail.outbox] == [[personas.professional.email]]
    assert SUBJECT in mail.outbox[0].body  # about organisations only: the text may go along, as asked


def test_a_mail_server_failure_in_the_job_leaves_the_mail_owed(personas, caplog):
    notification = make(personas.professional, email=True)
    with mock.patch("samenveilig.notifications.services.send_mail", side_effect=smtplib.SMTPServerDisconnected()):
        summary = services.send_pending_emails(notification.created + timedelta(minutes=3))
    assert summary.startswith("e-mails verstuurd: 0, mislukt: 1")
    assert personas.professional.email not in caplog.text
    assert services.send_pending_emails(notification.created + timedelta(minutes=8)).startswith("e-mails verstuurd: 1,")


def test_the_job_is_registered():
    from samenveilig.core.jobs import registered

    assert "notifications.send_pending_emails" in {job.name for job in registered()}
