"""`guide import`: read a real catalog export into a validated catalog folder, or a Q&A sheet into
a validated Q&A folder.

run_import() maps every record, reports what it could not map (where, field, why) and per-field
counts, and writes the folder only when nothing is wrong — or, with skip_bad, leaving out the bad
records and the unreadable values. See docs/import.md.
"""
from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path

from guide.importer.common import Issue, Report
from guide.importer.writer import ImportFailure, check_target, write_catalog, write_qa

FORMATS = ("national", "table", "qa-table")

__all__ = ["FORMATS", "ImportFailure", "Issue", "Report", "run_import"]


def run_import(source: Path | str, fmt: str, out: Path | str, region: str = "", mapping: Path | str | None = None,
               skip_bad: bool = False, system: str = "", imported_at: str = "",
               catalogs: list[Path | str] | None = None) -> Report:
    """Import SOURCE into OUT. Returns the report; report.written says whether OUT was written.
    Raises ImportFailure for problems with the command itself (unreadable source or mapping,
    a DIR it may not overwrite, an output that does not validate). `catalogs` (qa-table only):
    the catalog folders whose departments and entry ids the Q&As may name (default: the configured ones)."""
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
            raise ImportFailure("--mapping is for --format table and qa-table")
        system = system or f"national:{source.name}"
        report = Report(system=system)
        check_target(out.absolute(), system)
        matters, seen = [], {}
        for where, rec, issues in read_records(source, report):
            matter = None
            if rec is not None:
                matter = map_record(rec, issues, region, system, imported_at, departments)
            if matter is not None and matter["provenance"]["source_id"] in seen:
                issues.failed("TASK_CODE", f"duplicate source id (also {seen[matter['provenance']['source_id']]})",
                              fatal=True, count=False)
                matter = None
            if report.settle(issues, matter) is None:
                continue
            seen[matter["provenance"]["source_id"]] = where
            matters.append(matter)
    elif fmt == "table":
        from guide.importer.table import import_table, load_mapping

        if not mapping:
            raise ImportFailure("--format table needs --mapping MAPPING.yaml (which column is which)")
        spec = load_mapping(Path(mapping))
        system = system or spec.system
        report = Report(system=system)
        check_target(out.absolute(), system)
        matters = import_table(source, spec, report, region, system, imported_at, departments)
    else:
        from guide.importer.qa_table import import_qa_table, load_qa_mapping

        spec = load_qa_mapping(Path(mapping) if mapping else None)
        system = system or spec.system or f"qa-table:{source.name}"
        report = Report(system=system)
        check_target(out.absolute(), system)
        departments, entry_ids = _catalog_context(catalogs)
        matters = import_qa_table(source, spec, report, region, system, imported_at, departments, entry_ids)
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
    if fmt == "qa-table":
        write_qa(out, system, matters, manifest, departments, entry_ids)
    else:
        write_catalog(out, system, matters, departments, manifest)
    report.written = True
    report.seconds = time.perf_counter() - started
    return report


def _catalog_context(catalogs: list[Path | str] | None) -> tuple[dict[str, str], set[str]]:
    """Departments and entry ids of the catalog folders a Q&A sheet may refer to."""
    from guide.catalog import CatalogError
    from guide.loader import catalog_folders, load_catalog

    if not catalogs:
        from guide.config import load_settings

        catalogs = catalog_folders(load_settings())
    departments: dict[str, str] = {}
    ids: set[str] = set()
    for folder in catalogs:
        try:
            catalog = load_catalog(folder)
        except CatalogError as exc:
            raise ImportFailure(f"the catalog {folder} (--catalog) does not validate", exc.problems) from None
        for code, name in catalog.departments.items():
            if departments.setdefault(code, name) != name:
                raise ImportFailure(f"department code {code!r} is {name!r} in {folder} but {departments[code]!r} "
                                    f"in another --catalog folder")
        ids.update(e.id for e in catalog.entries)
    return departments, ids
