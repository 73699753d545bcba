"""Import an HSDS 3.0 document into the sociale kaart (see ``docs/hsds.md``).

    manage.py import_hsds kaart.json [--dry-run]

The whole file is checked against the HSDS 3.0 schema and our codes first; every problem is reported with its place
in the file (``contents[3].services[1].name: ...``) and then nothing is changed (exit code 1). Otherwise everything
is written in one transaction. Importing the same file again changes nothing. ``-`` reads standard input.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenveilig.sociale_kaart import hsds


class Command(BaseCommand):
    help = "Import an HSDS 3.0 JSON document into the sociale kaart: all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The HSDS document (JSON), or - for standard input.")
        parser.add_argument("--dry-run", action="store_true", help="Only check the file; change nothing.")

    def handle(self, *args, file: str, dry_run: bool, **options):
        try:
            if file == "-":
                document = json.load(sys.stdin)
            else:
                with open(file, encoding="utf-8") as f:
                    document = json.load(f)
        except OSError as error:
            raise CommandError(_("Kan %(file)s niet lezen: %(error)s") % {"file": file, "error": error}) from None
        except ValueError as error:
            raise CommandError(_("Geen geldige JSON: %(error)s") % {"error": error}) from None
        try:
            if dry_run:
                if problems := hsds.validate_document(document):
                    raise hsds.ImportFailed(problems)
                hsds.read_document(document)
                self.stdout.write(_("Het bestand is in orde; er is niets veranderd."))
                return
            result = hsds.import_document(document)
        except hsds.ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            count = len(failed.problems)
            raise CommandError(
                ngettext(
                    "%(count)s probleem gevonden; er is niets geïmporteerd.",
                    "%(count)s problemen gevonden; er is niets geïmporteerd.",
                    count,
                )
                % {"count": count}
            ) from None
        self.stdout.write(_("Geïmporteerd: %(summary)s.") % {"summary": result.summary()})
