import pytest

from samenveilig.accounts.models import Organisation


@pytest.fixture(autouse=True)
def _checklists(db):
    """A transactional test elsewhere may have flushed the seeded lists: put them back."""
    from samenveilig.meldcode import checklists
    from samenveilig.meldcode.models import ChecklistItem

    if not ChecklistItem.objects.exists():
        checklists.restore()


@pytest.fixture
def school(personas):
    return Organisation.objects.get(name="Testschool De Linde")


@pytest.fixture
def acting():
    """Make a user act for their (only) membership, as the middleware does for a request."""

    def _acting(user):
        user.active_membership = user.memberships.select_related("organisation").first()
        return user

    return _acting
