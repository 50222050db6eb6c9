"""Place phrases no gazetteer knows ("the rebel-held area of the city", "eastern
districts"): located inside the known place they belong to.

The extractor keeps such phrases as written, which is right for the claim; but
a map needs coordinates and the figures need to know which city a claim is
about. A phrase becomes an `area` location inside a known place: the place
named in the phrase itself ("former opposition territory in east Aleppo" is in
East Aleppo), otherwise the report's main place (the known place its claims
name most, counting each place's ancestors too, so "the city" of an Aleppo
report is Aleppo) when the phrase names nothing itself (no capitalised word: a
name such as "Madaya" that no gazetteer knows stays a bare location). An area
takes its container's coordinates: it is somewhere inside it, and no finer
position is known. Its id is scoped by the container
("aleppo--eastern-districts"), because "the city" of a Mosul report is another
area than "the city" of an Aleppo report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from api.reference.data import slugify

#: Kinds too coarse to be "the city" a phrase refers to.
_TOO_COARSE = {"country", "state"}

Resolve = Callable[[str], list[dict]]


def known(chain: list[dict]) -> bool:
    """Whether a resolved chain is a gazetteer place (not a bare phrase)."""
    return bool(chain) and chain[0]["kind"] is not None and chain[0]["kind"] != "area"


def main_place(chains: Iterable[list[dict]]) -> list[dict] | None:
    """The chain of the place a report is mostly about, from its claims' known places.

    Each mention counts for the place and every ancestor below country level; the
    highest count wins and a tie goes to the broader place (a phrase lies safely
    inside the city even when one district is named as often).
    """
    votes: Counter[str] = Counter()
    chain_of: dict[str, list[dict]] = {}
    for chain in chains:
        if not known(chain):
            continue
        for depth, row in enumerate(chain):
            if row["kind"] in _TOO_COARSE and depth:
                continue
            votes[row["id"]] += 1
            chain_of.setdefault(row["id"], chain[depth:])
    if not votes:
        return None
    return max(chain_of.values(), key=lambda c: (votes[c[0]["id"]], -len(c)))


def named_inside(phrase: str, resolve: Resolve) -> list[dict] | None:
    """The chain of the longest capitalised run of words in `phrase` that is a known place."""
    words = re.findall(r"[\w'’-]+", phrase)
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            candidate = words[i:i + size]
            if not any(w[:1].isupper() for w in candidate):
                continue
            chain = resolve(" ".join(candidate))
            if known(chain):
                return chain
    return None


def area_chain(phrase: str, container: list[dict]) -> list[dict]:
    """An `area` row for `phrase` inside `container`, followed by the container's chain."""
    parent = container[0]
    row = {
        "id": f"{parent['id']}--{slugify(phrase)}",
        "name": phrase,
        "kind": "area",
        "parent_id": parent["id"],
        "lat": parent["lat"],
        "lon": parent["lon"],
        "aliases": [],
    }
    return [row, *container]


def locate(phrase: str, resolve: Resolve, context: list[dict] | None) -> list[dict]:
    """The chain for a place name: the gazetteer's, else an area inside a known place."""
    chain = resolve(phrase)
    if known(chain):
        return chain
    container = named_inside(phrase, resolve)
    if container is None and not _names_something(phrase):
        container = context
    return area_chain(phrase, container) if container else chain


def _names_something(phrase: str) -> bool:
    """A capitalised word ("Madaya") names a place of its own, unknown to the gazetteer:
    it is kept bare rather than guessed to lie inside the report's main place."""
    return any(w[:1].isupper() for w in re.findall(r"[\w'’-]+", phrase))
