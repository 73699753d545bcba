from django.urls import path

from samenveilig.accounts import views

app_name = "accounts"

urlpatterns = [
    path("mfa-vereist/", views.mfa_required, name="mfa_required"),
    path("organisatie-wisselen/", views.switch_organisation, name="switch_organisation"),
    path("gebruikers/<int:pk>/", views.user_detail, name="user_detail"),
    path("organisaties/", views.organisation_list, name="organisation_list"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("mijn-account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("mijn-account/api-tokens/<int:pk>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
]
