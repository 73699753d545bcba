"""Model instances from one hand-written SELECT: for the few hot paths (the token look-up of every API call, the
Verwijsindex registration) where building the query with the ORM costs more than running it.

    chain = Select(ApiToken, "t", User, "u")
    sql = f"SELECT {chain.columns} FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id WHERE ..."
    token, user = chain.instances(cursor.fetchone())

``columns`` lists every concrete column of each model under its alias, in the order ``instances`` reads them back;
values pass through the same converters the ORM applies (SQLite keeps dates as text, booleans as integers), so the
instances are what a queryset would have given, on every database. Related instances are not linked: the caller sets
them (``token.user = user``).
"""

from __future__ import annotations

from functools import cached_property

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
