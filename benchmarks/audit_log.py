#!/usr/bin/env python
"""Benchmark of the audit log (``samenveilig.audit``) on PostgreSQL at a realistic size.

    .venv/bin/python benchmarks/audit_log.py [--rows N] [--database-url URL] [--repeat R] [--reuse] [--json FILE]

Only for a database with "bench" in its name (or with --force): it empties the audit table there.

Creates the database if it is missing, migrates it, empties the audit table (``TRUNCATE``; the append-only triggers
block UPDATE and DELETE only) and fills it with N synthetic entries through ``COPY``. Then it measures, each case R
times after a short warm-up:

1. one ``audit.log(user, ...)`` write, through the service, committed;
2. the review page's fetch (``filter_entries`` + the page slice of ``views._page``, no COUNT) per filter, with the
   plan PostgreSQL chooses (EXPLAIN without ANALYZE);
3. the API's first page and next page (cursor pagination), through the DRF view;
4. streaming the CSV export (``views._export_rows`` + ``lib.exports.csv_stream``): rows/s and peak Python memory.

It prints one table with median and p95, the targets and whether they are met. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import tracemalloc
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samenveilig_bench"
TABLE = "audit_auditentry"
LOCAL = ZoneInfo("Europe/Amsterdam")

# Targets (the project's, see README). A target is checked at any size, but it is only binding from 1M rows on.
TARGET_WRITE_MS = 5.0
TARGET_PAGE_MS = 100.0
TARGET_BINDING_ROWS = 1_000_000


# --------------------------------------------------------------------------------------------------------------------
# Synthetic data: what a region's log looks like after a year.
# --------------------------------------------------------------------------------------------------------------------

N_ACTORS = 5_000
N_ORGANISATIONS = 300
SYSTEM_SHARE = 0.005  # entries without a user (notifications, failed logins of unknown names)
REFUSED_SHARE = 0.017  # plus failed logins, always refused: ~2% in all

PURPOSES_CASE = ("", "", "uitvoering meldcode", "casusoverleg", "signaal beoordelen", "hulpverlening", "zorgmelding")
PURPOSES_ADMIN = ("", "beheer", "log review via web; filters: actor", "log review via api; filters: none")


@dataclass(frozen=True)
class Action:
    name: str
    weight: float  # relative frequency
    object_type: str = ""
    id_space: int = 0  # object ids 1..id_space; 0 = the actor's own user id (accounts.user) or none
    refused: bool = False  # always refused (failed logins)
    purposes: tuple[str, ...] = ("",)


# About 40 actions of today's apps (accounts, audit, regio) and the ones that come next (meldcode, verwijsindex,
# plannen, sociale_kaart, monitor). Reads of case data dominate, as in any case-handling system.
ACTIONS = (
    Action("meldcode.dossier.viewed", 18, "meldcode.dossier", 150_000, purposes=PURPOSES_CASE),
    Action("meldcode.dossier.created", 1.0, "meldcode.dossier", 150_000),
    Action("meldcode.dossier.updated", 4, "meldcode.dossier", 150_000, purposes=PURPOSES_CASE),
    Action("meldcode.dossier.closed", 0.5, "meldcode.dossier", 150_000),
    Action("meldcode.dossier.exported", 0.2, "meldcode.dossier", 150_000, purposes=PURPOSES_CASE),
    Action("meldcode.stap.completed", 3, "meldcode.stap", 600_000),
    Action("meldcode.overleg.viewed", 2, "meldcode.overleg", 80_000, purposes=PURPOSES_CASE),
    Action("meldcode.melding.created", 0.3, "meldcode.melding", 20_000),
    Action("verwijsindex.signaal.viewed", 8, "verwijsindex.signaal", 300_000, purposes=PURPOSES_CASE),
    Action("verwijsindex.signaal.created", 1.5, "verwijsindex.signaal", 300_000),
    Action("verwijsindex.signaal.withdrawn", 0.3, "verwijsindex.signaal", 300_000),
    Action("verwijsindex.search.performed", 4, "verwijsindex.signaal", purposes=PURPOSES_CASE),
    Action("verwijsindex.match.viewed", 3, "verwijsindex.match", 120_000, purposes=PURPOSES_CASE),
    Action("verwijsindex.match.notified", 1, "verwijsindex.match", 120_000),
    Action("plannen.plan.viewed", 7, "plannen.plan", 90_000, purposes=PURPOSES_CASE),
    Action("plannen.plan.created", 0.6, "plannen.plan", 90_000),
    Action("plannen.plan.updated", 2.5, "plannen.plan", 90_000),
    Action("plannen.plan.shared", 0.4, "plannen.plan", 90_000),
    Action("plannen.doel.updated", 1.5, "plannen.doel", 400_000),
    Action("plannen.afspraak.created", 1, "plannen.afspraak", 500_000),
    Action("sociale_kaart.organisatie.viewed", 5, "sociale_kaart.organisatieprofiel", 2_000),
    Action("sociale_kaart.contact.viewed", 3, "sociale_kaart.contactpersoon", 12_000),
    Action("sociale_kaart.search.performed", 3),
    Action("monitor.dashboard.viewed", 3, "monitor.dashboard", 40),
    Action("monitor.export.downloaded", 0.2, "monitor.dashboard", 40),
    Action("accounts.login.succeeded", 4, "accounts.user"),
    Action("accounts.login.failed", 0.3, "accounts.user", refused=True),
    Action("accounts.login.locked_out", 0.02, "accounts.user", refused=True),
    Action("accounts.session.ended", 2, "accounts.user"),
    Action("accounts.membership.switch", 0.8, "accounts.membership", 7_000),
    Action("accounts.user.viewed", 1.5, "accounts.user", N_ACTORS),
    Action("accounts.user.listed", 0.4, "accounts.user"),
    Action("accounts.user.created", 0.05, "accounts.user", N_ACTORS),
    Action("accounts.user.deactivated", 0.02, "accounts.user", N_ACTORS),
    Action("accounts.mfa.added", 0.05, "accounts.user"),
    Action("accounts.api_token.created", 0.02, "accounts.apitoken", 400),
    Action("accounts.api_token.revoked", 0.01, "accounts.apitoken", 400),
    Action("accounts.organisation.members_viewed", 0.3, "accounts.organisation", N_ORGANISATIONS),
    Action("audit.log.searched", 0.3, "audit.auditentry", purposes=PURPOSES_ADMIN),
    Action("audit.log.exported", 0.02, "audit.auditentry", purposes=PURPOSES_ADMIN),
    Action("regio.regio.updated", 0.01, "regio.regio", 30),
)
SYSTEM_ACTIONS = ("verwijsindex.match.notified", "accounts.login.failed")

ROLES = (
    ("professional", 60), ("aandachtsfunctionaris", 15), ("coordinator", 8), ("veilig_thuis", 15), ("beheerder", 2),
)  # fmt: skip
# Local hour of day (Europe/Amsterdam): office hours, with some evening and night work (Veilig Thuis, crisis).
HOUR_WEIGHTS = (0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.5, 4, 9, 11, 11, 10, 7, 9, 10, 9, 7, 4, 2.5, 2, 1.5, 1, 0.7, 0.5)
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 0.9, 0.15, 0.1)  # Monday .. Sunday
INITIALS = "abcdeghijklmnprstvwy"
SURNAMES = (
    "jansen", "devries", "bakker", "visser", "smit", "meijer", "mulder", "dejong", "bos", "vos", "peters", "hendriks",
    "vandijk", "dekker", "brouwer", "dewit", "dijkstra", "smits", "degraaf", "vanderMeer", "kok", "jacobs", "haan",
    "vermeulen", "vandenberg", "schouten", "willems", "hoekstra", "koster", "verhoeven", "prins", "leeuwen", "yilmaz",
    "elamrani", "boukhari", "nguyen", "kaya", "santos", "postma", "kuipers",
)  # fmt: skip


def _cumulative(weights):
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


@dataclass
class Actor:
    id: int
    username: str
    organisation_id: int
    role: str


def make_actors(rng: random.Random) -> tuple[list[Actor], list[float]]:
    """~5,000 users in ~300 organisations; activity per user follows a power law (a few very busy users)."""
    organisation_cum = _cumulative(k**-0.8 for k in range(1, N_ORGANISATIONS + 1))
    role_names, role_cum = [r for r, _ in ROLES], _cumulative(w for _, w in ROLES)
    actors = []
    for number in range(1, N_ACTORS + 1):
        username = f"{rng.choice(INITIALS)}.{rng.choice(SURNAMES).lower()}{number}"
        organisation = rng.choices(range(1, N_ORGANISATIONS + 1), cum_weights=organisation_cum)[0]
        actors.append(Actor(number, username, organisation, rng.choices(role_names, cum_weights=role_cum)[0]))
    activity = [k**-0.7 for k in range(1, N_ACTORS + 1)]
    rng.shuffle(activity)
    return actors, _cumulative(activity)


def day_counts(rows: int, days: list[dt.date]) -> list[int]:
    """Spread ``rows`` over ``days`` by weekday, with a slight growth over the year; sums to ``rows`` exactly."""
    weights = [WEEKDAY_WEIGHTS[day.weekday()] * (0.85 + 0.3 * i / len(days)) for i, day in enumerate(days)]
    total = sum(weights)
    counts = [int(rows * w / total) for w in weights]
    for i in range(rows - sum(counts)):
        counts[-1 - (i % len(counts))] += 1
    return counts


def synthetic_lines(rows: int, end: dt.datetime, seed: int):
    """Yield COPY text lines, in time order (an append-only log is written in time order), over the 12 months
    before ``end``."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not a secret
    rand, choices, bits = rng.random, rng.choices, rng.getrandbits
    actors, actor_cum = make_actors(rng)
    action_cum = _cumulative(a.weight for a in ACTIONS)
    by_name = {a.name: a for a in ACTIONS}
    system_actions = [by_name[name] for name in SYSTEM_ACTIONS]
    hour_cum = _cumulative(HOUR_WEIGHTS)
    hours = range(24)
    end_local = end.astimezone(LOCAL).date()
    days = [end_local - dt.timedelta(days=n) for n in range(365, 0, -1)]
    end_ts = end.timestamp()
    utc = dt.UTC
    for day, count in zip(days, day_counts(rows, days), strict=True):
        start = dt.datetime(day.year, day.month, day.day, tzinfo=LOCAL).timestamp()
        stamps = sorted(
            min(start + hour * 3600 + rand() * 3600, end_ts - 1)
            for hour in choices(hours, cum_weights=hour_cum, k=count)
        )
        who = choices(actors, cum_weights=actor_cum, k=count)
        what = choices(ACTIONS, cum_weights=action_cum, k=count)
        lines = []
        for stamp, actor, action in zip(stamps, who, what, strict=True):
            if rand() < SYSTEM_SHARE:
                action = system_actions[int(rand() * len(system_actions))]
                actor_id, username, organisation, role = r"\N", "", r"\N", ""
            else:
                actor_id, username, organisation, role = actor.id, actor.username, actor.organisation_id, actor.role
            if action.id_space:
                object_id = str(1 + int(action.id_space * rand() ** 1.5))  # older objects are read more often
            elif action.object_type == "accounts.user" and actor_id != r"\N":
                object_id = str(actor_id)
            else:
                object_id = ""
            outcome = "refused" if action.refused or rand() < REFUSED_SHARE else "allowed"
            purpose = action.purposes[int(rand() * len(action.purposes))]
            when = dt.datetime.fromtimestamp(stamp, utc).strftime("%Y-%m-%d %H:%M:%S.%f+00")
            lines.append(
                f"{when}\t{actor_id}\t{username}\t{organisation}\t{role}\t{action.name}\t{action.object_type}\t"
                f"{object_id}\t{purpose}\t{outcome}\t{uuid.UUID(int=bits(128), version=4)}\n"
            )
        yield "".join(lines)


# --------------------------------------------------------------------------------------------------------------------
# Database and Django set-up.
# --------------------------------------------------------------------------------------------------------------------


def ensure_database(url: str, *, force: bool = False) -> bool:
    """Create the database of ``url`` if it does not exist; returns True if it was created."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url).get("dbname")
    if not name:
        raise SystemExit(f"--database-url names no database: {url}")
    if "bench" not in name and not force:
        # The benchmark empties the audit table: never let it near a database that holds a real log.
        raise SystemExit(f"Refusing to TRUNCATE the audit log of {name!r}: use a database with 'bench' in its name.")
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "samenveilig.settings"
    os.environ["DATABASE_URL"] = url
    # As in production: no query log in memory (DEBUG keeps every query), no debug logging.
    os.environ.setdefault("SAMENVEILIG_DEBUG", "false")
    os.environ.setdefault("SAMENVEILIG_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit(f"This benchmark needs PostgreSQL, not {connection.vendor}.")


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def table_rows() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608 - constant table name
        return cursor.fetchone()[0]


def fill(rows: int, seed: int) -> float:
    """Empty the audit table and COPY ``rows`` synthetic entries into it; returns the seconds it took."""
    from django.db import DatabaseError, connection, transaction

    columns = (
        "timestamp, actor_id, actor_username, organisation_id, role, action, object_type, object_id, purpose, "
        "outcome, request_id"
    )
    started = time.perf_counter()
    end = dt.datetime.now(dt.UTC)
    done = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLE} RESTART IDENTITY")
        with cursor.copy(f"COPY {TABLE} ({columns}) FROM STDIN") as copy:
            for block in synthetic_lines(rows, end, seed):
                copy.write(block)
                done += block.count("\n")
                if sys.stderr.isatty():
                    print(f"\r  filling: {done:,} / {rows:,} rows", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    with connection.cursor() as cursor:
        # What autovacuum would have done on a table that grew over a year: statistics and the visibility map.
        cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
        # Write the loaded pages out now, so the measurements do not share the disk with the checkpoint of the load.
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError:  # needs superuser or pg_checkpoint; without it the figures are a little noisier
            print("  (no CHECKPOINT: not allowed for this database user)", file=sys.stderr)
    return time.perf_counter() - started


def sizes() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size(%s), pg_relation_size(%s), pg_indexes_size(%s)", [TABLE, TABLE, TABLE]
        )
        total, heap, indexes = cursor.fetchone()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_relation_size(i.indexrelid), pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid = %s::regclass ORDER BY 2 DESC",
            [TABLE],
        )
        per_index = [{"name": n, "bytes": b, "definition": d.split(" USING ", 1)[-1]} for n, b, d in cursor.fetchall()]
        cursor.execute("SELECT version(), current_setting('shared_buffers'), current_setting('synchronous_commit')")
        version, shared_buffers, synchronous_commit = cursor.fetchone()
    return {
        "total_bytes": total,
        "table_bytes": heap,
        "indexes_bytes": indexes,
        "indexes": per_index,
        "server": version.split(" on ")[0],
        "shared_buffers": shared_buffers,
        "synchronous_commit": synchronous_commit,
    }


def bench_user():
    """One beheerder (acting for one organisation), for the writes and the API."""
    from samenveilig.accounts.models import Membership, Organisation, Sector, User
    from samenveilig.accounts.roles import Role

    organisation, _ = Organisation.objects.get_or_create(
        name="Benchmark-organisatie", defaults={"sector": Sector.OVERIG}
    )
    user, _ = User.objects.get_or_create(username="bench.beheerder", defaults={"email": "bench@samenveilig.invalid"})
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.BEHEERDER)
    user.active_membership = membership
    return user


# Measuring.
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class Result:
    key: str
    label: str
    median_ms: float
    p95_ms: float
    target_ms: float | None = None
    plans: list[str] = field(default_factory=list)  # distinct plans over the values used, most frequent first
    rows_returned: str = ""  # rows per call: "50", or "1-50" when the values differ
    extra: dict = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        return None if self.target_ms is None else self.median_ms < self.target_ms


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest rank


def span(counts: list[int]) -> str:
    low, high = min(counts), max(counts)
    return f"{low:,}" if low == high else f"{low:,}-{high:,}"


def timed(function, repeat: int, warmup: int = 3) -> tuple[list[float], list]:
    """Call ``function(i)`` ``warmup`` times, then ``repeat`` times (i = 0..repeat-1); returns ms and values."""
    for i in range(warmup):
        function(i)
    times, values = [], []
    for i in range(repeat):
        started = time.perf_counter()
        values.append(function(i))
        times.append((time.perf_counter() - started) * 1000)
    return times, values


def plan_of(sql_or_queryset) -> str:
    """The plan's nodes, top line first (EXPLAIN without ANALYZE: what the planner chooses for these values)."""
    from django.db import connection

    if isinstance(sql_or_queryset, str):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (COSTS OFF) " + sql_or_queryset)
            lines = [row[0] for row in cursor.fetchall()]
    else:
        lines = sql_or_queryset.explain(costs=False).splitlines()
    nodes = [lines[0].strip()] + [line.split("->", 1)[1].strip() for line in lines[1:] if "->" in line]
    return re.sub(rf" on {TABLE}\b", "", " → ".join(nodes))


def plans_of(items) -> list[str]:
    """Distinct plans over the querysets (or SQL) in ``items``, with how often each was chosen."""
    counted = Counter(plan_of(item) for item in items)
    if len(counted) == 1:
        return list(counted)
    return [f"{plan}  [{n}×]" for plan, n in counted.most_common()]


def pick_values(repeat: int, seed: int) -> dict:
    """Filter values that occur in the data: actors across the activity range (busiest first), objects that were
    logged, weeks across the year, and the busiest actor's last full month for the export."""
    from django.db import connection

    rng = random.Random(seed + 1)  # noqa: S311 - choosing samples, not a secret
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT actor_username, count(*) FROM {TABLE} WHERE actor_username <> '' "  # noqa: S608
            "AND action NOT LIKE 'benchmark.%' GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        by_activity = cursor.fetchall()
        cursor.execute(f"SELECT min(id), max(id), min(timestamp), max(timestamp) FROM {TABLE}")  # noqa: S608
        min_id, max_id, first, last = cursor.fetchone()
        ids = [rng.randint(min_id, max_id) for _ in range(repeat * 10)]
        cursor.execute(
            f"SELECT object_type, object_id FROM {TABLE} WHERE id = ANY(%s) "  # noqa: S608
            "AND object_type <> '' AND object_id <> ''",
            [ids],
        )
        objects = cursor.fetchall()
    rng.shuffle(objects)
    ranks = [round(k * (len(by_activity) - 1) / max(1, repeat - 1)) for k in range(repeat)]
    first_day = first.astimezone(LOCAL).date() + dt.timedelta(days=7)
    last_day = last.astimezone(LOCAL).date() - dt.timedelta(days=7)
    weeks = []
    for _ in range(repeat):
        day = first_day + dt.timedelta(days=rng.randrange(max(1, (last_day - first_day).days)))
        monday = day - dt.timedelta(days=day.weekday())
        weeks.append((monday, monday + dt.timedelta(days=6)))
    month_end = last.astimezone(LOCAL).date().replace(day=1) - dt.timedelta(days=1)
    return {
        "actors": [by_activity[r][0] for r in ranks],
        "busiest_actor": by_activity[0][0],
        "busiest_actor_rows": by_activity[0][1],
        "median_actor_rows": by_activity[len(by_activity) // 2][1],
        "objects": objects[:repeat] or [("meldcode.dossier", "1")],
        "weeks": weeks,
        "month": (month_end.replace(day=1), month_end),
    }


def bench_write(user, repeat: int) -> list[Result]:
    from django.db import transaction

    from samenveilig import audit

    def write(i):
        return audit.log(
            user, "benchmark.entry.written", object_type="meldcode.dossier", object_id=str(i), purpose="benchmark"
        )

    times, _ = timed(write, repeat)
    results = [
        Result(
            "write",
            "audit.log(user, …): one entry, committed",
            statistics.median(times),
            p95(times),
            TARGET_WRITE_MS,
            plans=["INSERT … RETURNING id, autocommit (one commit per entry)"],
        )
    ]
    # The same inside a transaction that commits once for all: the part of the cost that is not the commit.
    with transaction.atomic():
        times, _ = timed(write, repeat)
    results.append(
        Result(
            "write_in_tx",
            "audit.log(user, …): one entry, inside a transaction",
            statistics.median(times),
            p95(times),
            plans=["INSERT … RETURNING id, no commit per entry"],
        )
    )
    return results


def bench_review_page(values: dict, repeat: int) -> list[Result]:
    from samenveilig.audit.models import AuditEntry
    from samenveilig.audit.queries import distinct_object_types, filter_entries
    from samenveilig.audit.views import PAGE_SIZE, _page

    actors, objects, weeks = values["actors"], values["objects"], values["weeks"]

    def by_object(i):
        object_type, object_id = objects[i % len(objects)]
        return {"object_type": object_type, "object_id": object_id}

    def by_week(i):
        date_from, date_to = weeks[i % len(weeks)]
        return {"date_from": date_from, "date_to": date_to}

    cases = [
        ("page_none", "no filter", lambda i: {}),
        ("page_actor", "actor (username)", lambda i: {"actor": actors[i % len(actors)]}),
        ("page_object", "object type + object id", by_object),
        ("page_week", "period: one week", by_week),
        ("page_action_common", "action contains 'viewed' (common)", lambda i: {"action": "viewed"}),
        ("page_action_rare", "action contains 'api_token' (rare)", lambda i: {"action": "api_token"}),
        # A reviewer typing the Dutch word for what the log calls "viewed": nothing matches, every row is looked at.
        ("page_action_none", "action contains 'bekeken' (no match)", lambda i: {"action": "bekeken"}),
        ("page_refused", "outcome refused", lambda i: {"outcome": "refused"}),
    ]
    results = []
    for key, label, data in cases:
        times, pages = timed(lambda i, data=data: _page(filter_entries(AuditEntry.objects.all(), data(i)), 1), repeat)
        plans = plans_of(filter_entries(AuditEntry.objects.all(), data(i))[: PAGE_SIZE + 1] for i in range(repeat))
        results.append(
            Result(
                key,
                f"review page 1: {label}",
                statistics.median(times),
                p95(times),
                TARGET_PAGE_MS,
                plans=plans,
                rows_returned=span([len(p.entries) for p in pages]),
            )
        )

    # Not a filter, but run on every load of the review page: the object types for the form's select.
    times, types = timed(lambda i: distinct_object_types(), repeat)
    results.append(
        Result(
            "object_types",
            "review form: distinct object types",
            statistics.median(times),
            p95(times),
            plans=["recursive CTE, one index probe per object type"],
            rows_returned=span([len(t) for t in types]),
        )
    )
    # A deep page (OFFSET): no target, to show what paging far costs.
    times, pages = timed(lambda i: _page(filter_entries(AuditEntry.objects.all(), {}), 100), repeat)
    results.append(
        Result(
            "page_none_p100",
            "review page 100 (OFFSET 4950): no filter",
            statistics.median(times),
            p95(times),
            plans=plans_of([AuditEntry.objects.all()[4950 : 4950 + PAGE_SIZE + 1]]),
            rows_returned=span([len(p.entries) for p in pages]),
        )
    )
    return results


def bench_api(user, values: dict, repeat: int) -> list[Result]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIRequestFactory, force_authenticate

    from samenveilig.audit.api import AuditEntryList

    factory, view = APIRequestFactory(), AuditEntryList.as_view()

    def call(params):
        request = factory.get("/api/v1/audit/entries/", params)
        force_authenticate(request, user=user)
        response = view(request)
        response.render()
        if response.status_code != 200:
            raise SystemExit(f"API answered {response.status_code}: {response.content[:300]!r}")
        return response

    def select_of(params):
        with CaptureQueriesContext(connection) as captured:
            call(params)
        return next(q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT") and TABLE in q["sql"])

    next_params = {k: v[0] for k, v in parse_qs(urlsplit(call({}).data["next"]).query).items()}
    actors = values["actors"]
    cases = [
        ("api_first", "API first page: no filter", lambda i: {}),
        ("api_next", "API next page (cursor): no filter", lambda i: next_params),
        ("api_actor", "API first page: actor", lambda i: {"actor": actors[i % len(actors)]}),
    ]
    results = []
    for key, label, params in cases:
        times, responses = timed(lambda i, params=params: call(params(i)), repeat)
        results.append(
            Result(
                key,
                f"{label} (whole view)",
                statistics.median(times),
                p95(times),
                TARGET_PAGE_MS,
                plans=plans_of(select_of(params(i)) for i in range(repeat)),
                rows_returned=span([len(r.data["results"]) for r in responses]),
            )
        )
    return results


def bench_export(values: dict, repeat: int) -> list[Result]:
    from django.http import StreamingHttpResponse

    from samenveilig.audit.models import AuditEntry
    from samenveilig.audit.queries import filter_entries
    from samenveilig.audit.views import EXPORT_FIELDS, _export_rows
    from samenveilig.lib.exports import csv_stream

    month_from, month_to = values["month"]
    header = [str(AuditEntry._meta.get_field(name).verbose_name) for name in EXPORT_FIELDS]

    def export(data):
        rows = 0

        def counted(iterable):
            nonlocal rows
            for row in iterable:
                rows += 1
                yield row

        queryset = filter_entries(AuditEntry.objects.all(), data)
        response = StreamingHttpResponse(csv_stream(header, counted(_export_rows(queryset)), bom=True))
        size = sum(len(chunk) for chunk in response)  # the bytes the server writes to the socket
        return rows, size

    cases = [
        (
            "export_actor_month",
            f"CSV export: busiest actor, {month_from:%b %Y}",
            {"actor": values["busiest_actor"], "date_from": month_from, "date_to": month_to},
            repeat,
        ),
        (
            "export_month",
            f"CSV export: everyone, {month_from:%b %Y}",
            {"date_from": month_from, "date_to": month_to},
            max(3, repeat // 10),
        ),
    ]
    results = []
    for key, label, data, times_repeat in cases:
        times, exports = timed(lambda i, data=data: export(data), times_repeat, warmup=1)
        rows, size = exports[-1]
        tracemalloc.start()  # a separate run: tracing slows Python down, so it is not timed
        export(data)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        median = statistics.median(times)
        results.append(
            Result(
                key,
                label,
                median,
                p95(times),
                rows_returned=f"{rows:,}",
                plans=plans_of([filter_entries(AuditEntry.objects.all(), data)]),
                extra={
                    "rows": rows,
                    "rows_per_s": rows / (median / 1000) if median else 0,
                    "bytes": size,
                    "peak_python_bytes": peak,
                    "repeat": times_repeat,
                },
            )
        )
    return results


# --------------------------------------------------------------------------------------------------------------------
# Report.
# --------------------------------------------------------------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MiB"


def report(meta: dict, results: list[Result]) -> str:
    binding = meta["rows"] >= TARGET_BINDING_ROWS
    out = [
        f"Audit log benchmark — {meta['rows']:,} synthetic rows — {meta['date']}",
        f"  {meta['server']}; shared_buffers {meta['shared_buffers']}; synchronous_commit {meta['synchronous_commit']}",
        f"  {meta['cpus']} CPUs (load average {meta['load'][0]:.1f} before, {meta['load'][1]:.1f} after measuring); "
        f"Python {meta['python']}; Django {meta['django']}",
        f"  fill: {meta['fill']}",
        f"  size (pg_total_relation_size): {mib(meta['total_bytes'])} = table {mib(meta['table_bytes'])} + indexes "
        f"{mib(meta['indexes_bytes'])}; {meta['total_bytes'] / max(1, meta['rows_in_table']):,.0f} bytes per row; "
        f"{meta['rows_in_table']:,} rows now",
        f"  data: {meta['refused_share']:.1%} refused; entries per actor: busiest {meta['busiest_actor_rows']:,}, "
        f"median {meta['median_actor_rows']:,}",
        f"  each case {meta['repeat']}× after a warm-up (exports of everyone: fewer); warm cache; p95 = nearest rank",
        f"  targets: one write < {TARGET_WRITE_MS:g} ms median; every first page < {TARGET_PAGE_MS:g} ms median, "
        f"binding at ≥ {TARGET_BINDING_ROWS:,} rows" + ("" if binding else " (here: for scaling only)"),
        "",
    ]
    width = max(len(r.label) for r in results) + 2
    out.append(f"{'measurement':<{width}}{'median':>12}{'p95':>13}{'rows':>9}  {'target':<10}met")
    out.append("-" * (width + 50))
    for r in results:
        target = f"< {r.target_ms:g} ms" if r.target_ms is not None else "-"
        met = {None: "", True: "yes", False: "NO"}[r.met]
        out.append(
            f"{r.label:<{width}}{r.median_ms:>9.2f} ms{r.p95_ms:>10.2f} ms{r.rows_returned:>9}  {target:<10}{met}"
        )
    out += ["", "CSV export (StreamingHttpResponse over csv_stream; peak = tracemalloc, Python objects only)"]
    for r in results:
        if r.key.startswith("export"):
            e = r.extra
            out.append(
                f"  {r.label}: {e['rows']:,} rows, {mib(e['bytes'])}, {e['rows_per_s']:,.0f} rows/s, "
                f"peak {mib(e['peak_python_bytes'])}"
            )
    out += ["", "Plans (EXPLAIN, ANALYZE off; top line first; [n×] = how often the planner chose it for the values)"]
    for r in results:
        for n, plan in enumerate(r.plans):
            out.append(f"  {r.key if n == 0 else '':<20} {plan}")
    out += ["", "Indexes of audit_auditentry"]
    for index in meta["indexes"]:
        out.append(f"  {index['name']:<48}{mib(index['bytes']):>12}  {index['definition']}")
    out.append("")
    misses = [r for r in results if r.met is False]
    if misses:
        out.append("TARGETS MISSED: " + "; ".join(f"{r.label} ({r.median_ms:.1f} ms)" for r in misses))
    else:
        out.append("All targets met.")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="synthetic entries (default 1,000,000)")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL, help=f"default {DEFAULT_DATABASE_URL}")
    parser.add_argument("--repeat", type=int, default=30, help="repetitions per case (default 30)")
    parser.add_argument("--seed", type=int, default=20261125, help="seed of the synthetic data")
    parser.add_argument("--reuse", action="store_true", help="keep the table if it already holds about --rows rows")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--force", action="store_true", help="allow a database without 'bench' in its name")
    args = parser.parse_args()

    created = ensure_database(args.database_url, force=args.force)
    setup_django(args.database_url)
    import django
    from django.db import connection

    print(f"database {'created' if created else 'exists'}; migrating …", file=sys.stderr)
    migrate()
    existing = table_rows()
    if args.reuse and args.rows <= existing <= args.rows + max(10_000, args.rows // 100):
        fill_note = f"reused the {existing:,} rows in the table"
    else:
        print(f"filling {args.rows:,} rows (COPY) …", file=sys.stderr)
        seconds = fill(args.rows, args.seed)
        fill_note = (
            f"COPY {args.rows:,} rows + VACUUM ANALYZE + CHECKPOINT: {seconds:.1f} s "
            f"({args.rows / seconds:,.0f} rows/s)"
        )
    user = bench_user()
    values = pick_values(args.repeat, args.seed)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT avg((outcome = 'refused')::int) FROM {TABLE}")  # noqa: S608
        refused_share = float(cursor.fetchone()[0] or 0)

    print("measuring …", file=sys.stderr)
    load_before = os.getloadavg()[0]
    results = bench_write(user, args.repeat)
    results += bench_review_page(values, args.repeat)
    results += bench_api(user, values, args.repeat)
    results += bench_export(values, args.repeat)

    meta = {
        "rows": args.rows,
        "rows_in_table": table_rows(),
        "date": dt.datetime.now(LOCAL).strftime("%Y-%m-%d %H:%M %Z"),
        "fill": fill_note,
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
        "load": (load_before, os.getloadavg()[0]),
        "python": platform.python_version(),
        "django": django.get_version(),
        "refused_share": refused_share,
        "busiest_actor_rows": values["busiest_actor_rows"],
        "median_actor_rows": values["median_actor_rows"],
        **sizes(),
    }
    print(report(meta, results))
    if args.json:
        figures = {"meta": meta, "results": [asdict(r) | {"met": r.met} for r in results]}
        args.json.write_text(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
