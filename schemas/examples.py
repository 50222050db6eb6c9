"""An object assembled from its schema's field examples, for documenting other
representations of it (a CSV row) with the values its JSON example shows."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields


def example_of(schema: type[Schema] | Schema) -> dict[str, Any]:
    """Every field with an example (or a nested object or list of them), in field order."""
    instance = schema() if isinstance(schema, type) else schema
    out: dict[str, Any] = {}
    for name, field in instance.fields.items():
        if isinstance(field, fields.Nested):
            out[name] = example_of(field.schema)
        elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            out[name] = field.metadata.get("example", [example_of(field.inner.schema)])
        elif "example" in field.metadata:
            out[name] = field.metadata["example"]
    return out
