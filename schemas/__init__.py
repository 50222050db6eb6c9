"""Marshmallow schemas for the evacfacts API: resources and query arguments."""
