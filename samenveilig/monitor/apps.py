from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "samenveilig.monitor"
    label = "monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem

        navigation.register(NavItem("monitor:index", _("Monitor"), "monitor.view_monitor", order=60))
