import pytest

from samenveilig import audit
from samenveilig.accounts.tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="t_superuser", is_staff=True, is_superuser=True)


@pytest.fixture
def entry(personas):
    """One ordinary entry: the professional viewed an object."""
    return audit.log(personas.professional, "test.object.viewed", object_type="test.object", object_id="7")
