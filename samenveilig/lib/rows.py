"""Model instances from one hand-written SELECT, and a lean INSERT: for the few hot paths (the token look-up of every
API call, the Verwijsindex registration) where building the query with the ORM costs more than running it.

    chain = Select(ApiToken, "t", User, "u")
    sql = f"SELECT {chain.columns} FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id WHERE ..."
    token, user = chain.instances(cursor.fetchone())

``columns`` lists every concrete column of each model under its alias, in the order ``instances`` reads them back;
values pass through the same converters the ORM applies (SQLite keeps dates as text, booleans as integers), so the
instances are what a queryset would have given, on every database. Related instances are not linked: the caller sets
them (``token.user = user``).

``insert(objs)`` is ``bulk_create`` for the hot paths: one ``INSERT … RETURNING`` per batch (as many rows as the
database takes parameters for, at most :data:`BATCH`), its text built once per model and number of rows. The values
go through each field's ``pre_save`` and ``get_db_prep_save`` as with ``save()`` (defaults, ``auto_now_add``,
encryption). No signals are sent, as with ``bulk_create``.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from django.db import connections


class Select:
    def __init__(self, *models_and_aliases, using: str = "default"):
        pairs = list(zip(models_and_aliases[::2], models_and_aliases[1::2], strict=True))
        self.models = [model for model, _alias in pairs]
        self.aliases = [alias for _model, alias in pairs]
        self.using = using

    @property
    def _connection(self):
        return connections[self.using]

    @cached_property
    def columns(self) -> str:
        quote = self._connection.ops.quote_name
        return ", ".join(
            f"{alias}.{quote(field.column)}"
            for model, alias in zip(self.models, self.aliases, strict=True)
            for field in model._meta.concrete_fields
        )

    @cached_property
    def _readers(self) -> list[tuple[type, list[str], list[tuple[object, list]]]]:
        connection = self._connection
        readers = []
        for model in self.models:
            fields = model._meta.concrete_fields
            converters = []
            for field in fields:
                column = field.get_col(model._meta.db_table)
                converters.append(
                    (column, connection.ops.get_db_converters(column) + column.get_db_converters(connection))
                )
            readers.append((model, [field.attname for field in fields], converters))
        return readers

    def instances(self, row) -> list:
        """One instance per model, from a row selected with :attr:`columns` first."""
        connection = self._connection
        result, start = [], 0
        for model, attnames, converters in self._readers:
            values = list(row[start : start + len(attnames)])
            start += len(attnames)
            for index, (column, functions) in enumerate(converters):
                for function in functions:
                    values[index] = function(values[index], column, connection)
            result.append(model.from_db(self.using, attnames, values))
        return result


def insert(objs: list, *, using: str = "default") -> list:
    """Insert unsaved instances of one model in one statement and set their primary keys; returns ``objs``."""
    if not objs:
        return objs
    model = type(objs[0])
    connection = connections[using]
    if not connection.features.can_return_rows_from_bulk_insert:  # pragma: no cover - PostgreSQL, SQLite >= 3.35
        return model.objects.using(using).bulk_create(objs)
    fields = _insert_fields(model)
    size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, objs)))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params = [field.get_db_prep_save(field.pre_save(o, True), connection) for o in batch for field in fields]
            cursor.execute(_insert_sql(model, len(batch), using), params)
            for obj, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding, obj._state.db = False, using
    return objs


#: Rows per INSERT at most, so that the statement texts kept per model and row count stay few and small.
BATCH = 500


def _insert_fields(model) -> list:
    return [field for field in model._meta.concrete_fields if field is not model._meta.auto_field]


@lru_cache(maxsize=256)
def _insert_sql(model, count: int, using: str) -> str:
    quote = connections[using].ops.quote_name
    fields = _insert_fields(model)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608 - model tables and columns only
        f"VALUES {', '.join([row] * count)} RETURNING {quote(model._meta.pk.column)}"
    )
