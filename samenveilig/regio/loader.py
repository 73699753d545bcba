"""Load CBS municipalities and districts of one year from the CSV files in ``data/``.

Shared by the data migration (which passes its historical models) and ``manage.py load_regio``. Idempotent: rows
that exist (same code and year) are updated where a name changed, missing rows are created, nothing is deleted.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH_SIZE = 500

GEMEENTE_COLUMNS = ("gemeentecode", "gemeentenaam", "provinciecode", "provincienaam")
WIJK_COLUMNS = ("wijkcode", "wijknaam", "gemeentecode")


class LoadError(ValueError):
    """A CSV file is missing columns or refers to an unknown municipality."""


@dataclass(frozen=True)
class LoadResult:
    year: int
    gemeenten_created: int
    gemeenten_updated: int
    wijken_created: int
    wijken_updated: int


def default_paths(year: int) -> tuple[Path, Path]:
    return DATA_DIR / f"gemeenten_{year}.csv", DATA_DIR / f"wijken_{year}.csv"


def _read(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise LoadError(f"{path.name}: missing column(s) {', '.join(missing)}")
        return [{key: (row[key] or "").strip() for key in columns} for row in reader]


def load_cbs(
    year: int,
    gemeenten_csv: Path | str | None = None,
    wijken_csv: Path | str | None = None,
    *,
    gemeente_model=None,
    wijk_model=None,
    using: str = "default",
) -> LoadResult:
    """Create or update the municipalities and districts of ``year``; the caller runs it in a transaction."""
    if gemeente_model is None or wijk_model is None:
        from samenveilig.regio.models import Gemeente, Wijk

        gemeente_model, wijk_model = gemeente_model or Gemeente, wijk_model or Wijk
    default_gemeenten, default_wijken = default_paths(year)
    gemeente_rows = _read(Path(gemeenten_csv or default_gemeenten), GEMEENTE_COLUMNS)
    wijk_rows = _read(Path(wijken_csv or default_wijken), WIJK_COLUMNS)

    g_created, g_updated = _upsert(
        gemeente_model,
        using,
        year,
        {
            row["gemeentecode"]: {
                "name": row["gemeentenaam"],
                "province_code": row["provinciecode"],
                "province_name": row["provincienaam"],
            }
            for row in gemeente_rows
        },
    )
    gemeente_ids = dict(gemeente_model.objects.using(using).filter(year=year).values_list("code", "id"))
    unknown = sorted({row["gemeentecode"] for row in wijk_rows} - gemeente_ids.keys())
    if unknown:
        raise LoadError(f"districts refer to unknown municipalities of {year}: {', '.join(unknown[:5])}")
    w_created, w_updated = _upsert(
        wijk_model,
        using,
        year,
        {
            row["wijkcode"]: {"name": row["wijknaam"], "gemeente_id": gemeente_ids[row["gemeentecode"]]}
            for row in wijk_rows
        },
    )
    return LoadResult(year, g_created, g_updated, w_created, w_updated)


def _upsert(model, using: str, year: int, wanted: dict[str, dict]) -> tuple[int, int]:
    manager = model.objects.using(using)
    existing = {obj.code: obj for obj in manager.filter(year=year)}
    to_create, to_update = [], []
    fields: list[str] = []
    for code, values in wanted.items():
        fields = list(values)
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, year=year, **values))
        elif any(getattr(obj, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            to_update.append(obj)
    manager.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        manager.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
    return len(to_create), len(to_update)


def unload(year: int, *, gemeente_model=None, using: str = "default") -> None:
    """Delete the municipalities of ``year`` and, by cascade, their districts."""
    if gemeente_model is None:
        from samenveilig.regio.models import Gemeente

        gemeente_model = Gemeente
    gemeente_model.objects.using(using).filter(year=year).delete()
