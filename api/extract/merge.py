"""The guide's merge rule: one claim per thing said, within one report.

Mentions with the same quantity, group, value and status are one claim (a
headline and the body line that repeats it) unless they name different
actors, in which case each actor's statement is its own claim. A mention
that names no actor joins the claim it most resembles: the one with the same
hedge, else the nearest. The claim keeps its first mention's offsets and takes
from the others what the first one lacks (an actor, a place, a hedge).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import Any

FILLED_FROM_LATER = ("actor", "via", "origin", "destination", "location")
HEDGE = ("qualifier", "value_low", "value_high")


def merge_mentions(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge a report's mentions (claim dicts in text order) into claims."""
    groups: dict[tuple, list[_Cluster]] = {}
    unattributed: list[tuple[tuple, dict[str, Any]]] = []
    for mention in mentions:
        key = (mention["quantity"], mention["group"], mention["value"], mention["status"])
        clusters = groups.setdefault(key, [])
        if mention["actor"] is None:
            unattributed.append((key, mention))
            continue
        for cluster in clusters:
            if cluster.actor == mention["actor"]:
                cluster.add(mention)
                break
        else:
            clusters.append(_Cluster(mention))
    for key, mention in unattributed:
        clusters = groups[key]
        if not clusters:
            clusters.append(_Cluster(mention))
            continue
        same_hedge = [c for c in clusters if mention["qualifier"] in c.qualifiers]
        pool = same_hedge or clusters
        min(pool, key=lambda c: c.distance(mention["start"])).add(mention)
    claims = [_combine(cluster.mentions) for clusters in groups.values() for cluster in clusters]
    return sorted(claims, key=lambda c: c["start"])


class _Cluster:
    """The mentions of one claim, with what merging asks of them kept at hand."""

    def __init__(self, first: dict[str, Any]) -> None:
        self.mentions = [first]
        self.actor = first["actor"]
        self.qualifiers = {first["qualifier"]}
        self.starts = [first["start"]]

    def add(self, mention: dict[str, Any]) -> None:
        self.mentions.append(mention)
        self.actor = self.actor or mention["actor"]
        self.qualifiers.add(mention["qualifier"])
        insort(self.starts, mention["start"])

    def distance(self, start: int) -> int:
        """How far ``start`` is from the nearest mention of this claim."""
        i = bisect_left(self.starts, start)
        near = self.starts[max(0, i - 1) : i + 1]
        return min(abs(s - start) for s in near)


def _combine(cluster: list[dict[str, Any]]) -> dict[str, Any]:
    """One claim from its mentions. Mentions may carry `cues` (a dict by field): a field
    taken from a later mention takes that mention's cue too; `mentions` counts them."""
    ordered = sorted(cluster, key=lambda m: m["start"])
    claim = dict(ordered[0])
    cues = dict(claim.get("cues", {}))
    for field in FILLED_FROM_LATER:
        if claim[field] is None:
            source = next((m for m in ordered if m[field] is not None), None)
            if source is not None:
                claim[field] = source[field]
                if field in source.get("cues", {}):
                    cues[field] = source["cues"][field]
    if claim["qualifier"] == "exact":
        # A headline drops the hedge its body line keeps ("1,500 bodies recovered" over
        # "more than 1,500 bodies were recovered"): the claim is the hedged figure.
        hedged = next((m for m in ordered if m["qualifier"] != "exact"), None)
        if hedged is not None:
            for field in HEDGE:
                claim[field] = hedged[field]
            if "qualifier" in hedged.get("cues", {}):
                cues["qualifier"] = hedged["cues"]["qualifier"]
    if claim["via"] is not None and claim["actor"] is None:
        claim["via"] = None
        cues.pop("via", None)
    if "cues" in claim:
        claim["cues"] = cues
        claim["mentions"] = len(ordered)
    return claim
