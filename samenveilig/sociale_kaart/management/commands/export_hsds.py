"""Export the sociale kaart as an HSDS 3.0 document (see ``docs/hsds.md``).

    manage.py export_hsds --output kaart.json [--gemeente GM0632] [--with-contacts]

``--output -`` (the default) writes to standard output. Contact persons are personal data: they are left out
unless ``--with-contacts`` is given (for moving a map to another system). Every export is audited.
"""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samenveilig.sociale_kaart import hsds

GEMEENTE_CODE = re.compile(r"^GM\d{4}$")


class Command(BaseCommand):
    help = "Export the sociale kaart as an HSDS 3.0 JSON document."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="-", help="File to write, or - for standard output (default).")
        parser.add_argument("--gemeente", default="", help="Only organisations for this CBS municipality (GM####).")
        parser.add_argument(
            "--with-contacts", action="store_true", help="Include contact persons (personal data; audited)."
        )

    def handle(self, *args, output: str, gemeente: str, with_contacts: bool, **options):
        gemeente = gemeente.strip().upper()
        if gemeente and not GEMEENTE_CODE.match(gemeente):
            raise CommandError(_("Geef een CBS-gemeentecode als GM0632."))
        document = hsds.export_document(gemeente=gemeente, with_contacts=with_contacts)
        text = hsds.dumps(document)
        if output == "-":
            self.stdout.write(text, ending="")
        else:
            try:
                with open(output, "w", encoding="utf-8") as f:
                    f.write(text)
            except OSError as error:
                message = _("Kan %(file)s niet schrijven: %(error)s") % {"file": output, "error": error}
                raise CommandError(message) from None
        hsds.audit_export(None, document, channel="command", with_contacts=with_contacts)
        if output != "-":
            n = hsds.counts(document)
            self.stderr.write(
                _("%(organisations)s organisaties en %(services)s diensten geëxporteerd naar %(file)s.")
                % {**n, "file": output}
            )
