from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegioConfig(AppConfig):
    name = "samenveilig.regio"
    label = "regio"
    verbose_name = _("Regio's en gemeenten")
