"""URLs of the Verwijsindex (``/verwijsindex/``); every page answers 404 when the Verwijsindex is switched off."""

from django.urls import path

from samenveilig.verwijsindex import views, views_regie

app_name = "verwijsindex"

urlpatterns = [
    path("", views.signal_list, name="signal_list"),
    path("signalen/nieuw/", views.signal_create, name="signal_create"),
    path("signalen/<int:pk>/", views.signal_detail, name="signal"),
    path("signalen/<int:pk>/verwijderen/", views.signal_end, name="signal_end"),
    path("signalen/<int:pk>/geschiedenis/", views.signal_history, name="signal_history"),
    path("signalen/<int:pk>/regie/", views_regie.matchregie, name="matchregie"),
    path("signalen/<int:pk>/regie/overdragen/", views_regie.matchregie_hand_over, name="matchregie_hand_over"),
    path("signalen/<int:pk>/regie/uitkomst/", views_regie.matchregie_outcome, name="matchregie_outcome"),
    path("signalen/<int:pk>/informatiebrief/", views_regie.information_letter, name="information_letter"),
    path("cijfers/", views_regie.figures_page, name="figures"),
    path("beheer/matchregie/", views_regie.beheer_matchregie, name="beheer_matchregie"),
    path("beheer/aansluitingen/", views.beheer_connections, name="beheer_connections"),
    path("beheer/aansluitingen/<int:pk>/", views.beheer_connection_edit, name="beheer_connection_edit"),
    path("beheer/aansluitingen/<int:pk>/koppelingen/", views.beheer_koppelingen, name="beheer_koppelingen"),
    path("beheer/koppelingen/<int:pk>/intrekken/", views.beheer_koppeling_revoke, name="beheer_koppeling_revoke"),
    path("beheer/overdragen/<int:pk>/", views.transfer_signals, name="transfer_signals"),
    path("beheer/overlijden/", views.beheer_death, name="beheer_death"),
]
