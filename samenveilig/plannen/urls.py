"""URLs of the plannen app (``/plannen/``)."""

from django.urls import path

from samenveilig.plannen import views, views_activities, views_exports

app_name = "plannen"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nieuw/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/bewerken/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/tijdlijn/", views.plan_timeline, name="plan_timeline"),
    path("<int:pk>/financien/", views.plan_finance, name="plan_finance"),
    path("<int:pk>/voortgang/", views.plan_progress, name="plan_progress"),
    path("<int:pk>/geschiedenis/", views.plan_history, name="plan_history"),
    path("<int:pk>/kopieren/", views.plan_copy, name="plan_copy"),
    path("<int:pk>/pdf/", views_exports.plan_pdf, name="plan_pdf"),
    path("<int:pk>/xlsx/", views_exports.plan_xlsx, name="plan_xlsx"),
    path("<int:pk>/importeren/", views_exports.plan_import, name="plan_import"),
    path("<int:pk>/importeren/sjabloon/", views_exports.import_template, name="import_template"),
    path("<int:pk>/thema-toevoegen/", views_activities.theme_create, name="theme_create"),
    path("thema/<int:pk>/bewerken/", views_activities.theme_edit, name="theme_edit"),
    path("<int:pk>/activiteit-toevoegen/", views_activities.activity_create, name="activity_create"),
    path("activiteit/<int:pk>/", views_activities.activity_detail, name="activity_detail"),
    path("activiteit/<int:pk>/bewerken/", views_activities.activity_edit, name="activity_edit"),
    path("activiteit/<int:pk>/status/", views_activities.activity_status, name="activity_status"),
    path("activiteit/<int:pk>/verwijderen/", views_activities.activity_delete, name="activity_delete"),
    path("<int:pk>/evaluatiemoment-toevoegen/", views_activities.moment_create, name="moment_create"),
    path("evaluatiemoment/<int:pk>/", views_activities.moment_detail, name="moment_detail"),
    path("evaluatiemoment/<int:pk>/bewerken/", views_activities.moment_edit, name="moment_edit"),
    path("evaluatiemoment/<int:pk>/evalueren/", views_activities.evaluation_create, name="evaluation_create"),
    path("evaluatie/<int:pk>/bewerken/", views_activities.evaluation_edit, name="evaluation_edit"),
]
