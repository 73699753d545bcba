#!/usr/bin/env python
"""Benchmark of the monitor at national scale: a municipality's dashboard with ten years of national Veilig Thuis
figures and a million Verwijsindex signals.

    .venv/bin/python benchmarks/monitor_dashboard.py [--signals N] [--years Y] [--database-url URL] [--repeat R]
                                                     [--reuse] [--gemeente GM0344]

Only for a database with "bench" in its name (or with --force): it empties the monitor tables and the Verwijsindex
counts (``FigureEvent``) there.

Creates the database if missing, migrates it (which loads the CBS 2024 municipalities), and loads through ``COPY``:

- one CBS-like Veilig Thuis table: Y years (default 10) × (the year and its two half-years) × every municipality,
  26 Veilig Thuis regions (also made as ``regio.Regio`` groups of municipalities) and the country × three measures
  (advice requests, reports, investigations) × the total, eight reporter types and seven kinds of violence;
- ``FigureEvent`` rows for N signals (default 1,000,000) registered over the last five years by 2,000 organisations
  (1,950 working in one municipality, 50 in a whole region), 10% of them matched (one event per party) and half of
  the matches with an outcome. The dashboard's system figures read these counts, not the signals themselves.

Then it renders the dashboard of one municipality (default Utrecht, GM0344) through the real request path: Django's
test client, a coordinator of an organisation working there, logged in with a second factor, middleware, the
permission check, the audit entry and the template. It reports median and p95 (nearest rank) and the number of
queries per request, for years and half-years. Target: median < 300 ms. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samenveilig_bench"
TARGET_MEDIAN_MS = 300.0
TABLE_ID = "BENCHVTNED"
N_REGIONS = 26
N_LOCAL_ORGANISATIONS = 1_950
N_REGIONAL_ORGANISATIONS = 50
MATCH_SHARE = 0.10
MEASURES = [
    ("vt-adviezen", "Adviezen Veilig Thuis", 1.0),
    ("vt-meldingen", "Meldingen Veilig Thuis", 0.8),
    ("vt-onderzoeken", "Onderzoeken Veilig Thuis", 0.2),
]
MONITOR_TABLES = [
    "monitor_observation",
    "monitor_series",
    "monitor_target",
    "monitor_datasetversion",
    "monitor_indicator",
    "monitor_dataset",
]


def ensure_database(url: str, *, force: bool = False) -> None:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url).get("dbname") or ""
    if "bench" not in name and not force:
        raise SystemExit(f"Refusing to empty the monitor of {name!r}: use a database with 'bench' in its name.")
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "samenveilig.settings"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SAMENVEILIG_DEBUG", "false")
    os.environ.setdefault("SAMENVEILIG_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit(f"This benchmark needs PostgreSQL, not {connection.vendor}.")
    call_command("migrate", interactive=False, verbosity=0)


def gemeenten() -> list:
    from samenveilig.regio.models import Gemeente

    latest = Gemeente.objects.order_by("-year").values_list("year", flat=True).first()
    return list(Gemeente.objects.filter(year=latest).order_by("province_code", "code"))


def regions(members: list) -> list[tuple[str, str, list]]:
    """26 Veilig Thuis regions: consecutive municipalities (by province and code), also stored as ``regio.Regio``."""
    from samenveilig.regio.models import Regio

    size = -(-len(members) // N_REGIONS)
    result = []
    for number in range(N_REGIONS):
        group = members[number * size : (number + 1) * size]
        if not group:
            continue
        name = f"Bench Veilig Thuis-regio {number + 1:02d}"
        regio, _created = Regio.objects.get_or_create(name=name, defaults={"kind": Regio.Kind.VEILIG_THUIS})
        regio.gemeenten.set(group)
        result.append((f"VR{number + 1:02d}", name, group))
    return result


def periods(years: int) -> list[tuple[str, str]]:
    """(period, status): the last ``years`` full years, each as a year and two half-years; the last is provisional."""
    last = dt.date.today().year - 1
    result = []
    for year in range(last - years + 1, last + 1):
        status = "voorlopig" if year == last else "definitief"
        result += [(str(year), status), (f"{year}HJ1", status), (f"{year}HJ2", status)]
    return result


def load_figures(members: list, groups: list, years: int, seed: int) -> tuple[int, float]:
    """Empty the monitor tables and load the national table; returns (observations, seconds)."""
    from django.db import connection

    from samenveilig.monitor.models import Dataset, DatasetVersion, Indicator, RegionKind, Series, Source
    from samenveilig.monitor.vt_report import CATEGORIES

    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not a secret
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(MONITOR_TABLES) + " RESTART IDENTITY CASCADE")
    dataset = Dataset.objects.create(source=Source.CBS, identifier=TABLE_ID, title="Veilig Thuis (benchmark)")
    version = DatasetVersion.objects.create(dataset=dataset, label=dt.date.today().isoformat(), is_current=True)
    indicators = [
        Indicator.objects.create(
            code=code,
            name=name,
            definition=f"{name} (synthetisch, benchmark).",
            source=Source.CBS,
            dataset=dataset,
            measure=name,
        )
        for code, name, _share in MEASURES
    ]
    # size of each area: municipalities follow a power law, larger areas are the sum of their members
    weight = {g.code: rng.paretovariate(1.2) * 40 for g in members}
    weight["GM0344"] = max(weight.get("GM0344", 0), 900.0)
    areas = [(g.code, g.name, RegionKind.GEMEENTE, weight[g.code]) for g in members]
    areas += [(code, name, RegionKind.REGIO, sum(weight[g.code] for g in group)) for code, name, group in groups]
    areas.append(("NL01", "Nederland", RegionKind.LAND, sum(weight.values())))
    breakdowns = [("", "", "")] + [
        (dimension, code, str(label)) for dimension, cats in CATEGORIES.items() for code, label in cats.items()
    ]
    series = []
    for indicator, (_code, _name, _share) in zip(indicators, MEASURES, strict=True):
        for area, label, kind, _size in areas:
            for dimension, category, category_label in breakdowns:
                series.append(
                    Series(
                        dataset=dataset,
                        indicator=indicator,
                        dimension=dimension,
                        category=category,
                        category_label=category_label,
                        region_kind=kind,
                        region_code=area,
                        region_label=label,
                    )
                )
    Series.objects.bulk_create(series, batch_size=5_000)
    sizes = {area: size for area, _label, _kind, size in areas}
    shares = {code: share for code, _name, share in MEASURES}
    ids = list(Series.objects.values_list("pk", "indicator__code", "region_code", "dimension"))
    count = 0
    raw = connection.connection
    columns = "series_id, version_id, period, value, status"
    with raw.cursor() as cursor, cursor.copy(f"COPY monitor_observation ({columns}) FROM STDIN") as copy:
        for pk, code, area, dimension in ids:
            base = sizes[area] * shares[code] / (8 if dimension else 1)
            for period, status in periods(years):
                value = round(base * rng.uniform(0.7, 1.3) / (2 if "HJ" in period else 1))
                if rng.random() < 0.02:
                    copy.write_row((pk, version.pk, period, None, "onbekend"))
                else:
                    copy.write_row((pk, version.pk, period, value, status))
                count += 1
    raw.commit()
    DatasetVersion.objects.filter(pk=version.pk).update(observation_count=count)
    with connection.cursor() as cursor:
        for table in ("monitor_series", "monitor_observation"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return count, time.perf_counter() - started


def organisations(members: list, groups: list, seed: int) -> list[tuple[int, str]]:
    """(id, sector) of the benchmark organisations, made once: most work in one municipality, some in a region."""
    from samenveilig.accounts.models import Organisation, Sector

    prefix = "Bench monitor-organisatie"
    existing = Organisation.objects.filter(name__startswith=prefix)
    total = N_LOCAL_ORGANISATIONS + N_REGIONAL_ORGANISATIONS
    if existing.count() < total:
        rng = random.Random(seed)  # noqa: S311 - synthetic data, not a secret
        sectors = [s for s, _label in Sector.choices]
        made = Organisation.objects.bulk_create(
            [Organisation(name=f"{prefix} {i:04d}", sector=sectors[i % len(sectors)]) for i in range(total)],
            ignore_conflicts=True,
        )
        made = list(Organisation.objects.filter(name__startswith=prefix).order_by("name"))
        link = Organisation.gemeenten.through
        rows = []
        weights = [rng.paretovariate(1.2) for _g in members]
        for organisation in made[:N_LOCAL_ORGANISATIONS]:
            rows.append(link(organisation_id=organisation.pk, gemeente_id=rng.choices(members, weights)[0].pk))
        for number, organisation in enumerate(made[N_LOCAL_ORGANISATIONS:]):
            rows += [link(organisation_id=organisation.pk, gemeente_id=g.pk) for g in groups[number % len(groups)][2]]
        link.objects.bulk_create(rows, ignore_conflicts=True)
    return list(existing.order_by("name").values_list("pk", "sector"))


def load_signals(signals: int, orgs: list[tuple[int, str]], seed: int) -> float:
    """Empty ``FigureEvent`` and COPY the counts of ``signals`` signals, their matches and outcomes."""
    from django.db import connection

    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not a secret
    today = dt.date.today()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE verwijsindex_figureevent RESTART IDENTITY")
    weights = [rng.paretovariate(1.5) for _o in orgs]
    picks = rng.choices(orgs, weights, k=signals)
    outcomes = ["gepland", "afgestemd", "geen_actie"]
    raw = connection.connection
    columns = "kind, day, organisation_id, sector, match_ref, outcome, days"
    with raw.cursor() as cursor, cursor.copy(f"COPY verwijsindex_figureevent ({columns}) FROM STDIN") as copy:
        for organisation_id, sector in picks:
            day = today - dt.timedelta(days=rng.randrange(0, 5 * 365))
            copy.write_row(("signaal", day, organisation_id, sector, None, "", None))
        for ref in range(1, int(signals * MATCH_SHARE) + 1):
            day = today - dt.timedelta(days=rng.randrange(0, 5 * 365))
            parties = rng.choices(orgs, weights, k=2)
            for organisation_id, sector in parties:
                copy.write_row(("match", day, organisation_id, sector, ref, "", None))
            if ref % 2 == 0:
                organisation_id, sector = parties[0]
                copy.write_row(("uitkomst", day, organisation_id, sector, ref, rng.choice(outcomes), 7))
    raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE verwijsindex_figureevent")
    return time.perf_counter() - started


def coordinator(code: str):
    """A coordinator of a municipality organisation working in ``code``, logged in with a second factor."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest
    from django.test import Client

    from samenveilig.accounts.models import Membership, Organisation, Sector, User
    from samenveilig.accounts.roles import Role
    from samenveilig.regio.models import Gemeente

    organisation, _created = Organisation.objects.get_or_create(
        name=f"Bench gemeente {code}", defaults={"sector": Sector.GEMEENTE}
    )
    organisation.gemeenten.add(*Gemeente.objects.filter(code=code))
    user, _created = User.objects.get_or_create(
        username="bench.monitor.coordinator", defaults={"email": "bench.monitor@example.invalid"}
    )
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": Role.COORDINATOR})
    client = Client()
    client.force_login(user)
    session = client.session
    request = HttpRequest()
    request.session = session
    record_authentication(request, user, "password", username=user.username)
    record_authentication(request, user, "mfa", type="totp")
    session.save()
    return client, organisation


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection

    for _ in range(3):  # warm-up
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    captured = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append({"time": time.perf_counter() - started, "sql": sql})

    with connection.execute_wrapper(record):
        client.get(url)
    slowest = sorted(captured, key=lambda q: -q["time"])[:3]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "url": url,
        "repeat": repeat,
        "median_ms": statistics.median(times),
        "p95_ms": pct(times, 0.95),
        "queries": len(captured),
        "slowest_queries": [{"ms": float(q["time"]) * 1000, "sql": q["sql"][:300]} for q in slowest],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signals", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--gemeente", default="GM0344")
    parser.add_argument("--reuse", action="store_true", help="keep the data if it is about the size asked for")
    parser.add_argument("--json", help="also write the figures as JSON to this file")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print a profile of one request instead of timing")
    args = parser.parse_args()

    ensure_database(args.database_url, force=args.force)
    setup_django(args.database_url)
    from django.db import connection

    from samenveilig.monitor.models import Observation
    from samenveilig.verwijsindex.models import FigureEvent

    members = gemeenten()
    groups = regions(members)
    expected = args.years * 3 * 3 * 16 * (len(members) + len(groups) + 1)
    loaded = Observation.objects.count()
    if args.reuse and abs(loaded - expected) <= expected * 0.05:
        print(f"reusing {loaded:,} observations")
    else:
        count, seconds = load_figures(members, groups, args.years, args.seed)
        print(f"loaded {count:,} observations ({len(members)} municipalities, {args.years} years) in {seconds:.0f} s")
    orgs = organisations(members, groups, args.seed)
    signals = FigureEvent.objects.filter(kind=FigureEvent.Kind.SIGNAL).count()
    if args.reuse and abs(signals - args.signals) <= args.signals * 0.05:
        print(f"reusing {signals:,} signal counts")
    else:
        seconds = load_signals(args.signals, orgs, args.seed)
        print(f"loaded {args.signals:,} signals (+ matches, outcomes) in {seconds:.0f} s")

    client, _organisation = coordinator(args.gemeente)
    from samenveilig.monitor.system import organisations_in

    in_gemeente = organisations_in(args.gemeente)
    own = FigureEvent.objects.filter(kind=FigureEvent.Kind.SIGNAL, organisation_id__in=in_gemeente).count()
    print(f"{args.gemeente}: {len(in_gemeente)} organisations, {own:,} signals")
    if args.profile:
        import cProfile
        import pstats

        client.get(f"/monitor/{args.gemeente}/")
        profiler = cProfile.Profile()
        profiler.runcall(client.get, f"/monitor/{args.gemeente}/?periode=halfjaar")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return
    results = [
        ("dashboard, years", measure(client, f"/monitor/{args.gemeente}/", args.repeat)),
        ("dashboard, half-years", measure(client, f"/monitor/{args.gemeente}/?periode=halfjaar", args.repeat)),
    ]
    print()
    print(f"PostgreSQL {connection.pg_version // 10000}, {args.repeat} requests each after 3 warm-up requests")
    print("| case | median ms | p95 ms | queries |")
    print("|---|---|---|---|")
    for name, result in results:
        print(f"| {name} | {result['median_ms']:.0f} | {result['p95_ms']:.0f} | {result['queries']} |")
    for name, result in results:
        print(f"\nslowest queries, {name}:")
        for query in result["slowest_queries"]:
            print(f"  {query['ms']:.1f} ms  {query['sql'][:160]}")
    verdict = all(result["median_ms"] < TARGET_MEDIAN_MS for _name, result in results)
    print(f"\ntarget median < {TARGET_MEDIAN_MS:.0f} ms: {'met' if verdict else 'NOT met'}")
    if args.json:
        Path(args.json).write_text(json.dumps(dict(results), indent=2))


if __name__ == "__main__":
    main()
