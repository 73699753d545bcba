from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldcodeConfig(AppConfig):
    name = "samenveilig.meldcode"
    label = "meldcode"
    verbose_name = _("Meldcode")

    def ready(self) -> None:
        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem
        from samenveilig.meldcode import checks, rules  # noqa: F401 (registers permissions and checks)

        navigation.register(
            NavItem("meldcode:dossier_list", _("Meldcode"), "meldcode.view_own_dossiers", order=10),
            NavItem("meldcode:inbox", _("Inbox Veilig Thuis"), "meldcode.view_vt_inbox", order=11),
            NavItem("meldcode:counts", _("Meldcode: aantallen"), "meldcode.view_dossier_counts", order=12),
        )
        from samenveilig.core import attention
        from samenveilig.meldcode.attention import items

        attention.register("meldcode", items)
