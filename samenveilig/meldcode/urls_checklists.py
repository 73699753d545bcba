"""URLs of the signal lists an aandachtsfunctionaris adapts (``/meldcode/signaallijsten/``), in the ``meldcode``
namespace; included from ``meldcode/urls.py``."""

from django.urls import path

from samenveilig.meldcode import views_checklists

urlpatterns = [
    path("signaallijsten/", views_checklists.checklist_overview, name="checklists"),
    path("signaallijsten/<int:pk>/", views_checklists.checklist_item_edit, name="checklist_item_edit"),
    path("signaallijsten/<int:pk>/uitzetten/", views_checklists.checklist_item_off, name="checklist_item_off"),
    path("signaallijsten/<int:pk>/aanzetten/", views_checklists.checklist_item_on, name="checklist_item_on"),
    path("signaallijsten/<int:pk>/verbergen/", views_checklists.checklist_item_hide, name="checklist_item_hide"),
    path("signaallijsten/<int:pk>/tonen/", views_checklists.checklist_item_show, name="checklist_item_show"),
]
