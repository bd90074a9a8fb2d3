"""`guide import`: national-platform exports (JSONL / JSON array) and CSV guides into catalog folders.

Fixtures in tests/fixtures/import are invented (某省示例厅, 某市某区示例路1号, area code 0123 that no
city has); the one integration test reads the real Guangdong export from /work/shared when present."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guide.catalog import CatalogError
from guide.cli import main
from guide.importer import ImportFailure, run_import
from guide.importer.common import PLACEHOLDERS, is_placeholder, parse_days, parse_phones, split_conditions
from guide.loader import load_catalog
from tests.conftest import make_tiny_catalog

FIX = Path(__file__).parent / "fixtures" / "import"
REAL = Path("/work/shared/data/gd-catalog/policy.jsonl")
DAY = "2026-12-01"


def _national(tmp_path, name="national.jsonl", out="cat", **kw):
    kw.setdefault("region", "990000")
    return run_import(FIX / name, "national", tmp_path / out, imported_at=DAY, **kw), tmp_path / out


def _table(tmp_path, out="tbl", **kw):
    return run_import(FIX / "table.csv", "table", tmp_path / out, mapping=FIX / "table-mapping.yaml",
                      imported_at=DAY, **kw), tmp_path / out


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.yaml"))}


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def _by_source(catalog):
    return {m.provenance.source_id: m for m in catalog.matters}


# ---------------------------------------------------------------- parsers

@pytest.mark.parametrize("text,days,unit,spot", [
    ("13(工作日)", 13, "工作日", False), ("13（工作日）", 13, "工作日", False), ("90(自然日)", 90, "自然日", False),
    ("5个工作日", 5, "工作日", False), ("30日", 30, "自然日", False), ("15天", 15, "自然日", False),
    ("20", 20, "工作日", False), ("即办", None, "", True), ("即办件", None, "", True), ("0", None, "", True),
    ("0(工作日)", None, "", True), ("当场办结", None, "", True)])
def test_time_limits_parse(text, days, unit, spot):
    parsed = parse_days(text)
    assert (parsed.days, parsed.unit, parsed.on_the_spot) == (days, unit, spot)


@pytest.mark.parametrize("text", ["三个月", "依法定程序", "13(月)", "-1"])
def test_unreadable_time_limits_are_none(text):
    assert parse_days(text) is None


@pytest.mark.parametrize("text,numbers", [
    ("0123-4567890", ["0123-4567890"]), ("0123-4567890转1", ["0123-4567890-1"]),
    ("（0123）4567890", ["0123-4567890"]), ("0123－4567890", ["0123-4567890"]),
    ("0123-4567890、4567891", ["0123-4567890", "0123-4567891"]),        # the area code carries over
    ("咨询电话：0123-4567890；投诉：12345", ["0123-4567890", "12345"]), ("020-12345", ["020-12345"]),
    ("网址：http://a.invalid/column/4567890?x=1 微信号：gh_a1e4567890", []),
    ("4567890", []),                                                     # no area code: not usable
    ("400-1234-567", ["4001234567"])])
def test_phones_parse(text, numbers):
    assert parse_phones(text)[0] == numbers


def test_conditions_split_at_enumerators_only():
    assert split_conditions("应当具备下列条件：（一）年满十八周岁；（二）持有证件。") == [
        "应当具备下列条件：", "（一）年满十八周岁", "（二）持有证件。"]
    assert split_conditions("1.本人申请；2.提供3.5寸照片") == ["1.本人申请", "2.提供3.5寸照片"]
    assert split_conditions("无条件受理") == ["无条件受理"] and split_conditions("无。") == []


def test_placeholders():
    for value in ("无", "无。", "", " ", "null", "NULL", "暂无", "/", "—", "——", None, [], ["无"]):
        assert is_placeholder(value), value
    for value in ("无条件受理", "无线下办理窗口", "12345", ["居民身份证"]):
        assert not is_placeholder(value), value


# ---------------------------------------------------------------- national format

def test_national_jsonl_and_json_array_give_the_same_valid_catalog(tmp_path):
    report, out = _national(tmp_path)
    assert report.written and (report.records, report.imported, report.skipped) == (4, 4, 0) and not report.issues
    array, out2 = _national(tmp_path, "national.json", out="cat2")
    assert array.written and _files(out) == {k: v.replace("national:national.json\n", "national:national.jsonl\n")
                                             for k, v in _files(out2).items()}
    catalog = load_catalog(out)
    assert len(catalog.matters) == 4 and catalog.departments == {"DSL1234501": "某省示例厅", "DSL1234502": "某市示例局"}
    m = _by_source(catalog)["119900000SL12345012990101001000"]
    assert m.name == "示例许可证核发" and m.type == "行政许可" and m.subjects == ("自然人", "法人")
    assert m.aliases == ("示例证", "办示例证") and m.topics == ("证件办理",)
    assert (m.time_limit.promised_days, m.time_limit.legal_days, m.time_limit.days_unit) == (13, 20, "工作日")
    assert m.time_limit.on_the_spot is False
    assert [x.name for x in m.materials] == ["示例许可申请表", "申请人身份证明", "场地证明材料"]
    assert all((x.form, x.copies, x.required) == ("未注明", None, None) for x in m.materials)
    assert m.conditions == ("申请人应当具备下列条件：", "（一）年满十八周岁", "（二）持有本人有效身份证件", "（三）无不良记录。")
    assert m.locations[0].address == "某市某区示例路1号示例大厅3号窗口"            # 办理地点： stripped
    assert m.locations[0].phone == "0123-4567890-1、0123-4567891"
    assert m.online.available and m.online.channels[0].url.startswith("https://zwfw.shili.invalid/")
    assert m.fee.charged is None and m.process == () and m.legal_basis == () and m.summary == ""
    assert m.provenance.system == "national:national.jsonl" and m.provenance.imported_at == DAY
    mixed = _by_source(catalog)["119900000SL12345012990101002001"]     # legal 自然日, promised 工作日
    assert (mixed.time_limit.promised_days, mixed.time_limit.legal_days) == (30, None)
    assert mixed.time_limit.note == "法定时限90个自然日" and mixed.subjects == ("法人",)
    assert mixed.materials == () and mixed.conditions == ("无条件受理",) and mixed.notes.endswith("无线下办理窗口。")
    spot = _by_source(catalog)["119901000SL12345023990101002002"]
    assert spot.time_limit.on_the_spot is True and spot.time_limit.promised_days is None
    assert spot.locations == () and spot.online.available is False and spot.conditions == ()


def test_placeholders_never_reach_a_file(tmp_path):
    _, out = _national(tmp_path)
    _, tbl = _table(tmp_path)
    for folder in (out, tbl):
        for name, text in _files(folder).items():
            data = yaml.safe_load(text)
            for s in _strings(data):
                assert s == "" or not is_placeholder(s), (name, s)
                assert s not in PLACEHOLDERS - {""}, (name, s)
            assert "无。" not in text and "办理地点：" not in text and "'无'" not in text, name


def test_regions_come_from_areacode_and_region_fills_only_the_missing(tmp_path):
    report, out = _national(tmp_path, region="990000")
    by = _by_source(load_catalog(out))
    assert by["119901000SL12345023990101002002"].region == "990100"          # AREACODE 990100
    assert by["119901000SL12345023990101002002"].id.startswith("990100-DSL1234502-")
    assert by["119900000SL12345012990101003000"].region == "990000"          # no AREACODE: --region
    report, _ = _national(tmp_path, out="other", region="")
    assert not report.written
    assert [(i.where, i.field) for i in report.issues if i.fatal] == [("line 4", "AREACODE")]


def test_bad_records_are_reported_with_line_and_field_and_nothing_is_written(tmp_path):
    report, out = _national(tmp_path, "national-bad.jsonl")
    assert not report.written and not out.exists()
    found = {(i.where, i.field, i.fatal) for i in report.issues}
    assert ("line 2", "TASK_TYPE_TEXT", True) in found
    assert ("line 3", "-", True) in found
    assert ("line 4", "handle_time_limit", False) in found
    assert any("行政魔法" in i.message for i in report.issues)
    assert report.fields["handle_time_limit"].failed == 1
    assert not list(tmp_path.iterdir())                                      # no temporary folder either


def test_skip_bad_imports_the_rest_and_leaves_out_unreadable_values(tmp_path):
    report, out = _national(tmp_path, "national-bad.jsonl", skip_bad=True)
    assert report.written and (report.records, report.imported, report.skipped) == (4, 2, 2)
    by = _by_source(load_catalog(out))
    assert set(by) == {"119900000SL12345012990101001000", "119900000SL12345012990101003000"}
    query = by["119900000SL12345012990101003000"]
    assert query.time_limit.promised_days is None and query.time_limit.on_the_spot is None   # 三个月: unknown
    manifest = json.loads((out / "IMPORT.json").read_text(encoding="utf-8"))
    assert manifest["skipped"] == 2 and len(manifest["issues"]) == len(report.issues)


def test_ids_are_stable_across_reimports(tmp_path):
    _, first = _national(tmp_path, out="a")
    _, second = _national(tmp_path, out="b")
    assert _files(first) == _files(second)
    ids = sorted(m.id for m in load_catalog(first).matters)
    report, same = _national(tmp_path, out="a")                               # over the previous import
    assert report.written and sorted(m.id for m in load_catalog(same).matters) == ids
    _, fewer = _national(tmp_path, "national-bad.jsonl", out="c", skip_bad=True)   # a subset keeps its ids
    assert {m.id for m in load_catalog(fewer).matters} <= set(ids)


def test_nothing_half_written(tmp_path, monkeypatch):
    report, out = _national(tmp_path)
    before = _files(out)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ImportFailure, match="refusing to overwrite"):
        _national(tmp_path, out="foreign")
    with pytest.raises(ImportFailure, match="refusing to overwrite"):       # another system's import
        _table(tmp_path, out="cat")
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine"
    import guide.importer.writer as writer

    calls = {"n": 0}
    real_dump = writer._dump

    def failing_dump(data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_dump(data)

    monkeypatch.setattr(writer, "_dump", failing_dump)
    with pytest.raises(OSError):
        _national(tmp_path)                                                  # fails midway through writing
    monkeypatch.setattr(writer, "_dump", real_dump)
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cat", "foreign"]  # no temporary folder left


def test_output_that_does_not_validate_is_not_written(tmp_path, monkeypatch):
    import guide.importer.national as national

    real = national.map_record

    def broken(*args, **kwargs):
        matter = real(*args, **kwargs)
        if matter:
            matter["type"] = "行政魔法"                                      # slipped past the mapper
        return matter

    monkeypatch.setattr(national, "map_record", broken)
    with pytest.raises(ImportFailure, match="does not validate") as info:
        _national(tmp_path)
    assert info.value.problems and not (tmp_path / "cat").exists()
    assert not list(tmp_path.iterdir())


def test_cli_import_then_validate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "cat"
    result = runner.invoke(main, ["import", str(FIX / "national.jsonl"), "--format", "national",
                                  "--region", "990000", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 record(s): 4 imported" in result.output and "handle_time_limit" in result.output
    result = runner.invoke(main, ["validate", "--catalog", str(out), "--qa", str(tmp_path / "no-qa")])
    assert result.exit_code == 0 and "OK: 4 matters" in result.output, result.output
    bad = runner.invoke(main, ["import", str(FIX / "national-bad.jsonl"), "--format", "national",
                               "--region", "990000", "--out", str(tmp_path / "bad")])
    assert bad.exit_code == 1 and "line 2" in bad.output and "nothing written" in bad.output
    assert not (tmp_path / "bad").exists()


# ---------------------------------------------------------------- table format

def test_table_rows_make_matters_situations_and_a_personal_checklist(tmp_path):
    report, out = _table(tmp_path)
    assert report.written and report.imported == 2 and not report.issues
    catalog = load_catalog(out)
    assert catalog.departments == {"SLJ": "某市示例局"}
    by = _by_source(catalog)
    m = by["SL-0001"]
    assert m.id.startswith("990100-SLJ-") and m.type == "行政确认" and m.subjects == ("自然人",)
    assert [s.question for s in m.situations] == ["您申请换领的原因是？", "您是否委托他人代办？"]
    reason, agent = m.situations
    opt = {s.id: {o.label: o.id for o in s.options} for s in m.situations}
    assert list(opt[reason.id]) == ["有效期满", "证件损坏", "遗失"] and list(opt[agent.id]) == ["是", "否"]

    def checklist(reason_label, agent_label):
        chosen = {reason.id: opt[reason.id][reason_label], agent.id: opt[agent.id][agent_label]}
        return [x.name for x in m.materials if x.applies(chosen)]

    assert checklist("遗失", "否") == ["申请表", "遗失声明", "近期免冠照片"]
    assert checklist("证件损坏", "是") == ["申请表", "原示例证件", "授权委托书", "代理人身份证", "近期免冠照片"]
    assert checklist("有效期满", "否") == ["申请表", "原示例证件", "近期免冠照片"]
    mat = {x.name: x for x in m.materials}
    assert (mat["代理人身份证"].form, mat["代理人身份证"].copies) == ("原件核验", 0)
    assert (mat["近期免冠照片"].form, mat["近期免冠照片"].copies, mat["近期免冠照片"].required) == ("电子材料", None, False)
    assert mat["原示例证件"].notes == "核验后收回" and mat["申请表"].source == "窗口领取"
    assert (m.time_limit.promised_days, m.time_limit.legal_days) == (5, 20) and m.fee.charged is None
    assert m.online.channels[0].url == "https://zwfw.shili.invalid/apply?item=1"
    simple = by["SL-0002"]
    assert simple.fee.charged is False and simple.time_limit.on_the_spot is True and simple.situations == ()
    assert simple.subjects == ("自然人", "法人") and simple.conditions == ()
    assert [(x.name, x.form, x.copies, x.required) for x in simple.materials] == [
        ("备案表", "原件", 1, True), ("营业执照", "复印件", 1, None)]


def _sheet(tmp_path, rows: list[str]) -> Path:
    head = (FIX / "table.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "sheet.csv"
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return path


def test_table_problems_name_the_row_and_field(tmp_path):
    sheet = _sheet(tmp_path, [
        "X-1,甲事项,某市示例局,990100,行政魔法,个人,,,,,,,,,,申请表,纸质原件,1,必要,,",
        "X-2,乙事项,某市示例局,990100,,个人,,,,,,,,您的情况是？,,申请表,纸质原件,1,必要,,",
        "X-3,丙事项,某市示例局,990100,,个人,三个月,,,,,,,,,申请表,手写件,两份,也许,,",
        "X-4,丁事项,某市示例局,990100,,个人,,,,,,,,您的情况是？,甲,申请表,纸质原件,1,必要,,",
        ",,,,,,,,,,,,,,,孤儿材料,纸质原件,1,必要,,"])
    report = run_import(sheet, "table", tmp_path / "out", mapping=FIX / "table-mapping.yaml", imported_at=DAY)
    assert not report.written and not (tmp_path / "out").exists()
    found = {(i.where, i.field, i.fatal) for i in report.issues}
    assert {("row 2", "type", True), ("row 3", "option", True), ("row 4", "promised", False),
            ("row 4", "form", False), ("row 4", "copies", False), ("row 4", "required", False),
            ("row 5", "option", True), ("row 6", "source_id", True)} <= found, found
    report = run_import(sheet, "table", tmp_path / "out", mapping=FIX / "table-mapping.yaml", imported_at=DAY,
                        skip_bad=True)
    (only,) = load_catalog(tmp_path / "out").matters
    assert only.provenance.source_id == "X-3" and only.time_limit.promised_days is None
    assert (only.materials[0].form, only.materials[0].copies, only.materials[0].required) == ("未注明", None, None)


def test_table_mapping_and_format_errors(tmp_path):
    bad_map = tmp_path / "map.yaml"
    bad_map.write_text("system: x\ncolumns: {source_id: 编码, name: 名称, department: 部门, material: 材料}\n",
                       encoding="utf-8")
    with pytest.raises(ImportFailure, match="not in the sheet"):
        run_import(FIX / "table.csv", "table", tmp_path / "o", mapping=bad_map)
    bad_map.write_text("columns: {name: 名称, colour: 颜色}\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="colour") as info:
        run_import(FIX / "table.csv", "table", tmp_path / "o", mapping=bad_map)
    assert "source_id" in str(info.value) and "system" in str(info.value)
    xlsx = tmp_path / "guide.xlsx"
    xlsx.write_bytes(b"PK\x03\x04")
    with pytest.raises(ImportFailure, match="guide.xlsx: not a readable XLSX workbook"):
        run_import(xlsx, "table", tmp_path / "o", mapping=FIX / "table-mapping.yaml")
    xls = tmp_path / "guide.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFailure, match="save the sheet as .xlsx or CSV"):
        run_import(xls, "table", tmp_path / "o", mapping=FIX / "table-mapping.yaml")
    with pytest.raises(ImportFailure, match="needs --mapping"):
        run_import(FIX / "table.csv", "table", tmp_path / "o")


# ---------------------------------------------------------------- the catalog model

def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_unknown_values_only_in_imported_entries(tmp_path):
    root = make_tiny_catalog(tmp_path)
    path = root / "GA" / "370100-GA-001.yaml"

    def unknowns(d):
        d["fee"] = {"charged": None}
        d["time_limit"]["on_the_spot"] = None
        d["online"]["available"] = None
        d["materials"][0].update(form="未注明", copies=None, required=None)
        for key in ("summary", "updated"):
            d[key] = ""
        for key in ("aliases", "conditions", "process", "legal_basis"):
            d[key] = []

    _edit(path, unknowns)
    with pytest.raises(CatalogError) as info:                               # hand-written: still strict
        load_catalog(root)
    fields = {p.field for p in info.value.problems if p.path.endswith("370100-GA-001.yaml")}
    # fee.charged may be null in any entry (未收录: the page says so); the rest only when imported
    assert "fee.charged" not in fields
    assert {"time_limit.on_the_spot", "online.available", "materials[0].form",
            "materials[0].copies", "materials[0].required", "summary", "updated", "aliases", "conditions",
            "process", "legal_basis"} <= fields, fields
    _edit(path, lambda d: d.update(provenance={"system": "某系统", "source_id": "A1", "imported_at": DAY}))
    matter = load_catalog(root).get("370100-GA-001")                        # imported: unknown stays unknown
    assert matter.fee.charged is None and matter.time_limit.on_the_spot is None
    assert matter.online.available is None
    assert (matter.materials[0].form, matter.materials[0].copies, matter.materials[0].required) == ("未注明", None, None)
    _edit(path, lambda d: d["materials"][0].update(form="手写"))
    with pytest.raises(CatalogError, match="materials\\[0\\].form"):
        load_catalog(root)


def test_imported_entries_round_trip_through_the_build_dict(tmp_path):
    from guide.catalog import entry_from_dict, entry_to_dict

    _, out = _table(tmp_path)
    for matter in load_catalog(out).matters:
        data = json.loads(json.dumps(entry_to_dict(matter), ensure_ascii=False))
        again = entry_from_dict(data)
        assert again.materials == matter.materials and again.fee == matter.fee and again.provenance == matter.provenance


# ---------------------------------------------------------------- the real export

@pytest.mark.skipif(not REAL.exists(), reason=f"the shared Guangdong export {REAL} is outside the repository "
                                               "and not on this machine")
def test_real_guangdong_export_imports(tmp_path):
    started = time.perf_counter()
    report = run_import(REAL, "national", tmp_path / "gd", region="440000", skip_bad=True, imported_at=DAY)
    assert report.written and report.records == 2262
    assert report.imported >= 0.95 * report.records
    for name in ("material_intro", "handle_time_limit", "handle_time", "URL", "consult_phone", "handle_location"):
        c = report.fields[name]
        assert c.parsed >= 0.98 * (c.present - c.placeholder), (name, c)
    catalog = load_catalog(tmp_path / "gd")
    assert len(catalog.matters) == report.imported
    assert {m.region for m in catalog.matters} == {"440000", "440100"}
    assert sum(1 for m in catalog.matters if m.materials) == 809
    assert all(m.fee.charged is None and m.provenance for m in catalog.matters)
    assert time.perf_counter() - started < 120
