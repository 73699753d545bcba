"""OpenAPI descriptions of our two API authentication methods (drf-spectacular extensions)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "samenveilig.accounts.api_auth.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A personal API token, sent as `Authorization: Token sv_…`. Create it after logging in "
            "with a second factor, or with `manage.py create_api_token USERNAME`.",
        }


class MfaSessionScheme(OpenApiAuthenticationExtension):
    target_class = "samenveilig.accounts.api_auth.MfaSessionAuthentication"
    name = "mfaSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "The browser session, after login with a second factor.",
        }
