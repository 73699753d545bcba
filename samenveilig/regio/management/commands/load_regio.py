"""``manage.py load_regio [--year 2024] [--gemeenten FILE] [--wijken FILE]``: load CBS municipalities and districts.

Idempotent: run it again and nothing changes unless the files changed. Public reference data: not audited.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from samenveilig.regio.loader import LoadError, default_paths, load_cbs


class Command(BaseCommand):
    help = "Load CBS municipalities (gemeenten) and districts (wijken) of one year from CSV."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2024, help="CBS year of the codes (default 2024).")
        parser.add_argument(
            "--gemeenten", type=Path, help="CSV of municipalities (default: regio/data/gemeenten_<year>.csv)."
        )
        parser.add_argument("--wijken", type=Path, help="CSV of districts (default: regio/data/wijken_<year>.csv).")

    def handle(self, *args, year: int, gemeenten: Path | None, wijken: Path | None, **options):
        default_gemeenten, default_wijken = default_paths(year)
        gemeenten, wijken = gemeenten or default_gemeenten, wijken or default_wijken
        for path in (gemeenten, wijken):
            if not path.is_file():
                raise CommandError(f"File not found: {path}")
        try:
            with transaction.atomic():
                result = load_cbs(year, gemeenten, wijken)
        except LoadError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{year}: municipalities {result.gemeenten_created} created, {result.gemeenten_updated} updated; "
                f"districts {result.wijken_created} created, {result.wijken_updated} updated."
            )
        )
