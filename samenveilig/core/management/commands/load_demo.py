from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samenveilig.core import demo
from samenveilig.regio.models import Gemeente


class Command(BaseCommand):
    help = "Fill the database with a synthetic demo region (idempotent). Password from DEMO_PASSWORD (default 'demo')."

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("Demo data is never loaded in production: it creates accounts with a known password.")
        if not Gemeente.objects.filter(year=demo.CBS_YEAR).exists():
            raise CommandError("The CBS municipalities are missing: run 'manage.py migrate' first.")
        counts = demo.load()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded: " + ", ".join(f"{value} {name.replace('_', ' ')}" for name, value in counts.items())
            )
        )
