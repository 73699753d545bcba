#!/usr/bin/env python
"""Benchmark of the sociale kaart search (``sociale_kaart.search.search_services``) on PostgreSQL.

    .venv/bin/python benchmarks/sociale_kaart_search.py [--services 50000] [--database-url URL] [--repeat 30]

Creates the database if it is missing (default ``postgres://postgres@127.0.0.1:5432/samenveilig_bench``), migrates
it, and when the number of synthetic services differs from ``--services`` replaces them with
``manage.py generate_kaart --services N --replace`` (only the synthetic organisations are touched). Then it measures,
each case ``--repeat`` times after a warm-up, what the search page waits for:

- *query*: ``COUNT(*)`` of the result plus the first 25 rows (no prefetches);
- *page*: the same plus the prefetches the result list needs (map entries, themes, target groups): the whole first page.

It prints median and p95 per case, and whether the targets hold: a theme in a municipality (the acceptance of issue 3),
free text, and free text in a municipality each answer in under 100 ms at the median. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samenveilig_bench"
PAGE = 25
TARGET_MS = 100.0


def ensure_database(url: str) -> bool:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url).get("dbname")
    if not name:
        raise SystemExit(f"--database-url names no database: {url}")
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "samenveilig.settings"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SAMENVEILIG_DEBUG", "false")  # no query log in memory
    os.environ.setdefault("SAMENVEILIG_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit(f"This benchmark needs PostgreSQL, not {connection.vendor}.")


def prepare(services: int, seed: int) -> float:
    """Migrate, and (re)generate the synthetic services when their number differs. Returns seconds spent generating."""
    from django.core.management import call_command
    from django.db import connection

    from samenveilig.sociale_kaart.management.commands.generate_kaart import PREFIX
    from samenveilig.sociale_kaart.models import Service

    call_command("migrate", interactive=False, verbosity=0)
    if Service.objects.filter(organisation__name__startswith=PREFIX).count() == services:
        return 0.0
    started = time.perf_counter()
    call_command("generate_kaart", services=services, seed=seed, replace=True)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return elapsed


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(function, repeat: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def cases() -> list[tuple[str, dict, bool]]:
    """(label, params, has the target of a median under TARGET_MS)."""
    return [
        ("theme + gemeente", {"thema": "partnergeweld", "gemeente": "GM0632"}, True),
        ("theme + gemeente (other)", {"thema": "kindermishandeling", "gemeente": "GM1904"}, False),
        (
            "all filters",
            {
                "thema": "partnergeweld",
                "gemeente": "GM0632",
                "doelgroep": "ouders",
                "soort": "preventief",
                "sector": "welzijn",
            },
            False,
        ),
        ("free text", {"q": "gezinnen"}, True),
        ("free text, two words", {"q": "weerbaarheid jongeren"}, True),
        ("free text, rare word", {"q": "daderhulpverlening"}, False),
        ("free text + gemeente", {"q": "gezinnen", "gemeente": "GM0632"}, True),
        ("free text + filters", {"q": "opvoeden", "thema": "opvoedondersteuning", "gemeente": "GM0632"}, False),
        ("no filter (everything)", {}, False),
    ]


def run(repeat: int, text_repeat: int) -> list[dict]:
    from samenveilig.sociale_kaart.search import search_services

    results = []
    for label, params, acceptance in cases():

        def query(params=params):
            queryset = search_services(params)
            count = queryset.count()
            rows = list(queryset.prefetch_related(None)[:PAGE])
            return count, rows

        def page(params=params):
            queryset = search_services(params)
            count = queryset.count()
            rows = list(queryset[:PAGE])
            for service in rows:
                list(service.themes.all()), list(service.target_groups.all())
            return count, rows

        count = search_services(params).count()
        runs = min(repeat, text_repeat) if params.get("q") else repeat
        for kind, function in (("query", query), ("page", page)):
            times = timed(function, runs, warmup=1 if params.get("q") else 3)
            results.append(
                {
                    "case": label,
                    "kind": kind,
                    "hits": count,
                    "runs": runs,
                    "median": statistics.median(times),
                    "p95": p95(times),
                    "acceptance": acceptance,
                }
            )
    return results


def explain(params: dict) -> str:
    from samenveilig.sociale_kaart.search import search_services

    return search_services(params).prefetch_related(None)[:PAGE].explain(analyze=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--text-repeat", type=int, default=30, help="Runs of the free-text cases.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="Print the plans (EXPLAIN ANALYZE) of the cases too.")
    args = parser.parse_args()

    created = ensure_database(args.database_url)
    setup_django(args.database_url)
    generated = prepare(args.services, args.seed)

    from django.db import connection

    from samenveilig.sociale_kaart.models import Service

    results = run(args.repeat, args.text_repeat)
    print()
    print(
        f"Sociale kaart search — {Service.objects.count():,} services ({args.services:,} synthetic), "
        f"PostgreSQL {connection.pg_version // 10000}"
        + (", database created" if created else "")
        + (f", generated in {generated:.1f} s" if generated else "")
    )
    print()
    print(f"| {'case':<26} | {'measure':<7} | {'hits':>6} | runs | {'median ms':>9} | {'p95 ms':>8} | target |")
    print(f"|{'-' * 28}|{'-' * 9}|{'-' * 8}|------|{'-' * 11}|{'-' * 10}|--------|")
    met = True
    for r in results:
        target = ""
        if r["acceptance"]:
            ok = r["median"] < TARGET_MS
            met = met and ok
            target = ("met" if ok else "MISSED") + f" (<{TARGET_MS:.0f})"
        print(
            f"| {r['case']:<26} | {r['kind']:<7} | {r['hits']:>6} | {r['runs']:>4} | {r['median']:>9.1f} | "
            f"{r['p95']:>8.1f} | "
            f"{target} |"
        )
    print()
    print(
        f"Targets (theme + gemeente, free text, free text + gemeente; median < {TARGET_MS:.0f} ms): "
        + ("MET" if met else "MISSED")
    )
    if args.explain:
        for label, params, _acceptance in cases():
            print(f"\n--- {label}: {params}\n{explain(params)}")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
