from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegioConfig(AppConfig):
    name = "samenveilig.regio"
    label = "regio"
    verbose_name = _("Regio's en gemeenten")

    def ready(self) -> None:
        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem

        navigation.register(NavItem("regio:index", _("Gemeenten en wijken"), "regio.view_regio", order=70))
