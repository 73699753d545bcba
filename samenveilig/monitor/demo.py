"""Demo figures: made-up Veilig Thuis reports for the demo municipalities of Utrecht West, 2019–2024, with unknown
cells (empty, never zero) and a provisional last year, and two targets for Woerden. Only synthetic numbers.

Called from ``samenveilig.core.demo.load`` as ``load(users, organisations)``; idempotent (same versions are replaced).
"""

from __future__ import annotations

import random
from decimal import Decimal

from samenveilig.monitor import services, vt_report
from samenveilig.monitor.importers import Parsed, Record
from samenveilig.monitor.models import Direction, Status, Target
from samenveilig.regio.models import Gemeente

CODES = ["GM0632", "GM0736", "GM0335", "GM0589", "GM1904"]
YEARS = range(2019, 2025)
VERSION = "2025-03-01"


def _records(code: str, name: str) -> list[Record]:
    rng = random.Random(code)  # noqa: S311 (made-up numbers, the same on every load)
    size = rng.uniform(0.5, 1.6)
    records = []
    for measure, base in (("adviezen", 180), ("meldingen", 150)):
        for year in YEARS:
            provisional = year == YEARS[-1]
            total = int(base * size * (1 + 0.12 * (year - YEARS[0])) * rng.uniform(0.85, 1.15))
            rows = [("", "", total)]
            for dimension, categories in vt_report.CATEGORIES.items():
                for category in categories:
                    known = year >= 2021 or category in ("politie", "kindermishandeling", "partnergeweld")
                    rows.append((dimension, category, int(total * rng.uniform(0.01, 0.3)) if known else None))
            for dimension, category, value in rows:
                status = Status.UNKNOWN if value is None else Status.PROVISIONAL if provisional else Status.DEFINITIVE
                records.append(
                    Record(
                        measure=measure,
                        dimension=dimension,
                        category=category,
                        category_label=str(vt_report.CATEGORIES[dimension][category]) if dimension else "",
                        region_code=code,
                        region_label=name,
                        period=str(year),
                        value=None if value is None else Decimal(value),
                        status=status,
                    )
                )
    return records


def load(users: dict, organisations: dict) -> dict[str, int]:
    from samenveilig.monitor.importers import Measure
    from samenveilig.monitor.models import Unit

    count = 0
    latest = {}
    for gemeente in Gemeente.objects.filter(code__in=CODES).order_by("code", "-year"):
        latest.setdefault(gemeente.code, gemeente)
    for gemeente in latest.values():
        parsed = Parsed(
            source="vt_rapportage",
            identifier=gemeente.code,
            title=f"Veilig Thuis-rapportage {gemeente.name}",
            version=VERSION,
            file_format="demo",
            measures={
                code: Measure(
                    key=code, title=str(name), unit=Unit.COUNT, description=str(vt_report.MEASURE_DEFINITIONS[code])
                )
                for code, name in vt_report.MEASURES.items()
            },
            records=_records(gemeente.code, gemeente.name),
        )
        services.import_parsed(parsed, actor=users.get("coordinator"))
        count += len(parsed.records)
    Target.objects.update_or_create(
        indicator_code="vt-meldingen",
        region_code="GM0632",
        deadline="2025",
        defaults={"value": Decimal(3), "direction": Direction.AT_LEAST, "baseline_period": "2022"},
    )
    Target.objects.update_or_create(
        indicator_code="vt-adviezen",
        region_code="GM0632",
        deadline="2024",
        defaults={"value": Decimal(400), "direction": Direction.AT_MOST},
    )
    return {"monitor_observations": count, "monitor_targets": 2}
