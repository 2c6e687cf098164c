"""The evidence engine: runs snippets in isolated interpreters and hands their results to pages."""

from evidence.errors import EvidenceError
from evidence.page import data, result, say, show

__all__ = ["EvidenceError", "data", "result", "say", "show"]
