"""The one write path of the monitor: storing an import, and targets.

:func:`import_parsed` stores what an importer read in one transaction: a failure halfway leaves nothing behind.
Re-importing a version (same label) replaces that version's values; the version with the highest label is current;
older versions stay as history. An indicator's definition is fixed: when a source describes a measure differently
than before (other title, description or unit), a new indicator is made that ``replaces`` the old one, so the two
series are never joined into one line.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.monitor import vt_report
from samenveilig.monitor.importers import ImportFailed, Measure, Parsed, Problem
from samenveilig.monitor.models import Dataset, DatasetVersion, Indicator, Observation, Series, Source, Target

BATCH = 2000

Progress = Callable[[int, int], None]


def _indicator_code(parsed: Parsed, measure: Measure) -> str:
    if parsed.source == Source.VT_REPORT:
        return f"vt-{measure.key}"
    return f"{parsed.source}-{parsed.identifier.lower()}-{measure.key}"[:110]


def _definition(parsed: Parsed, measure: Measure) -> str:
    if measure.description:
        return measure.description
    return _("%(measure)s, zoals CBS het publiceert in tabel %(table)s (%(title)s).") % {
        "measure": measure.title,
        "table": parsed.identifier,
        "title": parsed.title,
    }


def _indicator(parsed: Parsed, measure: Measure, dataset: Dataset) -> Indicator:
    """The indicator for this measure; a new one (replacing the old) when the definition changed."""
    base = _indicator_code(parsed, measure)
    fields = {
        "name": measure.title if parsed.source != Source.CBS else f"{measure.title} (CBS {parsed.identifier})",
        "definition": _definition(parsed, measure),
        "unit": measure.unit,
    }
    latest = None
    for candidate in Indicator.objects.filter(code__startswith=base).order_by("pk"):
        if candidate.code == base or candidate.code.startswith(base + "--v"):
            latest = candidate
    if latest is None:
        return Indicator.objects.create(
            code=base,
            source=parsed.source,
            dataset=None if parsed.source == Source.VT_REPORT else dataset,
            measure=measure.title,
            **fields,
        )
    if all(getattr(latest, key) == value for key, value in fields.items()):
        return latest
    number = Indicator.objects.filter(code__startswith=base + "--v").count() + 2
    return Indicator.objects.create(
        code=f"{base}--v{number}",
        source=parsed.source,
        dataset=latest.dataset,
        measure=measure.title,
        replaces=latest,
        **fields,
    )


def import_parsed(parsed: Parsed, *, actor, progress: Progress | None = None) -> DatasetVersion:
    """Store ``parsed`` as a version of its dataset. ``actor`` is a request or a user (or None: a command)."""
    seen: dict[tuple, int] = {}
    for index, record in enumerate(parsed.records):
        key = (record.measure, record.dimension, record.category, record.region_code, record.period)
        if key in seen:
            raise ImportFailed(
                [Problem(None, "", _("Dezelfde waarde staat er twee keer in (%(key)s).") % {"key": " / ".join(key)})]
            )
        seen[key] = index
    user = getattr(actor, "user", actor)
    user = user if getattr(user, "is_authenticated", False) else None
    total = len(parsed.records)
    with transaction.atomic():
        dataset, _created = Dataset.objects.get_or_create(
            source=parsed.source, identifier=parsed.identifier, defaults={"title": parsed.title}
        )
        if dataset.title != parsed.title:
            dataset.title = parsed.title
            dataset.save(update_fields=["title"])
        label = parsed.version or timezone.localdate().isoformat()
        version, created = DatasetVersion.objects.get_or_create(dataset=dataset, label=label)
        if not created:
            version.observations.all().delete()
        version.imported_by = user
        version.file_format = parsed.file_format
        version.observation_count = total
        version.save()
        indicators = {key: _indicator(parsed, measure, dataset) for key, measure in parsed.measures.items()}
        series = {
            (s.indicator_id, s.dimension, s.category, s.region_code): s
            for s in Series.objects.filter(dataset=dataset, indicator__in=indicators.values())
        }
        missing = {}
        for record in parsed.records:
            key = (indicators[record.measure].pk, record.dimension, record.category, record.region_code)
            if key not in series and key not in missing:
                missing[key] = Series(
                    dataset=dataset,
                    indicator=indicators[record.measure],
                    dimension=record.dimension,
                    category=record.category,
                    category_label=record.category_label,
                    region_kind=record.region_kind,
                    region_code=record.region_code,
                    region_label=record.region_label,
                )
        Series.objects.bulk_create(missing.values(), batch_size=BATCH)
        if missing:  # primary keys of the new rows (not every database hands them back from bulk_create)
            series = {
                (s.indicator_id, s.dimension, s.category, s.region_code): s
                for s in Series.objects.filter(dataset=dataset, indicator__in=indicators.values())
            }
        batch: list[Observation] = []
        done = 0
        for record in parsed.records:
            key = (indicators[record.measure].pk, record.dimension, record.category, record.region_code)
            batch.append(
                Observation(
                    series=series[key], version=version, period=record.period, value=record.value, status=record.status
                )
            )
            if len(batch) >= BATCH:
                Observation.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, total)
        Observation.objects.bulk_create(batch)
        done += len(batch)
        if progress:
            progress(done, total)
        newest = dataset.versions.order_by("-label").values_list("pk", flat=True).first()
        dataset.versions.exclude(pk=newest).update(is_current=False)
        dataset.versions.filter(pk=newest).update(is_current=True)
        version.refresh_from_db()
        audit.log(actor, "monitor.dataset.imported", version, purpose=f"import {parsed.file_format}")
    return version


def import_report(request, *, content: bytes, gemeente, version: str) -> DatasetVersion:
    """A municipality's own Veilig Thuis report from the filled-in XLSX template."""
    parsed = vt_report.parse_report(content, gemeente_code=gemeente.code, gemeente_name=gemeente.name, version=version)
    return import_parsed(parsed, actor=request)


def save_target(request, target: Target) -> Target:
    with transaction.atomic():
        created = target.pk is None
        target.save()
        audit.log(request, "monitor.target.created" if created else "monitor.target.changed", target)
    return target


def delete_target(request, target: Target) -> None:
    with transaction.atomic():
        audit.log(request, "monitor.target.deleted", target)
        target.delete()
