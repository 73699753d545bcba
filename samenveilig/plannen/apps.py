from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlannenConfig(AppConfig):
    name = "samenveilig.plannen"
    label = "plannen"
    verbose_name = _("Plannen")

    def ready(self) -> None:
        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem
        from samenveilig.plannen import rules  # noqa: F401 (registers the permissions)

        navigation.register(NavItem("plannen:plan_list", _("Plannen"), "plannen.view_plans_menu", order=30))
