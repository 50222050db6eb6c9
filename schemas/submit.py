"""The body of `POST /v1/sources`: a report's text and what the client knows about it.

Every rule is written twice on purpose, once as a validator and once as the
OpenAPI constraint it implies (`pattern`, `format`), with the same regular
expression: a client (or a schema-driven fuzzer) that follows the document
is never refused, and one that does not gets a 422 naming the field.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

#: Some character that is not whitespace, and no NUL anywhere (NUL means binary data).
TEXT_PATTERN = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"
#: An http(s) URL: a scheme, then at least one RFC 3986 character and nothing else.
URL_PATTERN = r"^https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+$"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})\Z", re.IGNORECASE)


class Unicode(fields.String):
    """A string that can be stored: JSON may carry lone surrogates ("\\ud800"), which are
    not text and which neither SQLite nor UTF-8 can hold."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise ValidationError(
                f"Not valid Unicode: an unpaired surrogate at character {err.start}.") from None
        return text


def report_text(text: str) -> None:
    """Refuse binary data (NUL) and reports with nothing but whitespace, saying which."""
    if "\x00" in text:
        raise ValidationError("Binary data (a NUL character) is not a text report.")
    if not re.search(r"\S", text):
        raise ValidationError("The report is empty or only whitespace.")


def iso_date_or_datetime(value: str) -> None:
    """An ISO 8601 date (`2016-12-15`) or RFC 3339 date-time (`2016-12-15T15:47:00Z`)."""
    try:
        if _DATE.match(value):
            date.fromisoformat(value)
            return
        if _DATE_TIME.match(value):
            datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
            return
    except ValueError:
        pass
    raise ValidationError("Must be an ISO 8601 date (2016-12-15) or date-time "
                          "(2016-12-15T15:47:00Z).")


class SubmitSchema(Schema):
    """A report to extract and store; only `text` is required."""

    class Meta:
        unknown = RAISE

    text = Unicode(required=True, validate=report_text, metadata={
        "pattern": TEXT_PATTERN,
        "description": "The report's text (UTF-8). Not empty, not only whitespace, no NUL.",
        "example": "Officials said 300 people were evacuated from Idlib on Monday.",
    })
    title = Unicode(allow_none=True, validate=validate.Length(max=1000), metadata={
        "description": "Headline; when absent or blank, the first line of the text.",
        "example": "300 evacuated from Idlib"})
    url = Unicode(allow_none=True, validate=[validate.Length(max=2000),
                                             validate.Regexp(URL_PATTERN)], metadata={
        "description": "Where it was published (http or https).",
        "example": "https://example.org/news/idlib-evacuation"})
    outlet = Unicode(allow_none=True, validate=validate.Length(max=200), metadata={
        "description": "Who published it.", "example": "Example News"})
    published_at = Unicode(allow_none=True, validate=iso_date_or_datetime, metadata={
        "anyOf": [{"format": "date"}, {"format": "date-time"}],
        "description": "Publication date or date-time, ISO 8601: `2016-12-15` or "
                       "`2016-12-15T15:47:00Z`. Sets the source's `published` date.",
        "example": "2016-12-15"})

    @post_load
    def _tidy(self, data: dict, **_kwargs: Any) -> dict:
        """Strip the metadata fields (a pattern's `$` allows one trailing newline)."""
        for name in ("title", "url", "outlet", "published_at"):
            if isinstance(data.get(name), str):
                data[name] = data[name].strip() or None
        return data
