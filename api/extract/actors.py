"""Who said it: turn a speaker phrase into a canonical actor name and kind.

"The ICRC's Regional Director Robert Mardini" is the person Robert Mardini;
"the ICRC from Syria", "ICRC Syria" and "the Red Cross" are the International
Committee of the Red Cross (through ``seeds/actors.toml``); "the UK-based
Syrian Observatory for Human Rights" loses its "UK-based"; a phrase nobody
listed ("a rescue service spokesman") is kept as written, without its article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from api.reference.actors import Actor, actor_key, actors
from api.reference.gazetteer import gazetteer

from .words import alternatives, word_list, word_set

# Titles before a single capitalised word that make it a name ("Governor Lopez"),
# and every word a title may hold ("UN regional director").
PERSON_TITLES = word_set("titles", "person")
TITLES = word_set("titles", "person", "other")
PERSON_ROLES = word_set("speakers", "roles")
NAME_PARTICLES = word_set("name_particles", "person")
# A word of an organisation's name, or an acronym ("ICRC", "UNHCR").
ORG_HINTS = re.compile(
    r"\b(?:" + alternatives(word_list("organisations", "common") + word_list(
        "organisations", "speakers")) + r"|(?-i:[A-Z]{3,}))\b",
    re.IGNORECASE,
)
PREFIXES = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:delegation|office|branch|mission|team|teams|staff)\s+"
    r"(?:of|from|for)\s+|(?:images|footage|video|videos|pictures|photos|images broadcast)\s+"
    r"(?:on|from|by|aired\s+on|broadcast\s+(?:on|by))\s+|(?:a\s+)?report\s+(?:from|by|on)\s+|"
    r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:figures|data|statistics|numbers|estimates|"
    r"information|tallies|tally|count|dispatches|reports)\s+(?:(?:released|published|compiled|"
    r"issued|provided|gathered|made\s+available)(?:\s+(?!by\b|from\b)\S+){0,3}?\s+)?"
    r"(?:by|from)\s+)",
    re.IGNORECASE,
)
BASED = re.compile(r"\b[\w.]+-based\s+", re.IGNORECASE)
LEADING = re.compile(
    r"^(?:(?:however|meanwhile|earlier|later|separately|also|and|but|today|yesterday|"
    r"(?:on|late|early)\s+\w+day|on\s+\w+|in\s+a\s+statement|in\s+a\s+tweet)[,\s]+)+",
    re.IGNORECASE,
)
DESCRIBED = re.compile(
    r"^(?:(?:" + alternatives(word_list("speakers", "description_openers")) + r")\s+)?"
    r"(?:[a-z][\w-]*\s+){0,3}(?!(?:in|of|from|for|at|to|on|by)\s)[a-z][\w-]*\s+(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})$")
TRAILING_ADVERB = re.compile(
    r"(?:\s+(?:here|there|today|yesterday|now|again|too|also)(?=\s|$)"
    r"|\s+(?:(?:late|early)\s+)?(?:on\s+)?\w+day(?:\s+(?:night|morning|evening|afternoon))?"
    r"|\s+(?:this|last)\s+(?:week|month|morning|evening|night)"
    r"|(?<!official)(?<!preliminary)(?<!provisional)(?<!initial)"
    r"\s+(?:figures|data|statistics|records|tallies)"
    r"|\s+(?:released|published|issued|compiled)"
    r")$")
# "Tasnim dispatches", "Reuters reports": the outlet whose reports they are.
NAMED_REPORTS = re.compile(r"(?P<name>\b[A-Z][\w-]*)\s+(?:dispatches|reports)$")
POSSESSIVE_END = re.compile(r"['’]s$")
HERE_BEFORE_PLACE = re.compile(r"\s+(?:here|there)(?=\s+(?:in|at|on)\s)", re.IGNORECASE)
ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
NOT_OUTLETS = word_set("speakers", "noun_markers")
NOT_SPEAKER_HEADS = word_set("speakers", "not_speaker_heads")
NOT_SPEAKER_ENDINGS = word_set("speakers", "not_speaker_endings")
NOT_SPEAKER_OPENERS = word_set("speakers", "not_speaker_openers")
BULLET = re.compile(r"^[•·▪●◦*‣⁃-]\s*")
RELATIVE_CLAUSE = re.compile(r"(?<=[a-z])\s+(?:that|which|who)\s+[a-z].*$")
PLACE_TAIL = re.compile(r"\s+(?:in|from|for|of)\s+(?P<place>[A-Z][\w' -]*)$")


def actor_table() -> dict[str, Actor]:
    """Alias key -> canonical actor: the registry's table (`api.reference.actors`)."""
    return actors().by_key


@lru_cache(maxsize=65536)
def lookup(name: str) -> Actor | None:
    """The listed actor a name stands for, trying the name without a place suffix too."""
    table = actor_table()
    k = actor_key(name)
    if k in table:
        return table[k]
    m = PLACE_TAIL.search(name)
    if m and gazetteer().lookup(m.group("place")):
        return lookup(name[: m.start()])
    # "ICRC Syria": an organisation followed by the country it works in.
    words = name.split()
    if len(words) > 1 and gazetteer().lookup(words[-1]):
        return table.get(actor_key(" ".join(words[:-1])))
    return None


@lru_cache(maxsize=65536)
def person_name(phrase: str) -> str | None:
    """The personal name at the end of a titled phrase ("UN envoy Staffan de Mistura")."""
    words = phrase.replace("’s", "'s").split()
    name: list[str] = []
    for word in reversed(words):
        bare = word.strip(",.")
        low = bare.lower()
        if low in NAME_PARTICLES or low.startswith(("al-", "el-")):
            name.insert(0, bare)
            continue
        initials = re.fullmatch(r"(?:[A-Z]\.)+", word.strip(","))
        titled = all(part in TITLES for part in low.split("-"))  # "General-Major"
        if initials or (bare[:1].isupper() and not titled and not bare.endswith("'s")
                        and not ORG_HINTS.fullmatch(bare) and not bare.isupper()):
            name.insert(0, bare)
            continue
        break
    while name and name[0].lower() in NAME_PARTICLES:
        name.pop(0)
    if not name:
        return None
    rest = words[: len(words) - len(name)]
    last = rest[-1].strip(",.").lower() if rest else ""
    titled = bool(rest) and (all(part in TITLES for part in last.split("-"))
                             or rest[-1].endswith("'s") or last in PERSON_ROLES)
    if len(name) == 1 and not all(part in PERSON_TITLES for part in last.split("-")):
        return None  # "Relief Corps" is no person called Corps
    whole = not rest and len(name) >= 2
    if not (titled or whole):
        return None
    candidate = " ".join(name)
    if lookup(candidate) or gazetteer().lookup(candidate) or ORG_HINTS.search(candidate):
        return None
    return candidate


@lru_cache(maxsize=65536)
def canonical(phrase: str) -> Actor | None:
    """The actor a speaker phrase names, or ``None`` when it is no speaker at all."""
    apposition = phrase.rstrip().endswith(",")
    phrase = re.sub(r"\s*\([^)]*\)", "", phrase)
    phrase = re.sub(r",?\s+(?:also|better|formerly)\s+known\s+as\b.*$", "", phrase)
    phrase = RELATIVE_CLAUSE.sub("", phrase)  # "the minister in the government that runs ..."
    phrase = " ".join(phrase.strip(" ,;:-–—\"'“”").split())
    phrase = TRAILING_ADVERB.sub("", LEADING.sub("", phrase))
    if (named := NAMED_REPORTS.search(phrase)) and named.group("name").lower() not in NOT_OUTLETS:
        phrase = phrase[: named.end("name")]
    # "The National Police Agency's (toll)", "police here in Miyagi": the owner, without "here".
    phrase = POSSESSIVE_END.sub("", HERE_BEFORE_PLACE.sub("", phrase))
    phrase = BULLET.sub("", phrase)
    if not phrase:
        return None
    # "Raed Al Saleh, the head of the Syrian Civil Defence": the name before the title.
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if len(parts) > 1:
        names = [person_name(p) or (p if _looks_like_name(p) else None) for p in parts]
        for n in names:
            if n:
                return Actor(n, "person")
        # An apposition ("The Blue Lagoon spa, about 6 km from the town,"): its head.
        phrase = parts[0] if apposition or len(parts) > 2 else parts[-1]
    phrase = BASED.sub("", PREFIXES.sub("", phrase))
    if not phrase or _noise(phrase):
        return None
    if known := lookup(phrase):
        return known
    if name := person_name(phrase):
        return Actor(name, "person")
    written = ARTICLE.sub("", phrase)
    if not written:
        return None
    if known := lookup(written):
        return known
    # "State news agency Sana" opening a sentence: a description with its capital letter.
    lowered = written[:1].lower() + written[1:]
    described = DESCRIBED.match(lowered)
    if lowered != written and (known := lookup(lowered) or (
            described and len(lowered[: described.start("name")].split()) >= 2
            and lookup(described.group("name")))):
        return known  # but "Icelandic Red Cross" is no Red Cross described as Icelandic
    if (member := MEMBER_OF.match(written)) and _member_name(member.group("name")):
        return Actor(member.group("name"), "person")  # "Okol of the PAF information office"
    # "tour operator Jet2", "monitoring group Airwars": a description, then the name.
    if (named := DESCRIBED.match(written)) and not gazetteer().lookup(named.group("name")):
        return lookup(named.group("name")) or Actor(named.group("name"), "other")
    kind = "person" if _is_person_phrase(written) else "other"
    return Actor(written, kind)


MEMBER_OF = re.compile(r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+of\s+the\s+"
                       r"(?P<body>.*\b(?-i:[A-Z]{2,})\b.*)$")


def _member_name(name: str) -> bool:
    """A name before "of the <organisation>" that is a person's, not the organisation's own
    head word ("Department of the Interior") nor a title ("Secretary of the Navy")."""
    words = name.lower().split()
    return not (ORG_HINTS.search(name) or any(w in TITLES for w in words) or lookup(name)
                or gazetteer().lookup(name))


def _looks_like_name(phrase: str) -> bool:
    words = phrase.split()
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words
    ) and not ORG_HINTS.search(phrase) and not lookup(phrase) and not gazetteer().lookup(phrase)


def _is_person_phrase(phrase: str) -> bool:
    words = [w.lower().strip(",.") for w in phrase.split()]
    return bool(words) and (words[-1] in PERSON_ROLES or _looks_like_name(phrase))


def _noise(phrase: str) -> bool:
    """Words that stand where a speaker would but name none: a count ("18 citizens of
    ..."), a fragment ("relieved to", "If you"), a caption's "This aerial view", "the
    number of people", "the latest information"."""
    words = phrase.lower().split()
    count = phrase[:1].isdigit() and not re.match(r"\S+\s+[A-Z]", phrase)  # not "10 Downing St"
    if count or words[-1] in NOT_SPEAKER_ENDINGS or words[0] in NOT_SPEAKER_OPENERS:
        return True
    head = re.split(r"\s+(?:of|from|in|on|at|for)\s+", phrase.lower(), maxsplit=1)[0].split()
    return bool(head) and head[-1] in NOT_SPEAKER_HEADS
