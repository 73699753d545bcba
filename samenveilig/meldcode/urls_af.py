"""URLs of the aandachtsfunctionaris' pages, transfers, follow-ups, the change log and the PDF (``/meldcode/``).

Included from ``meldcode/urls.py``; the names live in the ``meldcode`` namespace. ``/meldcode/organisatie/`` (the
overview) keeps its name ``organisation_overview`` in ``urls.py`` and is served by ``views_af``.
"""

from django.urls import path

from samenveilig.meldcode import views_af, views_changelog

urlpatterns = [
    path("cijfers/", views_af.counts, name="counts"),
    path("organisatie/overdragen/", views_af.transfer_create, name="transfer_create"),
    path("organisatie/overdrachten/", views_af.transfer_overview, name="transfer_overview"),
    path("organisatie/overdrachten/<int:pk>/intrekken/", views_af.transfer_cancel, name="transfer_cancel"),
    path("overdrachten/", views_af.transfer_inbox, name="transfers"),
    path("overdrachten/<int:pk>/accepteren/", views_af.transfer_accept, name="transfer_accept"),
    path("overdrachten/<int:pk>/weigeren/", views_af.transfer_refuse, name="transfer_refuse"),
    path("dossiers/<int:pk>/opvolging/", views_af.followup_list, name="followups"),
    path("dossiers/<int:pk>/opvolging/nieuw/", views_af.followup_add, name="followup_add"),
    path("dossiers/<int:pk>/opvolging/<int:followup_pk>/afgerond/", views_af.followup_done, name="followup_done"),
    path("dossiers/<int:pk>/wijzigingslog/", views_changelog.changelog, name="changelog"),
    path("dossiers/<int:pk>/pdf/", views_changelog.export_pdf, name="export_pdf"),
]
