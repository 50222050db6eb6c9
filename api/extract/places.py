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

from api.reference.data import load_toml
from api.reference.gazetteer import Gazetteer, Place, gazetteer

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
        r"(?<!according )(?<!due )(?<!thanks )(?<!owing )(?<!next )(?<!catering )"
        r"(?<!compared )"
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
TOO_GENERAL = word_set("places", "too_general")
BARE_INSTITUTIONS = word_set("places", "bare_institutions")
DESCRIPTIVE_OPENERS = word_set("places", "descriptive_openers")
ORG_WORDS = word_set("organisations", "common", "places")
TIME_WORDS = word_set("time_words", "days", "months", "month_abbreviations", "relative")
STOP_WORDS = word_set("stop_words", "common", "place_phrase")
NAME_JOINERS = word_set("places", "name_joiners")
LOCATIVE_JOINERS = word_set("places", "locative_joiners")
EVENT_NOUNS = word_set("places", "event_nouns")
STORM_TITLES = word_set("places", "storm_titles")


def _demonym_adjectives() -> dict[str, str]:
    """Adjective of a people -> its country ("lebanese" -> Lebanon), read off the lexicon's
    demonyms ("Lebanese nationals", "Syrians"), plus the words.toml adjectives (no country)."""
    found: dict[str, str] = {}
    for country, names in load_toml("lexicon.toml")["demonyms"].items():
        for name in names:
            words = name.split()
            if len(words) > 1 and words[-1].lower() in ("nationals", "citizens", "people"):
                found.setdefault(" ".join(words[:-1]).lower(), country)
            elif len(words) == 1 and name.endswith("s"):
                found.setdefault(name[:-1].lower(), country)
    for word in word_set("places", "adjectives"):
        found.setdefault(word, "")
    # "US citizens", "UK nationals": a country's own name is a place, not an adjective.
    return {w: c for w, c in found.items() if not gazetteer().lookup(w)}


ADJECTIVE_COUNTRY = _demonym_adjectives()
GENERIC_LEAD = re.compile(
    r"^(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:villages?|towns?|city|cities|provinces?|regions?|districts?|ports?|state|county|"
    r"counties|municipality|islands?|governorate|capital|neighbourhoods?|neighborhoods?|"
    r"enclaves?|suburbs?)"
    r"\s+of\s+",
    re.IGNORECASE,
)
LOCATED_IN = re.compile(r"\s+(?:in|inside|within|near|at)\s+", re.IGNORECASE)
INNER_SPLIT = re.compile(r"\s+(?:in|inside|of|within|near|at)\s+", re.IGNORECASE)
TRAILING_IN = re.compile(r"^(?P<outer>.+?)\s+(?:in|inside)\s+.+$", re.IGNORECASE)
# "the city", "the besieged town", "the coastal city": the city the report named last.
ANAPHOR = re.compile(r"^(?:the\s+)?(?-i:(?:[a-z][\w-]*\s+){0,2})"
                     r"(?P<kind>city|town|capital|village|port city)$",
                     re.IGNORECASE)
WORD = re.compile(r"#?\w[\w'’-]*(?:\.\w+)*\.?|&")


@dataclass(frozen=True)
class PlaceMention:
    """A place phrase in the report and the role its preposition gives it."""

    start: int
    end: int
    role: str  # origin, destination, location, transit, bare, event (where an event was)
    name: str  # canonical when known, else as written
    place: Place | None
    lead: int = -1  # where its preposition starts ("from Puri"), when it has one


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
        if not count and NUMBER_LEAD.match(text, w_start, end) and _place_noun_ahead(
                text, NUMBER_LEAD.match(text, w_start, end).end(), end):
            count, last = 1, NUMBER_LEAD.match(text, w_start, end).end()
            continue  # "in 1,104 evacuation centres"
        if not count and (word.lower() in STOP_WORDS or MARKER.match(text, w_start, end) or (
                not _can_start(word) and not _adjective_before_name(word, text, w_end, end)
                and not (_place_noun_ahead(text, w_end, end)
                         and not DETERMINER_NEXT.match(text, w_end, end)))):
            return start  # "to shell the area": a verb, not "to former opposition territory"
        if count and low in LOCATIVE_JOINERS and not _named_ahead(text, w_end, end):
            break  # "Daraa in recent days", but "areas near the Jordanian border"
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


NUMBER_LEAD = re.compile(r"\d[\d,.]*\d(?=\s)|\d(?=\s)")
DETERMINER_NEXT = re.compile(r"\s+(?:the|a|an|its|their|his|her|our|this|these|those)\s",
                             re.IGNORECASE)


def _adjective_before_name(word: str, text: str, pos: int, end: int) -> bool:
    """"from war-torn Yemen", "in flood-hit Derna", "from devastated Derna": a lowercase
    adjective opening a place phrase right before a name."""
    return bool(("-" in word or word.endswith("ed")) and word[0].islower()
                and re.match(r"\s+[A-Z]", text[pos:end]))


def _named_ahead(text: str, pos: int, end: int) -> bool:
    """Whether a name or a place noun follows within four words."""
    for i, (_, _, word) in enumerate(_words(text, pos, end)):
        low = word.lower().rstrip(".")
        if word[0].isupper() or word[0] == "#" or low in PLACE_NOUNS or low.removesuffix(
                "'s").removesuffix("’s") in PLACE_NOUNS:
            return True
        if i >= 3 or low in STOP_WORDS or low in TIME_WORDS:
            return False
    return False


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
    if words[0] in ("least", "most"):
        return False  # "at least two villages": a hedge, not the preposition "at"
    named = phrase.split()[1:] if words[0] in PLACE_OPENERS else phrase.split()
    if (named and named[0].lower() in DESCRIPTIVE_OPENERS
            and not any(w[:1].isupper() for w in named[1:])):
        return False  # "dozens of towns", "the same province", "find shelter"
    if len(named) == 1 and named[0] in TOO_GENERAL:
        return False  # "across the state", "in the northwest" (but "the Southeast")
    if words[-1] in ADJECTIVE_COUNTRY:
        return False  # "fleeing Israeli bombing": an adjective, the noun after it no place
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
    # "near [the southern port of] Aden": an editor's insertion is no part of the name.
    written = " ".join(re.sub(r"\[[^\]]*\]", " ", written).split()) or written
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
    if m := NATIONAL_CAPITAL.match(written):
        # "the Lebanese capital", "Lebanon's capital": the country's capital city.
        country = ADJECTIVE_COUNTRY.get(m.group("people").lower()) or m.group("people")
        if capital := gaz.capital_of(country):
            return capital.name, capital
    # "Lebanon's capital Beirut", "the port city Odesa": the name in apposition.
    if (m := CAPITAL_NAMED.match(written)) and (place := gaz.lookup(m.group("name"))):
        return place.name, place
    # "four neighbourhoods in eastern Aleppo", "a hospital in Rafah in the south of the
    # enclave" -> the named place inside.
    parts = INNER_SPLIT.split(written)
    if len(parts) > 1 and parts[0].split() and parts[0].split()[-1].lower() in PLACE_NOUNS - (
            COMPASS):  # "a shelter south of Daraya" is not Daraya
        for inner in parts[1:]:
            inner = GENERIC_LEAD.sub("", inner)
            if place := gaz.lookup(inner) or gaz.lookup(re.sub(r"^(?:the|a)\s+", "", inner)):
                return place.name, place
        # "facilities in Beaumont and Lumberton": the place named inside, as written.
    located = LOCATED_IN.split(written)
    if len(located) > 1 and located[0].split():
        named = next((p for p in located[1:] if p[:1].isupper() or DIRECTED_NAME.match(p)),
                     None)
        head = located[0].split()[-1].lower()
        if named and (head in PLACE_NOUNS - COMPASS or head in ("homes", "houses")):
            return named, None  # "their homes in southern Turkey"
        outer = GENERIC_LEAD.sub("", located[0])
        if all(w[:1].isupper() or w.lower() in NAME_JOINERS for w in outer.split()):
            # "Zabadani and Madaya near the Lebanese border": the names, not the landmark.
            return resolve(outer, last_city)
    on = re.split(r"\s+(?:on|in|at)\s+", written, maxsplit=1)
    if len(on) == 2 and on[0].split() and on[0].split()[-1].lower() in NOT_PLACE_HEADS and (
            _is_place_like(on[1])):
        # "the earthquakes on the border", "a halt on the outskirts of Goma": the place
        # is what follows the head noun, which names none.
        return resolve(on[1], last_city)
    if (m := COUNTED_PLACES.match(written)) and m.group("rest").split()[0].lower() in PLACE_NOUNS:
        written = m.group("rest")  # "1,104 evacuation centres", but "20 km zone"
    written = DETERMINER.sub("", LEADING_ADJECTIVES.sub("", written)) or written
    return GENERIC_LEAD.sub("", written) if written[:1].islower() else written, None


# "a staging point", "their homes": a place kept as written starts at its noun.
DETERMINER = re.compile(r"^(?:a|an|its|their|his|her|our)\s+(?=\S)", re.IGNORECASE)


PART_OF = re.compile(
    r"^(?:all|most|much|parts?|some|half|large\s+parts?|the\s+rest|one|two|three|each|any|"
    r"many|several|both)\s+of\s+(?:the\s+)?",
    re.IGNORECASE)
COUNTED_PLACES = re.compile(r"^\d[\d,.]*\s+(?P<rest>(?:[a-z][\w-]*\s+)?[a-z][\w-]*.*)$")
DIRECTED_NAME = re.compile(r"^(?:eastern|western|northern|southern|central|north-?eastern|"
                           r"north-?western|south-?eastern|south-?western)\s+[A-Z]")
# Head nouns that name no place, before "on"/"in"/"at" and the place: "the earthquakes on
# the border", "came to a halt on the outskirts of Goma".
NOT_PLACE_HEADS = EVENT_NOUNS | word_set("places", "idle_heads")
COMPASS = frozenset(("south", "north", "east", "west", "southeast", "southwest", "northeast",
                     "northwest"))
NATIONAL_CAPITAL = re.compile(
    r"^(?:the\s+)?(?P<people>[A-Z][\w.-]+)(?:['’]s)?\s+capital(?:\s+city)?$")
CAPITAL_NAMED = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.-]+['’]s\s+)?(?:[a-z][\w-]*\s+)?(?:capital|city|town|port|"
    r"village)(?:\s+city)?,?\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})$")
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
        marker = " ".join(m.group().lower().split())
        if marker == "for" and _names_an_office(text, start, m.start()):
            continue  # "Organization for Migration", "spokeswoman for the UNHCR"
        if marker == "to" and re.search(r"\d\s*$", text[max(start, m.start() - 3) : m.start()]):
            continue  # "40 to 80 settlements": a range, not a destination
        p_start = m.end()
        p_end = _phrase_end(text, p_start, end)
        if p_end <= p_start:
            continue
        phrase = text[p_start:p_end]
        if not _is_place_like(phrase) or _inside(p_start, excluded) or is_actor(phrase):
            continue
        if _names_event(text, p_start, p_end, end):
            continue  # "from the devastating Camp fire", "from Hurricane Ian's passage"
        if marker == "on" and not any(w.lower().strip(".,'’") in PLACE_NOUNS
                                      for w in phrase.split()):
            continue  # "on Twitter", "on board": only "on the island", "on the border"
        name, place = resolve(phrase, last_city)
        if place is None and (ref := REFERENT.match(phrase)):
            name, place = _referent(text, p_start, ref.group("noun").lower()) or (name, place)
        if place is None and ANAPHOR.match(re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)):
            continue  # "the town" with no town named before it
        indefinite = phrase.split()[0].lower() in ("a", "an")
        if place is None and indefinite and role != "destination" and (
                not any(w.lower() in PLACE_NOUNS for w in phrase.split())):
            continue
        if role == "location" and marker in ("in", "across") and _event_before(text, m.start()):
            role = "event"  # "displaced by the conflict in Mosul": where they fled from
        found.append(PlaceMention(p_start, p_end, role, name, place, m.start()))
        taken_until = p_end
    found.extend(_evacuated_subject(text, start, end, last_city, found, excluded))
    found.extend(_bare_names(text, start, end, found, excluded))
    return sorted(found, key=lambda p: p.start)


CAPITALIZED_RUN = re.compile(
    r"(?:(?:eastern|western|northern|southern|east|west|north|south|central)\s+)?#?[A-Z][\w'’-]*(?:\s+(?:(?:al|el|de|la|of)[\s-]+)?#?[A-Z][\w'’-]*){0,3}")


# A name followed by its verb or a relative clause is a subject, not a place of the claim;
# so is a name coordinated with another before the verb ("Britain and the US said").
SUBJECT_OF = re.compile(
    r"(?:\s+and\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
    r"\s+(?:said|say|says|told|reported|has|have|is|are|was|were)\b|,\s+(?:which|who)\b")


# "Denmark evacuated 4,000 of its citizens", "Britain flew 300 nationals out": a state that
# evacuates its people is no place of the claim.
STATE_ACTS = re.compile(r"\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:evacuated|airlifted|flew|"
                        r"repatriated|sent|dispatched|chartered|brought|rescued|moved|began|"
                        r"started|plans|planned|will)\b", re.IGNORECASE)


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
    if place is not None and place.kind == "country":
        return  # "Denmark evacuated 4,000 of its citizens": a state that evacuates, not a place
    yield PlaceMention(p_start, p_end, "origin", name, place)


REFERENT_KINDS = {noun: frozenset(kinds) for noun, kinds in word_table("place_referents").items()}
# "the island", "the devastated suburb", "the Mediterranean island": a kind, no name.
REFERENT = re.compile(r"^the\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + alternatives(REFERENT_KINDS)
                      + r")$", re.IGNORECASE)
# A name and the kind after it: "the Northlands reception centre", "Sanibel Island".
HEADED_NAME = re.compile(
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al|el|de))*)(?:\s+[a-z][\w-]*){0,3}?\s+"
    r"(?P<noun>(?i:" + alternatives(sorted({k for ks in REFERENT_KINDS.values() for k in ks}))
    + r"))\b")


def _referent(text: str, pos: int, noun: str) -> tuple[str, Place | None] | None:
    """The last place before ``pos`` of a kind ``noun`` can refer to ("the island" after
    "Cyprus", "the suburb" after "Daraya"): a gazetteer place of that kind, or a name the
    text gives that kind ("the Northlands reception centre")."""
    kinds = REFERENT_KINDS[noun]
    gaz = gazetteer()
    best: tuple[int, str, Place | None] | None = None
    for m in CAPITALIZED_RUN.finditer(text, 0, pos):
        run = re.sub(r"['’]s$", "", m.group())
        place = gaz.lookup(run) if run.lower() not in TIME_WORDS else None
        if place and (place.kind in kinds or kinds & set(place.also)):
            best = (m.start(), place.name, place)
    for m in HEADED_NAME.finditer(text, 0, pos):
        if m.group("noun").lower() not in kinds or (best and best[0] > m.start()):
            continue
        between = text[m.end("name") : m.start("noun")].split()
        if any(w in STOP_WORDS or w in NAME_JOINERS for w in between):
            continue  # "Insurance agencies are on site": a clause, not a name and its kind
        phrase = text[m.start() : m.end()]
        if of := re.match(r"\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", text[m.end() : pos]):
            phrase += of.group()  # "the Muslim enclave of Srebrenica"
        elif m.group("name").lower() in ADJECTIVE_COUNTRY:
            continue  # "the Muslim enclave", "a Syrian camp": no name
        known = gaz.lookup(m.group("name"))
        name, place = resolve(phrase)
        if place is not None and (place.kind in kinds or kinds & set(place.also)):
            best = (m.start(), name, place)
        elif place is None and not is_actor(m.group("name")) and (
                known is None or m.group("noun").lower() not in AREA_KINDS):
            best = (m.start(), name, None)  # but "a Damascus suburb" names no suburb
    for m in KIND_OF_NAME.finditer(text, 0, pos):
        if m.group("noun").lower() in kinds and not (best and best[0] > m.start()):
            best = (m.start(), *resolve(m.group("name")))  # "the enclave of Srebrenica"
    return (best[1], best[2]) if best else None


# Kinds of place that a place name before them qualifies rather than names: "a Damascus
# suburb" is a suburb of Damascus, "the Edmonton Expo Centre" is a centre's name.
AREA_KINDS = frozenset(("suburb", "town", "village", "enclave", "strip", "island"))
KIND_OF_NAME = re.compile(
    r"\b(?P<noun>(?i:" + alternatives(sorted({k for ks in REFERENT_KINDS.values() for k in ks}))
    + r"))\s+of\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def _event_before(text: str, pos: int) -> bool:
    """Whether an event noun ends just before ``pos``: "fighting in", "the floods across"."""
    word = re.search(r"([\w-]+)\s*$", text[max(0, pos - 30) : pos])
    return word is not None and word.group(1).lower() in EVENT_NOUNS | {"fighting", "clashes",
                                                                          "violence", "shelling"}


def _names_event(text: str, p_start: int, p_end: int, end: int) -> bool:
    """Whether a capitalised name opens an event's name rather than a place: a storm title
    ("Hurricane Ian"), or a name before an event noun, one word between at most ("the Camp
    fire", "the Ukraine dam breach", "the deadliest California fire")."""
    words = [w for _, _, w in _words(text, p_start, p_end)]
    while words and words[0].lower() in PLACE_OPENERS:
        words = words[1:]
    while words and words[0][:1].islower():
        words = words[1:]  # "the devastating Camp fire", "the deadliest California fire"
    if not words or not words[0][:1].isupper():
        return False
    if words[0].lower() in STORM_TITLES or any(w.lower() in EVENT_NOUNS for w in words[1:]):
        return True  # "Hurricane Ian", "the Camp Fire"
    after = [w.lower().rstrip(".") for _, _, w in _words(text, p_end, min(end, p_end + 40))][:2]
    return bool(after) and (after[0] in EVENT_NOUNS or (
        len(after) > 1 and after[1] in EVENT_NOUNS and after[0] not in STOP_WORDS
        and after[0] not in NAME_JOINERS and after[0] not in TIME_WORDS))


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
        if _names_event(text, m.start(), m.end(), end):
            continue  # "Hurricane Ian", "after the Ukraine dam breach"
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
            speaks = SUBJECT_OF.match(text, m.start() + len(phrase), end) or (
                place.kind == "country" and STATE_ACTS.match(text, m.start() + len(phrase), end))
            if trusted and not speaks and phrase.lower() not in TIME_WORDS:
                p_end = m.start() + len(phrase) if n == len(words) else m.start() + len(
                    " ".join(words[:n]))
                yield PlaceMention(m.start(), p_end, "bare", place.name, place)
            break


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


@lru_cache(maxsize=65536)
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


def named_places(text: str, gaz: Gazetteer | None = None) -> list[str]:
    """Every capitalised run of words in the text that the gazetteer (by default the
    seeds') knows as a place, the dateline's "KABUL" included: the report's own context,
    in which a small place name shared by towns in several countries is read."""
    gaz = gaz or gazetteer()
    return [m.group() for m in CAPITALIZED_RUN.finditer(text)
            if m.group().lower() not in TIME_WORDS and gaz.lookup(m.group())]


# A capitalised name the text marks as a town: "in Irpin", "the town of Buzi", "Irpin mayor".
NAMED_TOWN = re.compile(
    r"(?:\b(?:in|from|near|outside|of\s+the\s+(?:town|city|village)\s+of|town\s+of|"
    r"city\s+of|village\s+of)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?![\w'’-]*\s+[A-Z])"
    r"|(?P<name2>[A-Z][\w'’-]+)\s+(?:mayor|residents|city\s+council|town\s+council))")
