"""Schema validation: every error class is reported with file and field, all at once."""
from __future__ import annotations

import shutil

import pytest
import yaml

from guide.catalog import CatalogError
from guide.config import PROJECT_ROOT
from guide.loader import load_catalog
from tests.conftest import make_tiny_catalog


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_tiny_catalog_loads(tmp_path):
    catalog = load_catalog(make_tiny_catalog(tmp_path))
    assert len(catalog.matters) == 7 and len(catalog.bundles) == 1
    assert catalog.get("370100-GA-002").name == "居民身份证换领"


def test_planted_mistakes_are_all_reported_and_nothing_loads(tmp_path):
    root = make_tiny_catalog(tmp_path)
    ga = root / "GA"
    _edit(ga / "370100-GA-001.yaml", lambda d: d.update(colour="red"))                     # unknown field
    _edit(ga / "370100-GA-003.yaml", lambda d: d.pop("name"))                              # missing field
    shutil.copy(ga / "370100-GA-002.yaml", ga / "copy.yaml")                               # duplicate id
    _edit(root / "bundles" / "370100-YJS-001.yaml",
          lambda d: d["members"].append({"matter": "370100-GA-999"}))                      # unknown member
    _edit(ga / "370100-GA-002.yaml",
          lambda d: d["materials"][0].update(when=["reason.lost_in_space"]))               # unknown option
    _edit(root / "GJJ" / "370100-GJJ-001.yaml",
          lambda d: d["online"]["channels"].append({"name": "x", "url": "ftp://a.b/c"}))    # not http(s)
    _edit(root / "MZ" / "370100-MZ-001.yaml", lambda d: d.update(type="行政魔法"))          # bad enum
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    text = "\n".join(map(str, info.value.problems))
    expected = [("370100-GA-001.yaml", "colour", "unknown field"),
                ("370100-GA-003.yaml", "name", "missing required field"),
                ("copy.yaml", "id", "duplicate id"),
                ("370100-YJS-001.yaml", "members[2].matter", "unknown matter"),
                ("370100-GA-002.yaml", "materials[0].when", "unknown situation option"),
                ("370100-GJJ-001.yaml", "url", "not an http(s) URL"),
                ("370100-MZ-001.yaml", "type", "is not one of")]
    for file, field, message in expected:
        assert any(file in str(p) and field in p.field and message in p.message
                   for p in info.value.problems), f"missing {file} {field} {message}\n{text}"


def test_broken_yaml_and_wrong_types_are_reported(tmp_path):
    root = make_tiny_catalog(tmp_path)
    (root / "GA" / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    _edit(root / "GA" / "370100-GA-001.yaml", lambda d: d["materials"][0].update(copies="two"))
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    fields = {(p.path.rsplit("/", 1)[-1], p.field) for p in info.value.problems}
    assert ("bad.yaml", "-") in fields
    assert ("370100-GA-001.yaml", "materials[0].copies") in fields


def test_placeholder_phone_is_rejected(tmp_path):
    root = make_tiny_catalog(tmp_path)
    _edit(root / "GA" / "370100-GA-001.yaml",
          lambda d: d.update(locations=[{"hall": "x", "phone": "0531-XXXXXXX"}]))
    with pytest.raises(CatalogError, match="phone"):
        load_catalog(root)


def test_material_applies_only_to_its_options(tmp_path):
    matter = load_catalog(make_tiny_catalog(tmp_path)).get("370100-GA-002")
    conditional = [m for m in matter.materials if m.when]
    assert conditional, "the example matter has situation-dependent materials"
    m = conditional[0]
    sid, oid = m.when[0].split(".")
    assert m.applies({sid: oid})
    others = [o.id for s in matter.situations if s.id == sid for o in s.options
              if f"{sid}.{o.id}" not in m.when]
    assert others and not m.applies({sid: others[0]})


def test_shipped_catalog_is_valid():
    catalog = load_catalog(PROJECT_ROOT / "data" / "matters")
    assert len(catalog.matters) > 0


def test_bad_days_unit_is_reported_with_file_and_field(tmp_path):
    root = make_tiny_catalog(tmp_path)
    _edit(root / "GA" / "370100-GA-002.yaml", lambda d: d["time_limit"].update(days_unit="月"))
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    assert any(p.path.endswith("370100-GA-002.yaml") and p.field == "time_limit.days_unit"
               and "is not one of" in p.message for p in info.value.problems), info.value.problems


def test_days_unit_defaults_to_working_days_and_round_trips(tmp_path):
    import json

    from guide.catalog import entry_from_dict, entry_to_dict

    root = make_tiny_catalog(tmp_path)
    _edit(root / "GA" / "370100-GA-002.yaml", lambda d: d["time_limit"].update(days_unit="自然日"))
    _edit(root / "GA" / "370100-GA-001.yaml", lambda d: d["time_limit"].pop("days_unit", None))
    catalog = load_catalog(root)
    calendar, default = catalog.get("370100-GA-002"), catalog.get("370100-GA-001")
    assert calendar.time_limit.days_unit == "自然日"
    assert default.time_limit.days_unit == "工作日"
    for entry in (calendar, default):
        data = json.loads(json.dumps(entry_to_dict(entry), ensure_ascii=False))
        assert data["time_limit"]["days_unit"] == entry.time_limit.days_unit
        assert entry_from_dict(data) == dataclasses_replace_source(entry)
    older = entry_to_dict(default)                      # a catalog.db written before days_unit
    older["time_limit"].pop("days_unit")
    assert entry_from_dict(older).time_limit.days_unit == "工作日"


def dataclasses_replace_source(entry):
    """entry_to_dict drops source_path, so the round trip restores everything but it."""
    import dataclasses

    return dataclasses.replace(entry, source_path="")


def test_option_alias_that_would_name_two_options_is_rejected(tmp_path):
    """"有空调" inside "没有空调": a message naming one would name both, so neither is picked."""
    root = make_tiny_catalog(tmp_path)

    def plant(d):
        first, second = d["situations"][0]["options"][:2]
        first["aliases"] = ["有空调"]
        second["aliases"] = ["没有空调", "快"]

    _edit(root / "GA" / "370100-GA-002.yaml", plant)
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    found = {(p.field, p.message) for p in info.value.problems}
    assert any(f == "situations[0].options[0].aliases[0]" and "option" in m and "aliases" in m for f, m in found), found
    assert any(f == "situations[0].options[1].aliases[1]" and "too short" in m for f, m in found), found
    assert not any(f == "situations[0].options[1].aliases[0]" for f, _ in found), found
