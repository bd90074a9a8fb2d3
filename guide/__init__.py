"""智惠导服 — a government-service guide: catalog, hybrid retrieval, dialogue, web surfaces."""
from __future__ import annotations

__version__ = "0.1.0"


def load_guide(index_dir=None, settings=None):
    """Load the current index build read-only and return a Guide (the Python API)."""
    from guide.service import Guide

    return Guide.load(index_dir=index_dir, settings=settings)
