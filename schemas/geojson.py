"""GeoJSON (RFC 7946) for the lists whose items have a place: typed, item by item.

`/v1/locations` and `/v1/figures` answer `Accept: application/geo+json` with a
FeatureCollection: one Point per item at its coordinates (null geometry when
they are unknown), the item itself, exactly as in the JSON list, as the
feature's properties. These schemas document that shape, so a generated
client gets a `LocationFeatureCollection` rather than an untyped object.
"""

from __future__ import annotations

from marshmallow import Schema, fields


def _constant(value: str) -> fields.String:
    return fields.String(required=True, metadata={"enum": [value], "example": value})


class PointSchema(Schema):
    """A GeoJSON Point: longitude, then latitude (WGS 84)."""

    type = _constant("Point")
    coordinates = fields.List(fields.Float(), required=True, metadata={
        "minItems": 2, "maxItems": 2, "description": "[longitude, latitude]",
        "example": [37.16117, 36.20124]})


def feature_collection(item: type[Schema], name: str) -> type[Schema]:
    """The FeatureCollection schema of a list whose items are `item` (named `<name>Feature`
    and `<name>FeatureCollection` in the document)."""
    feature = Schema.from_dict({
        "type": _constant("Feature"),
        "id": fields.String(metadata={"description": "The item's id"}),
        "geometry": fields.Nested(PointSchema, required=True, allow_none=True, metadata={
            "description": "Where the item is; null when its coordinates are unknown"}),
        "properties": fields.Nested(item, required=True, metadata={
            "description": "The item, as the JSON list gives it"}),
    }, name=f"{name}FeatureSchema")
    return Schema.from_dict({
        "type": _constant("FeatureCollection"),
        "features": fields.List(fields.Nested(feature), required=True, metadata={
            "description": "One feature per item of the page"}),
    }, name=f"{name}FeatureCollectionSchema")
