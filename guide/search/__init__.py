"""Search over one build: typed hits and signals, lexical and dense retrievers, fusion,
confidence, and the searcher that wires them from the retrieval settings file."""
from guide.search.types import Confidence, Filters, Hit, SearchResult, Signals

__all__ = ["Confidence", "Filters", "Hit", "SearchResult", "Signals"]
