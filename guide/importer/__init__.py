"""`guide import`: read a real catalog export into a validated catalog folder.

run_import() maps every record, reports what it could not map (where, field, why) and per-field
counts, and writes the folder only when nothing is wrong — or, with skip_bad, leaving out the bad
records and the unreadable values. See docs/import.md.
"""
from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path

from guide.importer.common import Issue, Report
from guide.importer.writer import ImportFailure, write_catalog

FORMATS = ("national", "table")

__all__ = ["FORMATS", "ImportFailure", "Issue", "Report", "run_import"]


def run_import(source: Path | str, fmt: str, out: Path | str, region: str = "", mapping: Path | str | None = None,
               skip_bad: bool = False, system: str = "", imported_at: str = "") -> Report:
    """Import SOURCE into OUT. Returns the report; report.written says whether OUT was written.
    Raises ImportFailure for problems with the command itself (unreadable source or mapping,
    a DIR it may not overwrite, an output that does not validate)."""
    started = time.perf_counter()
    source, out = Path(source), Path(out)
    if fmt not in FORMATS:
        raise ImportFailure(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if region and not (len(region) == 6 and region.isdigit()):
        raise ImportFailure(f"--region must be a 6-digit area code, got {region!r}")
    if not source.is_file():
        raise ImportFailure(f"{source} is not a file")
    imported_at = imported_at or _dt.date.today().isoformat()
    departments: dict[str, str] = {}
    if fmt == "national":
        from guide.importer.national import map_record, read_records

        if mapping:
            raise ImportFailure("--mapping is for --format table")
        system = system or f"national:{source.name}"
        report = Report(system=system)
        from guide.importer.writer import check_target

        check_target(out.absolute(), system)
        matters, seen = [], {}
        for where, rec, issues in read_records(source, report):
            report.records += 1
            matter = None
            if rec is not None:
                matter = map_record(rec, issues, region, system, imported_at, departments)
            if matter is not None and matter["provenance"]["source_id"] in seen:
                issues.failed("TASK_CODE", f"duplicate source id (also {seen[matter['provenance']['source_id']]})",
                              fatal=True, count=False)
                matter = None
            report.issues.extend(issues.issues)
            if matter is None:
                report.skipped += 1
                continue
            seen[matter["provenance"]["source_id"]] = where
            matters.append(matter)
    else:
        from guide.importer.table import import_table, load_mapping

        if not mapping:
            raise ImportFailure("--format table needs --mapping MAPPING.yaml (which column is which)")
        spec = load_mapping(Path(mapping))
        system = system or spec.system
        report = Report(system=system)
        from guide.importer.writer import check_target

        check_target(out.absolute(), system)
        matters = import_table(source, spec, report, region, system, imported_at, departments)
    ids: dict[str, str] = {}
    for m in matters:
        if m["id"] in ids:
            raise ImportFailure(f"two source ids give the id {m['id']}: {ids[m['id']]} and "
                                f"{m['provenance']['source_id']} (lengthen the digest)")
        ids[m["id"]] = m["provenance"]["source_id"]
    report.imported = len(matters)
    report.out = str(out)
    if report.issues and not skip_bad:
        report.imported = 0
        report.seconds = time.perf_counter() - started
        return report                                 # nothing written: the caller lists the issues
    if not matters:
        raise ImportFailure("no record could be imported; nothing written")
    report.seconds = time.perf_counter() - started
    manifest = {"system": system, "format": fmt, "source": source.name, "imported_at": imported_at,
                **{k: v for k, v in report.as_dict().items() if k not in ("system", "written")}}
    write_catalog(out, system, matters, departments, manifest)
    report.written = True
    report.seconds = time.perf_counter() - started
    return report
