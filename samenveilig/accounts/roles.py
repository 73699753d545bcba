"""The roles a user can hold in an organisation, and what each role is for.

Roles are data on a membership; what a role may do is written once, as predicates in ``rules.py``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", _("Aandachtsfunctionaris")
    COORDINATOR = "coordinator", _("Coördinator")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis-medewerker")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


# Every role can see personal data of some kind (a dossier, a signal, a contact person on the social map, or the
# identities in the access log), so every role needs a second factor. Kept as a set so a future aggregate-only
# role can be left out deliberately.
ROLES_REQUIRING_MFA = frozenset(Role.values)
