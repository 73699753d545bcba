from django.utils.functional import cached_property

from samenveilig.notifications.models import Notification


class UnreadCount:
    """Counted on first use only (one COUNT query), so partial responses that do not show the header pay nothing."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self) -> int:
        return Notification.objects.visible_to(self.user).unread().count()


def unread(request):
    """``unread_notifications.count`` for the link in the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": UnreadCount(user)}
