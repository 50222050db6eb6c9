"""The guide's merge rule: one claim per thing said, within one report.

Mentions with the same quantity, group, value and status are one claim (a
headline and the body line that repeats it) unless they name different
actors, in which case each actor's statement is its own claim. A mention
that names no actor joins the claim it most resembles: the one with the same
hedge, else the nearest. The claim keeps its first mention's offsets and takes
from the others what the first one lacks (an actor, a place).
"""

from __future__ import annotations

from typing import Any

FILLED_FROM_LATER = ("actor", "via", "origin", "destination", "location")


def merge_mentions(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge a report's mentions (claim dicts in text order) into claims."""
    groups: dict[tuple, list[list[dict[str, Any]]]] = {}
    unattributed: list[tuple[tuple, dict[str, Any]]] = []
    for mention in mentions:
        key = (mention["quantity"], mention["group"], mention["value"], mention["status"])
        clusters = groups.setdefault(key, [])
        if mention["actor"] is None:
            unattributed.append((key, mention))
            continue
        for cluster in clusters:
            if _actor(cluster) == mention["actor"]:
                cluster.append(mention)
                break
        else:
            clusters.append([mention])
    for key, mention in unattributed:
        clusters = groups[key]
        if not clusters:
            clusters.append([mention])
            continue
        same_hedge = [c for c in clusters if any(m["qualifier"] == mention["qualifier"] for m in c)]
        pool = same_hedge or clusters
        nearest = min(pool, key=lambda c: min(abs(m["start"] - mention["start"]) for m in c))
        nearest.append(mention)
    claims = [_combine(cluster) for clusters in groups.values() for cluster in clusters]
    return sorted(claims, key=lambda c: c["start"])


def _actor(cluster: list[dict[str, Any]]) -> str | None:
    return next((m["actor"] for m in cluster if m["actor"]), None)


def _combine(cluster: list[dict[str, Any]]) -> dict[str, Any]:
    ordered = sorted(cluster, key=lambda m: m["start"])
    claim = dict(ordered[0])
    for field in FILLED_FROM_LATER:
        if claim[field] is None:
            claim[field] = next((m[field] for m in ordered if m[field] is not None), None)
    if claim["via"] is not None and claim["actor"] is None:
        claim["via"] = None
    return claim
