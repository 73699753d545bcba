from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samenveilig.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from samenveilig.core import navigation

        navigation.register(
            navigation.NavItem("core:home", _("Start"), permission=None, order=0),
        )
