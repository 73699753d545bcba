from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialeKaartConfig(AppConfig):
    name = "samenveilig.sociale_kaart"
    label = "sociale_kaart"
    verbose_name = _("Sociale kaart")

    def ready(self) -> None:
        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem

        navigation.register(NavItem("sociale_kaart:search", _("Sociale kaart"), "sociale_kaart.view_map", order=20))
