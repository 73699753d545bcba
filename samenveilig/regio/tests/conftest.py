import pytest

from samenveilig.regio.loader import load_cbs
from samenveilig.regio.models import Gemeente, Wijk


@pytest.fixture(autouse=True)
def cbs_2024(db):
    """The CBS rows of 2024, as the data migration leaves them.

    A transactional test elsewhere in the same worker flushes every table, migrated data included; reload then
    (idempotent, inside this test's transaction) so these tests never depend on the order tests run in.
    """
    if Gemeente.objects.filter(year=2024).count() != 342 or Wijk.objects.filter(year=2024).count() != 3474:
        load_cbs(2024)
