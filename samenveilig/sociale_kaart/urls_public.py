"""Public pages of the sociale kaart (no login), included at the site root with namespace ``publiek``."""

from django.urls import path

from samenveilig.sociale_kaart import views_public

urlpatterns = [
    path("wie-kan-ik-bellen/", views_public.route_map, name="route_map"),
    path("wie-kan-ik-bellen/diensten/<int:pk>/", views_public.service, name="service"),
]
