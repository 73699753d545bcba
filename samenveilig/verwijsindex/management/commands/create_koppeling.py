"""``manage.py create_koppeling ORG_ID NAME``: an organisation API credential for a connected organisation's client
system (Verwijsindex API only).

Only the key goes to stdout, so a deployment script can capture it; everything else goes to stderr. The key is shown
this once: only its hash is stored. The creation is audited with the system as actor.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samenveilig.verwijsindex import services
from samenveilig.verwijsindex.models import AangeslotenOrganisatie


class Command(BaseCommand):
    help = "Create an organisation API credential for the Verwijsindex and print (only) its key on stdout."

    def add_arguments(self, parser):
        parser.add_argument("organisation", type=int, help="Id of the connected organisation.")
        parser.add_argument("name", help="The client system it is for (shown on the connections page).")

    def handle(self, *args, organisation: int, name: str, **options):
        if not settings.SAMENVEILIG_VERWIJSINDEX_ENABLED:
            raise CommandError("The Verwijsindex is switched off (SAMENVEILIG_VERWIJSINDEX_ENABLED).")
        connection = AangeslotenOrganisatie.objects.select_related("organisation").filter(organisation_id=organisation)
        connection = connection.first()
        if connection is None:
            raise CommandError(f"Organisation {organisation} is not connected to the Verwijsindex.")
        if not name.strip():
            raise CommandError("The name may not be empty.")
        koppeling, key = services.make_koppeling(None, connection, name.strip()[:100])
        self.stdout.write(key)
        state = "" if connection.meldingsbevoegd else " The organisation is not meldingsbevoegd: it cannot register."
        self.stderr.write(
            f"Credential {koppeling.key_hint}… created for {connection.organisation} ({koppeling.name}). "
            f"It is not shown again.{state}"
        )
