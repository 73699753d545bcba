"""The recipient's own notifications: the list (unread first), opening one (marks it read), marking all read.

Someone else's notification answers 404 (``get_visible_or_404``), and the attempt is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.notifications import services
from samenveilig.notifications.models import Notification

PERM = "notifications.view_own"
PAGE_SIZE = 25


def notification_list(request):
    require_perm(request, PERM, "notifications.notification.listed", object_type="notifications.notification")
    notifications = (
        Notification.objects.visible_to(request.user)
        .select_related("organisation")
        .annotate(
            unread_first=Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("unread_first", "-created", "-pk")
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit.log(request, "notifications.notification.listed", object_type="notifications.notification")
    return render(request, "notifications/list.html", {"page": page})


def notification_open(request, pk: int):
    require_perm(request, PERM, "notifications.notification.viewed", object_type="notifications.notification")
    notification = get_visible_or_404(
        request, Notification.objects.all(), action="notifications.notification.viewed", pk=pk
    )
    services.mark_read(request, notification)
    if notification.url and services.is_app_url(notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
def mark_all_read(request):
    require_perm(request, PERM, "notifications.notification.all_read", object_type="notifications.notification")
    count = services.mark_all_read(request)
    if count:
        messages.success(request, _("Alle berichten zijn gemarkeerd als gelezen."))
    return redirect("notifications:list")
