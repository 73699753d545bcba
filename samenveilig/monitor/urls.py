"""URLs of the monitor app (``/monitor/``)."""

from django.urls import path

from samenveilig.monitor import views

app_name = "monitor"

urlpatterns = [
    path("", views.index, name="index"),
    path("organisatie/", views.organisation, name="organisation"),
    path("importeren/", views.import_cbs, name="import_cbs"),
    path("datasets/", views.datasets, name="datasets"),
    path("<str:code>/", views.gemeente, name="gemeente"),
    path("<str:code>/export/", views.export, name="export"),
    path("<str:code>/wijken/", views.district_map, name="district_map"),
    path("<str:code>/raadsrapportage/", views.report_pdf, name="report_pdf"),
    path("<str:code>/rapportage/", views.import_report, name="import_report"),
    path("<str:code>/rapportage/sjabloon/", views.report_template, name="report_template"),
    path("<str:code>/streefwaarden/", views.targets, name="targets"),
    path("<str:code>/streefwaarden/<int:pk>/verwijderen/", views.delete_target, name="delete_target"),
]
