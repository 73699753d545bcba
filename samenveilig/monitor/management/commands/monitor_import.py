"""Import a CBS StatLine export or a municipality's Veilig Thuis report from the command line, with progress.

    python manage.py monitor_import 84847NED.json
    python manage.py monitor_import 84847NED_TypedDataSet.csv
    python manage.py monitor_import data.csv --table 84847NED
    python manage.py monitor_import rapportage.xlsx --gemeente GM1960 --report-version 2022-03-01

For large (national) tables: the web upload is limited in size and runs in the request. Problems are printed by row
and column, nothing is stored, and the command exits with status 1.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samenveilig.monitor import importers, services, vt_report
from samenveilig.regio.models import Gemeente


class Command(BaseCommand):
    help = "Import a CBS StatLine export (OData v3/v4 JSON, StatLine CSV) or a Veilig Thuis report (XLSX template)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--table", default="", help="CBS table id, for a CSV without it in the file name")
        parser.add_argument("--gemeente", default="", help="CBS code of the municipality (XLSX report only)")
        parser.add_argument("--report-version", dest="report_version", default="", help="version label (XLSX report)")

    def handle(self, *args, path, table, gemeente, report_version, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        content = file.read_bytes()
        self.stdout.write(f"Reading {file.name} ({len(content) // 1024} kB)…")
        try:
            if file.suffix.lower() == ".xlsx":
                if not gemeente or not report_version:
                    raise CommandError("An XLSX report needs --gemeente and --report-version.")
                found = Gemeente.objects.filter(code=gemeente.upper()).order_by("-year").first()
                if found is None:
                    raise CommandError(f"Unknown municipality: {gemeente}")
                parsed = vt_report.parse_report(
                    content, gemeente_code=found.code, gemeente_name=found.name, version=report_version
                )
            else:
                parsed = importers.parse_file(content, filename=file.name, identifier=table.upper())
            self.stdout.write(
                f"{parsed.identifier}: {len(parsed.measures)} measures, {len(parsed.records)} values; storing…"
            )
            version = services.import_parsed(parsed, actor=None, progress=self._progress)
        except importers.ImportFailed as failed:
            self.stdout.write("")
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError("Nothing was imported.") from None
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {version.dataset} version {version.label} ({version.observation_count} values); "
                f"current: {'yes' if version.is_current else 'no (a newer version exists)'}"
            )
        )

    def _progress(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        self.stdout.write(f"\r  {done}/{total} values ({percent}%)", ending="")
        self.stdout.flush()
