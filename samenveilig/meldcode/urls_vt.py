"""URLs of sending to Veilig Thuis (under a dossier) and of the Veilig Thuis inbox, in the ``meldcode`` namespace."""

from django.urls import path

from samenveilig.meldcode import views_vt

urlpatterns = [
    path("dossiers/<int:pk>/veilig-thuis/nieuw/", views_vt.compose, name="compose"),
    path("dossiers/<int:pk>/veilig-thuis/<int:melding_pk>/", views_vt.sent_detail, name="sent_detail"),
    path("dossiers/<int:pk>/veilig-thuis/<int:melding_pk>/pdf/", views_vt.sent_pdf, name="sent_pdf"),
    path("dossiers/<int:pk>/veilig-thuis/<int:melding_pk>/aanvulling/", views_vt.addendum, name="addendum"),
    path("dossiers/<int:pk>/veilig-thuis/<int:melding_pk>/intrekken/", views_vt.withdraw, name="withdraw"),
    path("veilig-thuis/", views_vt.inbox, name="inbox"),
    path("veilig-thuis/<int:pk>/", views_vt.inbox_detail, name="inbox_detail"),
    path("veilig-thuis/<int:pk>/pdf/", views_vt.inbox_pdf, name="inbox_pdf"),
    path("veilig-thuis/<int:pk>/ontvangst/", views_vt.acknowledge, name="acknowledge"),
    path("veilig-thuis/<int:pk>/status/", views_vt.update_status, name="update_status"),
    path("veilig-thuis/<int:pk>/terugsturen/", views_vt.return_to_sender, name="return_to_sender"),
    path("veilig-thuis/<int:pk>/doorsturen/", views_vt.forward, name="forward"),
]
