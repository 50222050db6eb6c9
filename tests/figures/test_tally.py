"""The maintained figures equal figures computed from scratch, after any sequence of writes.

A Hypothesis state machine writes, rewrites and deletes reports through
`tally.write_source` and `tally.delete_source` (what `evacfacts load`,
`POST /v1/sources` and `DELETE /v1/sources/<id>` call) with claims drawn from a
small world chosen to exercise every grouping rule: places that roll up
(Aleppo, its two districts, an area inside one), claims without a place that
join a figure through their report's other places, dated and undated reports,
live-blog times, hedged values that overlap or conflict or grow, actors and
intermediaries. After each step, every figure the tables hold equals
`compare.figures` over all claims, and the quantity counts equal an aggregate
over the claims; at the end, a rebuild from scratch gives the same tables.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from api import store
from api.figures import compare, tally

LOCATIONS = [
    {"id": id_, "name": name, "kind": kind, "parent_id": parent, "lat": 36.2, "lon": 37.1}
    for id_, name, kind, parent in [
        ("syria", "Syria", "country", None), ("aleppo", "Aleppo", "city", "syria"),
        ("east-aleppo", "East Aleppo", "district", "aleppo"),
        ("west-aleppo", "West Aleppo", "district", "aleppo"),
        ("old-city", "the old city", "area", "east-aleppo"), ("idlib", "Idlib", "city", "syria"),
    ]
]
ACTORS = [{"id": a, "name": a.title()} for a in ("icrc", "reuters", "un")]
PLACES = st.sampled_from([None, None, *[loc["id"] for loc in LOCATIONS]])
QUALIFIED = st.sampled_from([("exact", 0, 0), ("approximate", None, None),
                             ("at_least", 0, None), ("more_than", 0, None),
                             ("nearly", None, None), ("up_to", None, None),
                             ("vague", -50, 400)])
CLAIM = st.fixed_dictionaries({
    "quantity": st.sampled_from(["evacuees", "trapped"]),
    "group": st.sampled_from([None, "civilians"]),
    "status": st.sampled_from(["occurred", "occurred", "planned"]),
    "value": st.sampled_from([10, 20, 100, 120, 1000, 1050]),
    "qualified": QUALIFIED,
    "origin_id": PLACES, "location_id": PLACES, "destination_id": PLACES,
    "actor_id": st.sampled_from([None, "icrc", "reuters"]),
    "via_id": st.sampled_from([None, None, "reuters", "un"]),
    "entry_time": st.sampled_from([None, None, "10:00", "15:47"]),
})
REPORT = st.fixed_dictionaries({
    "published": st.sampled_from([None, "2016-12-14", "2016-12-15", "2016-12"]),
    "claims": st.lists(CLAIM, max_size=5),
})


def _rows(source_id: str, report: dict) -> tuple[dict, list[dict]]:
    source = {"id": source_id, "name": f"{source_id}.txt", "title": source_id,
              "kind": "article", "published": report["published"], "word_count": 1,
              "content_hash": source_id, "text": "x" * 100}
    claims = []
    for i, c in enumerate(report["claims"]):
        qualifier, low, high = c["qualified"]
        value = c["value"]
        claims.append({
            "id": f"{source_id}-{i}", "source_id": source_id, "quantity": c["quantity"],
            "value": value, "qualifier": qualifier, "group": c["group"],
            "status": c["status"], "actor_id": c["actor_id"], "via_id": c["via_id"],
            "value_low": None if low is None else value + low,
            "value_high": None if high is None else value + high,
            "origin_id": c["origin_id"], "destination_id": c["destination_id"],
            "location_id": c["location_id"], "text": f"{value} people", "start": i * 10,
            "end": i * 10 + 5, "sentence": "s", "entry_time": c["entry_time"],
        })
    return source, claims


def _scratch(db) -> list[dict]:
    claims = store.figure_claims(db)
    places = compare.Places(store.all_locations(db))
    return compare.figures(claims, places, store.source_places(db, {c["source_id"]
                                                                   for c in claims}))


def _maintained(db) -> list[dict]:
    figures, total = tally.page(db, per_page=10_000, limit=10_000)
    assert total == len(figures)
    return [{k: v for k, v in f.items() if k not in ("value_count", "actor_count")}
            for f in figures]


def assert_maintained_figures_are_computed_ones(db) -> None:
    scratch = _scratch(db)
    maintained = _maintained(db)
    assert [f["id"] for f in maintained] == [f["id"] for f in scratch]
    for ours, theirs in zip(maintained, scratch, strict=True):
        assert ours == theirs, ours["id"]
    figures, _ = tally.page(db, per_page=10_000, limit=10_000)
    for f in figures:
        assert f["value_count"] == len(f["values"])
        assert f["actor_count"] == len(f["actors"])
    assert store.maintained_quantity_counts(db)[0] == store.quantity_counts(db)[0]
    assert sorted(store.maintained_quantity_counts(db)[1], key=str) == sorted(
        (tuple(c) for c in store.quantity_counts(db)[1]), key=str)


class Writes(RuleBasedStateMachine):
    """Reports written, rewritten and deleted in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.db = store.connect(":memory:")
        tally.ensure_built(self.db)
        self.sources: list[str] = []
        self.next_id = 0

    @rule(report=REPORT)
    def load_a_new_report(self, report):
        source_id = f"r{self.next_id:03d}"
        self.next_id += 1
        tally.write_source(self.db, *_rows(source_id, report), ACTORS, LOCATIONS)
        self.sources.append(source_id)

    @precondition(lambda self: self.sources)
    @rule(data=st.data(), report=REPORT)
    def rewrite_a_report(self, data, report):
        source_id = data.draw(st.sampled_from(self.sources))
        tally.write_source(self.db, *_rows(source_id, report), ACTORS, LOCATIONS)

    @precondition(lambda self: self.sources)
    @rule(data=st.data())
    def delete_a_report(self, data):
        source_id = data.draw(st.sampled_from(self.sources))
        assert tally.delete_source(self.db, source_id)
        self.sources.remove(source_id)

    @invariant()
    def figures_equal_a_computation_from_scratch(self):
        assert_maintained_figures_are_computed_ones(self.db)

    def teardown(self) -> None:
        before = _maintained(self.db)
        with store.write_transaction(self.db):
            tally.rebuild(self.db)
        assert _maintained(self.db) == before
        self.db.close()


Writes.TestCase.settings = settings(
    max_examples=80, stateful_step_count=12, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow])
test_maintained_figures_follow_every_write = Writes.TestCase


def test_a_database_from_before_the_figure_tables_gets_them_on_first_open(db_path):
    db = store.connect(db_path)
    expected = _maintained(db)
    with store.write_transaction(db):
        store.clear_figures(db)
        store.mark_figures_built(db, False)
    assert _maintained(db) == []
    tally.ensure_built(db)
    assert _maintained(db) == expected and expected
    assert_maintained_figures_are_computed_ones(db)


EARLY, LATE = "0a\x011\x01s\x01", "0b\x011\x01s\x01"


@pytest.mark.parametrize(("rows", "grows"), [
    ([(0, 10, EARLY), (20, 30, LATE)], True),      # later reports count more
    ([(20, 30, EARLY), (0, 10, LATE)], False),     # a later report counts less
    ([(0, 10, EARLY), (20, 30, EARLY)], False),    # two reports of the same time disagree
    ([(0, 10, EARLY), (5, None, EARLY), (20, 30, LATE)], True),  # "at least 5" is open
])
def test_growth_is_judged_in_one_walk_in_time_order(rows, grows):
    assert tally._grows(rows) is grows
