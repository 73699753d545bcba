from django.conf import settings

from samenveilig.core import navigation


def layout(request):
    """What the base layout needs on every page: navigation, the acting organisation, demo mode."""
    membership = getattr(request, "membership", None)
    memberships = []
    if request.user.is_authenticated:
        memberships = list(request.user.active_memberships())
    return {
        "nav_main": navigation.items_for(request, "main"),
        "nav_account": navigation.items_for(request, "account"),
        "membership": membership,
        "memberships": memberships,
        "demo_mode": settings.DEMO_MODE,
    }
