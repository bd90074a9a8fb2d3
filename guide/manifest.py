"""What a build was made from, and the checks that refuse a build the running code cannot trust."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import guide
from guide.text import TOKENIZER_VERSION

FORMAT_VERSION = 5          # 2: lexical_indexes maps each index to its analysis field; 3: entries have regions;
                            # 4: the manifest says whether the build has name vectors (dense_names);
                            # 5: BM25 indexes keep term frequencies and document lengths (per-region statistics)
CURRENT = "CURRENT"


class BuildError(RuntimeError):
    """A build is missing, corrupt or made by other code; the message names the file and the fix."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Manifest:
    data: dict

    @property
    def build_id(self) -> str:
        return self.data["build_id"]

    @property
    def lexical_indexes(self) -> dict[str, str]:
        """BM25 index name -> the analysis field it holds (words, chars or pinyin)."""
        return dict(self.data["lexical_indexes"])

    @property
    def model(self) -> str:
        return self.data["model"]

    @property
    def engine(self) -> str | None:
        return self.data.get("e5_engine")

    def write(self, folder: Path) -> None:
        (folder / "manifest.json").write_text(json.dumps(self.data, ensure_ascii=False, indent=2),
                                              encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        path = folder / "manifest.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BuildError(f"{path} is missing: the build is incomplete. Run `guide build`.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BuildError(f"{path} is not valid JSON ({exc}). Run `guide build`.") from None
        if not isinstance(data, dict) or "build_id" not in data:
            raise BuildError(f"{path} has no build_id. Run `guide build`.")
        return cls(data)

    def check_code(self, model_name: str, folder: Path) -> None:
        """Refuse a build made by another format, tokenizer, model or package version."""
        expected = {"format_version": FORMAT_VERSION, "tokenizer_version": TOKENIZER_VERSION,
                    "package_version": guide.__version__, "model": model_name}
        for key, want in expected.items():
            have = self.data.get(key)
            if have != want:
                raise BuildError(
                    f"{folder / 'manifest.json'}: {key} is {have!r} but this code expects {want!r}. "
                    f"Run `guide build` to make a build for this version.")

    def check_files(self, folder: Path) -> None:
        """Every listed file exists with the recorded size and checksum (catches truncation)."""
        for name, meta in self.data.get("files", {}).items():
            path = folder / name
            if not path.is_file():
                raise BuildError(f"{path} is missing from build {self.build_id}. Run `guide build`.")
            if path.stat().st_size != meta["bytes"] or file_sha256(path) != meta["sha256"]:
                raise BuildError(f"{path} is corrupt or truncated (checksum differs from the "
                                 f"manifest). Run `guide build`.")


def read_current(index_dir: Path) -> Path:
    """The folder CURRENT points at; BuildError when there is none."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise BuildError(f"{pointer} is missing: no index build yet. Run `guide build`.") from None
    folder = index_dir / name
    if not name or "/" in name or not folder.is_dir():
        raise BuildError(f"{pointer} names {name!r}, which is not a build folder. Run `guide build`.")
    return folder
