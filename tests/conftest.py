"""Shared fixtures for the evacfacts test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def claims_of():
    """Extract the claims of a text and index them by value for short assertions."""
    from api.ingest import extract_claims

    def run(text: str) -> dict[int, dict]:
        claims = extract_claims(text, "test.txt")
        return {c["value"]: c for c in claims}

    return run
