#!/usr/bin/env python
"""Benchmark of the Verwijsindex at national scale: registration with the match check, and match listing.

    .venv/bin/python benchmarks/verwijsindex_match.py [--signals N] [--database-url URL] [--repeat R] [--reuse]

Only for a database with "bench" in its name (or with --force): it empties the Verwijsindex tables there.

Creates the database if missing, migrates it, empties the Verwijsindex tables and loads N active signals through
``COPY``: synthetic young people with valid BSNs (eleven-test) hashed with the configured key, 10% of them with a
second signal of another organisation (a match), spread over 20,000 professionals of 1,000 connected organisations.
Then it measures, through the real request path (Django's test client, personal API token, DRF, the service, the
audit entry and the notifications):

1. ``POST /api/v1/verwijsindex/signalen/`` for a young person new to the index (no match);
2. the same for a young person with a signal of another organisation (a new match, two notifications);
3. ``GET /api/v1/verwijsindex/matches/`` of a professional with about 50 signals;

and finally 20 concurrent registrations for one new young person by 20 professionals of 20 organisations (threads,
each with its own connection): exactly one young person, one match and 20 signals must result, and 20 concurrent
repeats by one professional must leave one signal. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samenveilig_bench"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/15"
N_ORGANISATIONS = 1_000
N_PROFESSIONALS = 20_000
MATCH_SHARE = 0.10
TARGET_MEDIAN_MS = 20.0
TARGET_P99_MS = 50.0
TABLES = [
    "verwijsindex_regiestap",
    "verwijsindex_match",
    "verwijsindex_signaal",
    "verwijsindex_signaalhistorie",
    "verwijsindex_figureevent",
    "verwijsindex_jongere",
    "notifications_notification",
]


def bsn_from(n: int) -> str | None:
    """A nine-digit number passing the eleven-test, made from ``n`` (None when no check digit fits)."""
    body = f"{n:08d}"
    total = sum(int(d) * w for d, w in zip(body, range(9, 1, -1), strict=True))
    check = total % 11
    return None if check == 10 else body + str(check)


def bsns(start: int):
    n = start
    while True:
        value = bsn_from(n)
        n += 1
        if value:
            yield value


def ensure_database(url: str, *, force: bool = False) -> None:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url).get("dbname") or ""
    if "bench" not in name and not force:
        raise SystemExit(f"Refusing to empty the Verwijsindex of {name!r}: use a database with 'bench' in its name.")
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def check_broker(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        raise SystemExit(f"No broker at {url} ({type(error).__name__}): start Redis or pass --eager.") from None


def setup_django(url: str, broker: str = "") -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "samenveilig.settings"
    os.environ["DATABASE_URL"] = url
    # With a broker (production): the e-mails are queued after commit and sent by a worker, outside the request.
    # Without one (the embedded default): they are sent in-process after commit, inside the measured request.
    os.environ["SAMENVEILIG_CELERY_BROKER_URL"] = broker
    # The registration limit stays in the path (its cache look-up is measured) but far above what the run makes.
    os.environ["SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR"] = "1000000"
    if not broker:
        os.environ["SAMENVEILIG_REDIS_URL"] = ""
    os.environ.setdefault("SAMENVEILIG_DEBUG", "false")
    os.environ.setdefault("SAMENVEILIG_LOG_LEVEL", "WARNING")
    # E-mails are rendered and "sent" in-process (eager, as in the embedded default) but kept in memory.
    os.environ.setdefault("SAMENVEILIG_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit(f"This benchmark needs PostgreSQL, not {connection.vendor}.")
    call_command("migrate", interactive=False, verbosity=0)


def people(n_orgs: int, n_pros: int):
    """Connected organisations and their professionals (made once, reused)."""
    from samenveilig.accounts.models import Membership, Organisation, Sector, User
    from samenveilig.accounts.roles import Role
    from samenveilig.verwijsindex.models import AangeslotenOrganisatie

    if Membership.objects.filter(user__username__startswith="bench.vi.").count() < n_pros:
        sectors = [s for s, _label in Sector.choices]
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Bench VI-organisatie {i:04d}", sector=sectors[i % len(sectors)])
                for i in range(n_orgs)
            ],
            ignore_conflicts=True,
        )
        organisations = list(Organisation.objects.filter(name__startswith="Bench VI-organisatie").order_by("name"))
        AangeslotenOrganisatie.objects.bulk_create(
            [AangeslotenOrganisatie(organisation=o, meldingsbevoegd=True) for o in organisations], ignore_conflicts=True
        )
        User.objects.bulk_create(
            [
                User(username=f"bench.vi.{i:05d}", email=f"bench.vi.{i:05d}@example.invalid", phone="030-0000000")
                for i in range(n_pros)
            ],
            ignore_conflicts=True,
        )
        users = list(User.objects.filter(username__startswith="bench.vi.").order_by("username"))
        Membership.objects.bulk_create(
            [
                Membership(user=u, organisation=organisations[i % len(organisations)], role=Role.PROFESSIONAL)
                for i, u in enumerate(users)
            ],
            ignore_conflicts=True,
        )
    return list(
        Membership.objects.filter(user__username__startswith="bench.vi.")
        .select_related("user", "organisation")
        .order_by("user__username")
    )


def fill(signals: int, memberships, seed: int) -> float:
    """Empty the Verwijsindex tables and COPY ``signals`` active signals; returns seconds."""
    from django.db import connection

    from samenveilig.verwijsindex import hashing

    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not a secret
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(TABLES) + " RESTART IDENTITY CASCADE")
    persons = int(signals / (1 + MATCH_SHARE))
    now = dt.datetime.now(dt.UTC)
    key_id = hashing.keys()[0].id
    source = bsns(10_000_000)
    raw = connection.connection  # psycopg connection
    with raw.cursor() as cursor:
        with cursor.copy("COPY verwijsindex_jongere (id, bsn_hash, key_id, created) FROM STDIN") as copy:
            for pk in range(1, persons + 1):
                copy.write_row((pk, hashing.current_hash(next(source))[1], key_id, now))
        columns = (
            "id, jongere_id, organisation_id, professional_id, contact_name, contact_phone, contact_email, "
            "start_date, created, remove_on, informed, label"
        )
        matched = []
        with cursor.copy(f"COPY verwijsindex_signaal ({columns}) FROM STDIN") as copy:
            pk = 0
            for person in range(1, persons + 1):
                second = person <= signals - persons
                chosen = rng.sample(range(len(memberships)), 2 if second else 1)
                if second and memberships[chosen[0]].organisation_id == memberships[chosen[1]].organisation_id:
                    chosen[1] = (chosen[1] + 1) % len(memberships)
                for index in chosen:
                    m = memberships[index]
                    pk += 1
                    made = now - dt.timedelta(days=rng.randrange(0, 700))
                    copy.write_row(
                        (
                            pk,
                            person,
                            m.organisation_id,
                            m.user_id,
                            m.user.username,
                            "030-0000000",
                            m.user.email,
                            made.date(),
                            made,
                            made.date() + dt.timedelta(days=730),
                            "geinformeerd",
                            "",
                        )
                    )
                if second:
                    matched.append(person)
        with cursor.copy("COPY verwijsindex_match (jongere_id, created, coordinator_by) FROM STDIN") as copy:
            for person in matched:
                copy.write_row((person, now, "regel"))
        for table in ("verwijsindex_jongere", "verwijsindex_signaal", "verwijsindex_match"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608 - fixed names
    raw.commit()
    with connection.cursor() as cursor:
        for table in ("verwijsindex_jongere", "verwijsindex_signaal", "verwijsindex_match"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def cpu_probe() -> float:
    """Seconds for a fixed pure-Python loop (best of three): how fast this machine runs Python right now, so that runs
    on different days can be compared. About 0.5 s on a typical 2024 desktop core."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(10**7))
        best = min(best, time.perf_counter() - started)
    return best


def prewarm() -> str:
    """Read the Verwijsindex tables and indexes into memory first (``pg_prewarm``), so that the figures are for a warm
    cache, as in production where the index is busy all day, and not for pages the kernel reclaimed meanwhile."""
    from django.db import connection
    from django.db.utils import DatabaseError

    try:
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            cursor.execute(
                "SELECT sum(pg_prewarm(c.oid::regclass, 'read')) FROM pg_class c "
                "WHERE c.relkind IN ('r', 'i') AND (c.relname LIKE 'verwijsindex%%' OR c.relname LIKE 'accounts%%')"
            )
            blocks = cursor.fetchone()[0]
    except DatabaseError as error:
        return f"not prewarmed ({type(error).__name__})"
    return f"prewarmed {blocks * 8 / 1024:,.0f} MB"


def client_for(membership):
    from rest_framework.test import APIClient

    from samenveilig.accounts.models import ApiToken

    _token, key = ApiToken.generate(user=membership.user, membership=membership, name="bench")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def body(bsn: str) -> dict:
    return {
        "bsn": bsn,
        "geboortedatum": "2012-05-17",
        "informeren": "geinformeerd",
        "contactpersoon": {"naam": "Bench", "telefoon": "030-0000000", "email": "bench@example.invalid"},
    }


def timed(calls) -> list[float]:
    times = []
    for call in calls:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def line(name: str, values: list[float]) -> str:
    median, p99 = statistics.median(values), pct(values, 0.99)
    return f"| {name} | {len(values)} | {median:.1f} | {pct(values, 0.95):.1f} | {p99:.1f} |"


def concurrent(memberships, bsn: str) -> tuple[int, int, int]:
    """20 professionals of 20 organisations register ``bsn`` at once; returns (persons, signals, matches)."""
    from django.db import connections

    from samenveilig.verwijsindex.models import Jongere, Match, Signaal

    chosen, seen = [], set()
    for m in memberships:
        if m.organisation_id not in seen:
            seen.add(m.organisation_id)
            chosen.append(m)
        if len(chosen) == 20:
            break
    clients = [client_for(m) for m in chosen]
    barrier, errors = threading.Barrier(len(clients)), []

    def worker(client):
        try:
            barrier.wait()
            response = client.post("/api/v1/verwijsindex/signalen/", body(bsn), format="json")
            if response.status_code not in (200, 201):
                errors.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"concurrent registrations failed: {errors}")
    from samenveilig.verwijsindex import hashing

    person = Jongere.objects.filter(bsn_hash=hashing.current_hash(bsn)[1])
    return (
        person.count(),
        Signaal.objects.filter(jongere__in=person).count(),
        Match.objects.filter(jongere__in=person).count(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signals", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="keep the signals if about N are loaded")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--force", action="store_true")
    parser.add_argument(
        "--broker",
        default=DEFAULT_BROKER_URL,
        help="Celery broker the e-mails are queued on, as in production (its queue is emptied afterwards)",
    )
    parser.add_argument(
        "--eager", action="store_true", help="no broker: send the e-mails in-process, as the embedded default does"
    )
    args = parser.parse_args()

    ensure_database(args.database_url, force=args.force)
    broker = "" if args.eager else args.broker
    if broker:
        check_broker(broker)
    setup_django(args.database_url, broker)
    from samenveilig.verwijsindex.models import Signaal

    memberships = people(N_ORGANISATIONS, N_PROFESSIONALS)
    loaded = Signaal.objects.count()
    if args.reuse and abs(loaded - args.signals) <= args.signals * 0.05:
        print(f"reusing {loaded:,} signals")
    else:
        seconds = fill(args.signals, memberships, args.seed)
        print(f"loaded {Signaal.objects.count():,} signals in {seconds:.0f} s")

    print(prewarm())
    # New young people for every run: the start depends on what is loaded (a rerun with --reuse has more signals).
    rng = random.Random(args.seed + Signaal.objects.count())  # noqa: S311 - synthetic data, not a secret
    fresh = bsns(20_000_000 + rng.randrange(0, 70_000_000))
    registrar = client_for(memberships[0])
    other = client_for(next(m for m in memberships if m.organisation_id != memberships[0].organisation_id))
    url = "/api/v1/verwijsindex/signalen/"
    for _ in range(10):  # warm-up of both paths (imports, URL resolver, broker connection are made once)
        registrar.post(url, body(next(fresh)), format="json")
        warm = next(fresh)
        other.post(url, body(warm), format="json")
        registrar.post(url, body(warm), format="json")

    singles = [next(fresh) for _ in range(args.repeat)]
    new_person = timed((lambda b=b: _expect(registrar.post(url, body(b), format="json"), 201)) for b in singles)
    pairs = [next(fresh) for _ in range(args.repeat)]
    for b in pairs:
        _expect(other.post(url, body(b), format="json"), 201)
    with_match = timed((lambda b=b: _expect(registrar.post(url, body(b), format="json"), 201)) for b in pairs)
    lister = memberships[len(memberships) // 2]
    listing_client = client_for(lister)
    own = Signaal.objects.filter(professional=lister.user, organisation=lister.organisation).count()
    listing = timed(
        (lambda: _expect(listing_client.get("/api/v1/verwijsindex/matches/"), 200))
        for _ in range(max(30, args.repeat // 10))
    )
    persons, signals, matches = concurrent(memberships, next(fresh))
    same = next(fresh)
    repeat_clients = [client_for(memberships[1]) for _ in range(20)]
    barrier = threading.Barrier(len(repeat_clients))

    def repeat(client):
        from django.db import connections

        try:
            barrier.wait()
            client.post(url, body(same), format="json")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=repeat, args=(c,)) for c in repeat_clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    if broker:
        from samenveilig.celery import app

        app.control.purge()  # nobody consumes the bench's e-mail tasks
    print()
    mode = f"e-mails queued on {broker}" if broker else "e-mails sent in-process (eager)"
    print(f"CPU probe: {cpu_probe():.2f} s for a fixed Python loop (about 0.5 s on a typical desktop core)")
    print(f"Verwijsindex with {Signaal.objects.count():,} active signals (PostgreSQL), {mode}, times in ms")
    print()
    print("| case | n | median | p95 | p99 |")
    print("|---|---|---|---|---|")
    print(line("register, new young person (no match)", new_person))
    print(line("register, signal of another organisation exists (new match)", with_match))
    print(line(f"list matches, professional with {own} signals", listing))
    print()
    both = new_person + with_match
    ok = statistics.median(both) < TARGET_MEDIAN_MS and pct(both, 0.99) < TARGET_P99_MS
    print(
        f"registration: median {statistics.median(both):.1f} ms (target < {TARGET_MEDIAN_MS:.0f}), "
        f"p99 {pct(both, 0.99):.1f} ms (target < {TARGET_P99_MS:.0f}): {'met' if ok else 'NOT met'}"
    )
    print(
        f"20 concurrent registrations of one young person by 20 organisations: {persons} young person, "
        f"{signals} signals, {matches} match ({'correct' if (persons, signals, matches) == (1, 20, 1) else 'WRONG'})"
    )
    from samenveilig.verwijsindex import hashing

    same_count = Signaal.objects.filter(
        professional=memberships[1].user, jongere__bsn_hash=hashing.current_hash(same)[1]
    ).count()
    print(
        f"20 concurrent repeats by one professional: {same_count} signal ({'correct' if same_count == 1 else 'WRONG'})"
    )


def _expect(response, code: int):
    if response.status_code != code:
        raise SystemExit(f"unexpected {response.status_code}: {response.content[:300]!r}")
    return response


if __name__ == "__main__":
    main()
