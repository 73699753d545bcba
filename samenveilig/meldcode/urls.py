"""URLs of the meldcode app (``/meldcode/``)."""

from django.urls import include, path

from samenveilig.meldcode import views, views_steps

app_name = "meldcode"

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("organisatie/", views.organisation_overview, name="organisation_overview"),
    path("dossiers/nieuw/", views.dossier_create, name="dossier_create"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/betrokkenen/nieuw/", views_steps.person_add, name="person_add"),
    path("dossiers/<int:pk>/betrokkenen/<int:person_pk>/", views_steps.person_edit, name="person_edit"),
    path("dossiers/<int:pk>/signalen/nieuw/", views_steps.signal_add, name="signal_add"),
    path("dossiers/<int:pk>/kindcheck/nieuw/", views_steps.kindcheck_add, name="kindcheck_add"),
    path("dossiers/<int:pk>/consultaties/nieuw/", views_steps.consultation_add, name="consultation_add"),
    path("dossiers/<int:pk>/gesprekken/nieuw/", views_steps.conversation_add, name="conversation_add"),
    path("dossiers/<int:pk>/weging/nieuw/", views_steps.weighing_add, name="weighing_add"),
    path("dossiers/<int:pk>/afweging/nieuw/", views_steps.assessment_add, name="assessment_add"),
    path("dossiers/<int:pk>/collegas/nieuw/", views_steps.member_add, name="member_add"),
    path("dossiers/<int:pk>/ondersteunen/", views_steps.support, name="support"),
    path("dossiers/<int:pk>/sluiten/", views_steps.close, name="close"),
    path("", include("samenveilig.meldcode.urls_vt")),
    path("", include("samenveilig.meldcode.urls_af")),
    path("", include("samenveilig.meldcode.urls_checklists")),
]
