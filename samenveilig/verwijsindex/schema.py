"""OpenAPI description of the organisation API credential (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class KoppelingScheme(OpenApiAuthenticationExtension):
    target_class = "samenveilig.verwijsindex.api_auth.KoppelingAuthentication"
    name = "organisationCredential"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "An organisation API credential of a connected organisation's client system, sent as "
            "`Authorization: Token svk_…`. Made by the functioneel beheerder on the Verwijsindex connections page "
            "(or `manage.py create_koppeling`); valid for the Verwijsindex API only.",
        }
