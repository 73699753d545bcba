"""URLs of the sociale kaart for logged-in users (``/sociale-kaart/``); the public pages are in ``urls_public``."""

from django.urls import include, path

app_name = "sociale_kaart"

urlpatterns = [
    path("", include("samenveilig.sociale_kaart.urls_search")),
    path("", include("samenveilig.sociale_kaart.urls_entries")),
    path("overzichten/", include("samenveilig.sociale_kaart.urls_overviews")),
    path("verouderd/", include("samenveilig.sociale_kaart.urls_stale")),
]
