"""Plans and results -> the one JSON payload every surface renders; plain text for the terminal."""
from __future__ import annotations

from dataclasses import asdict

from guide.retrieve import SearchResult


def search_payload(result: SearchResult) -> dict:
    """The /api/search response body (API version 1)."""
    return {"query": result.query, "normalized": result.normalized,
            "results": [asdict(h) for h in result.hits], "confidence": result.confidence}
