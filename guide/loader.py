"""Load a catalog folder: parse every YAML file, cross-check ids, fail with every problem at once."""
from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import yaml

from guide.catalog import (
    FAQ,
    FORM_UNKNOWN,
    FORMS,
    ID_RE,
    MATTER_TYPES,
    SLUG_RE,
    Bundle,
    BundleMember,
    Catalog,
    CatalogError,
    Fee,
    Location,
    Material,
    Matter,
    Option,
    Problem,
    Situation,
    TimeLimit,
    _Checker,
    plain_label,
)
from guide.search.lookalikes import prepare
from guide.text import normalize

MATTER_FIELDS = {
    "id", "name", "aliases", "department", "agency", "type", "subjects", "topics", "summary",
    "conditions", "situations", "materials", "process", "time_limit", "fee", "locations",
    "online", "visits", "result", "legal_basis", "faq", "notes", "updated", "kind",
    "region", "sources", "verified_on", "provenance", "lookalikes",
}
BUNDLE_FIELDS = {
    "id", "kind", "name", "aliases", "subjects", "summary", "members", "notes", "online",
    "updated", "department", "topics", "region", "sources", "verified_on",
}
MATERIAL_FIELDS = {"name", "form", "copies", "required", "when", "source", "notes",
                   "exempt_if_e_license"}


def parse_matter(data: dict, c: _Checker, departments: dict[str, str]) -> Matter:
    """An entry with `provenance` (written by `guide import`) may leave empty what its export does
    not record (aliases, summary, conditions, materials, process, legal_basis, updated) and may say
    null / 未注明 where a value is unknown (see IMPORTED_UNKNOWN); hand-written entries may not."""
    c.unknown(data, MATTER_FIELDS)
    need = data.get("provenance") is None          # hand-written: every required field is required
    situations = _situations(data, c)
    option_keys = {f"{s.id}.{o.id}" for s in situations for o in s.options}
    department = c.text(data, "department")
    if department and department not in departments:
        c.add("department", f"unknown department {department!r} (see data/departments.yaml)")
    mtype = c.text(data, "type")
    c.choice(mtype, MATTER_TYPES, "type")
    region = c.region(data)
    return Matter(
        id=_id(data, c, department, region), name=c.text(data, "name"),
        aliases=c.texts(data, "aliases", required=need),
        department=department, type=mtype, subjects=c.subjects(data),
        summary=c.text(data, "summary", required=need), conditions=c.texts(data, "conditions", required=need),
        materials=_materials(data, c, option_keys, imported=not need),
        process=c.texts(data, "process", required=need),
        time_limit=_time_limit(data, c, imported=not need), fee=_fee(data, c, imported=not need),
        online=c.online(data, imported=not need),
        legal_basis=c.texts(data, "legal_basis", required=need), updated=c.date(data, "updated", required=need),
        agency=c.text(data, "agency", required=False),
        topics=c.texts(data, "topics", required=False), situations=situations,
        locations=_locations(data, c), visits=c.integer(data, "visits", required=False),
        result=c.text(data, "result", required=False), faq=_faq(data, c),
        notes=c.text(data, "notes", required=False), region=region, sources=c.sources(data),
        verified_on=c.date(data, "verified_on", required=False), provenance=c.provenance(data),
        source_path=c.path, lookalikes=c.texts(data, "lookalikes", required=False),
    )


def parse_bundle(data: dict, c: _Checker, departments: dict[str, str]) -> Bundle:
    c.unknown(data, BUNDLE_FIELDS)
    department = c.text(data, "department", required=False)
    if department and department not in departments:
        c.add("department", f"unknown department {department!r} (see data/departments.yaml)")
    members = []
    for prefix, raw in c.mappings(data, "members", required=True):
        c.unknown(raw, {"matter", "note"}, prefix)
        members.append(BundleMember(c.text(raw, "matter", prefix),
                                    c.text(raw, "note", prefix, required=False)))
    region = c.region(data)
    return Bundle(
        id=_id(data, c, "YJS", region), name=c.text(data, "name"), aliases=c.texts(data, "aliases"),
        subjects=c.subjects(data), summary=c.text(data, "summary"), members=tuple(members),
        updated=c.date(data, "updated"), notes=c.texts(data, "notes", required=False),
        online=c.online(data) if "online" in data else Bundle.__dataclass_fields__["online"].default,
        department=department, topics=c.texts(data, "topics", required=False), region=region,
        sources=c.sources(data), verified_on=c.date(data, "verified_on", required=False), source_path=c.path,
    )


def _id(data: dict, c: _Checker, dept_code: str, region: str) -> str:
    value = c.text(data, "id")
    match = ID_RE.match(value) if value else None
    if value and not match:
        c.add("id", f"{value!r} does not look like <region>-<DEPT>-<number>, e.g. 370100-GA-002")
    elif match and dept_code and match.group(2) != dept_code:
        c.add("id", f"department part {match.group(2)!r} differs from {dept_code!r}")
    elif match and match.group(1) != region:
        c.add("id", f"region part {match.group(1)!r} differs from region {region!r}")
    return value


def _situations(data: dict, c: _Checker) -> tuple[Situation, ...]:
    out, seen = [], set()
    for prefix, raw in c.mappings(data, "situations", required=False):
        c.unknown(raw, {"id", "question", "options", "when"}, prefix)
        sid = c.text(raw, "id", prefix)
        if sid and not SLUG_RE.match(sid):
            c.add(prefix + "id", f"{sid!r} must be lower-case letters, digits and _")
        if sid in seen:
            c.add(prefix + "id", f"duplicate situation id {sid!r}")
        seen.add(sid)
        options, seen_opt = [], set()
        raw_options = raw.get("options")
        if not isinstance(raw_options, list) or len(raw_options) < 2:
            c.add(prefix + "options", "needs a list of at least 2 options")
            raw_options = []
        for j, opt in enumerate(raw_options):
            ofld = f"{prefix}options[{j}]."
            if not isinstance(opt, dict):
                c.add(ofld[:-1], "must be a mapping with id and label")
                continue
            c.unknown(opt, {"id", "label", "aliases"}, ofld)
            oid = c.text(opt, "id", ofld)
            if oid and not SLUG_RE.match(oid):
                c.add(ofld + "id", f"{oid!r} must be lower-case letters, digits and _")
            if oid in seen_opt:
                c.add(ofld + "id", f"duplicate option id {oid!r}")
            seen_opt.add(oid)
            options.append(Option(oid, c.text(opt, "label", ofld), c.texts(opt, "aliases", ofld, required=False)))
        _check_option_aliases(options, prefix, c)
        when, when_all = c.when(raw, prefix)
        earlier = {f"{s.id}.{o.id}" for s in out for o in s.options}
        for w in (*when, *when_all):
            if w not in earlier:
                c.add(prefix + "when", f"{w!r} is not an option of an earlier situation")
        out.append(Situation(sid, c.text(raw, "question", prefix), tuple(options), when, when_all))
    return tuple(out)


def _check_option_aliases(options: list[Option], prefix: str, c: _Checker) -> None:
    """An option alias picks its option when a message holds it, so it must be at least two
    characters and must not be part of another option's label or alias ("有空调" would also be
    read in "没有空调"): the dialogue would then see both options named and pick neither."""
    for j, option in enumerate(options):
        for k, alias in enumerate(option.aliases):
            field, phrase = f"{prefix}options[{j}].aliases[{k}]", normalize(alias)
            if len(phrase) < 2:
                c.add(field, f"{alias!r} is too short to pick an option (at least 2 characters)")
                continue
            for other in options:
                texts = (plain_label(other.label), *other.aliases)
                if other is not option and any(phrase in normalize(t) for t in texts):
                    c.add(field, f"{alias!r} is also part of option {other.id!r}'s label or aliases")
                    break


def _materials(data: dict, c: _Checker, option_keys: set[str], imported: bool = False) -> tuple[Material, ...]:
    out = []
    for prefix, raw in c.mappings(data, "materials", required=not imported):
        c.unknown(raw, MATERIAL_FIELDS, prefix)
        form = c.text(raw, "form", prefix)
        c.choice(form, (*FORMS, FORM_UNKNOWN) if imported else FORMS, prefix + "form")
        when, when_all = c.when(raw, prefix)
        for key in (*when, *when_all):
            if key not in option_keys:
                c.add(prefix + "when", f"names unknown situation option {key!r} "
                      f"(known: {', '.join(sorted(option_keys)) or 'none'})")
        if imported and "copies" in raw and raw["copies"] is None:
            copies = None                          # imported: the export does not give the number
        else:
            copies = c.integer(raw, "copies", prefix)
            if copies is None and "copies" in raw and raw["copies"] is None:
                c.add(prefix + "copies", "must be a whole number >= 0 (null only in imported entries)")
            copies = copies or 0
        out.append(Material(
            name=c.text(raw, "name", prefix), form=form, copies=copies,
            required=c.flag(raw, "required", prefix, default=True, nullable=imported), when=when,
            source=c.text(raw, "source", prefix, required=False),
            notes=c.text(raw, "notes", prefix, required=False),
            exempt_if_e_license=c.flag(raw, "exempt_if_e_license", prefix, default=False),
            when_all=when_all,
        ))
    return tuple(out)


def _time_limit(data: dict, c: _Checker, imported: bool = False) -> TimeLimit:
    return c.time_limit(data, imported)  # checked in guide.catalog next to TimeLimit (incl. days_unit)


def _fee(data: dict, c: _Checker, imported: bool = False) -> Fee:
    raw = c.mapping(data, "fee") or {}
    c.unknown(raw, {"charged", "standard", "basis"}, "fee.")
    # null = 未收录 (hand-written or imported alike), never 不收费
    charged = c.flag(raw, "charged", "fee.", nullable=True)
    return Fee(charged, c.text(raw, "standard", "fee.", required=bool(charged)),
               c.text(raw, "basis", "fee.", required=False))


def _locations(data: dict, c: _Checker) -> tuple[Location, ...]:
    out = []
    for prefix, raw in c.mappings(data, "locations", required=False):
        c.unknown(raw, {"hall", "address", "hours", "phone"}, prefix)
        phone = c.text(raw, "phone", prefix, required=False)
        c.phone(phone, prefix + "phone")
        out.append(Location(c.text(raw, "hall", prefix, required=False),
                            c.text(raw, "address", prefix, required=False),
                            c.text(raw, "hours", prefix, required=False), phone))
    return tuple(out)


def _faq(data: dict, c: _Checker) -> tuple[FAQ, ...]:
    out = []
    for prefix, raw in c.mappings(data, "faq", required=False):
        c.unknown(raw, {"q", "a"}, prefix)
        out.append(FAQ(c.text(raw, "q", prefix), c.text(raw, "a", prefix)))
    return tuple(out)


def load_departments(root: Path) -> dict[str, str]:
    """The catalog folder's own departments.yaml (imported catalogs), else the one beside it
    (data/departments.yaml for data/matters)."""
    path = root / "departments.yaml"
    if not path.exists():
        path = root.parent / "departments.yaml"
    if not path.exists():
        raise CatalogError([Problem(str(path), "-", "department list is missing")])
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def load_catalog(root: Path | str) -> Catalog:
    """Parse and validate every YAML file under `root`; raise CatalogError listing all problems."""
    root = Path(root)
    if not root.is_dir():
        raise CatalogError([Problem(str(root), "-", "catalog folder does not exist")])
    problems: list[Problem] = []
    try:
        departments = load_departments(root)
    except CatalogError as exc:
        problems.extend(exc.problems)
        departments = {}
    except yaml.YAMLError as exc:
        problems.append(Problem(str(root.parent / "departments.yaml"), "-", f"not valid YAML: {exc}"))
        departments = {}
    matters, bundles, digest = [], [], hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.name != "departments.yaml")
    if not files:
        problems.append(Problem(str(root), "-", "no .yaml files found"))
    for path in files:
        rel = str(path)
        raw = path.read_bytes()
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + raw + b"\0")
        try:
            data = yaml.safe_load(raw.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(Problem(rel, "-", f"not valid UTF-8 YAML: {exc}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(rel, "-", "file must hold one mapping (a matter or a bundle)"))
            continue
        checker = _Checker(rel, problems)
        if data.get("kind", "matter") == "bundle":
            bundles.append(parse_bundle(data, checker, departments))
        elif data.get("kind", "matter") == "matter":
            matters.append(parse_matter(data, checker, departments))
        else:
            problems.append(Problem(rel, "kind", f"{data.get('kind')!r} is not matter or bundle"))
    _cross_check(matters, bundles, problems)
    if problems:
        raise CatalogError(problems)
    matters.sort(key=lambda m: m.id)
    bundles.sort(key=lambda b: b.id)
    digest.update(yaml.safe_dump(departments, allow_unicode=True).encode())
    return Catalog(tuple(matters), tuple(bundles), departments, digest.hexdigest())


def _cross_check(matters: list[Matter], bundles: list[Bundle], problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for item in (*matters, *bundles):
        if item.id and item.id in seen:
            problems.append(Problem(item.source_path, "id",
                                    f"duplicate id {item.id!r} (also in {seen[item.id]})"))
        seen.setdefault(item.id, item.source_path)
    matter_ids = {m.id for m in matters}
    _check_lookalikes(matters, bundles, problems)
    for bundle in bundles:
        for i, member in enumerate(bundle.members):
            if member.matter and member.matter not in matter_ids:
                problems.append(Problem(bundle.source_path, f"members[{i}].matter",
                                        f"names unknown matter {member.matter!r}"))


def _check_lookalikes(matters: list[Matter], bundles: list[Bundle], problems: list[Problem]) -> None:
    """A lookalike names a service the catalog lacks: it must not be any entry's name or alias (then
    the catalog has it and search finds it), must be at least 4 characters (shorter phrases,
    "优待证", would also match questions about the matter itself), and must say something the
    matter's own names do not (a character pair none of them has)."""
    names: dict[str, str] = {}
    for item in (*matters, *bundles):
        for term in (item.name, *item.aliases):
            names.setdefault(normalize(term), item.id)
    for m in matters:
        for i, term in enumerate(m.lookalikes):
            key = normalize(term)
            if len(key) < 4:
                problems.append(Problem(m.source_path, f"lookalikes[{i}]",
                                        f"{term!r} is too short to name another service (at least 4 characters)"))
            elif key in names:
                problems.append(Problem(m.source_path, f"lookalikes[{i}]",
                                        f"{term!r} is the name or an alias of {names[key]}: the catalog has it"))
            elif not prepare([key], (normalize(n) for n in (m.name, *m.aliases)))[0].marks:
                problems.append(Problem(m.source_path, f"lookalikes[{i}]",
                                        f"{term!r} says nothing the matter's own names do not: an alias, not a lookalike"))


def catalog_stats(catalog: Catalog) -> dict:
    """Counts a curator wants to see: matters per department, bundles, situations, materials."""
    per_dept = Counter(m.department for m in catalog.matters)
    return {
        "matters": len(catalog.matters),
        "bundles": len(catalog.bundles),
        "departments": len(per_dept),
        "situations": sum(len(m.situations) for m in catalog.matters),
        "materials": sum(len(m.materials) for m in catalog.matters),
        "faq": sum(len(m.faq) for m in catalog.matters),
        "matters_for_natural_persons": sum("自然人" in m.subjects for m in catalog.matters),
        "lookalikes": sum(len(m.lookalikes) for m in catalog.matters),
        "per_region": dict(sorted(Counter(e.region for e in catalog.entries).items())),
        "per_department": {f"{code} {catalog.departments.get(code, '')}": n
                           for code, n in sorted(per_dept.items())},
    }


def catalog_folders(settings) -> list[Path]:
    """The catalog folders a deployment serves: settings.catalog_dirs (os.pathsep-separated,
    GUIDE_CATALOG_DIRS), else the one catalog_dir."""
    import os

    from guide.config import PROJECT_ROOT

    if settings.catalog_dirs:
        return [Path(p) if Path(p).is_absolute() else (PROJECT_ROOT / p).resolve()
                for p in settings.catalog_dirs.split(os.pathsep) if p.strip()]
    return [Path(settings.catalog_dir)]


def qa_folder(settings) -> Path:
    """settings.qa_dir, else the `qa` folder beside the (first) catalog folder: data/qa for data/matters."""
    return Path(settings.qa_dir) if settings.qa_dir else catalog_folders(settings)[0].parent / "qa"


def qa_folders(settings) -> list[Path]:
    """The Q&A folders a deployment serves: settings.qa_dirs (os.pathsep-separated, GUIDE_QA_DIRS;
    e.g. the shipped data/qa and an imported hotline table), else the one qa_folder."""
    import os

    from guide.config import PROJECT_ROOT

    if settings.qa_dirs:
        return [Path(p) if Path(p).is_absolute() else (PROJECT_ROOT / p).resolve()
                for p in settings.qa_dirs.split(os.pathsep) if p.strip()]
    return [qa_folder(settings)]


def load_all(settings) -> Catalog:
    """Every catalog folder and the Q&A folder as one validated catalog; every problem at once.
    Each folder has its own departments.yaml; a code two folders name differently is a problem,
    and so is an id found in two folders. Q&A `related` ids may name entries of any folder."""
    from guide.qa import load_qa

    problems: list[Problem] = []
    parts: list[Catalog] = []
    for folder in catalog_folders(settings):
        try:
            parts.append(load_catalog(folder))
        except CatalogError as exc:
            problems.extend(exc.problems)
    departments: dict[str, str] = {}
    for part in parts:
        for code, name in part.departments.items():
            if departments.setdefault(code, name) != name:
                problems.append(Problem(str(part.matters[0].source_path if part.matters else "-"), "department",
                                        f"code {code!r} is {name!r} here but {departments[code]!r} elsewhere"))
    matters = [m for p in parts for m in p.matters]
    bundles = [b for p in parts for b in p.bundles]
    _cross_check(matters, bundles, problems)
    qas: tuple = ()
    qa_hashes: list[str] = []
    seen: dict[str, Path] = {}
    for folder in qa_folders(settings):
        if settings.qa_dirs and not folder.is_dir():      # named on purpose: a typo must not serve nothing
            problems.append(Problem(str(folder), "qa_dirs", "Q&A folder not found"))
            continue
        try:
            found, digest = load_qa(folder, departments, {e.id for e in (*matters, *bundles)})
        except CatalogError as exc:
            problems.extend(exc.problems)
            continue
        for qa in found:
            if qa.id in seen:
                problems.append(Problem(str(qa.source_path), "id", f"Q&A {qa.id} is also in {seen[qa.id]}"))
            seen.setdefault(qa.id, folder)
        qas += found
        qa_hashes.append(digest)
    qa_hash = "\0".join(qa_hashes)
    if problems:
        raise CatalogError(problems)
    digest = hashlib.sha256("\0".join([*(p.content_hash for p in parts), qa_hash]).encode()).hexdigest()
    return Catalog(tuple(sorted(matters, key=lambda m: m.id)), tuple(sorted(bundles, key=lambda b: b.id)),
                   departments, digest, qas)
