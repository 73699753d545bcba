from django.urls import path

from samenveilig.core import views, views_jobs

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("beheer/taken/", views_jobs.job_list, name="jobs"),
]
