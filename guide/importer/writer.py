"""Write an imported catalog folder all at once: build it in a temporary folder beside DIR, validate
it with the loader, then swap it in. DIR is never left half-written."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import yaml

from guide.catalog import CatalogError

MANIFEST = "IMPORT.json"        # not .yaml: the loader reads every .yaml file as a matter


class ImportFailure(Exception):
    """The import wrote nothing; `problems` says why."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = problems or []


def check_target(out: Path, system: str) -> None:
    """DIR may be missing, empty, or a previous import of the same system (it is replaced whole)."""
    if out.exists() and not out.is_dir():
        raise ImportFailure(f"{out} exists and is not a folder")
    if not out.exists() or not any(out.iterdir()):
        return
    manifest = out / MANIFEST
    try:
        previous = json.loads(manifest.read_text(encoding="utf-8")).get("system")
    except (OSError, ValueError, AttributeError):
        raise ImportFailure(f"{out} is not empty and is not a previous import ({MANIFEST} missing or "
                            f"unreadable): refusing to overwrite it") from None
    if previous != system:
        raise ImportFailure(f"{out} holds an import of {previous!r}, not {system!r}: refusing to overwrite it")


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_catalog(out: Path, system: str, matters: list[dict], departments: dict[str, str],
                  manifest: dict) -> None:
    """A matter catalog: DIR/departments.yaml and DIR/<department>/<id>.yaml, validated as `guide validate` would."""
    from guide.loader import load_catalog

    files = {"departments.yaml": dict(sorted(departments.items()))}
    files.update({f"{m['department']}/{m['id']}.yaml": m for m in matters})
    write_folder(out, system, files, manifest, load_catalog)


def write_qa(out: Path, system: str, qas: list[dict], manifest: dict, departments: dict[str, str],
             entry_ids: set[str]) -> None:
    """A Q&A folder: DIR/<TOPIC>/<id>.yaml, validated by the Q&A loader against the catalog's
    departments and entry ids (`related`)."""
    from guide.qa import load_qa

    files = {f"{q['topic']}/{q['id']}.yaml": q for q in qas}
    write_folder(out, system, files, manifest, lambda folder: load_qa(folder, departments, entry_ids))


def write_folder(out: Path, system: str, files: dict[str, object], manifest: dict, validate) -> None:
    """Write `files` (relative path -> data, as YAML) and the manifest into a temporary folder beside DIR,
    run `validate(folder)` (it raises CatalogError), then swap the folder in."""
    out = Path(out).absolute()
    check_target(out, system)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.importing-", dir=out.parent))
    os.chmod(tmp, 0o755)
    try:
        for rel, data in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dump(data), encoding="utf-8")
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            validate(tmp)                            # the output must pass `guide validate` as it is
        except CatalogError as exc:
            raise ImportFailure("the imported folder does not validate; nothing written",
                                exc.problems) from None
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(tmp: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.previous-", dir=out.parent))
        os.rename(out, old / out.name)
    try:
        os.rename(tmp, out)
    except OSError:
        if old is not None:                          # put the previous import back
            os.rename(old / out.name, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
