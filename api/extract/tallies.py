"""Lists of places, each with its own number, under a lead that says what is counted.

Government releases and situation reports break a total down place by place:

    People evacuated by district: Ganjam-12,400, Puri-8,100, Khurda-3,900.
    Arrivals so far (individuals): Tobruk: 1,320; Benghazi: 730; Al Bayda: 410.

No item names its people or its verb; the lead ("evacuated", "deaths") names
them for all, and each number belongs to the place written before it. The
sentence reader looks for a head noun and a cue around each number and finds
neither, so such a list is read here, as a whole, instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import lexicon
from .numbers import Amount, parse_number

# "Ganjam-12,400", "Tobruk: 1,320", "Puri – 8,100", "Al Bayda (410)", "Khurda 3,900".
ITEM = re.compile(
    r"(?P<place>[A-Z][\w'’.]*(?:[ -](?:al-|el-|de |)?[A-Z][\w'’.]*){0,3}"
    r"(?:\s+(?:district|province|county|governorate|region|state|city))?)"
    r"\s*(?:[-–—:=]\s*|\(\s*|\s+)(?P<number>\d+(?:[,.]\d+)*(?:\s+(?:lakh|crore|million|thousand))?)"
    r"\)?")
SEPARATOR = re.compile(r"\s*(?:[,;]|\band\b|\n|[•·])\s*(?:and\s+)?")
# Fewer items than this is a sentence, not a list.
LEAST_ITEMS = 3
# Quantities whose people leave the listed place; the others happen there.
LEAVING = frozenset({"evacuees", "displaced"})


@dataclass(frozen=True)
class TallyItem:
    """One item of a list: the place as written and its amount."""

    place: str
    amount: Amount


@dataclass(frozen=True)
class Tally:
    """A list read whole: what it counts, and its items in order."""

    quantity: str
    status: str
    role: str  # origin or location: what each item's place is to its people
    items: tuple[TallyItem, ...]
    start: int  # where the list begins: the lead before it is read as a sentence


def items_in(text: str, start: int, end: int) -> tuple[int, list[tuple[int, int, int, int]]]:
    """The run of list items that ends ``text[start:end]``: where it begins and, for
    each item, its place span and number span."""
    found: list[tuple[int, int, int, int]] = []
    pos = end
    stripped = text[start:end].rstrip(" .;,\n")
    tail = start + len(stripped)
    matches = list(ITEM.finditer(text, start, tail))
    # Read the items back from the end: each must touch the next through a separator.
    for m in reversed(matches):
        gap = text[m.end() : pos] if found else text[m.end() : tail]
        if gap.strip() and not SEPARATOR.fullmatch(gap):
            break
        found.append((m.start("place"), m.end("place"), m.start("number"), m.end("number")))
        pos = m.start()
    found.reverse()
    return (found[0][0] if found else end), found


def read_tally(text: str, start: int, end: int, lead: str) -> Tally | None:
    """The list that makes up most of ``text[start:end]``, with what it counts taken
    from its lead: the words before it in the sentence, else ``lead`` (the sentence
    before, when it ends with a colon). None when it is no such list."""
    begin, spans = items_in(text, start, end)
    if len(spans) < LEAST_ITEMS:
        return None
    before = text[start:begin]
    if before.strip():
        if not before.rstrip().endswith((":", "-", "–", "—")):
            return None
        lead = before
    elif not lead.rstrip().endswith(":"):
        return None
    quantity = _quantity(lead)
    if quantity is None:
        return None
    items = []
    for p_start, p_end, n_start, n_end in spans:
        value = parse_number(text[n_start:n_end])
        if value is None:
            return None
        amount = Amount(n_start, n_end, value, value, value, "exact", False, n_start, n_end)
        items.append(TallyItem(text[p_start:p_end], amount))
    lex = lexicon()
    status = "planned" if lex.planned.search(lead) and not lex.occurred.search(lead) else "occurred"
    return Tally(quantity, status, "origin" if quantity in LEAVING else "location", tuple(items),
                 begin)


def _quantity(lead: str) -> str | None:
    """What the lead says the list counts: its last cue word ("evacuated"), else its
    last counting noun ("deaths")."""
    lex = lexicon()
    cues = [key for _s, _e, key in lex.quantity_cues.finditer(lead)]
    if cues:
        return cues[-1]
    nouns = [key for _s, _e, key in lex.noun_quantities.finditer(lead)]
    return nouns[-1] if nouns else None
