from django.urls import path

from samenveilig.accounts import views, views_beheer

app_name = "accounts"

urlpatterns = [
    path("mfa-vereist/", views.mfa_required, name="mfa_required"),
    path("organisatie-wisselen/", views.switch_organisation, name="switch_organisation"),
    path("gebruikers/<int:pk>/", views.user_detail, name="user_detail"),
    path("organisaties/", views.organisation_list, name="organisation_list"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("mijn-account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("mijn-account/api-tokens/<int:pk>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
    path("beheer/gebruikers/", views_beheer.user_list, name="beheer_users"),
    path("beheer/gebruikers/nieuw/", views_beheer.user_create, name="beheer_user_create"),
    path("beheer/gebruikers/<int:pk>/", views_beheer.user_manage, name="beheer_user"),
    path("beheer/gebruikers/<int:pk>/deactiveren/", views_beheer.user_deactivate, name="beheer_user_deactivate"),
    path("beheer/lidmaatschappen/<int:pk>/beeindigen/", views_beheer.membership_end, name="beheer_membership_end"),
    path("beheer/organisaties/nieuw/", views_beheer.organisation_edit, name="beheer_organisation_create"),
    path("beheer/organisaties/<int:pk>/bewerken/", views_beheer.organisation_edit, name="beheer_organisation_edit"),
]
