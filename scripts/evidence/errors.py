"""The one error the engine raises: it names the page, the snippet and the cause."""


class EvidenceError(RuntimeError):
    """A snippet could not give the evidence its page asked for."""

    def __init__(self, cause: str, snippet: str | None = None, page: str | None = None, details: str = "") -> None:
        self.cause = cause
        self.snippet = snippet
        self.page = page
        self.details = details
        where = f"page docs/{page}: " if page else ""
        message = f"{where}snippet snippets/{snippet}: {cause}" if snippet else f"{where}{cause}"
        if details:
            message += "\n" + details.rstrip()
        super().__init__(message)
