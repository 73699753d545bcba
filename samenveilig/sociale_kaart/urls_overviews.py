"""Coordinator overviews (``/sociale-kaart/overzichten/``), included by ``urls.py`` (namespace ``sociale_kaart``).

Each overview downloads as CSV or XLSX from its own URL with ``?formaat=csv`` or ``?formaat=xlsx``.
"""

from django.urls import path

from samenveilig.sociale_kaart import views_overviews

urlpatterns = [
    path("", views_overviews.index, name="overviews"),
    path("sleutelpersonen/", views_overviews.key_persons, name="overview_key_persons"),
    path("meldcode/", views_overviews.meldcode, name="overview_meldcode"),
    path("preventiematrix/", views_overviews.prevention, name="overview_prevention"),
]
