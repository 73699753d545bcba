from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialeKaartConfig(AppConfig):
    name = "samenveilig.sociale_kaart"
    label = "sociale_kaart"
    verbose_name = _("Sociale kaart")

    def ready(self) -> None:
        from samenveilig.core import attention, navigation
        from samenveilig.core.navigation import NavItem
        from samenveilig.sociale_kaart import signals
        from samenveilig.sociale_kaart.attention import stale_items

        signals.connect()
        attention.register("sociale_kaart.stale", stale_items)

        navigation.register(
            NavItem("sociale_kaart:search", _("Sociale kaart"), "sociale_kaart.view_map", order=20),
            NavItem("sociale_kaart:overviews", _("Overzichten"), "sociale_kaart.view_overviews", order=25),
            NavItem("sociale_kaart:stale_list", _("Te controleren"), "sociale_kaart.edit_some_entry", order=26),
        )
