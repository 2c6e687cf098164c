"""The evidence engine: runs snippets in isolated interpreters and hands their results to pages."""

from evidence.errors import EvidenceError
from evidence.page import data, result, results_each, say, show, show_each, show_result, volatile

__all__ = ["EvidenceError", "data", "result", "results_each", "say", "show", "show_each", "show_result",
           "volatile"]
