"""URLs of the notifications app (``/berichten/``)."""

from django.urls import path

from samenveilig.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
]
