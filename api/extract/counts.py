"""From amounts to counts: what each number counts, who is counted, planned or happened.

An amount becomes a count when a head noun follows it ("17 buses", "951
women, children and the wounded", "one of its volunteers") or, standing
alone, when a verb of the lexicon says what happened to it ("Thousands leave
Aleppo", "tens of thousands displaced"). The quantity of a count of people
comes from the nearest cue word in its clause ("were evacuated", "wounding",
"still trapped"); the status from the planned and occurred cues around the
number and around that cue word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from api.reference.gazetteer import gazetteer

from .actors import lookup as lookup_actor
from .lexicon import Lexicon, lexicon
from .numbers import NUMBER_WORD, Amount
from .words import alternatives, word_list, word_set

WORD = re.compile(r"\w[\w'’-]*(?:\.\w+)*(?:(?<=\b\w)\.)?")
OF = re.compile(r"\s+of\s+(?:(?P<det>the|its|their|his|her|our|these|those|them)\b\s*)?",
                re.IGNORECASE)
COORD = re.compile(
    r"(?:\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|or|plus|as\s+well\s+as)\s+)"
    r"(?P<det>(?:the|their|its|his|her|other|some)\s+)?",
    re.IGNORECASE,
)
# Words that end the modifiers and head nouns after a number.
NOUN_STOP_WORDS = word_set("stop_words", "common", "noun_phrase")
NOUN_USE = re.compile(r"\b(?:the|a|an|their|its|his|her)\s+$", re.IGNORECASE)
ADJECTIVE_CUES = word_set("counts", "adjective_cues")
BARE_BRIDGE = re.compile(
    r"^(?:\s+(?:more|others|other|people|of\s+them|have|has|had|been|were|was|are|is|still|"
    r"also|already|now|reportedly|so\s+far|in\s+all|in\s+total|altogether|being|got|"
    r"remain|more\s+people|told\s+to|ordered\s+to|urged\s+to|asked\s+to|forced\s+to|"
    r"expected\s+to|set\s+to|due\s+to|to\s+be|will|would|could|must|had\s+to|have\s+to|"
    r"planned\s+to|scheduled\s+to|slated\s+to|likely\s+to|yet\s+to|"
    r"may|might|should|need\s+to|needed\s+to|were\s+told\s+to|also|later|since|to|be|"
    r"who|that|located|currently|all|reported|confirmed|officially))*\s+$",
    re.IGNORECASE,
)
NUMBERING = re.compile(
    r"(?:said\s+to\s+number|numbering|who\s+number|which\s+number|number(?:ed|s)?|"
    r"totall?ing|totall?ed|estimated\s+at|put\s+at)\s+$",
    re.IGNORECASE,
)
TOLL = re.compile(
    r"(?P<what>(?:death\s+)?toll|number\s+of\s+(?P<of>[\w\s-]{1,60}?)|tally"
    r"|total(?:\s+(?:number\s+of\s+)?[\w-]+)?)"
    # "the death toll from the Camp fire", "the toll, which had stood at 40,"
    r"(?:\s+(?:from|in|of|for|on|after|since)\s+[^,.;:\d]{1,60}?)?(?:\s*,\s*which\b[^;]{0,120}?,?)?"
    r"(?:\s+(?:has|had|have|is|was|now|so\s+far|officially|also|again|then|later|could|would|may|"
    r"might|will|is\s+expected\s+to|was\s+expected\s+to|expected\s+to|likely\s+to|even|"
    r"[a-z]+ly))*"
    r"\s*(?:(?<=\s)(?:" + alternatives(word_list("counts", "toll_verbs")) + r")|:)"
    r"(?:\s+(?:now|currently|already|again|officially))?"
    r"(?:\s+(?:to|at|past|up\s+to|by))?\s+$",
    re.IGNORECASE,
)
# "Deaths: 1,355", "total deaths are 1355 & injured are 12722", "Missing - 40": a
# tally's label, then the number.
LABELLED_TALLY = re.compile(
    r"(?<![\w-])(?P<what>(?:total\s+)?(?:deaths|dead|fatalities|injured|injuries|wounded|missing|"
    r"evacuees|evacuated|displaced))\s*(?:(?:are|is|was|were|stands?\s+at|stood\s+at)\s+|:\s*"
    r"|[-–]\s*)$", re.IGNORECASE)


def _tally_before(before: str) -> re.Match[str] | None:
    """The toll or labelled tally a bare number completes: "the toll rose to", "Deaths:"."""
    return TOLL.search(before) or LABELLED_TALLY.search(before)


# "A rebel spokesman put the figure at 10,000": the figure of the sentence before.
FIGURE_AT = re.compile(r"(?:puts?|putting)\s+the\s+(?:figure|number|toll|total|count)\b[^.;]{0,60}?"
                       r"\bat\s*$|(?:figure|number|total|count)\s+(?:was|is|stood\s+at|stands\s+at)"
                       r"\s*(?:nearly|about|around|some|close\s+to|more\s+than|over)?\s*$",
                       re.IGNORECASE)
OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|these|those)\b")
OF_WHOM_AFTER = re.compile(r"\s+of\s+(?:whom|which)\b", re.IGNORECASE)
OF_THEM = re.compile(r"\bof\s+(?:them|these|those)$")
ACROSS = re.compile(r"(?:^|[.;:\n]\s*|\b)(?:among\s+(?:them|those|these)|of\s+(?:these|those|them)"
                    r")\s*(?:,\s*)?(?:were|are|was|is)?\s*$", re.IGNORECASE)
INCLUDING = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|among\s+those|"
                       r"together\s+with|along\s+with|alongside|as\s+well\s+as)"
                       r"\s*:?\s*$", re.IGNORECASE)
# Residents named after their place: Floridians, Californians, New Yorkers, Muscovites.
INHABITANTS = re.compile(r"(?:New\s+)?[A-Z][a-z]+(?:ians|ans|ers|ites|ese)(?![\w-])")
TOLL_NEAR = re.compile(r"\b(?:neared|nears|nearing|approached|approaches|approaching)\b",
                       re.IGNORECASE)
TOLL_PAST = re.compile(r"\b(?:passe[sd]|surpass\w*|exceed\w*|tops|topped|past)\b", re.IGNORECASE)
NEEDING_CARE = re.compile(r"\s+(?:who|that)\s+(?:needed|need|needing|required|require|were\s+in"
                          r"\s+need\s+of)\s+(?:urgent\s+|immediate\s+)?(?:medical|hospital|"
                          r"intensive)\s+(?:attention|care|treatment)", re.IGNORECASE)
PREDICATE = re.compile(r"\s+of\s+(?:those|them|these|whom)(?:\s+\w+){0,2}?\s+(?:were|are|was|is)\s+"
                       r"(?:all\s+|mostly\s+|mainly\s+)?", re.IGNORECASE)
REST_OF = re.compile(r"\s*(?:(?:the\s+|a\s+|an\s+)?(?:remaining|other|last|final|further|"
                     r"additional)|another)\s*", re.IGNORECASE)
ONE_MORE = re.compile(r"\s+(?:further|more|other|additional|extra|single|last|final)\s",
                      re.IGNORECASE)
COPULA = re.compile(r"\s+(?:were|are|was|is)\s+(?:all\s+|mostly\s+|mainly\s+)?", re.IGNORECASE)
RELATIVE = re.compile(r",\s+(?:which|who|where|whose)\b[^,;]*,")
EVERY = re.compile(r"\b(?:every|each|any|no)\s+$", re.IGNORECASE)
SHARE_OF = re.compile(r"\d[\d,.]*(?:\s+(?:million|thousand))?\s+(?=[A-Za-z])")
PARTITIVE = re.compile(
    r"(?:(?:approximately|about|around|some|an\s+estimated|estimated|roughly|nearly|almost|"
    r"over|more\s+than|at\s+least)\s+)?"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|thousand)\b(?:\s+or\s+so)?\s*", re.IGNORECASE)
NOT_VEHICLES = re.compile(r"\b(?:tank|rail|freight|cargo|goods|box)\s+(?:cars|wagons)$|"
                          r"\b(?:tankers|railcars|wagons)$", re.IGNORECASE)
# "38 cars of its 149-car train": the train's cars, not vehicles.
TRAIN_CARS = re.compile(r"\s+of\s+(?:its|the|a|their)\s+(?:[\w-]+\s+){0,2}(?:train|freight)\b",
                        re.IGNORECASE)
OF_BETWEEN = re.compile(r"\s+of\s+", re.IGNORECASE)
AUXILIARY_AFTER = re.compile(r"\s+(?:was|were|is|are|has|have|had|will|would|began|begun|"
                             r"started|continued|went|took)\b", re.IGNORECASE)
MEASURE_OF = re.compile(r"\s+of\s+(?:stairs|steps|fancy|the\s+stairs)\b", re.IGNORECASE)
NOMINAL_CUE = re.compile(r"(?:tion|tions|al|als|exodus|airlifts?|rescues?|deaths?|toll|bodies|"
                         r"victims|fatalities|killings|executions?|casualties|injuries|burns|"
                         r"body of|bodies of|remains of|repatriation|shelters|centres|centers)$",
                         re.IGNORECASE)
POPULATION = re.compile(
    r"(?:(?:city|cities|town|towns|port|village|villages|community|communities|island|region|"
    r"municipality|county|nation|country|district|state|province|metropolis|suburb|enclave)"
    r"\s+(?:of|with|home\s+to)|"
    # what a place can take is no count of people: "the capacity to accommodate 2,400"
    r"capacity\s+(?:to\s+(?:\w+\s+)?\w+|for|of)|(?:room|space|beds)\s+for|"
    # rescuers sent in: "a team of 87 rescuers"
    r"\b(?:team|teams|contingent|squad|detachment)\s+of|"
    r"(?:can|could|able\s+to)\s+(?:accommodate|hold|house|take)|"
    r"population\s+(?:of|is|was|stood\s+at|of\s+about)|home\s+to|populated\s+by|"
    r"inhabited\s+by|pre-war\s+population\s+of|\b(?:affected|affecting)|"
    r"(?:half|thirds?|quarters?|majority|"
    r"none|percent|per\s+cent|%)\s+of\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:[A-Z][\w.-]*\s+){0,3}[\w-]+['’]s\s+)?"
    r")\s*(?:about\s+|around\s+|some\s+|roughly\s+|"
    r"nearly\s+|almost\s+|more\s+than\s+|over\s+|an\s+estimated\s+|approximately\s+)?$",
    re.IGNORECASE,
)
GENERIC_HEADS = word_set("counts", "generic_heads")
# Cues that only say where people got to: refugees who arrived are still refugees.
ARRIVAL_CUES = word_set("counts", "arrival_cues")
# What vehicles bring in when they are a deployment rather than an evacuation.
SUPPLIES = re.compile(r"\b(?:" + alternatives(word_list("counts", "supplies")) + r")\b",
                      re.IGNORECASE)
# "... mandatory evacuations for more than 100,000 people": an order and whom it covers.
ORDERS_FOR = re.compile(
    r"\bevacuations?(?:\s+(?:orders?|warnings?|notices?|directives?))?\s+"
    r"(?:for|covering|covered|cover|covers|affecting|affected|of)\s+$|\b(?:orders?|told|urged|asked)\s+"
    r"(?:to\s+evacuate)\s+$", re.IGNORECASE)
# "Of the 12 hospitals, only three remain open": a whole of things before a bare number.
THINGS_BEFORE = re.compile(
    r"\b(?:among|of|out\s+of)\s+(?:the|its|their|these|those)\s+(?:\d[\d,]*|" + NUMBER_WORD
    + r")\s+(?P<noun>[a-z][\w-]*)\b[^;]*?,", re.IGNORECASE)
# "hundreds of thousands remain, bringing the total displaced to almost one million".
BRINGING = re.compile(
    r"[^.;]{0,60}?\b(?:bringing|taking|pushing|raising)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<what>(?:[\w-]+\s+){0,2}(?:total|toll|tally|number|count)\b[^,.;\d]{0,40}?)"
    r"\s+(?:to|up\s+to)\b", re.IGNORECASE)
# What may stand between a count and its verb: "more than 40 wounded, including
# children, were brought out", "60 evacuees from the two villages were killed".
INSERTED = re.compile(
    r"\s*,\s*(?:including|among\s+them|mostly|many\s+of\s+them|most\s+of\s+them)\b[^,;]{0,60},"
    r"|\s+(?:from|in|at|of|near|inside|on|aboard)\s+[^,;.]{1,50}?"
    r"(?=\s+(?:were|was|are|is|have|has|had|will|would)\b)", re.IGNORECASE)
PREPOSITION = re.compile(r"(?:in|on|at|by|from|to|into|under|with)\b", re.IGNORECASE)
RELATIVE_OPEN = re.compile(r"\s*,?\s*(?:who|that|which)\b", re.IGNORECASE)
CLAUSE_END = re.compile(r";|,\s*(?:and|but|while|as|whereas)\b|\b(?:said|says|told|according)\b",
                        re.IGNORECASE)
# A finite verb before a cue: the sentence's predicate, not a participle.
FINITE_BEFORE = re.compile(
    r"\b(?:were|was|are|is|have|has|had|been|being|started|began|begun|will|would|could|"
    r"should|must|may|might)(?:\s+be)?\s+(?:\w+ly\s+)?(?:being\s+)?$", re.IGNORECASE)
# "35 died in Abaco and eight in Grand Bahama": a number whose verb is left out.
ELIDED_BEFORE = re.compile(r"(?:[,;:]|\band|\bwith|\bplus)\s*$", re.IGNORECASE)
ELIDED_AFTER = re.compile(
    r"\s+(?:in|at|from|on|to|into)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:[A-Z]|(?:"
    + alternatives(word_list("places", "nouns")) + r")\b)|\s*(?:[,.;)]|$)")
SHARES_VERB = re.compile(r"\s+(?:from|in|at)\s+[^,;.\d]{1,40}?(?:\s*,\s*|\s+)(?:and\s+)?",
                         re.IGNORECASE)
FOLLOWED_BY = re.compile(
    r"\b(?:will|would|(?:is|are|was|were)\s+(?:(?:expected|set|due)\s+)?to)\s+be\s+followed\s+by\b",
    re.IGNORECASE)
# "soared to 631, up from 130"; "164,865 --> 77,283": the figure it changed from or to.
CHANGED = re.compile(r"(?:\b(?:up|down)\s+from|-+>|→|⇒)\s*$", re.IGNORECASE)
OTHER_NATIONALITIES = re.compile(
    r"\s+of\s+(?:other|foreign)\s+nationalit(?:y|ies)\b",
    re.IGNORECASE)
# "five citizens of Great Britain": the country after the head says who they are.
CITIZENS_OF = re.compile(
    r"\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,3})")
CITIZEN_HEADS = word_set("counts", "citizen_heads")


@dataclass
class Count:
    """One number of one sentence, read as a count."""

    amount: Amount
    start: int  # the claim's text span
    end: int
    kind: str  # people, vehicle
    quantity: str | None
    group: str | None
    status: str = "occurred"
    heads: tuple[tuple[int, int], ...] = ()
    cue: tuple[int, int] | None = None
    bare: bool = False
    parent: Count | None = None
    sibling: Count | None = None  # the count this one is coordinated with ("13 X and 170 Y")
    predicate: bool = False  # "about 6,000 were American citizens": group after the verb
    noun: str = ""  # the principal head noun as written ("killings", "buses")
    qualifier: str | None = None  # a hedge the verb gives ("the toll passed 5,000")
    nationality: str | None = None  # country of a demonym head ("Afghans")
    ahead: Count | None = None  # whose verb it shares: "3 from X and 4 people from Y were"
    follows: bool = False  # "200 left and will be followed by 500 more": 500 is its sibling


FACILITIES = re.compile(r"(?:shelters|centres|centers)$", re.IGNORECASE)
HOUSEHOLDS = frozenset(("families", "family", "households", "household"))
STATUS_BREAK = re.compile(r";|\s(?:as|while|whereas|because|although|but)\s|,\s+with\s")
AND_OR_COMMA = re.compile(r"\band\b|,")


@dataclass
class Scan:
    """One pass of each vocabulary over a sentence, shared by all its counts.

    Counting words, finding the nearest cue and reading the status all ask
    about the same sentence; scanning it once keeps extraction fast."""

    start: int
    end: int
    word_starts: list[int] = field(default_factory=list)
    word_ends: list[int] = field(default_factory=list)
    cues: list[tuple[int, int, str]] = field(default_factory=list)
    planned: list[int] = field(default_factory=list)
    occurred: list[int] = field(default_factory=list)
    semicolons: list[int] = field(default_factory=list)
    breaks: list[tuple[int, int]] = field(default_factory=list)
    followed: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Scan:
        lex = lexicon()
        scan = cls(start, end)
        words = list(WORD.finditer(text, start, end))
        scan.word_starts = list(map(re.Match.start, words))
        scan.word_ends = list(map(re.Match.end, words))
        scan.cues = list(lex.quantity_cues.finditer(text, start, end))
        believed = [(m.start(), m.end()) for m in lex.not_planned.finditer(text, start, end)]
        scan.planned = [m.start() for m in lex.planned.finditer(text, start, end)
                        if m.group() != "May"  # the month
                        and not any(s <= m.start() < e for s, e in believed)
                        and not _in_a_name(text, m, start)]
        scan.occurred = [m.start() for m in lex.occurred.finditer(text, start, end)]
        scan.semicolons = [i for i in range(start, end) if text[i] == ";"] if ";" in text[
            start:end] else []
        scan.breaks = [(m.start(), m.end()) for m in STATUS_BREAK.finditer(text, start, end)]
        scan.followed = [(m.start(), m.end()) for m in FOLLOWED_BY.finditer(text, start, end)]
        return scan

    def words_between(self, a: int, b: int) -> int:
        """How many words lie wholly inside ``[a, b)``."""
        if b < a:
            a, b = b, a
        return max(0, bisect_right(self.word_ends, b) - bisect_left(self.word_starts, a))

    def back(self, pos: int, words: int) -> int:
        """Where a window of ``words`` words before ``pos`` starts, not crossing a break."""
        i = bisect_left(self.word_starts, pos)
        cut = self.word_starts[i - words] if i >= words else self.start
        for b_start, b_end in self.breaks:
            if cut <= b_start and b_end <= pos:
                cut = b_end
        return cut

    def forward(self, pos: int, words: int) -> int:
        """Where a window of ``words`` words after ``pos`` ends, not crossing a break."""
        i = bisect_left(self.word_ends, pos + 1)
        cut = self.word_ends[i + words - 1] if i + words - 1 < len(self.word_ends) else self.end
        for b_start, _ in self.breaks:
            if pos <= b_start < cut:
                return b_start
        return cut


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


def _head_at(lex: Lexicon, text: str, pos: int, end: int):
    """The longest head noun starting at ``pos``: ``(end, kind, key)``."""
    best = None
    for kind, vocab in (("vehicle", lex.vehicles), ("people", lex.groups),
                        ("nationality", lex.demonyms)):
        hit = vocab.match_at(text, pos)
        if hit and hit[0] <= end and (best is None or hit[0] > best[0]):
            best = (hit[0], kind, hit[1])
    if best and best[1] == "nationality":
        if not text[pos].isupper() and text[pos : pos + 2].lower() not in ("us", "u."):
            return None
        return best[0], "people", "nationality:" + best[2]
    if best is None and (m := INHABITANTS.match(text, pos, end)) and not lookup_actor(m.group()):
        return m.end(), "people", "people"  # "2.5 million Floridians" (not "Reuters")
    return best


def _noun_run(lex: Lexicon, text: str, pos: int, end: int, limit: int = 4):
    """Modifiers then head nouns after ``pos``: ``(heads, modifiers, end)``."""
    heads: list[tuple[int, int, str, str]] = []
    modifiers: list[tuple[int, int]] = []
    cur = pos
    for _ in range(limit):
        at = _skip_space(text, cur)
        if at >= end:
            break
        head = _head_at(lex, text, at, end)
        if head:
            if heads:  # "wounded civilians": the earlier noun modifies the later one
                modifiers.append(heads.pop()[:2])
            heads.append((at, head[0], head[1], head[2]))
            cur = head[0]
            continue
        if heads:
            break
        word = WORD.match(text, at, end)
        if word and word.group().lower() in ("and", "or") and modifiers:
            # "90 U.S. and coalition flights": a coordinated modifier before the head.
            ahead, _, _ = _noun_run(lex, text, word.end(), end, 2)
            if ahead:
                cur = word.end()
                continue
        if not word or word.group().lower() in NOUN_STOP_WORDS or word.group()[0].isdigit():
            break
        modifiers.append((word.start(), word.end()))
        cur = word.end()
    return heads, modifiers, cur


def _group(lex: Lexicon, text: str, heads, modifiers, appendages) -> str | None:
    keys = []
    for start, end, kind, key in heads:
        if (start, end) in appendages or kind != "people":
            continue
        keys.append("foreigners" if key.startswith("nationality:") else key)
    if not keys:
        return None
    group = keys[0] if len(set(keys)) == 1 else "people"
    last = text[heads[-1][0] : heads[-1][1]].lower()
    generic = last in GENERIC_HEADS or group in ("people", "civilians", "foreigners")
    # "57 elderly and vulnerable residents": an adjective-like group word before a
    # generic noun qualifies it rather than listing a second group.
    first = lex.group_modifiers.key(text[heads[0][0] : heads[0][1]]) if len(heads) > 1 else None
    if first and last in GENERIC_HEADS:
        return first
    if generic and len(set(keys)) == 1:
        for m_start, m_end in modifiers:
            mod = lex.group_modifiers.key(text[m_start:m_end])
            if mod:
                return mod
    return group


def read_count(text: str, amount: Amount, end: int) -> Count | None:
    """Attach the head noun (or none) to an amount in the sentence ending at ``end``."""
    lex = lexicon()
    pos = amount.end
    raw = text[amount.core_start : amount.core_end].lower()
    if raw == "one" and EVERY.search(text, max(0, amount.start - 8), amount.start):
        return None  # "every one of them"
    of = OF.match(text, pos, end)
    if of and of.group("det") and of.group("det").lower() == "them":
        them_end = amount.start + len(text[amount.start : of.end()].rstrip())
        return Count(amount, amount.start, them_end, "people", None, "people", bare=True,
                     noun="them")
    if of and (amount.vague or of.group("det") or raw in ("one", "a score")):
        pos = of.end()
        # "Five of the six crew members": the second number belongs to the first.
        inner = PARTITIVE.match(text, pos, end)
        if inner and of.group("det"):
            pos = inner.end()
    elif of and (share := SHARE_OF.match(text, of.end(), end)):
        # (the second number falls inside this count's span and is skipped)
        pos = share.end()  # "8,000 of 25,000 Americans": the second number is the whole
    # "one" counts only right before its noun ("one bus", "one further convoy"), not
    # in "one of the largest".
    limit = (2 if ONE_MORE.match(text, pos, end) else 1) if raw == "one" else 4
    heads, modifiers, cur = _noun_run(lex, text, pos, end, limit)
    if not heads:
        if raw == "one" and not (ELIDED_BEFORE.search(text, max(0, amount.start - 12),
                                                      amount.start)
                                 and _elided_after(text, amount.end, end)):
            return None  # "one of the largest"; but "three in Paradise and one in Concow"
        return _bare_count(lex, text, amount, end)
    kind = heads[-1][2]
    appendages = _coordinated_heads(lex, text, heads, modifiers, cur, end)
    # "killings of civilians", "deaths of 12 people": the group after "of".
    span_end = heads[-1][1]
    group = _group(lex, text, heads, modifiers, appendages)
    if kind == "people" and lex.noun_quantities.key(text[heads[-1][0] : heads[-1][1]]):
        of_group = OF.match(text, span_end, end)
        if of_group:
            more, _, more_end = _noun_run(lex, text, of_group.end(), end, 3)
            if more and more[-1][2] == "people":
                group = _group(lex, text, more, [], set())
                heads.extend(more)
                span_end = more_end
    noun = text[heads[0][0] : heads[0][1]]
    nationality = next((k.split(":", 1)[1] for _, _, _, k in heads
                        if k.startswith("nationality:")), None)
    if text[heads[-1][0] : heads[-1][1]].lower() in CITIZEN_HEADS and (
            country := _country_after(text, span_end, end)):
        nationality = country[0] or nationality
        span_end = country[1]
    if kind == "people" and (other := OTHER_NATIONALITIES.match(text, span_end, end)):
        # "six people of other nationalities" (but "538 people of 36 nationalities": people)
        group, span_end = "foreigners", other.end()
    if nationality and any(lex.group_modifiers.key(text[s:e]) for s, e in modifiers):
        nationality = None  # "70 wounded Libyans": the modifier says who they are
    if kind == "people" and NEEDING_CARE.match(text, span_end, end):
        group = "wounded"  # "15 people who needed medical attention"
    if kind == "vehicle":
        if MEASURE_OF.match(text, span_end, end):
            return None  # "nine flights of stairs"
        if NOT_VEHICLES.search(text, max(pos, span_end - 20), span_end) or TRAIN_CARS.match(
                text, span_end, end):
            return None  # "72 tank cars" of a train: freight, not evacuation vehicles
        keys = {key for _, _, _, key in heads}
        quantity = keys.pop() if len(keys) == 1 else "vehicles"
        return Count(amount, amount.start, span_end, "vehicle", quantity, None,
                     heads=tuple((s, e) for s, e, _, _ in heads), noun=noun)
    return Count(amount, amount.start, span_end, "people", None, group or "people",
                 heads=tuple((s, e) for s, e, _, _ in heads), noun=noun,
                 nationality=nationality)


def _country_after(text: str, pos: int, end: int) -> tuple[str | None, int] | None:
    """The country of "citizens of the Russian Federation" and where its name ends."""
    m = CITIZENS_OF.match(text, pos, end)
    if not m:
        return None
    place = gazetteer().lookup(m.group("country"))
    # A name the gazetteer does not know as a country ("Bahrein") still ends the phrase.
    return (place.name if place is not None and place.kind == "country" else None), m.end()


def _bare_count(lex: Lexicon, text: str, amount: Amount, end: int) -> Count:
    """A number with no head noun; "about 6,000 were American citizens" takes its group
    from the noun after the verb."""
    count = Count(amount, amount.start, amount.end, "people", None, None, bare=True)
    if copula := COPULA.match(text, amount.end, end) or PREDICATE.match(text, amount.end, end):
        predicate, mods, _ = _noun_run(lex, text, copula.end(), end, 3)
        if predicate and predicate[-1][2] == "people":
            count.group = _group(lex, text, predicate, mods, set())
            count.predicate = True
    return count


def _coordinated_heads(lex: Lexicon, text: str, heads: list, modifiers: list, cur: int,
                       end: int) -> set[tuple[int, int]]:
    """Extend ``heads`` and ``modifiers`` with coordinated heads of the same kind:
    "women, children and the wounded", "buses and ambulances". Returns the heads that
    belong to another ("their children"), which name no group of their own."""
    kind = heads[-1][2]
    appendages: set[tuple[int, int]] = set()
    while True:
        co = COORD.match(text, cur, end)
        if not co:
            break
        after = _skip_space(text, co.end())
        if after < end and (text[after].isdigit() or _starts_amount(text, after)):
            break
        more, more_mods, more_end = _noun_run(lex, text, co.end(), end, 3)
        if not more or more[-1][2] != kind:
            break
        if text[more[-1][0] : more[-1][1]].lower() in ADJECTIVE_CUES and _starts_amount(
                text, _skip_space(text, more_end)):
            break  # "killed 100 people and injured 4,000 others": a verb, not a head
        if co.group("det") and co.group("det").strip().lower() in ("their", "its", "his", "her"):
            appendages.add((more[-1][0], more[-1][1]))
        heads.extend(more)
        modifiers.extend(more_mods)
        cur = more_end
    return appendages


AMOUNT_START = re.compile(
    r"(?:at\s+least|more\s+than|nearly|almost|about|around|some|up\s+to|as\s+many\s+as|"
    r"over|another|a\s+further|\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|twenty|thirty|forty|fifty|hundreds|thousands|dozens|tens)\b",
    re.IGNORECASE,
)


def _starts_amount(text: str, pos: int) -> bool:
    return bool(AMOUNT_START.match(text, pos))


def find_cue(text: str, scan: Scan, count: Count, blocked: list[tuple[int, int]],
             window: int = 12, others: Sequence[tuple[int, int]] = ()
             ) -> tuple[tuple[int, int], str] | None:
    """The nearest quantity cue for a count of people in the sentence ``[start, end)``.

    A cue before the count that another count stands between belongs to that
    one ("killed 420 people and more than 3,700 injured")."""
    best = shared = None
    # A semicolon ends what a cue can reach: "rescues 113 people; at least 30 missing".
    start, end = scan.start, scan.end
    for at in scan.semicolons:
        if at < count.start:
            start = at + 1
        elif at >= count.end:
            end = at
            break
    for c_start, c_end, key in scan.cues:
        if c_start < start or c_end > end:
            continue
        if key == "none" or any(s < c_end and c_start < e for s, e in blocked):
            continue
        word = text[c_start:c_end].lower()
        if word in ADJECTIVE_CUES and NOUN_USE.search(text, max(start, c_start - 6), c_start):
            continue
        if count.bare and NOMINAL_CUE.search(word) and (
                " " not in word or (FACILITIES.search(word)
                                    and not text[count.end : c_start].strip())
        ) and not (c_end <= count.start and OF_BETWEEN.fullmatch(text, c_end, count.amount.start)):
            continue  # "12 evacuation centres" counts centres; "the death of 12" counts people
        if word == "remaining" and c_end <= count.start and not text[c_end : count.start].strip():
            continue  # "the remaining 58": the rest of a count, not people left behind
        if c_start >= count.end:
            distance = scan.words_between(count.end, c_start)
        elif c_end <= count.start:
            distance = scan.words_between(c_end, count.start) + 1
            if AND_OR_COMMA.search(text, c_end, count.start) and any(
                    e <= c_start and scan.words_between(e, c_start) <= 3
                    for s, e in others if e <= count.start):
                # "420 people had been killed and more than 3,700 injured": the verb is
                # the other count's, unless this one has none ("120 left by helicopter
                # and 200 students by ship").
                if shared is None or distance < shared[0]:
                    shared = (distance, (c_start, c_end), key)
                continue
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, (c_start, c_end), key)
    if best is None or best[0] > window:
        best = shared
    if best is None or best[0] > window or best[2] == "not_a_count":
        return None  # "700 troops had been deployed": a cue that says this is no claim
    return best[1], best[2]


def classify(text: str, scan: Scan, count: Count,
             blocked: list[tuple[int, int]], others: Sequence[tuple[int, int]] = ()) -> bool:
    """Decide quantity (for people) and status; ``False`` when it is no count after all."""
    lex = lexicon()
    start = scan.start
    if POPULATION.search(text[max(start, count.start - 40) : count.start]):
        return False
    if count.noun.lower() in HOUSEHOLDS and len(count.heads) <= 1:
        return False  # "hundreds of families": the guide counts people, not households
    own = lex.noun_quantities.key(count.noun) if count.noun else None
    if own is None and count.heads:
        own = _modifier_cue(text, scan, count)  # "1,100 evacuated residents"
    before = text[start : count.start]
    toll = count.bare and _tally_before(before)
    framed = None  # what a frame before the number says it counts
    if toll:
        # "death toll rises to 63"; "the number of evacuees reached 3,000".
        what = toll.groupdict().get("of") or toll.group("what")
        framed = _quantity_of(lex, what)
        for _, _, key in lex.groups.finditer(what):
            count.group = count.group or key
        if TOLL_PAST.search(toll.group()) and count.amount.qualifier == "exact":
            count.qualifier = "more_than"  # "death toll passes 5,000"
        elif TOLL_NEAR.search(toll.group()) and count.amount.qualifier == "exact":
            count.qualifier = "nearly"  # "the death toll neared 1,000"
        if framed == "injured" and count.group == "wounded":
            count.group = "people"  # "the number of the injured": what happened, not who
    elif ORDERS_FOR.search(before):
        framed = "evacuees"  # "mandatory evacuations for more than 100,000 people"
    if count.parent is not None and count.parent.quantity is None:
        count.parent = None  # the count it hangs on was no count after all
    if count.kind == "vehicle":
        if _deployed(text, scan, count):
            return False
    elif count.parent is not None:
        count.quantity = count.parent.quantity
        count.cue = count.parent.cue
    elif framed:
        count.quantity = framed
    else:
        others = [o for o in others if o != (count.start, count.end)]
        numbering = count.bare and (NUMBERING.search(before) or FIGURE_AT.search(before))
        if numbering:
            # "the rebel fighters, said to number about 4,000, ...": the noun before.
            count.group = _group_before(lex, text, start, start + numbering.start())
        narrow = count.bare and not numbering and count.ahead is None
        found = find_cue(text, scan, count, blocked, 6 if narrow else 12, others)
        if found is None and not count.bare:
            found = find_cue(text, scan, count, blocked, 30, others)
        verb = False
        if found:
            found, verb = _predicate_cue(text, scan, count, found, others)
        if own and not (found and _yields(text, count, own, found, verb)):
            # "more than 11,000 wounded", "Over 100,000 refugees ... arrived": the noun
            # says what happened unless the count's own verb says otherwise.
            count.quantity = own
            if found and own in ("injured", "displaced") and not any(
                    min(count.end, found[0][0]) <= b < max(count.start, found[0][1])
                    for b, _ in scan.breaks):
                count.cue = found[0]
        elif found:
            count.cue, count.quantity = found
        elif count.sibling is not None and count.sibling.quantity:
            count.quantity, count.cue = count.sibling.quantity, count.sibling.cue
        else:
            return False
        own_verb = (count.cue is not None and count.quantity != "trapped"
                    and _attached(text, count, count.cue))
        if (total := BRINGING.match(text, count.end, scan.end)) and (
                summed := _quantity_of(lex, total.group("what"))) and not own_verb:
            # "... remain, bringing the total displaced to ...", but "320 were evacuated,
            # bringing the number displaced to 2,500" counts evacuees.
            count.quantity = summed
    if count.bare and not _bare_ok(text, start, count):
        return False
    if count.noun == "them" and count.parent is None:
        return False  # "11 of them" after a count that is no count of people
    if count.bare and count.parent is None and _counts_things(lex, text, before, start):
        return False  # "Among the seven roads to the city, only two remain usable"
    count.status = status(scan, count)
    if count.quantity in ("injured", "killed") and count.group == "wounded" and (
            lex.noun_quantities.key(count.noun) == count.quantity):
        count.group = "people"  # "3,700 injured": the noun says what happened, not who
    if count.parent is not None:
        count.status = count.parent.status
    return True


def _modifier_cue(text: str, scan: Scan, count: Count) -> str | None:
    """The quantity a cue word among the modifiers gives: "more than 1,100 evacuated
    residents" (evacuees), "40 stranded hikers" (trapped)."""
    if count.noun.lower() in ("families", "households"):
        return None  # "about a hundred displaced families": the guide counts people
    for c_start, c_end, key in scan.cues:
        if count.amount.end <= c_start and c_end <= count.heads[0][0] and key not in (
                "none", "not_a_count") and PARTICIPLE.search(text[c_start:c_end]):
            return key
    return None


PARTICIPLE = re.compile(r"(?:ed|ing)$", re.IGNORECASE)


def _counts_things(lex: Lexicon, text: str, before: str, start: int) -> bool:
    """Whether the sentence opened with a whole of things that a bare number is part of:
    "Of the 12 hospitals, only three remain open"."""
    whole = THINGS_BEFORE.search(before)
    return bool(whole) and _head_at(lex, text, start + whole.start("noun"),
                                    start + whole.end("noun")) is None


def _quantity_of(lex: Lexicon, what: str) -> str | None:
    """What a toll, total or number counts: "death toll", "number of people missing"."""
    for _, _, key in lex.quantity_cues.finditer(what):
        if key not in ("none", "not_a_count"):
            return key
    if re.search(r"\btoll\b", what, re.IGNORECASE):
        return "killed"
    words = what.split()
    return lex.noun_quantities.key(words[-1]) if words else None


def _attached(text: str, count: Count, cue: tuple[int, int]) -> bool:
    """Whether a cue is the count's own verb: right after it ("118 evacuees were
    killed") or right before it ("evacuating 300 wounded")."""
    if cue[0] >= count.end:
        bridge = text[count.end : cue[0]]
        if insert := INSERTED.match(bridge):
            bridge = bridge[insert.end() :]  # ", including children,"; "from the villages"
        return not bridge.strip() or bool(BARE_BRIDGE.fullmatch(bridge))
    between = text[cue[1] : count.amount.start]
    return not WORD.search(between) or bool(REST_OF.fullmatch(between))


def _yields(text: str, count: Count, own: str, found: tuple[tuple[int, int], str],
            verb: bool = False) -> bool:
    """Whether the count's own verb overrides what its head noun says it counts. The dead
    stay dead; evacuees can be killed or hurt; the injured can be evacuated; refugees
    can be moved, but reaching a place does not make them evacuees."""
    cue, key = found
    if key == own or own in ("killed", "missing") or not (verb or _attached(text, count, cue)):
        return False
    if own == "evacuees":
        return key in ("killed", "injured")
    if own == "displaced":
        return text[cue[0] : cue[1]].lower() not in ARRIVAL_CUES
    return True


def _predicate_cue(text: str, scan: Scan, count: Count, found: tuple[tuple[int, int], str],
                   others: Sequence[tuple[int, int]]) -> tuple[tuple[tuple[int, int], str], bool]:
    """"Thousands of people trapped in camps were airlifted", "2,500 people who had been
    sheltering in the grounds left": a participle or a relative clause right after the
    noun describes the people; the verb of the sentence says what happened to them.
    Returns the cue and whether it is that verb."""
    cue, _ = found
    bridge = text[count.end : cue[0]] if cue[0] >= count.end else None
    relative = bridge is not None and RELATIVE_OPEN.match(bridge)
    if bridge is None or (bridge.strip() and not relative):
        return found, False
    limit = scan.forward(cue[1], 20)
    for c_start, c_end, key in scan.cues:
        if c_start <= cue[1] or c_end > limit or key in ("none", "not_a_count"):
            continue
        if CLAUSE_END.search(text, cue[1], c_start) or any(
                count.end <= s < c_start for s, _ in others):
            break  # another clause, another count's verb
        lead = text[max(cue[1], c_start - 30) : c_start]
        if FINITE_BEFORE.search(lead) or (relative and not re.search(r"\bto\s+$", lead)
                                          and not PREPOSITION.match(text, c_start)
                                          and text[c_start:c_end].lower() not in ARRIVAL_CUES):
            return ((c_start, c_end), key), True
    return found, False


def _deployed(text: str, scan: Scan, count: Count) -> bool:
    """Vehicles, aircraft and ships that bring rescuers or supplies in are a deployment
    ("26 ships were employed to deliver personnel and materials"), unless the
    sentence also says they carried people ("came back packed with people desperate
    to leave")."""
    if not SUPPLIES.search(text, scan.start, scan.end):
        return False
    return not any(key == "evacuees" for _, _, key in scan.cues)


def _group_before(lex: Lexicon, text: str, start: int, pos: int) -> str | None:
    """The group of the last head noun before ``pos`` in the sentence."""
    group = None
    for _, _, key in lex.groups.finditer(text, start, pos):
        group = key
    return group


def _bare_ok(text: str, start: int, count: Count) -> bool:
    """A number with no noun is a count only when a verb or a frame says what it counts."""
    before = text[start : count.start]
    if NUMBERING.search(before) or _tally_before(before) or count.parent is not None:
        return True
    if count.cue and FIGURE_AT.search(before):
        return True  # "put the number who left ... at 105,000"
    if count.predicate and count.cue:
        return True
    if count.follows:
        return True
    if count.ahead is not None and count.cue and count.cue[0] >= count.ahead.end:
        return True  # the verb of the count it is listed with
    label = re.search(r"(?<![.!?]\s)\b[A-Z][\w-]*\s+$", before)
    if label and before.strip() != label.group().strip() and not re.match(
            r"(?:Some|About|Around|Nearly|Almost|Another|Over|More|Up|At|Roughly|An?)\b",
            label.group()):
        return False  # "Reach 871", "Apollo 11": a name, not a count
    if count.cue and count.cue[0] >= count.end:
        bridge = text[count.end : count.cue[0]].lstrip("\"”’")  # 'UK: "more than 1,500" flown out
        if insert := INSERTED.match(bridge):
            bridge = bridge[insert.end() :]  # "1.8 lakh in Ganjam district have been evacuated"
        return bool(BARE_BRIDGE.fullmatch(bridge) or not bridge.strip())
    if count.cue and count.cue[1] <= count.start:
        # "killing 82", "evacuated 300": the verb right before the number, which ends
        # its phrase ("staying in 41 evacuation centres" counts centres, not people).
        after = text[count.end : count.end + 20]
        ends = re.match(r"\s*(?:[.,;:!?)\"”]|$|(?:from|to|in|on|at|by|since|after|before|"
                        r"and|or|as|when|while|during|across|into|out|so|more|here|there|"
                        r"today|tonight|now|overnight|who)\b)", after)
        between = text[count.cue[1] : count.amount.start]
        # "the death of thousands", "the evacuation of 300": a noun of what happened, "of".
        nominal = NOMINAL_CUE.search(text[count.cue[0] : count.cue[1]]) and OF_BETWEEN.fullmatch(
            between)
        if nominal and AUXILIARY_AFTER.match(after):
            return True  # "the deaths of 12 were confirmed"
        return bool(ends) and (not WORD.search(between) or bool(REST_OF.fullmatch(between))
                               or bool(nominal))
    return False


PLAN_NOUNS = ("plan", "plans", "planning", "preparation", "preparations", "preparedness")


def _in_a_name(text: str, cue: re.Match[str], sentence_start: int) -> bool:
    """A capitalised plan noun after a capitalised word is part of a name ("the Volcano
    Risk Prevention Plan"), not a plan for the count."""
    if cue.group().lower() not in PLAN_NOUNS or not cue.group()[0].isupper():
        return False
    before = text[sentence_start : cue.start()].split()
    return bool(before) and before[-1][:1].isupper()


def status(scan: Scan, count: Count) -> str:
    """``planned`` when a planned cue is nearer than any occurred cue, else ``occurred``.

    The windows are the words around the number and around its cue word, cut
    at a clause break ("as", "while", ";")."""
    windows = [(scan.back(count.start, 8), scan.forward(count.end, 6))]
    if count.cue:
        windows.append((scan.back(count.cue[0], 6), scan.forward(count.cue[1], 2)))
    anchor = count.cue[0] if count.cue else count.start

    def nearest(positions: list[int]) -> int | None:
        found = [abs(p - anchor) for p in positions
                 if any(w_start <= p < w_end for w_start, w_end in windows)]
        return min(found) if found else None

    # "The first 200 will be followed by 500 more": what is to come is the 500.
    planned = [p for p in scan.planned
               if not any(f_start <= p < f_end and count.end <= f_start
                          for f_start, f_end in scan.followed)]
    best_planned = nearest(planned)
    if best_planned is None:
        return "occurred"
    best_occurred = nearest(scan.occurred)
    if best_occurred is not None and best_occurred < best_planned:
        return "occurred"
    return "planned"


def link_including(text: str, counts: list[Count]) -> None:
    """"around 1,000 civilians, including 300 children and 28 wounded": 300 and 28 share
    the quantity and status of 1,000."""
    for count, following in pairwise(counts):
        if (count.bare and count.kind == following.kind == "people"
                and SHARES_VERB.fullmatch(text, count.end, following.start)):
            count.ahead = following  # "3.2 lakh from X and 1.3 lakh people from Y were moved"
    for i, count in enumerate(counts):
        if count.kind != "people" or i == 0:
            continue
        previous = counts[i - 1]
        gap = text[previous.end : count.start]
        coordinated = re.fullmatch(r"\s*(?:,|and|&|,\s*and|as\s+well\s+as)\s*", gap)
        if INCLUDING.search(gap) and previous.kind == "people":
            count.parent = previous.parent or previous
        elif count.bare and OF_THEM.search(text, count.start, count.end):
            count.parent = previous.parent or previous  # "20 infants, four of them on ..."
        elif count.bare and (follow := FOLLOWED_BY.search(gap)) and not gap[follow.end() :].strip():
            count.sibling, count.follows = previous, True  # "... will be followed by 500 more"
            if previous.kind == "vehicle":
                count.kind, count.quantity, count.group = "vehicle", previous.quantity, None
        elif count.bare and OF_WHOM_AFTER.match(text, count.end) and previous.kind == "people":
            count.parent = previous.parent or previous  # "1,500 people, some 400 of whom"
        elif count.bare and CHANGED.search(gap) and (earlier := _last_figure(counts[:i])):
            count.parent = earlier.parent or earlier  # "rose to 631, up from 130"
        elif (count.bare and previous.kind == "people" and not _year(count)
              and ELIDED_BEFORE.search(gap) and _elided_after(text, count.end, len(text))):
            count.parent = previous.parent or previous  # "35 died in X and eight in Y"
        elif previous.parent is not None and coordinated:
            count.parent = previous.parent
        elif coordinated and previous.kind == "people":
            count.sibling = previous
        if count.bare and count.group is None and previous.kind == "people" and re.search(
                r"\band\b|,", gap):
            count.group = previous.group  # "... civilians killed and tens of thousands displaced"
            count.nationality = count.nationality or previous.nationality


def _year(count: Count) -> bool:
    """A bare four-digit number that reads as a year ("May, 2012")."""
    return (count.bare and count.amount.qualifier == "exact" and 1900 <= count.amount.value <= 2100
            and count.end - count.start == 4)


def _last_figure(counts: list[Count]) -> Count | None:
    """The last count of people before, years aside."""
    return next((c for c in reversed(counts) if c.kind == "people" and not _year(c)), None)


def _elided_after(text: str, pos: int, end: int) -> bool:
    """Whether what follows a number shows its verb was left out: a place, or the end."""
    return bool(ELIDED_AFTER.match(text, pos, end))


def link_across(text: str, counts: list[Count], previous: Count | None) -> None:
    """"Among them were two pregnant women": a count opened by "among them" or "of
    these" continues the last count of people in the sentence before."""
    if previous is None:
        return
    for count in counts:
        if count.kind != "people" or count.parent is not None:
            continue
        lead = text[max(0, count.start - 40) : count.start]
        if (ACROSS.search(lead) or OF_THEM_AFTER.match(text, count.end, count.end + 20)
                or (count.bare and FIGURE_AT.search(lead))):
            count.parent = previous.parent or previous
