"""Find the amounts in a sentence: the number, its hedge and the bounds it implies.

Digits ("951", "4,000", "1.2 million"), number words ("Twenty-nine", "five
thousands", parsed by the ``text2num`` library), dozens ("two dozen"), vague
amounts ("tens of thousands"), ranges ("between 500 and 700") and the hedges
of ``docs/claims.md`` ("at least", "nearly", "as many as"). What is not a
count of anything is refused here: times, dates, years next to a month, money,
percentages, ages and durations written with a hyphen, label numbers ("flight
123", "Category 4"), phone numbers and anything inside a URL, handle or
hashtag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from .lexicon import lexicon
from .words import alternatives, word_list, word_table

UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORD = "|".join(sorted(UNITS + TENS, key=len, reverse=True))
SCALE_WORD = r"(?:hundreds?|thousands?|millions?|billions?|lakhs?|crores?)"
WORDS_RUN = (
    rf"(?:{NUMBER_WORD})(?:-(?:{NUMBER_WORD}))?"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:(?:{NUMBER_WORD})(?:-(?:{NUMBER_WORD}))?|{SCALE_WORD}))*"
)
SMALL_WORDS = {w: i for i, w in enumerate(UNITS)} | {
    w: 20 + 10 * i for i, w in enumerate(TENS)
}
SCALE_VALUE = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000,
    "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000,
}

# Nothing counted in a report comes near this; larger "numbers" are identifiers.
LARGEST = 10**12

# Vague amounts and their bounds (docs/claims.md).
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
    "tens of millions": (20_000_000, 99_999_999),
}
VAGUE_FEW = {"hundred": "hundreds", "thousand": "thousands", "dozen": "dozens",
             "million": "millions"}

CORE = re.compile(
    r"(?<![\w$£€¥₹#@/.,:])(?<![A-Za-z]-)(?:"
    # digits, optionally with a scale word: 951, 4,000, 1.2 million, 2.5m; thousands
    # set off by a space or a thin space ("8 000"), a stray space after the comma
    # ("2, 000") or Indian grouping ("3,20,000")
    r"(?P<digits>\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?!\d)"
    r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,.]?\d)|\d{1,3},\s0\d{2}(?![\d,.]?\d)"
    r"|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<dscale>million|billion|thousand|hundred|lakhs?|crores?|mn|bn|m|k)(?![\w]))?"
    # vague amounts
    r"|(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|hundreds|thousands|dozens"
    r"|scores|millions|(?:several|a\s+few|many)\s+(?:hundred|thousand|dozen|million))"
    # a score of patients: twenty
    r"|(?P<score>a\s+score)(?=\s+of\s)"
    # dozens: a dozen, two dozen, half a dozen
    r"|(?P<dozen>(?:a|one|two|three|four|five|six|seven|eight|nine|ten|half\s+a)\s+dozen)"
    # half a million, a hundred, a thousand
    r"|(?P<half>half\s+a\s+(?:million|thousand|hundred))"
    r"|(?P<aone>an?\s+(?:hundred|thousand|million))(?!\s+(?:of|and)\b)"
    # number words: twenty-nine, five thousands, one hundred and fifty
    rf"|(?P<words>{WORDS_RUN})"
    r")(?![\w])",
    re.IGNORECASE,
)

# Qualifier -> the hedges before a number that give it ("at least", "nearly").
HEDGES: dict[str, list[str]] = dict(word_table("hedges"))
HEDGE_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?:(?P<h>"
    + "|".join(f"(?P<{qualifier}>{alternatives(hedges, space=' ')})"
               for qualifier, hedges in HEDGES.items())
    + r"))\s+$",
    re.IGNORECASE,
)
PLUS_AFTER = re.compile(r"(?:-plus|\+|\s+or\s+more|\s+plus)(?![\w])", re.IGNORECASE)
ABOUT_AFTER = re.compile(r"\s+or\s+so(?![\w])", re.IGNORECASE)
# "Seven (7)", "Twenty five (25) persons": the figure repeated in digits.
ECHO = re.compile(r"\s*\(\s*(\d[\d,]*)\s*\)")
# "8 000", "2, 000": the blank inside a number written in digits.
DIGIT_GAP = re.compile(r"(?<=\d)[\s\u00a0\u2009\u202f]+(?=\d)")
# "rose up to 2,344": a toll that rose to the figure, not a ceiling.
RISE_BEFORE = re.compile(r"\b(?:" + alternatives(word_list("counts", "rise_verbs"))
                         + r")\s+$", re.IGNORECASE)
# "500 people over four flights": "over" after a counted noun is "across".
PREPOSITION_OVER = re.compile(r"\d[\d,.]*(?:\s+[\w-]+){0,2}?\s+(?P<noun>[\w-]+)\s+$")
RANGE_BETWEEN = re.compile(r"between\s+$", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|or)\s*", re.IGNORECASE)

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
NOT_A_COUNT_AFTER = re.compile(
    r"(?:\s*%|\s*(?:per\s*cent|percent|pct)\b|-(?!plus\b|strong\b)[a-z]|"
    r"\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|hrs|hours?\s+GMT|"
    r"local\s+time|o'clock)\b|"
    rf"\s+{MONTHS}(?![a-z])|"
    r"\s*(?:" + alternatives(word_list("not_a_count", "units")) + r")\b)",
    re.IGNORECASE,
)
NOT_A_COUNT_BEFORE = re.compile(
    r"(?:[$£€¥₹]\s*|(?<![\w])(?:US|USD|EUR|GBP|AUD|CAD|Rs\.?|Rs|INR)\s*|"
    rf"(?<![\w]){MONTHS}\s+(?:\d{{1,2}},?\s+)?|"
    r"(?<![\w])(?:" + alternatives(word_list("not_a_count", "labels")) + r")\s*)$",
    re.IGNORECASE,
)
# Text that is never counted: links, handles, hashtags, phone numbers.
OPAQUE = re.compile(
    r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net|co|gov|int|io|ly|me)/\S*"
    r"|pic\.twitter\.com/\S+|[@#][\w]+|\+?\(?\d{1,4}\)?(?:[\s.-]\(?\d{2,4}\)?){2,}\d"
    r"|\b\d{3,4}-\d{4}\b"
)


@dataclass(frozen=True)
class Amount:
    """A stated amount: ``text[start:end]`` is the hedge and the number."""

    start: int
    end: int
    value: int
    low: int | None
    high: int | None
    qualifier: str
    vague: bool
    # The number alone, without its hedge: where a head noun may follow.
    core_start: int
    core_end: int


def opaque_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, handles, hashtags and phone numbers in ``text``."""
    return [(m.start(), m.end()) for m in OPAQUE.finditer(text)]


@lru_cache(maxsize=16384)
def parse_number(words: str) -> int | None:
    """The value of a number written in words or digits, or ``None``."""
    s = " ".join(DIGIT_GAP.sub("", words.lower().replace(",", "")).split())
    if s == "a score":
        return 20
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)\s*(million|billion|thousand|hundred|lakhs?|crores?|"
                         r"mn|bn|m|k)?", s):
        if len(m.group(1)) > 15:
            return None  # a serial number or an identifier, not a count
        number = float(m.group(1)) * SCALE_VALUE.get(m.group(2) or "", 1)
        return round(number) if number < LARGEST else None
    if m := re.fullmatch(r"(a|one|half a|\w+)\s+dozen", s):
        head = m.group(1)
        if head == "half a":
            return 6
        if head in ("a", "one"):
            return 12
        count = SMALL_WORDS.get(head)
        return count * 12 if count else None
    if m := re.fullmatch(r"half a (million|thousand|hundred)", s):
        return SCALE_VALUE[m.group(1)] // 2
    if m := re.fullmatch(r"an? (hundred|thousand|million)", s):
        return SCALE_VALUE[m.group(1)]
    if m := re.fullmatch(r"(.+?)\s+(lakhs?|crores?)", s):
        head = parse_number(m.group(1))
        return head * SCALE_VALUE[m.group(2)] if head else None
    # "five thousands" reads as five thousand.
    s = re.sub(r"\b(hundred|thousand|million|billion)s\b", r"\1", s)
    try:
        return int(text2num(s, "en"))
    except (ValueError, TypeError):
        return None


def _bounds(qualifier: str, value: int) -> tuple[int | None, int | None]:
    return {
        "exact": (value, value),
        "approximate": (value, value),
        "at_least": (value, None),
        "more_than": (value, None),
        "nearly": (None, value),
        "up_to": (None, value),
    }[qualifier]


def _vague(phrase: str) -> tuple[int, int] | None:
    key = " ".join(phrase.lower().split())
    if key in VAGUE:
        return VAGUE[key]
    m = re.fullmatch(r"(?:several|a few|many) (hundred|thousand|dozen|million)", key)
    return VAGUE[VAGUE_FEW[m.group(1)]] if m else None


def _refused(text: str, m: re.Match[str], opaque: list[tuple[int, int]]) -> bool:
    """Whether a number is a time, date, label, money, percentage or inside a link."""
    start, end = m.start(), m.end()
    if any(s <= start < e for s, e in opaque):
        return True
    if m.group("digits") and text[end : end + 1] in (":",):
        return True
    if NOT_A_COUNT_AFTER.match(text, end):
        return True
    before = text[max(0, start - 24) : start]
    return bool(NOT_A_COUNT_BEFORE.search(before))


def find_amounts(text: str, start: int, end: int,
                 opaque: list[tuple[int, int]] | None = None) -> list[Amount]:
    """Every amount inside ``text[start:end]``, with hedges and ranges resolved."""
    opaque = opaque_spans(text) if opaque is None else opaque
    found: list[Amount] = []
    matches = [m for m in CORE.finditer(text, start, end) if m.group().strip()]
    skip_until = -1
    low: int | None
    high: int | None
    for i, m in enumerate(matches):
        if m.start() < skip_until or _refused(text, m, opaque):
            continue
        raw = m.group()
        # "one" alone is mostly a pronoun; it counts only before a noun (decided later).
        if m.group("vague"):
            vague_low, vague_high = _vague(raw) or (0, 0)
            if not vague_high:
                continue
            found.append(Amount(m.start(), m.end(), vague_low, vague_low, vague_high, "vague", True,
                                m.start(), m.end()))
            continue
        value = parse_number(raw)
        if value is None:
            continue
        a_start, a_end, qualifier = m.start(), m.end(), "exact"
        # Ranges: "between 500 and 700", "500 to 700", "500-700", "two or three".
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        join = RANGE_JOIN.fullmatch(text, m.end(), nxt.start()) if nxt else None
        if nxt and join and not nxt.group("vague") and not _refused(text, nxt, opaque):
            other = parse_number(nxt.group())
            joiner = join.group().strip().lower()
            between = RANGE_BETWEEN.search(text[max(start, m.start() - 8) : m.start()])
            if other is not None and other > value and (joiner != "and" or between):
                if between:
                    a_start = m.start() - len(between.group())
                found.append(Amount(a_start, nxt.end(), value, value, other, "range", False,
                                    m.start(), nxt.end()))
                skip_until = nxt.end()
                continue
        if m.group("digits") and "." in m.group("digits") and not m.group("dscale"):
            continue  # "7.6 on the Richter scale": no count of anything is a fraction
        echo = ECHO.match(text, m.end(), end) if m.group("words") else None
        if echo and parse_number(echo.group(1)) == value:
            a_end = skip_until = echo.end()
        hedge = HEDGE_BEFORE.search(text[max(start, m.start() - 30) : m.start()])
        if hedge and not _hedge_ok(text, hedge, m.start() - len(hedge.group())):
            hedge = None
        if hedge:
            qualifier = next(q for q in HEDGES if hedge.group(q))
            a_start = m.start() - len(hedge.group())
        elif plus := PLUS_AFTER.match(text, m.end()):
            qualifier, a_end = "more_than", plus.end()
        elif about := ABOUT_AFTER.match(text, m.end()):
            qualifier, a_end = "approximate", about.end()
        low, high = _bounds(qualifier, value)
        found.append(Amount(a_start, a_end, value, low, high, qualifier, False,
                            m.start(), a_end))
    return found


def _hedge_ok(text: str, hedge: re.Match[str], at: int) -> bool:
    """Whether the words before a number hedge it: not in "rose up to 2,344" (the toll
    reached the figure) nor in "500 people over four flights" (across four flights)."""
    words = hedge.group().strip().lower()
    before = text[max(0, at - 30) : at]
    if words == "up to" and RISE_BEFORE.search(before):
        return False
    if words != "over" or not (after_noun := PREPOSITION_OVER.search(before)):
        return True
    lex = lexicon()
    noun = after_noun.group("noun")
    return not (lex.groups.match_at(noun, 0) or lex.vehicles.match_at(noun, 0))
