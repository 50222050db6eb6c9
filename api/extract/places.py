"""Place phrases in a sentence and the role each plays: origin, destination or location.

A place is read from the words after a spatial preposition ("from eastern
Aleppo", "towards Idlib", "trapped in the city") or after a verb of leaving
("left Aleppo"), and from a gazetteer name standing alone ("the campaign to
retake Aleppo"). A phrase the gazetteer knows gets its canonical name; one it
does not know ("rebel-held areas outside the city") is kept as written, since
that is how a reader would cite it. "The city" means the last city the report
named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from api.reference.gazetteer import Place, gazetteer

from .lexicon import phrase_pattern
from .words import alternatives, word_list, word_set, word_table


def place_markers() -> tuple[dict[str, str], re.Pattern[str]]:
    """Marker -> the role it gives the phrase after it, and the pattern finding markers:
    the prepositions and verbs of ``seeds/words.toml``'s ``place_markers``."""
    roles = {
        " ".join(word.split()): role
        for role, words in word_table("place_markers").items()
        for word in words
    }
    pattern = re.compile(
        r"(?<!according )(?<!due )(?<!thanks )(?<!owing )(?<!next )"
        + phrase_pattern(list(roles))
        + r"\s+",
        re.IGNORECASE,
    )
    return roles, pattern


MARKER_ROLE, MARKER = place_markers()


def marker_role(matched: str) -> str:
    """The role a matched marker gives ("from eastern" -> origin)."""
    return MARKER_ROLE.get(" ".join(matched.lower().split()), "location")


PLACE_NOUNS = word_set("places", "nouns")
NOT_PLACES = word_set("places", "not_places")
BARE_INSTITUTIONS = word_set("places", "bare_institutions")
ORG_WORDS = word_set("organisations", "common", "places")
TIME_WORDS = word_set("time_words", "days", "months", "month_abbreviations", "relative")
STOP_WORDS = word_set("stop_words", "common", "place_phrase")
NAME_JOINERS = word_set("places", "name_joiners")
GENERIC_LEAD = re.compile(
    r"^(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:villages?|towns?|city|cities|province|region|district|port|state|county|"
    r"municipality|island|governorate|capital|neighbourhood|neighborhood)\s+of\s+",
    re.IGNORECASE,
)
LOCATED_IN = re.compile(r"\s+(?:in|inside|within|near|at)\s+", re.IGNORECASE)
INNER_SPLIT = re.compile(r"\s+(?:in|inside|of|within|near|at)\s+", re.IGNORECASE)
TRAILING_IN = re.compile(r"^(?P<outer>.+?)\s+(?:in|inside)\s+.+$", re.IGNORECASE)
ANAPHOR = re.compile(r"^(?:the\s+)?(?:devastated\s+|besieged\s+|war-torn\s+|embattled\s+)?"
                     r"(?P<kind>city|town|capital|village|port city)$", re.IGNORECASE)
WORD = re.compile(r"#?\w[\w'’-]*(?:\.\w+)*\.?|&")


@dataclass(frozen=True)
class PlaceMention:
    """A place phrase in the report and the role its preposition gives it."""

    start: int
    end: int
    role: str  # origin, destination, location, transit, bare
    name: str  # canonical when known, else as written
    place: Place | None


def _words(text: str, start: int, end: int):
    for m in WORD.finditer(text, start, end):
        yield m.start(), m.end(), m.group()


def _phrase_end(text: str, start: int, end: int) -> int:
    """Where the noun phrase starting at ``start`` ends (at most 10 words)."""
    last = start
    count = 0
    prev_capital = prev_noun = False
    prev_low = ""
    in_agent = False  # inside "held by <armed group>": its nouns belong to the phrase
    for w_start, w_end, word in _words(text, start, end):
        if w_start < last:
            continue
        gap = text[last:w_start]
        low = word.lower().rstrip(".")
        if count and prev_capital and re.fullmatch(r",\s*", gap) and _is_region(text, w_start, end):
            count += 1  # "Darlington Township, Pennsylvania"
            last = _is_region(text, w_start, end)
            continue
        if not count and (word.lower() in STOP_WORDS or MARKER.match(text, w_start, end) or (
                not _can_start(word) and not _place_noun_ahead(text, w_end, end))):
            return start
        if count and low == "under" and not re.match(r"\s+(?:the\s+)?(?:control|siege|rule)\b",
                                                     text[w_end:end], re.IGNORECASE):
            break
        if count and re.search(r"[,;:()\"“”!?]|\.\s|—|–|\s-\s", gap):
            break
        named_at = not _time_next(text, w_end, end) and (
            (low == "at" and (_capitalized_next(text, w_end, end)
                              or bool(AT_NAMED.match(text, w_end, end))))
            or (low == "on" and _place_noun_ahead(text, w_end, end))
        )  # "camps at Hammam", "villages on the volcano's slopes"
        agent = low == "by" and prev_low in HELD_BY_VERBS
        in_agent = in_agent or agent
        if count and low in STOP_WORDS and not named_at and not agent:
            break
        if (count and low.endswith("ing") and word[0].islower() and low not in PLACE_NOUNS
                and not _place_noun_ahead(text, w_end, end)):
            break  # "carrying people" ends the phrase; "the fishing town of" does not
        if low in TIME_WORDS:
            break
        if count and low == "and" and not _capitalized_next(text, w_end, end) and not (
                _place_noun_ahead(text, w_end, end)):
            break
        # A proper name ends at the first lowercase word that is neither a joiner
        # nor a place noun: "eastern Aleppo headed for ..." stops after Aleppo.
        if (count and word[0].islower() and (prev_capital or prev_noun)
                and low not in NAME_JOINERS and low not in PLACE_NOUNS
                and not PLACE_NAME_PARTICLE.match(low) and low != "parking"
                and not ((prev_capital or prev_noun) and _place_noun_ahead(text, w_start, end))
                and not (in_agent and low not in STOP_WORDS)
                and not (prev_noun and HELD_BY.match(text, w_start, end)) and not named_at):
            break
        prev_capital = word[0].isupper() or word[0] == "#"
        prev_noun = low in PLACE_NOUNS
        prev_low = low
        count += 1
        last = w_end
        if count >= 14:
            break
    # Drop trailing joiners ("of", "and", "the").
    phrase = text[start:last]
    while True:
        trimmed = re.sub(r"\s+(?:of|in|and|&|the|inside|outside|under|near|at|on|around|by"
                         r"|[\w-]+['’]s)$", "", phrase, flags=re.IGNORECASE)
        if trimmed == phrase:
            break
        phrase = trimmed
    return start + len(phrase.rstrip("."))


# Words that can open a place phrase after a preposition ("to the", "to Idlib"),
# as against an infinitive ("to leave", "to retake").
PLACE_OPENERS = word_set("places", "openers")


# Name particles that keep a proper name going: "Hammam al-Alil", "Ciudad del Este".
PLACE_NAME_PARTICLE = re.compile(
    "(?:" + alternatives(word_list("name_particles", "place")) + ")(?:-|$)")
# "areas held by the Maute group": a participle and its agent stay in the phrase.
HELD_BY_VERBS = word_list("places", "held_by")
HELD_BY = re.compile("(?:" + alternatives(HELD_BY_VERBS) + r")\s+by\s+", re.IGNORECASE)
AT_NAMED = re.compile(r"\s*(?:a|an|the)\s+(?:[a-z][\w-]*\s+)?(?:[A-Z]|(?:parking\s+)?lot\b)")


def _can_start(word: str) -> bool:
    low = word.lower()
    if word[0].isupper() or word[0] in "#&" or low in PLACE_OPENERS or low in PLACE_NOUNS:
        return True
    if low in STOP_WORDS or low.endswith("ing") or MARKER.fullmatch(low + " "):
        return False
    return bool(re.search(r"-(?:held|controlled|run|occupied)$|^(?:east|west|north|south)", low)
                ) or low.endswith("ern")


OFFICE_FOR = word_set("places", "office_words")


def _names_an_office(text: str, start: int, pos: int) -> bool:
    """Whether the word before "for" makes it part of a name or a title."""
    word = re.search(r"([\w'’.-]+)\s*$", text[max(start, pos - 40) : pos])
    return word is not None and word.group(1).lower() in OFFICE_FOR


def _is_region(text: str, pos: int, end: int) -> int:
    """End of a state or country name starting at ``pos`` (for "Town, State"), else 0."""
    m = re.match(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}", text[pos:end])
    if not m:
        return 0
    words = m.group().rstrip(".").split()
    for n in range(len(words), 0, -1):
        place = gazetteer().lookup(" ".join(words[:n]))
        if place and place.kind in ("state", "country"):
            return pos + len(" ".join(words[:n]))
    return 0


def _time_next(text: str, pos: int, end: int) -> bool:
    m = WORD.search(text, pos, end)
    return bool(m and m.group().lower().rstrip(".") in TIME_WORDS)


def _place_noun_ahead(text: str, pos: int, end: int) -> bool:
    """Whether a place noun follows within three words: "former opposition territory"."""
    for i, (_, _, word) in enumerate(_words(text, pos, end)):
        low = word.lower().rstrip(".")
        if low in PLACE_NOUNS:
            return True
        if i >= 2 or low in STOP_WORDS:
            return False
    return False


def _capitalized_next(text: str, pos: int, end: int) -> bool:
    m = WORD.search(text, pos, end)
    return bool(m and (m.group()[0].isupper() or m.group()[0] == "#"))


def _is_place_like(phrase: str) -> bool:
    words = [w.lower().strip("#.'’") for w in phrase.split()]
    if not words or words[-1] in NOT_PLACES or " ".join(words) in BARE_INSTITUTIONS:
        return False
    if words[-1] in ORG_WORDS and not HELD_BY.search(phrase):
        return False  # "the military and Coast Guard" (but "areas held by the Maute group")
    if any(w in PLACE_NOUNS for w in words):
        return True
    if any(w in ORG_WORDS for w in words):
        return False
    return any(w[:1].isupper() or w.startswith("#") for w in phrase.split()
               if w.lower() not in NAME_JOINERS)


@lru_cache(maxsize=65536)
def resolve(phrase: str, last_city: Place | None = None) -> tuple[str, Place | None]:
    """The canonical name of a place phrase, or the phrase as written."""
    gaz = gazetteer()
    written = re.sub(r"^the\s+(?=\S)", "", phrase.strip(), flags=re.IGNORECASE)
    written = written.replace("#", "")
    bare = re.sub(r"^(?:a|an)\s+", "", written, flags=re.IGNORECASE)
    bare = PART_OF.sub("", bare)
    candidates = [written, bare, GENERIC_LEAD.sub("", bare)]
    # "the war-torn eastern Aleppo": drop leading lowercase adjectives one by one.
    words = bare.split()
    for i in range(1, min(3, len(words))):
        if not words[i - 1][:1].islower():
            break
        candidates.append(" ".join(words[i:]))
    if m := TRAILING_IN.match(candidates[-1]):
        candidates.append(m.group("outer"))
    for candidate in candidates:
        place = gaz.lookup(candidate)
        if place and (place.reference or any(c.isupper() for c in candidate)):
            return place.name, place  # a lowercase "villages" is not The Villages, Florida
    if ANAPHOR.match(written) and last_city is not None:
        return last_city.name, last_city
    # "four neighbourhoods in eastern Aleppo", "a hospital in Rafah in the south of the
    # enclave" -> the named place inside.
    parts = INNER_SPLIT.split(written)
    if len(parts) > 1 and parts[0].split() and parts[0].split()[-1].lower() in PLACE_NOUNS:
        for inner in parts[1:]:
            inner = GENERIC_LEAD.sub("", inner)
            if place := gaz.lookup(inner) or gaz.lookup(re.sub(r"^(?:the|a)\s+", "", inner)):
                return place.name, place
        # "facilities in Beaumont and Lumberton": the place named inside, as written.
    located = LOCATED_IN.split(written)
    if len(located) > 1 and located[0].split():
        named = next((p for p in located[1:] if p[:1].isupper()), None)
        head = located[0].split()[-1].lower()
        if named and (head in PLACE_NOUNS - {"south", "north", "east", "west"}
                      or head in ("homes", "houses")):
            return named, None
    written = DETERMINER.sub("", LEADING_ADJECTIVES.sub("", written)) or written
    return GENERIC_LEAD.sub("", written) if written[:1].islower() else written, None


# "a staging point", "their homes": a place kept as written starts at its noun.
DETERMINER = re.compile(r"^(?:a|an|its|their|his|her|our)\s+(?=\S)", re.IGNORECASE)


PART_OF = re.compile(
    r"^(?:all|most|much|parts?|some|half|large\s+parts?|the\s+rest)\s+of\s+(?:the\s+)?",
    re.IGNORECASE)
# "neighbouring Hay River", "nearby Bellevue Hospital Center": adjectives before a name.
LEADING_ADJECTIVES = re.compile(
    r"^(?:(?!(?:eastern|western|northern|southern|central|east|west|north|south|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|areas?|parts?|villages?|"
    r"towns?|around|near|of|in|the|neighbou?rhoods?|districts?|camps?)\b)[a-z][\w-]*\s+){1,3}"
    r"(?=[A-Z])")


def find_places(text: str, start: int, end: int, last_city: Place | None,
                excluded: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Place phrases in ``text[start:end]``; none inside ``excluded`` spans."""
    found: list[PlaceMention] = []
    taken_until = start
    for m in MARKER.finditer(text, start, end):
        if m.start() < taken_until:
            continue
        role = marker_role(m.group())
        if m.group().strip().lower() == "for" and _names_an_office(text, start, m.start()):
            continue  # "Organization for Migration", "spokeswoman for the UNHCR"
        p_start = m.end()
        p_end = _phrase_end(text, p_start, end)
        if p_end <= p_start:
            continue
        phrase = text[p_start:p_end]
        if not _is_place_like(phrase) or _inside(p_start, excluded) or is_actor(phrase):
            continue
        name, place = resolve(phrase, last_city)
        if place is None and ANAPHOR.match(re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)):
            continue  # "the town" with no town named before it
        indefinite = phrase.split()[0].lower() in ("a", "an")
        if place is None and indefinite and role != "destination" and (
                not any(w.lower() in PLACE_NOUNS for w in phrase.split())):
            continue
        found.append(PlaceMention(p_start, p_end, role, name, place))
        taken_until = p_end
    found.extend(_evacuated_subject(text, start, end, last_city, found, excluded))
    found.extend(_bare_names(text, start, end, found, excluded))
    return sorted(found, key=lambda p: p.start)


CAPITALIZED_RUN = re.compile(
    r"(?:(?:eastern|western|northern|southern|east|west|north|south|central)\s+)?#?[A-Z][\w'’-]*(?:\s+(?:(?:al|el|de|la|of)[\s-]+)?#?[A-Z][\w'’-]*){0,3}")


# A name followed by its verb or a relative clause is a subject, not a place of the claim.
SUBJECT_OF = re.compile(r"\s+(?:said|says|told|reported|has|have|is|was)\b|,\s+(?:which|who)\b")


EVACUATED_AFTER = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:been\s+|was\s+|were\s+)?"
                             r"(?:fully\s+|partly\s+|partially\s+)?evacuated\b", re.IGNORECASE)


def _evacuated_subject(text, start, end, last_city, found, excluded):
    """"Oroville Hospital evacuated about 100 patients", "The city's main hospital was
    evacuated, with 40 patients ...": the subject is where the people left."""
    if "evacuated" not in text[start:end]:
        return
    lead = re.match(r"\s*(?:the\s+)?", text[start:end], re.IGNORECASE)
    p_start = start + (lead.end() if lead else 0)
    p_end = _phrase_end(text, p_start, end)
    phrase = text[p_start:p_end]
    if p_end <= p_start or not EVACUATED_AFTER.match(text, p_end, end):
        return
    if _inside(p_start, [(p.start, p.end) for p in found] + list(excluded)):
        return
    words = [w.lower().strip(".'’") for w in phrase.split()]
    name, place = resolve(phrase, last_city)
    if place is None and not any(w.removesuffix("'s") in PLACE_NOUNS for w in words):
        return
    yield PlaceMention(p_start, p_end, "origin", name, place)


def _bare_names(text, start, end, found, excluded):
    """Gazetteer names standing without a preposition: "the campaign to retake Aleppo"."""
    gaz = gazetteer()
    covered = [(p.start, p.end) for p in found] + list(excluded)
    for m in CAPITALIZED_RUN.finditer(text, start, end):
        if _inside(m.start(), covered) or text[m.end() : m.end() + 1] == "-":
            continue
        following = WORD.match(text, _skip(text, m.end()), end)
        if following and following.group().lower() in ORG_WORDS:
            continue  # "the Nepal Army", "Bangladesh Coast Guard": an organisation
        words = m.group().split()
        # Try the longest run first, then shorter prefixes.
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            place = gaz.lookup(phrase)
            if place is None:
                continue
            after = words[n : n + 2] if n < len(words) else [
                w.group() for w in WORD.finditer(text, m.end(), min(end, m.end() + 30))][:2]
            if any(w.lower() in ORG_WORDS for w in after):
                break  # "the Nepal Army", "Bangladesh Coast Guard": an organisation
            trusted = place.reference or place.kind in ("country", "state") or (
                place.population >= 100_000)
            speaks = SUBJECT_OF.match(text, m.start() + len(phrase), end)
            if trusted and not speaks and phrase.lower() not in TIME_WORDS:
                p_end = m.start() + len(phrase) if n == len(words) else m.start() + len(
                    " ".join(words[:n]))
                yield PlaceMention(m.start(), p_end, "bare", place.name, place)
            break


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def is_actor(phrase: str) -> bool:
    """Whether a phrase names a listed actor ("in Hezbollah rocket attacks")."""
    from .actors import actor_table

    words = re.sub(r"^the\s+", "", phrase.strip(), flags=re.IGNORECASE)
    return any(" ".join(words.split()[:n]).casefold() in actor_table() for n in (1, 2, 3))


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


LOWER_NEXT = re.compile(r" [a-z]")


def cities_in(text: str, start: int, end: int) -> Place | None:
    """The last city, town or village the text names in ``text[start:end]``, for a later
    "the city": a known one (GeoNames, reference data), or a name the text marks as a
    place ("in Irpin", "Irpin mayor") though no list has it."""
    gaz = gazetteer()
    last, last_at = None, -1
    for m in CAPITALIZED_RUN.finditer(text, start, end):
        if m.group().lower() in TIME_WORDS or (m.start() == start and " " not in m.group()
                                               and LOWER_NEXT.match(text, m.end(), end)):
            continue  # "Most of the ...": a capitalised first word is not a town named Most
        place = gaz.lookup(m.group())
        if place and place.kind in ("city", "town", "village") and (
                place.reference or place.population >= 50_000):
            last, last_at = place, m.start()
    for m in NAMED_TOWN.finditer(text, start, end):
        group = "name" if m.group("name") else "name2"
        name = m.group(group)
        known = gaz.lookup(name)
        if known and known.kind not in ("city", "town", "village"):
            continue  # a country or a state is no "the city"
        if m.start(group) > last_at and not is_actor(name) and not (
                any(w.lower() in ORG_WORDS or w.lower() in TIME_WORDS for w in name.split())):
            last, last_at = known or Place(name, "town", None, None, None), m.start(group)
    return last


def named_places(text: str) -> list[str]:
    """Every capitalised run of words in the text that the gazetteer knows as a place
    (the dateline's "KABUL" included): the report's own context, in which a small
    place name shared by towns in several countries is read."""
    gaz = gazetteer()
    return [m.group() for m in CAPITALIZED_RUN.finditer(text)
            if m.group().lower() not in TIME_WORDS and gaz.lookup(m.group())]


# A capitalised name the text marks as a town: "in Irpin", "the town of Buzi", "Irpin mayor".
NAMED_TOWN = re.compile(
    r"(?:\b(?:in|from|near|outside|of\s+the\s+(?:town|city|village)\s+of|town\s+of|"
    r"city\s+of|village\s+of)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?![\w'’-]*\s+[A-Z])"
    r"|(?P<name2>[A-Z][\w'’-]+)\s+(?:mayor|residents|city\s+council|town\s+council))")
