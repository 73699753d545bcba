from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samenveilig.accounts"
    label = "accounts"
    verbose_name = _("Accounts en organisaties")

    def ready(self) -> None:
        from samenveilig.accounts import schema, signals  # noqa: F401
        from samenveilig.core import navigation
        from samenveilig.core.navigation import NavItem

        navigation.register(
            NavItem("accounts:organisation_list", _("Organisaties"), "accounts.view_own_organisation", order=80),
            NavItem("accounts:beheer_users", _("Gebruikers"), "accounts.manage_users", order=85),
            NavItem("accounts:api_tokens", _("API-tokens"), "accounts.manage_api_tokens", section="account"),
            NavItem("mfa_index", _("Tweestapsverificatie"), None, section="account"),
        )
