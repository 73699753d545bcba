"""The shared signal lists, as the data migration seeds them; :func:`restore` puts them back after a test flush."""

from __future__ import annotations

import importlib


def restore() -> None:
    from django.apps import apps

    seed = importlib.import_module("samenveilig.meldcode.migrations.0002_seed_checklist_items")
    seed.seed(apps, None)
