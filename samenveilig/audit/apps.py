from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samenveilig.audit"
    label = "audit"
    verbose_name = _("Toegangslog")

    def ready(self) -> None:
        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem

        navigation.register(NavItem("audit:index", _("Toegangslog"), "audit.view_log", order=90))
