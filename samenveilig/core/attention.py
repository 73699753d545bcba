""" "Aandacht nodig": what needs the user's attention, gathered on the home page from every app.

Each app registers a provider in ``AppConfig.ready()``: a function of the request that returns
:class:`AttentionItem` s for the organisation the user acts for — follow-ups falling due, stale map entries, a
dossier waiting to be accepted. Texts name things, never clients: the home page is seen over a shoulder too. A
provider checks its own permissions and keeps to a query or two; the home page shows overdue items first, then by
due date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttentionItem:
    text: str | Promise
    url: str
    due: date | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


Provider = Callable[[object], Iterable[AttentionItem]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _providers[name] = provider


def items_for(request) -> list[AttentionItem]:
    if not request.user.is_authenticated or getattr(request, "membership", None) is None:
        return []
    items: list[AttentionItem] = []
    for provider in _providers.values():
        items.extend(provider(request))
    far = date.max
    return sorted(items, key=lambda item: (not item.overdue, item.due or far, str(item.text)))
