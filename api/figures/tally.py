"""Figures kept in step with the claims: written with each report, read as index ranges.

Computing figures from every claim on each request costs 76 s at 1.5M claims.
Here they are maintained instead, by the rules of `api.figures.compare`, in
the tables of `api.store.figure_tallies`:

- `write_source` and `delete_source` write or delete a report through the
  store and, in the same transaction, move its claims in and out of their
  figures. Only what the report touches changes: its own claims, and claims of
  other reports whose figure moves because the report changed a roll-up (a
  claim at a new, more specific place) or the set of places an unplaced claim
  can join. Each change adds or subtracts one from a handful of tallies (the
  figure's values, sources and actors, and each value's sources and actors);
  a figure's spread, verdict and most-attested value are then read back from
  those tallies through indexes, so a write costs the same at 1.5M claims as
  at a thousand. The one exception is a figure whose values disagree and that
  might be growing (all claims dated, a cumulative count): its verdict walks its
  claims in time order, and only when a claim left it or it was not already
  conflicting (new claims never resolve a conflict).
- `ensure_built` fills the tables of a database that has claims but no
  figures yet (right after the migration that adds them), by the same steps.
- `page` and `one` read figures back in the shape `compare.summarise` gives,
  with each list (values, sources, actors, timeline) cut to its first `limit`
  entries in report order; the counts are always whole.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlite_utils import Database

from api import store
from api.figures import compare
from api.figures.timeline import reported

#: Members (claims) whose tallies are applied per batch while building a whole database.
_BUILD_BATCH = 20_000
_SEPARATOR = "\x01"  # below every printable character: joined keys sort like tuples


# --- writing ---------------------------------------------------------------------------


def write_source(db: Database, source: dict, claims: list[dict], actors: Iterable[dict],
                 locations: Iterable[dict]) -> None:
    """`store.replace_source`, with the report's figures updated in the same transaction."""
    with store.write_transaction(db):
        built = store.figures_built(db)
        old = store.members_of_source(db, source["id"]) if built else []
        before = compare.Places(store.all_locations(db)) if built else None
        store.replace_source(db, source, claims, actors, locations)
        if built:
            _update(db, source["id"], old, before)


def delete_source(db: Database, source_id: str) -> bool:
    """`store.delete_source`, with the report's figures updated in the same transaction."""
    with store.write_transaction(db):
        built = store.figures_built(db)
        old = store.members_of_source(db, source_id) if built else []
        before = compare.Places(store.all_locations(db)) if built else None
        if not store.delete_source(db, source_id):
            return False
        if built:
            _update(db, source_id, old, before)
    return True


def ensure_built(db: Database) -> None:
    """Fill the figure tables from the claims, once (a no-op when they are built)."""
    if store.figures_built(db):
        return
    with store.write_transaction(db):
        rebuild(db)


def rebuild(db: Database) -> None:
    """Recompute every figure table from the claims (inside the caller's transaction)."""
    store.clear_figures(db)
    places = compare.Places(store.all_locations(db))
    for quantity, group, status in store.claim_kinds(db):
        facts = store.claim_facts(db, kind=(quantity, group, status))
        members = [_member(f, places) for f in facts]
        found = Counter(m["place_id"] for m in members if m["place_id"])
        target = compare.roll_up(set(found), places)
        homes = set(target.values())
        named = store.source_places(db, {m["source_id"] for m in members
                                         if m["place_id"] is None})
        for m in members:
            _assign(m, target, homes, named.get(m["source_id"], ()), places)
        kind = members[0]["kind"]
        store.add_kind_places(db, {(kind, p): n for p, n in found.items()})
        store.insert_members(db, members)
        _count_quantities(db, [(m, 1) for m in members])
        touched: set[str] = set()
        for start in range(0, len(members), _BUILD_BATCH):
            touched |= _apply_tallies(db, [(m, 1) for m in members[start:start + _BUILD_BATCH]])
        _refresh(db, touched, left=touched)
    store.mark_figures_built(db, True)


def _update(db: Database, source_id: str, old: list[dict], before: compare.Places) -> None:
    """Move a written or deleted report's claims (and any claims that follow) in the tables.

    `before` is the place hierarchy before the write: the roll-ups the tables hold
    were made in it, and the write may have pruned places from it."""
    places = compare.Places(store.all_locations(db))
    facts = store.claim_facts(db, source_id=source_id)
    new = [_member(f, places) for f in facts]
    named = {p for f in facts for p in (f["origin_id"], f["destination_id"],
                                          f["location_id"]) if p}
    changes: list[tuple[dict, int]] = [(m, -1) for m in old]
    store.delete_members(db, (m["claim_id"] for m in old))
    place_deltas: Counter[tuple[str, str]] = Counter()
    for m, sign in [*changes, *((m, 1) for m in new)]:
        if m["place_id"]:
            place_deltas[(m["kind"], m["place_id"])] += sign
    moves: list[tuple[str, str]] = []
    for kind in {m["kind"] for m in old} | {m["kind"] for m in new}:
        found = store.kind_places(db, kind)
        after = Counter(found)
        after.update({p: n for (k, p), n in place_deltas.items() if k == kind})
        target_before = compare.roll_up(set(found), before)
        target_after = compare.roll_up({p for p, n in after.items() if n > 0}, places)
        for place, home in target_before.items():
            if place in target_after and target_after[place] != home:
                for m in store.members_at(db, kind, place):
                    moves.append(_move(m, f"{kind}.{target_after[place]}", changes))
        homes = set(target_after.values())
        if set(target_before.values()) != homes:
            unplaced = store.members_at(db, kind, None)
            sources = store.source_places(db, {m["source_id"] for m in unplaced})
            for m in unplaced:
                home = compare.unplaced_home(sources.get(m["source_id"], ()), homes, places)
                if f"{kind}.{home or compare.NONE}" != m["figure_id"]:
                    moves.append(_move(m, f"{kind}.{home or compare.NONE}", changes))
        for m in new:
            if m["kind"] == kind:
                _assign(m, target_after, homes, named, places)
    store.add_kind_places(db, place_deltas)
    store.move_members(db, moves)
    store.insert_members(db, new)
    changes.extend((m, 1) for m in new)
    _count_quantities(db, [(m, -1) for m in old] + [(m, 1) for m in new])
    touched = _apply_tallies(db, changes)
    _refresh(db, touched, left={m["figure_id"] for m, sign in changes if sign < 0})


def _move(member: dict, figure_id: str, changes: list) -> tuple[str, str]:
    changes.append((member, -1))
    changes.append(({**member, "figure_id": figure_id}, 1))
    return member["claim_id"], figure_id


def _member(fact: dict, places: compare.Places) -> dict:
    """A claim's `figure_claims` row, all but the figure (`_assign`)."""
    lo, hi = compare.bounds(fact)
    low, high = fact["value_low"], fact["value_high"]
    published, entry = fact["published"], fact["entry_time"]
    time_key = _SEPARATOR.join([
        f"{'1' if published is None else '0'}{published or ''}",
        f"{'1' if entry is None else '0'}{entry or ''}",
        fact["source_id"], f"{fact['start']:012d}"])
    return {
        "claim_id": fact["id"], "source_id": fact["source_id"],
        "kind": ".".join([fact["quantity"], fact["group"] or compare.NONE, fact["status"]]),
        "place_id": compare.claim_place(fact, places), "figure_id": None,
        "vkey": "|".join([fact["qualifier"], str(fact["value"]),
                          "" if low is None else str(low), "" if high is None else str(high)]),
        "value": fact["value"], "lo": lo, "hi": None if hi == math.inf else hi,
        "actor_id": fact["actor_id"], "via_id": fact["via_id"],
        "dated": int(bool(published)), "time_key": time_key,
    }


def _assign(member: dict, target: dict[str, str], homes: set[str], named: Iterable[str],
            places: compare.Places) -> None:
    place = member["place_id"]
    home = target[place] if place else compare.unplaced_home(named, homes, places)
    member["figure_id"] = f"{member['kind']}.{home or compare.NONE}"


def _count_quantities(db: Database, changes: list[tuple[dict, int]]) -> None:
    cells: Counter[tuple] = Counter()
    sources: Counter[tuple[str, str]] = Counter()
    for m, sign in changes:
        quantity, group, status = m["kind"].split(".")
        cells[(quantity, group, status)] += sign
        sources[(quantity, m["source_id"])] += sign
    store.add_quantity_counts(db, cells, sources)


def _apply_tallies(db: Database, changes: list[tuple[dict, int]]) -> set[str]:
    """Add members to (+1) or take them from (-1) their figures' tallies; return the
    figures touched."""
    deltas: dict[tuple, dict] = {}
    figure_counts: dict[str, Counter] = defaultdict(Counter)
    left: dict[tuple, set[str]] = defaultdict(set)  # tally -> claims that left it
    joined: set[tuple] = set()  # tallies some claim joined
    for m, sign in changes:
        figure, vkey, key = m["figure_id"], m["vkey"], m["time_key"]
        figure_counts[figure]["claims"] += sign
        figure_counts[figure]["undated"] += sign * (1 - m["dated"])
        keys = [((figure, "", "v", vkey), key), ((figure, "", "s", m["source_id"]), key),
                ((figure, vkey, "s", m["source_id"]), key)]
        for role, order in (("actor_id", "0"), ("via_id", "1")):
            if m[role]:
                keys += [((figure, "", "a", m[role]), key + order),
                         ((figure, vkey, "a", m[role]), key + order)]
        for tally, first in keys:
            d = deltas.setdefault(tally, {"n": 0, "first_key": None, "first_claim": None})
            d["n"] += sign
            if tally[2] == "v":
                d.update(value=m["value"], lo=m["lo"], hi=m["hi"])
            if sign < 0:
                left[tally].add(m["claim_id"])
            else:
                joined.add(tally)
                if d["first_key"] is None or first < d["first_key"]:
                    d["first_key"], d["first_claim"] = first, m["claim_id"]
    for d in deltas.values():  # a net removal carries no first key of its own
        if d["first_key"] is None:
            d["first_key"] = d["first_claim"] = ""
    value_sources: Counter[tuple[str, str]] = Counter()
    for (figure, vkey, kind, _member), change in store.add_tallies(db, deltas):
        if vkey:
            if kind == "s":
                value_sources[(figure, vkey)] += change
        else:
            figure_counts[figure][kind] += change
    for figure, counts in figure_counts.items():
        store.add_figure_counts(db, figure, compare.parse_figure_id(figure), counts)
    store.add_value_sources(db, value_sources)
    for tally, gone in left.items():
        # Its first claim left, or claims both left and joined (a net change of zero or
        # less keeps the old first key): find its first claim again.
        if tally in joined or store.tally_first_claim(db, tally) in gone:
            store.refresh_first(db, tally)
    return set(figure_counts)


def _refresh(db: Database, figures: set[str], *, left: set[str]) -> None:
    """Recompute spread, verdict and most-attested value of the figures touched; `left`
    are those some claim left (their verdict may have changed in any direction)."""
    for figure in figures:
        row = store.figure_extremes(db, figure)
        if row is None:
            continue
        if row["claim_count"] <= 0:
            store.delete_empty_figures(db, [figure])
            continue
        store.set_figure_summary(db, figure, {
            "min_value": row["min_value"], "max_value": row["max_value"],
            "most_vkey": row["most_vkey"], "first_claim": row["first_claim"],
            **dict(zip(("verdict", "trend"), _verdict(db, figure, row, figure in left),
                       strict=True)),
        })


def _verdict(db: Database, figure: str, row: dict, left: bool) -> tuple[str, str | None]:
    """`compare.verdict`, from the tallies' bound extremes and, if needed, one ordered walk."""
    top = math.inf if row["min_hi"] is None else row["min_hi"]
    if row["max_lo"] <= top:
        return "consistent", None
    quantity, _group, status, _place = compare.parse_figure_id(figure)
    if quantity in compare.NOT_CUMULATIVE or status != "occurred" or row["undated_count"]:
        return "conflicting", None
    if row["verdict"] == "conflicting" and not left:
        return "conflicting", None  # claims were only added: a conflict stays
    return ("consistent", "growing") if _grows(store.time_ordered_bounds(db, figure)) else (
        "conflicting", None)


def _grows(rows: Iterable[tuple]) -> bool:
    """Whether claims in time order disagree only by later reports counting more: claims of
    the same time overlap, and no earlier claim's lower bound is above a later one's upper."""
    earlier_lo = -math.inf
    group, group_lo, group_hi = None, -math.inf, math.inf
    for lo, hi, time_key in rows:
        hi = math.inf if hi is None else hi
        key = time_key.split(_SEPARATOR, 2)[:2]
        if key != group:
            earlier_lo = max(earlier_lo, group_lo)
            group, group_lo, group_hi = key, -math.inf, math.inf
        group_lo, group_hi = max(group_lo, lo), min(group_hi, hi)
        if group_lo > group_hi or earlier_lo > hi:
            return False
    return True


# --- reading ---------------------------------------------------------------------------


def page(db: Database, *, quantity: str | None = None, group: str | None = None,
         status: str | None = None, inside: str | None = None, verdict: str | None = None,
         per_page: int = 20, offset: int = 0, limit: int = 10) -> tuple[list[dict], int]:
    """A page of figures, most-attested first, and how many match; lists cut to `limit`."""
    rows, total = store.list_figures(db, quantity=quantity, group=group, status=status,
                                     inside=inside, verdict=verdict, limit=per_page,
                                     offset=offset)
    return _summaries(db, rows, limit), total


def one(db: Database, figure_id: str, *, limit: int) -> tuple[dict, list[dict]] | None:
    """One figure (lists cut to `limit`) and its first `limit` claim rows, or None."""
    row = store.get_figure(db, figure_id)
    if row is None:
        return None
    (figure,) = _summaries(db, [row], limit)
    by_id = {c["id"]: c for c in store.claims_by_id(db, [t["claim_id"]
                                                       for t in figure["timeline"]])}
    return figure, [by_id[t["claim_id"]] for t in figure["timeline"]]


def _summaries(db: Database, rows: list[dict], limit: int) -> list[dict]:
    ids = [r["id"] for r in rows]
    lists: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for t in store.figure_lists(db, ids, limit):
        lists[(t["figure_id"], t["vkey"], t["kind"])].append(t)
    firsts = store.first_claims(db, ids, limit)
    claims = {c["id"]: c for c in store.claims_by_id(db, [c for _, c in firsts])}
    timelines: dict[str, list[dict]] = defaultdict(list)
    for figure, claim_id in firsts:
        c = claims[claim_id]
        timelines[figure].append({
            "claim_id": c["id"], "reported": reported(c["published"], c["entry_time"]),
            "published": c["published"], "entry_time": c["entry_time"], "value": c["value"],
            "qualifier": c["qualifier"], "text": c["text"], "source_id": c["source_id"],
            "actor": c["actor"],
        })
    return [_summary(r, lists, timelines[r["id"]]) for r in rows]


def _named(tallies: list[dict]) -> list[dict]:
    return [{"id": t["member"], "name": t["name"]} for t in tallies]


def _vkey(vkey: str) -> dict:
    qualifier, value, low, high = vkey.split("|")
    return {"value": int(value), "value_low": int(low) if low else None,
            "value_high": int(high) if high else None, "qualifier": qualifier}


def _summary(row: dict, lists: dict, timeline: list[dict]) -> dict:
    figure = row["id"]
    values = [{
        **_vkey(v["member"]), "text": v["text"], "claim_count": v["claim_count"],
        "source_count": v["source_count"],
        "sources": _named(lists[(figure, v["member"], "s")]),
        "actors": _named(lists[(figure, v["member"], "a")]),
        "first_reported": reported(v["published"], v["entry_time"]),
    } for v in lists[(figure, "", "v")]]
    low, high = row["min_value"], row["max_value"]
    most = _vkey(row["most_vkey"])
    return {
        "id": figure, "quantity": row["quantity"], "group": row["group"],
        "status": row["status"],
        "place": None if row["place_name"] is None else {
            "id": row["place_id"], "name": row["place_name"], "kind": row["place_kind"],
            "lat": row["place_lat"], "lon": row["place_lon"]},
        "verdict": row["verdict"], "trend": row["trend"],
        "claim_count": row["claim_count"], "source_count": row["source_count"],
        "value_count": row["value_count"], "actor_count": row["actor_count"],
        "spread": {"min": low, "max": high, "ratio": round(high / low, 3) if low else None},
        "most_attested": {"value": most["value"], "qualifier": most["qualifier"],
                          "text": row["most_text"], "source_count": row["most_sources"]},
        "values": values,
        "sources": _named(lists[(figure, "", "s")]),
        "actors": _named(lists[(figure, "", "a")]),
        "timeline": timeline,
        "first_reported": reported(row["first_published"], row["first_entry_time"]),
    }
