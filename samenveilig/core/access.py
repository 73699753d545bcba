"""Access helpers shared by every app.

Every view is closed by default (``LoginRequiredMiddleware``); a page that anyone may see says so with
:func:`public`, which the access test in ``tests/test_access.py`` reads. Object views start with
:func:`get_visible_or_404`, which refuses and audits what the user may not see.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenveilig import audit


def public(view):
    """Mark a view as open to anonymous visitors (no personal data may be on it)."""
    view = login_not_required(view)
    view.samenveilig_public = True
    return view


def require_perm(request, perm: str, action: str, obj=None, *, object_type: str = "") -> None:
    """Refuse with 403 (and audit the refusal) unless the user may ``perm`` (on ``obj``) in the role they act in.

    Call it before a write's transaction starts, so that the refusal entry is not rolled back with the refused write.
    """
    if not request.user.has_perm(perm, obj):
        audit.log(request, action, obj, object_type=object_type, outcome=audit.REFUSED)
        raise PermissionDenied


def get_visible_or_404(request, queryset, *, action: str, purpose: str = "", **lookup):
    """Return the object from ``queryset.visible_to(user)`` or refuse with 404, auditing either way."""
    model = queryset.model
    try:
        obj = queryset.visible_to(request.user, getattr(request, "membership", None)).get(**lookup)
    except model.DoesNotExist:
        audit.log(
            request,
            action,
            object_type=model._meta.label_lower,
            object_id=str(lookup.get("pk", lookup.get("id", ""))),
            purpose=purpose,
            outcome=audit.REFUSED,
        )
        raise Http404 from None
    audit.log(request, action, obj, purpose=purpose)
    return obj
