"""Navigation per role: each app registers its items with the permission they need.

A user sees an item only when ``user.has_perm(item.permission)`` holds for the organisation they act for, so the
menu follows the role without a template knowing any role. Apps register in ``AppConfig.ready()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    permission: str | None
    order: int = 50
    section: str = "main"
    match_prefixes: tuple[str, ...] = field(default=())

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_registry: dict[str, NavItem] = {}


def register(*items: NavItem) -> None:
    for item in items:
        _registry[item.url_name] = item


def items_for(request, section: str = "main") -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    visible = []
    for item in sorted(_registry.values(), key=lambda i: (i.order, str(i.label))):
        if item.section != section:
            continue
        if item.permission and not user.has_perm(item.permission):
            continue
        url = item.url
        current = request.path == url or (url != "/" and request.path.startswith(url))
        visible.append({"url": url, "label": item.label, "current": current})
    return visible
