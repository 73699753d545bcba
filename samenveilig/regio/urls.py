from django.urls import path

from samenveilig.regio import views

app_name = "regio"

urlpatterns = [
    path("", views.index, name="index"),
    path("gemeenten/<str:code>/", views.gemeente_detail, name="gemeente_detail"),
    path("nieuw/", views.regio_create, name="regio_create"),
    path("<int:pk>/bewerken/", views.regio_update, name="regio_update"),
]
