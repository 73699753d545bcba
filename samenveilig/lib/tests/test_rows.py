"""``lib.rows.Select`` gives the instances a queryset would, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from samenveilig.accounts.models import ApiToken, Membership, Organisation, User
from samenveilig.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from samenveilig.lib.rows import Select

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_instances_equal_what_the_orm_reads():
    organisation = OrganisationFactory(name="Testschool Rijen", is_active=False)
    user = UserFactory(username="rijen", phone="030-1234567", last_login=timezone.now() - timedelta(days=2))
    membership = MembershipFactory(user=user, organisation=organisation)
    token, _key = ApiToken.generate(
        user=user, membership=membership, name="koppeling", expires=timezone.now() + timedelta(days=30)
    )
    chain = Select(ApiToken, "t", User, "u", Membership, "m", Organisation, "o")
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {chain.columns} FROM {q(ApiToken._meta.db_table)} t "
            f"JOIN {q(User._meta.db_table)} u ON u.id = t.user_id "
            f"JOIN {q(Membership._meta.db_table)} m ON m.id = t.membership_id "
            f"JOIN {q(Organisation._meta.db_table)} o ON o.id = m.organisation_id WHERE t.id = %s",
            [token.pk],
        )
        read = chain.instances(cursor.fetchone())
    expected = [
        ApiToken.objects.get(pk=token.pk),
        User.objects.get(pk=user.pk),
        Membership.objects.get(pk=membership.pk),
        Organisation.objects.get(pk=organisation.pk),
    ]
    assert [fields(i) for i in read] == [fields(i) for i in expected]
    # Typed as the ORM types them, also where SQLite stores text and integers.
    assert read[0].expires == expected[0].expires and read[0].expires.tzinfo is not None
    assert read[3].is_active is False
    assert all(not instance._state.adding for instance in read)


def test_the_models_and_aliases_come_in_pairs():
    with pytest.raises(ValueError):
        Select(User, "u", Organisation)


def test_insert_writes_large_lists_in_batches_and_sets_every_key():
    from samenveilig.lib import rows

    made = rows.insert([Organisation(name=f"Testorganisatie rij {i:04d}") for i in range(rows.BATCH * 2 + 7)])
    assert len({o.pk for o in made}) == len(made) and all(o.pk for o in made)
    stored = dict(Organisation.objects.filter(name__startswith="Testorganisatie rij").values_list("pk", "name"))
    assert stored == {o.pk: o.name for o in made}
