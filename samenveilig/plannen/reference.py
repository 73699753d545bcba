"""The managed lists a data migration loads (programmes and laws, funding sources), restorable after a test flush."""

from __future__ import annotations

import importlib


def restore_terms() -> None:
    """Put the seeded programmes and funding sources back (a transactional test flushes every table)."""
    from samenveilig.plannen.models import FundingSource, Programme

    seed = importlib.import_module("samenveilig.plannen.migrations.0002_seed_programmes_and_funding_sources")
    for model, terms in ((Programme, seed.PROGRAMMES), (FundingSource, seed.FUNDING_SOURCES)):
        for order, (code, name) in enumerate(terms, start=1):
            model.objects.update_or_create(code=code, defaults={"name": name, "order": order * 10})
