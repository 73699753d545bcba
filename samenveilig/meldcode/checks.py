"""System checks: a typo in the Meldcode settings fails at start-up, not silently."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from samenveilig.accounts.models import Sector


@checks.register()
def step4_sectors_are_known(app_configs, **kwargs):
    unknown = [s for s in getattr(settings, "SAMENVEILIG_MELDCODE_STEP4_SECTORS", []) if s not in Sector.values]
    if unknown:
        return [
            checks.Error(
                f"SAMENVEILIG_MELDCODE_STEP4_SECTORS names unknown sectors: {', '.join(unknown)}",
                hint=f"Use sector codes from accounts.Sector: {', '.join(Sector.values)}",
                id="meldcode.E001",
            )
        ]
    return []
