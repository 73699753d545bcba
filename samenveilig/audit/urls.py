from django.urls import path

from samenveilig.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export, name="export"),
]
