"""The pages of a map entry (``/sociale-kaart/organisaties/...``): reading for everyone, editing for its owners."""

from django.urls import path

from samenveilig.sociale_kaart import views_entries as views

urlpatterns = [
    path("organisaties/<int:pk>/", views.organisation, name="organisation"),
    path("organisaties/<int:pk>/bewerken/", views.entry_edit, name="entry_edit"),
    path("organisaties/<int:pk>/gecontroleerd/", views.entry_verified, name="entry_verified"),
    path("organisaties/<int:pk>/diensten/nieuw/", views.service_create, name="service_create"),
    path("diensten/<int:pk>/bewerken/", views.service_edit, name="service_edit"),
    path("organisaties/<int:pk>/contactpersonen/nieuw/", views.contact_create, name="contact_create"),
    path("contactpersonen/<int:pk>/bewerken/", views.contact_edit, name="contact_edit"),
    path("contactpersonen/<int:pk>/verwijderen/", views.contact_delete, name="contact_delete"),
    path("organisaties/<int:pk>/locaties/nieuw/", views.location_create, name="location_create"),
    path("locaties/<int:pk>/bewerken/", views.location_edit, name="location_edit"),
]
