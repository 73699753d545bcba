"""The search page of the sociale kaart, included by ``urls.py`` (namespace ``sociale_kaart``)."""

from django.urls import path

from samenveilig.sociale_kaart import views_search

urlpatterns = [
    path("zoeken/", views_search.search, name="search"),
]
