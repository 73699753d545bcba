"""Stale entries (``/sociale-kaart/verouderd/``): for coordinators and aandachtsfunctionarissen."""

from django.urls import path

from samenveilig.sociale_kaart import views_stale

urlpatterns = [
    path("", views_stale.stale_list, name="stale_list"),
]
