"""`guide import` from spreadsheets: XLSX for the table format, and the Q&A sheet (`--format qa-table`).

Every XLSX is written here with openpyxl (no binary fixture in the repository); the values are
invented (某市示例…, 示例育儿补贴), like the CSV fixtures in tests/fixtures/import."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guide.cli import main
from guide.config import load_settings
from guide.importer import ImportFailure, run_import
from guide.importer.sheet import cell_text
from guide.loader import load_catalog
from guide.qa import load_qa
from guide.resources import MissingExtra
from tests.conftest import make_tiny_catalog

openpyxl = pytest.importorskip("openpyxl", reason="the 'import' extra (openpyxl) is part of `make test`'s install")

FIX = Path(__file__).parent / "fixtures" / "import"
DAY = "2026-12-01"


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _typed(text: str):
    """A cell as a spreadsheet holds it: digit strings as numbers (1 as 1.0, as Excel stores every
    number), empty as no value at all."""
    if text == "":
        return None
    if text.isdigit() and (text == "0" or not text.startswith("0")):
        return float(text) if len(text) <= 2 else int(text)
    return text


def _write_xlsx(path: Path, rows: list[list[str]], *, typed=_typed, sheet: str | None = None,
                before: str | None = None, merges: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    if before:                                          # a notes sheet in front of the data
        ws.title = before
        ws["A1"] = "填表说明：每行一条。"
        ws = book.create_sheet(sheet or "Sheet2")
    elif sheet:
        ws.title = sheet
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            value = typed(text) if r > 1 else text
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for rng in merges:
        ws.merge_cells(rng)
    book.save(path)
    return path


def _yaml_files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml"))}


def _manifest(folder: Path) -> dict:
    data = json.loads((folder / "IMPORT.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k not in ("source", "seconds")}


def _issues(report) -> list[tuple]:
    return [(i.where, i.field, i.fatal, i.message) for i in report.issues]


# ---------------------------------------------------------------- XLSX cells and the table format

@pytest.mark.parametrize("value,text", [
    (None, ""), (1.0, "1"), (0.0, "0"), (2.5, "2.5"), (370100, "370100"), (1e15, "1000000000000000"),
    (dt.datetime(2026, 11, 3), "2026-11-03"), (dt.datetime(2026, 11, 3, 8, 30), "2026-11-03 08:30:00"),
    (dt.date(2026, 1, 2), "2026-01-02"), (True, "TRUE"), (False, "FALSE"), ("  照原样 ", "  照原样 ")])
def test_xlsx_cells_read_as_a_csv_saved_from_the_sheet_would_hold_them(value, text):
    assert cell_text(value) == text


def _table(source: Path, out: Path, mapping: Path = FIX / "table-mapping.yaml", **kw):
    return run_import(source, "table", out, mapping=mapping, imported_at=DAY, **kw)


def test_table_xlsx_gives_byte_identical_catalog_files(tmp_path):
    rows = _csv_rows(FIX / "table.csv")
    # matter-level cells merged down over each matter's rows, as such sheets are kept: SL-0001 is
    # rows 2-8, SL-0002 rows 9-10; columns B (事项名称) to M (受理条件)
    merges = tuple(f"{col}{top}:{col}{bottom}" for col in "BCDEFGHIJKLM" for top, bottom in ((2, 8), (9, 10)))
    xlsx = _write_xlsx(tmp_path / "table.xlsx", rows, merges=merges)
    from_csv = _table(FIX / "table.csv", tmp_path / "from-csv")
    from_xlsx = _table(xlsx, tmp_path / "from-xlsx")
    assert from_csv.written and from_xlsx.written and from_xlsx.imported == 2 and not from_xlsx.issues
    assert _yaml_files(tmp_path / "from-xlsx") == _yaml_files(tmp_path / "from-csv")
    assert _manifest(tmp_path / "from-xlsx") == _manifest(tmp_path / "from-csv")
    m = next(x for x in load_catalog(tmp_path / "from-xlsx").matters if x.provenance.source_id == "SL-0001")
    assert m.region == "990100" and (m.materials[0].name, m.materials[0].copies) == ("申请表", 1)   # 1.0 -> 1
    assert m.locations[0].phone == "12345" and len(m.situations) == 2


def test_table_xlsx_problems_name_the_same_rows_as_the_csv(tmp_path):
    head = _csv_rows(FIX / "table.csv")[0]
    bad = [["X-1", "甲事项", "某市示例局", "990100", "行政魔法", "个人"] + [""] * 9 + ["申请表", "纸质原件", "1", "必要", "", ""],
           [""] * 21,                                 # an empty row: skipped, but it keeps its number
           ["X-3", "丙事项", "某市示例局", "990100", "", "个人", "三个月"] + [""] * 8 + ["申请表", "手写件", "两份", "也许", "", ""],
           [""] * 15 + ["孤儿材料", "纸质原件", "1", "必要", "", ""]]
    rows = [head, *bad]
    from_csv = _table(_write_csv(tmp_path / "bad.csv", rows), tmp_path / "o1")
    from_xlsx = _table(_write_xlsx(tmp_path / "bad.xlsx", rows), tmp_path / "o2")
    assert not from_csv.written and not from_xlsx.written
    assert _issues(from_xlsx) == _issues(from_csv)
    found = {(where, fld) for where, fld, _, _ in _issues(from_xlsx)}
    assert {("row 2", "type"), ("row 4", "promised"), ("row 4", "form"), ("row 4", "copies"),
            ("row 5", "source_id")} <= found, found


def test_table_xlsx_sheet_by_name(tmp_path):
    rows = _csv_rows(FIX / "table.csv")
    xlsx = _write_xlsx(tmp_path / "book.xlsx", rows, sheet="事项", before="说明")
    with pytest.raises(ImportFailure, match="not in the sheet"):      # the first sheet is the notes
        _table(xlsx, tmp_path / "o")
    mapping = tmp_path / "map.yaml"
    mapping.write_text((FIX / "table-mapping.yaml").read_text(encoding="utf-8") + "sheet: 事项\n", encoding="utf-8")
    assert _table(xlsx, tmp_path / "o", mapping=mapping).imported == 2
    mapping.write_text((FIX / "table-mapping.yaml").read_text(encoding="utf-8") + "sheet: 目录\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"no sheet '目录' \(sheets: 说明, 事项\)"):
        _table(xlsx, tmp_path / "o2", mapping=mapping)
    with pytest.raises(ImportFailure, match="is for XLSX files"):
        _table(FIX / "table.csv", tmp_path / "o3", mapping=mapping)


def test_without_openpyxl_the_command_names_the_extra(tmp_path, monkeypatch):
    xlsx = _write_xlsx(tmp_path / "t.xlsx", _csv_rows(FIX / "table.csv"))
    monkeypatch.setitem(sys.modules, "openpyxl", None)                 # as if not installed
    with pytest.raises(MissingExtra, match=r"zhihui-guide\[import\]"):
        _table(xlsx, tmp_path / "o")
    result = CliRunner().invoke(main, ["import", str(xlsx), "--format", "table", "--out", str(tmp_path / "o"),
                                       "--mapping", str(FIX / "table-mapping.yaml")])
    assert result.exit_code == 1 and "'import' extra" in result.output and not (tmp_path / "o").exists()
    assert _table(FIX / "table.csv", tmp_path / "csv").written                  # CSV needs no extra


# ---------------------------------------------------------------- the Q&A sheet

HEAD = ["source_id", "question", "variants", "answer", "department", "topic", "region", "basis_law",
        "basis_article", "related", "source", "updated"]
GOOD = [
    ["H-001", "示例育儿补贴多久发放一次？", "示例育儿补贴几个月发一次；示例育儿补贴什么时候到账",
     "按月发放，每月15日前打入申请人社保卡金融账户；遇节假日顺延。", "RS", "SB", "370100",
     "《某市示例育儿补贴办法》", "第八条", "370100-GA-001", "某市示例育儿补贴办法（2026年版）", "2026-11-20"],
    ["", "示例育儿补贴由谁申请？", "示例育儿补贴谁来领\n示例育儿补贴申请人", "由孩子的父亲或母亲一方申请，一个孩子只能申请一次。",
     "济南市民政局", "社会救助", "370100", "《某市示例育儿补贴办法》；《某市示例家庭服务条例》", "第五条；第十二条",
     "370100-MZ-001、370100-GA-001", "", "2026/11/5"],
]
BAD = [
    ["H-003", "示例育儿补贴能补发吗？", "", "", "RS", "SB", "370100", "《某市示例育儿补贴办法》", "第九条", "", "", "2026-11-20"],
    ["H-004", "示例育儿补贴找哪个部门？", "", "找示例局。", "某市示例局", "SB", "370100", "《某市示例育儿补贴办法》",
     "第三条", "", "", "2026-11-20"],
    ["H-005", "示例育儿补贴外地能领吗？", "", "不能。", "RS", "SB", "3701", "《某市示例育儿补贴办法》", "第二条", "", "",
     "2026-11-20"],
    ["H-006", "示例育儿补贴领到几岁？", "", "领到孩子满三周岁的当月。", "RS", "SB", "370100", "《某市示例育儿补贴办法》",
     "第七条", "370100-MZ-999", "", "2026-11-20"],
]
EXPECTED_BAD = {("row 4", "answer", True), ("row 5", "department", True), ("row 6", "region", True),
                ("row 7", "related", False)}


def _qa_xlsx_cell(text: str):
    if text == "":
        return None
    if text.isdigit() and len(text) == 6:
        return int(text)                              # an area code typed as a number
    if len(text) == 10 and text[4] == "-" and text[:4].isdigit():
        return dt.datetime.fromisoformat(text)        # a date cell
    return text


@pytest.fixture()
def tiny(tmp_path):
    """A tiny catalog at tmp/data/matters; Q&As imported into tmp/data/qa sit beside it."""
    return make_tiny_catalog(tmp_path)


def _qa(source: Path, out: Path, catalog: Path, **kw):
    return run_import(source, "qa-table", out, catalogs=[catalog], imported_at=DAY, **kw)


def test_qa_sheet_reports_every_bad_row_and_writes_nothing(tmp_path, tiny):
    sheet = _write_csv(tmp_path / "qa.csv", [HEAD, *GOOD, *BAD])
    report = _qa(sheet, tmp_path / "qa", tiny)
    assert not report.written and not (tmp_path / "qa").exists()
    assert {(i.where, i.field, i.fatal) for i in report.issues} == EXPECTED_BAD
    messages = {i.field: i.message for i in report.issues}
    assert "某市示例局" in messages["department"] and "370100-MZ-999" in messages["related"]
    assert (report.records, report.skipped) == (6, 3)


def test_qa_sheet_skip_bad_writes_loadable_qas_with_provenance(tmp_path, tiny):
    sheet = _write_csv(tmp_path / "qa.csv", [HEAD, *GOOD, *BAD])
    out = tiny.parent / "qa"
    report = _qa(sheet, out, tiny, skip_bad=True)
    assert report.written and report.imported == 3
    catalog = load_catalog(tiny)
    qas, _ = load_qa(out, catalog.departments, {e.id for e in catalog.entries})
    by = {q.provenance.source_id: q for q in qas}
    first = by["H-001"]
    assert first.id.startswith("370100-QA-SB-") and first.source_path.endswith(f"SB/{first.id}.yaml")
    assert first.variants == ("示例育儿补贴几个月发一次", "示例育儿补贴什么时候到账")
    assert first.basis[0].law == "《某市示例育儿补贴办法》" and first.basis[0].article == "第八条"
    assert (first.related, first.updated, first.region) == (("370100-GA-001",), "2026-11-20", "370100")
    assert first.provenance.system == "qa-table:qa.csv" and first.provenance.imported_at == DAY
    assert not first.checked and first.checked_by == first.checked_on == first.written_by == ""
    (second,) = [q for sid, q in by.items() if sid.startswith("Q-")]                # no source_id: its question's hash
    assert (second.department, second.topic, second.updated) == ("MZ", "JZ", "2026-11-05")   # names -> codes
    assert second.variants == ("示例育儿补贴谁来领", "示例育儿补贴申请人")
    assert [(b.law, b.article) for b in second.basis] == [("《某市示例育儿补贴办法》", "第五条"),
                                                         ("《某市示例家庭服务条例》", "第十二条")]
    assert second.related == ("370100-MZ-001", "370100-GA-001")
    assert by["H-006"].related == ()                                    # the unknown id left out, reported
    assert set(by) == {"H-001", second.provenance.source_id, "H-006"}


def test_qa_sheet_xlsx_gives_byte_identical_files_and_the_same_issues(tmp_path, tiny):
    rows = [HEAD, *GOOD, *BAD]
    from_csv = _qa(_write_csv(tmp_path / "qa.csv", rows), tmp_path / "a", tiny, skip_bad=True, system="热线知识库")
    from_xlsx = _qa(_write_xlsx(tmp_path / "qa.xlsx", rows, typed=_qa_xlsx_cell), tmp_path / "b", tiny,
                    skip_bad=True, system="热线知识库")
    assert _issues(from_xlsx) == _issues(from_csv) and from_xlsx.imported == 3
    assert _yaml_files(tmp_path / "b") == _yaml_files(tmp_path / "a") and len(_yaml_files(tmp_path / "a")) == 3
    assert _manifest(tmp_path / "b") == _manifest(tmp_path / "a")


def test_qa_ids_are_stable_across_reimports(tmp_path, tiny):
    out = tmp_path / "qa"
    _qa(_write_csv(tmp_path / "qa.csv", [HEAD, *GOOD]), out, tiny)
    before = _yaml_files(out)
    # re-import (same system: replaced whole) with the rows reversed and a new one in front
    extra = ["H-010", "示例育儿补贴要交材料吗？", "", "线上申请无需另交材料。", "RS", "SB", "370100",
             "《某市示例育儿补贴办法》", "第六条", "", "", "2026-11-20"]
    report = _qa(_write_csv(tmp_path / "qa.csv", [HEAD, extra, *reversed(GOOD)]), out, tiny)
    after = _yaml_files(out)
    assert report.written and len(after) == 3 and all(after[k] == v for k, v in before.items())
    # a question edited: a source_id keeps its id; a question's hash is a new one
    edited = [[*GOOD[0][:1], "示例育儿补贴多长时间发一次？", *GOOD[0][2:]], [*GOOD[1][:1], "示例育儿补贴由谁来申请？", *GOOD[1][2:]]]
    _qa(_write_csv(tmp_path / "qa.csv", [HEAD, *edited]), out, tiny)
    again = _yaml_files(out)
    kept = [k for k in before if "SB/" in k]
    assert [k for k in again if "SB/" in k] == kept and not set(again) & (set(before) - set(kept))


def test_qa_import_keeps_the_overwrite_and_validation_guarantees(tmp_path, tiny):
    sheet = _write_csv(tmp_path / "qa.csv", [HEAD, *GOOD])
    handwritten = tmp_path / "hand"
    (handwritten / "LD").mkdir(parents=True)
    (handwritten / "LD" / "000000-QA-LD-001.yaml").write_text("id: 000000-QA-LD-001\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="refusing to overwrite"):
        _qa(sheet, handwritten, tiny)
    _qa(sheet, tmp_path / "qa", tiny, system="热线A")
    with pytest.raises(ImportFailure, match="holds an import of '热线A'"):
        _qa(sheet, tmp_path / "qa", tiny, system="热线B")
    # nothing is relaxed for imported rows: no article, no date, a long answer, a duplicate question
    rows = [HEAD,
            ["A-1", "示例问题一？", "", "答。", "RS", "SB", "370100", "《某市示例办法》", "", "", "", "2026-11-20"],
            ["A-2", "示例问题二？", "", "答。", "RS", "SB", "370100", "《某市示例办法》", "第一条", "", "", ""],
            ["A-3", "示例问题三？", "", "长" * 401, "RS", "SB", "370100", "《某市示例办法》", "第一条", "", "", "2026-11-20"],
            ["", "示例问题四？", "", "答。", "RS", "魔法", "370100", "《某市示例办法》", "第一条", "", "", "2026-11-20"],
            ["", "示例问题五？", "", "答。", "RS", "SB", "370100", "《某市示例办法》", "第一条", "", "", "十一月"],
            ["A-1", "示例问题六？", "", "答。", "RS", "SB", "370100", "《某市示例办法》", "第一条", "", "", "2026-11-20"],
            ["A-7", "示例问题七？", "", "答。", "RS", "SB", "370100", "", "", "", "", "2026-11-20"],
            ["A-8", "示例问题八？", "", "答。", "RS", "SB", "370100", "《某市示例办法》", "第一条", "", "", "2026-11-20"],
            ["A-9", "示例问题九？", "", "答。", "", "", "", "《某市示例办法》", "第一条", "", "", "2026-11-20"]]
    report = _qa(_write_csv(tmp_path / "strict.csv", rows), tmp_path / "strict", tiny, skip_bad=True)
    found = {(i.where, i.field) for i in report.issues if i.fatal}
    assert found == {("row 2", "basis[0].article"), ("row 3", "updated"), ("row 4", "answer"), ("row 5", "topic"),
                     ("row 6", "updated"), ("row 7", "source_id"), ("row 8", "basis"),
                     ("row 10", "department"), ("row 10", "topic"), ("row 10", "region")}, found
    assert {i.message for i in report.issues if i.where == "row 10"} == {
        "missing, and no defaults.department in the mapping", "missing, and no defaults.topic in the mapping",
        "missing, and no --region or defaults.region"}
    assert [q.provenance.source_id for q in load_qa(tmp_path / "strict", {"RS": "人社"}, set())[0]] == ["A-8"]


def test_qa_sheet_with_a_mapping_and_defaults(tmp_path, tiny):
    rows = [["问题", "相似问法", "答案", "依据", "条款", "更新日期"],
            ["示例育儿补贴多久发放一次？", "", "按月发放。", "《某市示例育儿补贴办法》", "第八条", "2026-11-20"]]
    mapping = tmp_path / "map.yaml"
    mapping.write_text("system: 某市12345热线知识库\n"
                       "columns: {question: 问题, variants: 相似问法, answer: 答案, basis_law: 依据, "
                       "basis_article: 条款, updated: 更新日期}\n"
                       "defaults: {department: 人社, topic: 补贴, region: '370100'}\n"
                       "departments: {人社: RS}\nvalues: {topic: {补贴: SB}}\n", encoding="utf-8")
    report = run_import(_write_xlsx(tmp_path / "kb.xlsx", rows), "qa-table", tmp_path / "qa", mapping=mapping,
                        catalogs=[tiny], imported_at=DAY)
    assert report.written and not report.issues
    (qa,) = load_qa(tmp_path / "qa", load_catalog(tiny).departments, set())[0]
    assert (qa.department, qa.topic, qa.region, qa.provenance.system) == ("RS", "SB", "370100", "某市12345热线知识库")
    mapping.write_text("columns: {question: 提问}\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="not in the sheet"):
        run_import(tmp_path / "kb.xlsx", "qa-table", tmp_path / "q2", mapping=mapping, catalogs=[tiny])
    mapping.write_text("columns: {question: 问题, colour: 颜色}\nvalues: {topic: {补贴: XX}}\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="colour.*'XX' for 补贴 is not one of"):
        run_import(tmp_path / "kb.xlsx", "qa-table", tmp_path / "q2", mapping=mapping, catalogs=[tiny])


def test_imported_qas_are_found_by_search_on_a_tiny_build(tmp_path, tiny):
    from guide.build import build_index
    from guide.service import Guide

    report = _qa(_write_csv(tmp_path / "qa.csv", [HEAD, *GOOD]), tiny.parent / "qa", tiny)
    assert report.written
    settings = load_settings(env={}, catalog_dir=str(tiny), index_dir=str(tmp_path / "index"),
                             runtime_db=str(tmp_path / "rt.db"), model="hash")
    build_index(settings)
    guide = Guide.load(settings=settings)
    assert guide.manifest.data["qas"] == 2
    hits = guide.search("示例育儿补贴几个月发一次", k=3).hits
    assert hits[0].kind == "qa"
    qa = guide.get(hits[0].id)
    assert qa.provenance.source_id == "H-001" and qa.related == ("370100-GA-001",)   # through catalog.db
    hits = guide.search("示例育儿补贴谁来领", k=3, kind="qa").hits
    assert guide.get(hits[0].id).question == "示例育儿补贴由谁申请？"


def test_cli_qa_import_then_validate(tmp_path, tiny):
    sheet = _write_csv(tmp_path / "qa.csv", [HEAD, *GOOD, *BAD])
    runner = CliRunner()
    out = tmp_path / "qa"
    args = ["import", str(sheet), "--format", "qa-table", "--out", str(out), "--catalog", str(tiny)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "row 5 [H-004]: department: unknown department" in result.output
    assert not out.exists()
    result = runner.invoke(main, [*args, "--skip-bad"])
    assert result.exit_code == 0 and "wrote 3 Q&A(s)" in result.output
    result = runner.invoke(main, ["validate", "--catalog", str(tiny), "--qa", str(out)])
    assert result.exit_code == 0 and "3 Q&As" in result.output, result.output
    result = runner.invoke(main, ["import", str(sheet), "--format", "table", "--out", str(tmp_path / "x"),
                                  "--catalog", str(tiny)])
    assert result.exit_code == 2 and "--catalog is for --format qa-table" in result.output
    assert yaml.safe_load(next(out.rglob("*.yaml")).read_text(encoding="utf-8"))["provenance"]["system"] == "qa-table:qa.csv"


def test_an_imported_qa_folder_is_served_beside_the_shipped_one(tmp_path):
    from guide.config import load_settings
    from guide.loader import load_all

    shipped = load_settings(env={})
    alone = load_all(shipped)
    from pathlib import Path

    first = next(iter(alone.qas))
    new_id = f"{first.region}-QA-{first.topic}-9999999999"
    extra = tmp_path / "hotline-qa" / first.topic
    extra.mkdir(parents=True)
    text = Path(first.source_path).read_text(encoding="utf-8").replace(first.id, new_id)
    (extra / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    both = load_all(shipped.replace(qa_dirs=f"{shipped.catalog_dir.parent / 'qa'}:{tmp_path / 'hotline-qa'}"))
    assert len(both.qas) == len(alone.qas) + 1 and both.content_hash != alone.content_hash
    duplicate = tmp_path / "again" / first.topic
    duplicate.mkdir(parents=True)
    (duplicate / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    import pytest

    from guide.catalog import CatalogError

    with pytest.raises(CatalogError, match="also in"):
        load_all(shipped.replace(qa_dirs=f"{tmp_path / 'hotline-qa'}:{tmp_path / 'again'}"))
    with pytest.raises(CatalogError, match="qa_dirs: Q&A folder not found"):
        load_all(shipped.replace(qa_dirs=f"{tmp_path / 'hotline-qa'}:{tmp_path / 'no-such-folder'}"))
