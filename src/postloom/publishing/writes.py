"""The engine's most frequent writes, in plain SQL.

A post costs the worker a handful of fenced updates of its publication and two or three
attempt rows. Through the ORM each of them spends most of its time building the query (well
over the database's own time); here each statement's text is made once per set of columns
and kept, and values are adapted by the model fields themselves (``get_db_prep_save``), so
what is stored is exactly what ``save()`` would store. Everything else stays on the ORM.

The statements are put together from the models' own table and column names (quoted by the
backend) and counts only; every value travels as a parameter.
"""
# ruff: noqa: S608  (no value is ever put into the SQL text: see above)

from __future__ import annotations

import functools
from typing import Any

from django.db import connection
from django.db.models import Model

from postloom.publishing.models import Publication, PublicationAttempt

IN_PROGRESS = Publication.Status.IN_PROGRESS.value


def write_step(
    pk: int,
    token: str,
    values: dict[str, Any],
    outcomes: list[tuple[int, dict[str, Any]]],
    new: list[dict[str, Any]],
) -> list[int] | None:
    """A step's writes: the fenced update, attempt outcomes and new attempt rows, the last
    two only if the fence held. Returns the new rows' ids, or None when the claim is lost.

    On PostgreSQL it is one statement (data-modifying WITH clauses), so one round trip and
    atomic without a transaction of its own; elsewhere (SQLite, in-process) one statement
    after another inside the caller's transaction.
    """
    if connection.vendor != "postgresql":
        if not update_fenced(pk, token, values):
            return None
        for attempt, outcome in outcomes:
            update_attempt(attempt, outcome)
        return insert_attempts(new) if new else []
    names = tuple(values)
    outcome_names = tuple(outcomes[0][1]) if outcomes else ()
    new_names = tuple(new[0]) if new else ()
    params = [*_adapt(Publication, names, values), pk, token, IN_PROGRESS]
    for attempt, outcome in outcomes:
        params += [*_adapt(PublicationAttempt, outcome_names, outcome), attempt]
    for row in new:
        params += _adapt(PublicationAttempt, new_names, row)
    sql = _step_sql(names, outcome_names, len(outcomes), new_names, len(new))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = sorted(cursor.fetchall())
    if not found or found[0][0] != 0:
        return None
    return [int(row_id) for order, row_id in found if order > 0]


def update_fenced(pk: int, token: str, values: dict[str, Any]) -> bool:
    """UPDATE the publication if this claim still holds it (the fence); whether it did."""
    names = tuple(values)
    params = [*_adapt(Publication, names, values), pk, token, IN_PROGRESS]
    with connection.cursor() as cursor:
        cursor.execute(_fenced_sql(names), params)
        return bool(cursor.rowcount)


def update_attempt(pk: int, values: dict[str, Any]) -> None:
    names = tuple(values)
    with connection.cursor() as cursor:
        cursor.execute(_update_sql(PublicationAttempt, names), [*_adapt(
            PublicationAttempt, names, values), pk])  # fmt: skip


def insert_attempts(rows: list[dict[str, Any]]) -> list[int]:
    """Attempt rows (each with the same columns) in one INSERT; their ids."""
    names = tuple(rows[0])
    params = [value for row in rows for value in _adapt(PublicationAttempt, names, row)]
    with connection.cursor() as cursor:
        if connection.features.can_return_columns_from_insert:
            cursor.execute(_insert_sql(names, len(rows), returning=True), params)
            return [int(row[0]) for row in cursor.fetchall()]
        ids = []
        for row in rows:  # no RETURNING: one at a time, each with its lastrowid
            cursor.execute(_insert_sql(names, 1, returning=False), _adapt(
                PublicationAttempt, names, row))  # fmt: skip
            ids.append(int(cursor.lastrowid))
        return ids


def _adapt(model: type[Model], names: tuple[str, ...], values: dict[str, Any]) -> list[Any]:
    fields = _fields(model, names)
    return [field.get_db_prep_save(values[name], connection) for name, field in fields]


@functools.cache
def _fields(model: type[Model], names: tuple[str, ...]) -> tuple[tuple[str, Any], ...]:
    return tuple((name, model._meta.get_field(name)) for name in names)


def _columns(model: type[Model], names: tuple[str, ...]) -> list[str]:
    return [connection.ops.quote_name(field.column) for _, field in _fields(model, names)]


@functools.cache
def _fenced_sql(names: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    sets = ", ".join(f"{column} = %s" for column in _columns(Publication, names))
    return (
        f"UPDATE {quote(Publication._meta.db_table)} SET {sets} "
        f"WHERE {quote('id')} = %s AND {quote('claim_token')} = %s AND {quote('status')} = %s"
    )


@functools.cache
def _update_sql(model: type[Model], names: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    sets = ", ".join(f"{column} = %s" for column in _columns(model, names))
    return f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote('id')} = %s"


@functools.cache
def _insert_sql(names: tuple[str, ...], count: int, *, returning: bool) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(_columns(PublicationAttempt, names))
    one = "(" + ", ".join(["%s"] * len(names)) + ")"
    sql = (
        f"INSERT INTO {quote(PublicationAttempt._meta.db_table)} ({columns}) "
        f"VALUES {', '.join([one] * count)}"
    )
    return sql + f" RETURNING {quote('id')}" if returning else sql


@functools.cache
def _step_sql(
    names: tuple[str, ...],
    outcome_names: tuple[str, ...],
    outcomes: int,
    new_names: tuple[str, ...],
    new: int,
) -> str:
    quote = connection.ops.quote_name
    attempts = quote(PublicationAttempt._meta.db_table)
    fence = _fenced_sql(names) + f" RETURNING {quote('id')}"
    parts = [f"fenced AS ({fence})"]
    held = "EXISTS (SELECT 1 FROM fenced)"
    sets = ", ".join(f"{c} = %s" for c in _columns(PublicationAttempt, outcome_names))
    for n in range(outcomes):
        parts.append(
            f"done{n} AS (UPDATE {attempts} SET {sets} WHERE {quote('id')} = %s AND {held})"
        )
    columns = ", ".join(_columns(PublicationAttempt, new_names))
    # Typed: a NULL or a date among the values must not be taken for text.
    values = ", ".join(
        f"CAST(%s AS {field.cast_db_type(connection)})"
        for _, field in _fields(PublicationAttempt, new_names)
    )
    picks = ["SELECT 0, id FROM fenced"]
    for n in range(new):
        parts.append(
            f"new{n} AS (INSERT INTO {attempts} ({columns}) SELECT {values} FROM fenced "
            f"RETURNING {quote('id')})"
        )
        picks.append(f"SELECT {n + 1}, id FROM new{n}")
    return f"WITH {', '.join(parts)} " + " UNION ALL ".join(picks)
