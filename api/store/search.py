"""What a search box's text means to SQLite's full-text index.

FTS5 has a query language of its own (quotes, `AND`, `NEAR(...)`, `*`), and a
client's search box should not have to know it: a lone double quote typed by a
user would otherwise be a syntax error, and a 500. Each word becomes a quoted
phrase, all of them required, so the text is only ever matched, never parsed.
"""

from __future__ import annotations


def fts_phrases(text: str) -> str | None:
    """Each word of `text` as an FTS5 phrase, all required; None when no word holds a
    letter or digit (a lone quote, a dash), since the index can match nothing then."""
    # FTS5 reads a query string only up to a NUL; control characters separate words.
    text = "".join(" " if ch < " " or ch == "\x7f" else ch for ch in text)
    words = [word for word in text.split() if any(ch.isalnum() for ch in word)]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)
