"""Keep the stored search documents true when something they are made of changes outside the sociale kaart's own
write paths: an organisation renamed on the beheer pages, a theme or target group renamed by a beheerder.

A fan-out only (STYLE §5): the main flow never depends on it, and ``manage.py refresh_search`` repairs anything missed.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from samenveilig.accounts.models import Organisation
from samenveilig.sociale_kaart import search
from samenveilig.sociale_kaart.models import TargetGroup, Theme


def _refresh_organisation(sender, instance, created, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and "name" not in update_fields):
        return
    search.refresh_search_documents(instance.services.values("pk"))


def _refresh_term(sender, instance, created, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and "name" not in update_fields):
        return
    search.refresh_search_documents(instance.services.values("pk"))


def connect() -> None:
    post_save.connect(_refresh_organisation, sender=Organisation, dispatch_uid="kaart-search-organisation")
    post_save.connect(_refresh_term, sender=Theme, dispatch_uid="kaart-search-theme")
    post_save.connect(_refresh_term, sender=TargetGroup, dispatch_uid="kaart-search-target-group")
