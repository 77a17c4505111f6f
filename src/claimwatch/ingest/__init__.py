"""Input edge: files and streams -> :class:`~claimwatch.model.Article` (all I/O lives here)."""
from claimwatch.ingest.text import MAX_BYTES, article_from_bytes, read_text_article

__all__ = ["MAX_BYTES", "article_from_bytes", "read_text_article"]
