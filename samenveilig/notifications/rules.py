"""Who may read notifications: every logged-in user, their own only (``Notification.objects.visible_to``)."""

import rules

rules.add_perm("notifications.view_own", rules.is_authenticated)
