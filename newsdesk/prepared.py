"""Hot read queries written by the ORM once, then run again with other values.

Measured on uncached article pages of the million-article set (SQLite, cProfile over 300
random articles): building and compiling one ORM query cost about 0.4 ms of Python, and
SQLite answered it in about 0.05 ms; a page made a dozen. A PreparedQuery keeps the query
in the ORM's words (`ArticlePage.objects.published()` stays the one definition), lets the
ORM compile it once per database and argument types, and afterwards only puts the new
values in place of the old ones.

Arguments (ints, strings, UUIDs, aware datetimes) are found by compiling the query with
sample values: the parameters that change when one argument changes are that argument's.
`rows` and `values` give the database's rows without the ORM's conversions (select ids,
numbers and text with them, not dates, booleans or UUIDs); `objects` gives model instances,
converted as the ORM converts them.

On PostgreSQL the statements are also prepared on the server, once per connection: planning
was most of what the server spent on them (EXPLAIN ANALYZE on an uncached article of the
million: 0.9 ms of planning against 0.5 ms of execution, over its four queries). Django's
own cursors bind values on the client and never prepare; these go through a server-binding
cursor on the same connection, and psycopg prepares what such a cursor runs (the database
setting `prepare_threshold`, see settings.py; with it unset nothing is prepared).
"""

import contextlib
import uuid
from datetime import UTC, datetime, timedelta

from django.db import connections, router


def sample_values(kinds, variant):
    """Two distinct values of each kind, so that compiling with each shows where it goes."""
    values = []
    for position, kind in enumerate(kinds):
        if kind is datetime:
            values.append(
                datetime(2001, 1, 1, tzinfo=UTC) + timedelta(days=variant, seconds=position)
            )
        elif kind is str:
            values.append(f"prepared-{variant}-{position}")
        elif kind is int:
            values.append(1_000_003 + 1_000 * variant + position)
        elif kind is uuid.UUID:
            values.append(uuid.UUID(int=1_000 * variant + position + 1))
        else:
            raise TypeError(f"a prepared query takes int, str, UUID and datetime, not {kind}")
    return values


def adapt(value, connection):
    """`value` as the ORM hands a field's value of its type to this database."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, uuid.UUID):
        # UUIDField.get_db_prep_value: the hex digits where the database has no uuid type.
        return value if connection.features.has_native_uuid_field else value.hex
    return value


class PreparedQuery:
    """`build(*args)` returns a queryset; `rows(*args)` runs it with those values.

    The SQL of `build`'s queryset must not depend on the values (only on their number and
    types): preparing checks that and refuses otherwise.
    """

    def __init__(self, model, build):
        self.model = model
        self.build = build
        self.prepared = {}
        self.readers = {}

    def compile(self, alias, values):
        return self.build(*values).query.get_compiler(using=alias).as_sql()

    def prepare(self, alias, kinds):
        base = sample_values(kinds, 0)
        sql, params = self.compile(alias, base)
        slots = []
        for position in range(len(kinds)):
            changed = list(base)
            changed[position] = sample_values(kinds, 1)[position]
            other_sql, other_params = self.compile(alias, changed)
            if other_sql != sql or len(other_params) != len(params):
                raise ValueError(f"{self.build.__qualname__}: its SQL depends on argument values")
            places = [
                i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b
            ]
            # A value the ORM adapted for the database (a datetime as text on SQLite) is
            # adapted the same way; one it passed as it was (RawSQL's) is passed as it is.
            adapted = bool(places) and not isinstance(params[places[0]], kinds[position])
            slots.append((position, places, adapted))
        return sql, tuple(params), slots

    def statement(self, *args):
        """(database alias, SQL, parameters) of the query for these argument values."""
        alias = router.db_for_read(self.model)
        kinds = tuple(type(arg) for arg in args)
        prepared = self.prepared.get((alias, kinds))
        if prepared is None:
            prepared = self.prepared[(alias, kinds)] = self.prepare(alias, kinds)
        sql, params, slots = prepared
        connection = connections[alias]
        params = list(params)
        for position, places, adapted in slots:
            value = adapt(args[position], connection) if adapted else args[position]
            for place in places:
                params[place] = value
        return alias, sql, params

    def rows(self, *args):
        """The query's rows for these argument values (a list of tuples)."""
        alias, sql, params = self.statement(*args)
        return statement_rows(alias, sql, params)

    def values(self, *args):
        """The first column of each row."""
        return [row[0] for row in self.rows(*args)]

    def objects(self, *args):
        """The query's rows as model instances (converted as the ORM converts them), for a
        query of whole rows of the model, with no select_related or annotations."""
        alias, sql, params = self.statement(*args)
        rows = statement_rows(alias, sql, params)
        reader = self.readers.get((alias, len(args)))
        if reader is None:
            reader = self.readers[(alias, len(args))] = ModelReader(self, alias, args)
        return [reader.instance(row) for row in rows]


class ModelReader:
    """Turns a prepared query's rows into model instances as Django's ModelIterable does:
    the same field converters and `Model.from_db`, worked out once instead of per query."""

    def __init__(self, prepared, alias, args):
        compiler = prepared.build(*args).query.get_compiler(using=alias)
        compiler.as_sql()  # fills select and klass_info
        info = compiler.klass_info
        if info["model"] is not prepared.model or info.get("related_klass_infos"):
            raise ValueError(f"{prepared.build.__qualname__}: objects() reads plain rows only")
        if compiler.annotation_col_map:
            raise ValueError(f"{prepared.build.__qualname__}: objects() takes no annotations")
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        fields = info["select_fields"]
        self.span = slice(fields[0], fields[-1] + 1)
        self.attnames = [column.target.attname for column in columns[self.span]]
        self.converters = list(compiler.get_converters(columns).items())
        self.model = prepared.model
        self.alias = alias

    def instance(self, row):
        if self.converters:
            connection = connections[self.alias]
            row = list(row)
            for position, (converters, expression) in self.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
        return self.model.from_db(self.alias, self.attnames, row[self.span])


def statement_rows(alias, sql, params):
    """Run one of these statements and return its rows (prepared on PostgreSQL)."""
    with statement_cursor(connections[alias]) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@contextlib.contextmanager
def statement_cursor(connection):
    """A cursor for a hot statement: Django's, or on PostgreSQL one that binds values on
    the server so that psycopg prepares the statement (see the module's docstring).

    It is wrapped like Django's own cursors, so query logging, execute wrappers and error
    translation see these statements too.
    """
    if connection.vendor != "postgresql" or not prepares_statements(connection):
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    # Django's own cursor() in its steps, with the server-binding cursor in place of the
    # one create_cursor() makes; _prepare_cursor does the wrapping.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection._prepare_cursor(ServerBindingCursor(connection.connection))
    with cursor:
        yield cursor


def prepares_statements(connection):
    """Whether this PostgreSQL connection's settings let psycopg prepare statements."""
    return connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
