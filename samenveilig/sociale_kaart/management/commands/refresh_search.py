"""Recompute the stored search documents of the sociale kaart (PostgreSQL).

    manage.py refresh_search [--missing]

The write paths refresh the documents of what they change; this is for the rare bulk case: a change made outside
them (a data fix in SQL, a restored backup, a change to how the document is built). One ``UPDATE`` over all services
(about 2 s at 50,000); ``--missing`` only fills services that have no document yet. Does nothing on SQLite, where the
search does not use the documents.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from samenveilig.sociale_kaart.models import Service
from samenveilig.sociale_kaart.search import refresh_search_documents


class Command(BaseCommand):
    help = "Berekent de zoekdocumenten van de sociale kaart opnieuw (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Alleen diensten zonder zoekdocument.")

    def handle(self, *args, missing: bool, **options):
        if connection.vendor != "postgresql":
            self.stdout.write(
                f"Niets te doen: de zoekdocumenten worden alleen op PostgreSQL gebruikt ({connection.vendor})."
            )
            return
        with transaction.atomic():
            if missing:
                count = refresh_search_documents(Service.objects.filter(search_document__isnull=True).values("pk"))
            else:
                count = refresh_search_documents()
        self.stdout.write(self.style.SUCCESS(f"Zoekdocumenten bijgewerkt: {count} diensten."))
