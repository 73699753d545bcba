from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samenveilig.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from samenveilig.core import navigation

        navigation.register(
            navigation.NavItem("core:home", _("Start"), permission=None, order=0),
            navigation.NavItem("core:jobs", _("Taken"), "core.view_jobs", order=95),
        )
        # Each app declares its periodic jobs in <app>/jobs.py (see core/jobs.py).
        autodiscover_modules("jobs")
