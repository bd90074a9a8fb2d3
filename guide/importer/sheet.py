"""Read a spreadsheet (CSV or XLSX) as the rows both sheet formats map: header in row 1, every
later row a dict of our field names to the cell's text, numbered as the spreadsheet numbers it
(header = row 1), so an issue says the same row for the CSV and the XLSX of one sheet."""
from __future__ import annotations

import csv
import datetime as _dt
from pathlib import Path

from guide.importer.writer import ImportFailure

XLSX_SUFFIXES = (".xlsx", ".xlsm")


def cell_text(value) -> str:
    """An XLSX cell as a CSV saved from it would hold it: numbers without '.0', dates as
    YYYY-MM-DD (a time of day only when there is one), TRUE/FALSE, empty and merged cells ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):          # a duration cell ([h]:mm)
        return str(value)
    return str(value)


def read_sheet(source: Path, columns: dict[str, str], *, encoding: str = "utf-8-sig", delimiter: str = ",",
               sheet: str | None = None, optional: frozenset[str] = frozenset()) -> list[tuple[int, dict]]:
    """(row number, {our field: text}) for every row with any value. `columns` maps our field
    names to the sheet's headers; a header that is missing is an error unless its field is in
    `optional` (then the field is simply absent from the rows)."""
    if source.suffix.lower() == ".xls":
        raise ImportFailure(f"{source}: .xls (Excel 97-2003) is not read; save the sheet as .xlsx or CSV (UTF-8)")
    if source.suffix.lower() in XLSX_SUFFIXES:
        records = _xlsx_records(source, sheet)
    else:
        if sheet:
            raise ImportFailure(f"{source}: `sheet: {sheet}` in the mapping is for XLSX files; this is read as CSV")
        records = _csv_records(source, encoding, delimiter)
    try:
        _, header = next(records)
    except StopIteration:
        raise ImportFailure(f"{source}: the sheet is empty (no header row)") from None
    absent = [f"{k} -> {v!r}" for k, v in columns.items() if v not in header and k not in optional]
    if absent:
        raise ImportFailure(f"{source}: column(s) named in the mapping are not in the sheet: "
                            f"{', '.join(absent)} (header: {', '.join(header)})")
    where = {}
    for i, name in enumerate(header):               # a repeated header: the last one counts (as csv.DictReader)
        where[name] = i
    picks = [(ours, where[theirs]) for ours, theirs in columns.items() if theirs in where]
    rows = []
    for n, values in records:
        if not any(v.strip() for v in values):
            continue                                 # an empty row names nothing (Excel saves them as ,,,)
        rows.append((n, {ours: values[i] if i < len(values) else "" for ours, i in picks}))
    return rows


def _csv_records(source: Path, encoding: str, delimiter: str):
    try:
        with source.open(encoding=encoding, newline="") as fh:
            # records, not lines: a quoted cell with a line break is one spreadsheet row
            for n, values in enumerate(csv.reader(fh, delimiter=delimiter), 1):
                yield n, values
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"{source}: not {encoding} text ({exc}); set csv.encoding in the mapping") from None
    except csv.Error as exc:
        raise ImportFailure(f"{source}: not readable as CSV ({exc})") from None


def _xlsx_records(source: Path, sheet: str | None):
    from guide.resources import require

    openpyxl = require("openpyxl", "import", "reading XLSX sheets (guide import)")
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:                        # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise ImportFailure(f"{source}: not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        if sheet:
            if sheet not in book.sheetnames:
                raise ImportFailure(f"{source}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        # in read_only mode the cells of a merged range other than its first read as empty
        ws.reset_dimensions()                        # some writers record a wrong sheet size; read what is there
        for n, values in enumerate(ws.iter_rows(values_only=True), 1):
            yield n, [cell_text(v) for v in values]
    finally:
        book.close()
