"""``/api/v1/sociale-kaart/``: organisations and services (``api_entries``) and the HSDS 3.0 export (``api_hsds``)."""

from django.urls import include, path

urlpatterns = [
    path("hsds/", include("samenveilig.sociale_kaart.api_hsds")),
    path("", include("samenveilig.sociale_kaart.api_entries")),
]
