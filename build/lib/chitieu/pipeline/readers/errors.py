"""The one error a reader raises: the file cannot become a document, and why."""


class UnreadableDocument(Exception):
    """Raised with a reason a person can act on; the caller adds the path."""
