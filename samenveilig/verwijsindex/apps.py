from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerwijsindexConfig(AppConfig):
    name = "samenveilig.verwijsindex"
    label = "verwijsindex"
    verbose_name = _("Verwijsindex")

    def ready(self) -> None:
        from django.core import checks

        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem
        from samenveilig.verwijsindex import schema  # noqa: F401 - registers the credential's OpenAPI description

        # The permissions behind both items include "switched on", so a region that switched it off sees neither.
        navigation.register(
            NavItem("verwijsindex:signal_list", _("Verwijsindex"), "verwijsindex.view_own_signals", order=15),
            NavItem(
                "verwijsindex:beheer_connections",
                _("Verwijsindex-aansluitingen"),
                "verwijsindex.manage_connections",
                order=85,
            ),
            NavItem("verwijsindex:figures", _("Cijfers Verwijsindex"), "verwijsindex.view_figures", order=56),
        )
        checks.register(check_hmac_keys, "verwijsindex")


def check_hmac_keys(app_configs=None, **kwargs):
    """A malformed key fails ``manage.py check`` (and the start of the server), naming the position only."""
    from django.conf import settings
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    from samenveilig.verwijsindex.hashing import parse_keys

    try:
        parse_keys(settings.SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="verwijsindex.E001")]
    return []
