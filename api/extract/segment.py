"""Split a report into paragraphs, sentences and live-blog entries, keeping offsets.

News text is not tidy prose: headlines without a full stop, photo captions,
live-blog time stamps on lines of their own, embedded tweets with their
sign-off lines, quotes that end in ``."`` and abbreviations such as ``Gov.``
or ``U.S.``. Every piece keeps its character offsets into the original
report, because a claim must point at the exact characters it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from .words import word_list

# "3:47 pm", "12:07 GMT", "10.46am", "9 pm", optionally "Updated" or a dash after.
TIMESTAMP = re.compile(
    r"(?:updated:?\s*)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+)?(?:(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[ap]\.?\s?m\.?)?|(?:1[0-2]|0?[1-9])\s*[ap]\.?m\.?)"
    r"(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|HST|AKST|AKDT|ET|PT|"
    r"AEST|AEDT|IST|JST|KST|EAT|WAT|CAT|MSK|EET|EEST|WIB|PHT|local(?: time)?))?",
    re.IGNORECASE,
)
TIMESTAMP_LINE = re.compile(r"\s*" + TIMESTAMP.pattern + r"\s*(?:[-–—:|]\s*)?$", re.IGNORECASE)
TIMESTAMP_PREFIX = re.compile(r"\s*" + TIMESTAMP.pattern + r"\s*[-–—:|]\s+", re.IGNORECASE)

# Words whose full stop ends no sentence, lowercase: "Gov.", "U.S.", "Dec.".
ABBREVIATIONS = frozenset(
    [title.lower() for title in word_list("abbreviations", "titles")]
    + word_list("abbreviations", "other")
    + word_list("time_words", "month_abbreviations")
)

# A sentence ends at . ! or ? (plus closing quotes or brackets) before white
# space and something that can start a sentence.
BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9#@])")
LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# Real sentences are far shorter; longer runs are cut (see _bounded).
MAX_SENTENCE = 1200
TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a report: ``report[start:end] == text``."""

    start: int
    end: int
    text: str
    paragraph: int
    entry: int
    headline: bool


@dataclass
class Document:
    """A report cut into sentences, with its live-blog structure if it has one."""

    text: str
    sentences: list[Sentence] = field(default_factory=list)
    live_blog: bool = False
    # Entry number -> the time stamp text that opened it ("3:47 pm").
    entry_times: dict[int, str] = field(default_factory=dict)


def _lines(text: str):
    """Yield ``(start, end)`` of each non-blank line, stripped of surrounding space."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos += len(line)


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The column a hard-wrapped report breaks its lines at, or None if it is not wrapped.

    Copy pasted from a terminal, an e-mail or a plain-text wire feed breaks every
    line near one width, mid-sentence, whatever the next word is ("... began
    winding down / on Monday ..."). Such a report has many lines that end with no
    full stop, run straight into the next line, and are all about as long.
    """
    open_lengths = [
        end - start for (start, end), (next_start, _) in pairwise(lines)
        if "\n\n" not in text[end:next_start].replace("\r", "")
        and not TERMINAL.search(text[start:end]) and end - start >= 40]
    if len(open_lengths) < 3:
        return None
    open_lengths.sort()
    width = open_lengths[len(open_lengths) // 2]
    alike = sum(abs(length - width) <= 12 for length in open_lengths)
    return width if alike >= 0.7 * len(open_lengths) else None


def _paragraphs(text: str):
    """Group lines into paragraphs, re-joining lines that were hard-wrapped mid-sentence."""
    lines = list(_lines(text))
    width = _wrap_width(text, lines)
    current: list[int] | None = None
    for start, end in lines:
        if current is not None:
            prev_text = text[current[0] : current[1]]
            line_text = text[start:end]
            joined_by_blank = "\n\n" in text[current[1] : start].replace("\r", "")
            last_line = text[text.rfind("\n", 0, current[1]) + 1 : current[1]].strip()
            wrapped = (
                not joined_by_blank
                and not TERMINAL.search(prev_text)
                and ((line_text[:1].islower() and len(prev_text) > 50)
                     or (width is not None and len(last_line) >= width - 12))
            )
            if wrapped:
                current[1] = end
                continue
            yield current[0], current[1]
        current = [start, end]
    if current is not None:
        yield current[0], current[1]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    m = LAST_WORD.search(text, max(0, dot - 24), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return True  # "Gov.", "U.S.", "R.R. Venkatapuram"
    return len(word) == 1 and m.group(1).isupper()  # an initial: "John F. Kennedy"


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph)."""
    spans = []
    cursor = start
    for m in BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, m.start()):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return [piece for s, e in spans if text[s:e].strip() for piece in _bounded(text, s, e)]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on "sentence" (a table, a list of numbers, a page without full stops) cut
    into pieces of at most ``MAX_SENTENCE`` characters at white space, so that no step
    of the extractor works on unbounded input."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


@lru_cache(maxsize=8)
def segment(text: str) -> Document:
    """Cut a report into sentences, marking headlines and live-blog entries.

    A report is cut once: the extractor and then the loader's dates (`api.extract.dates`)
    ask for the same text, and both get this one `Document` (read it, never change it)."""
    doc = Document(text)
    paragraphs = list(_paragraphs(text))
    stamps = [i for i, (s, e) in enumerate(paragraphs) if TIMESTAMP_LINE.fullmatch(text[s:e])]
    prefixed = [i for i, (s, e) in enumerate(paragraphs) if TIMESTAMP_PREFIX.match(text[s:e])]
    doc.live_blog = len(stamps) + len(prefixed) >= 2
    entry = 0
    for index, (p_start, p_end) in enumerate(paragraphs):
        body = text[p_start:p_end]
        if doc.live_blog and TIMESTAMP_LINE.fullmatch(body):
            entry += 1
            doc.entry_times[entry] = body.strip(" -–—:|")
            continue
        if doc.live_blog and (m := TIMESTAMP_PREFIX.match(body)):
            entry += 1
            doc.entry_times[entry] = m.group().strip(" -–—:|\t")
            p_start += m.end()
        headline = not TERMINAL.search(text[p_start:p_end]) and len(text[p_start:p_end]) < 160
        for s, e in split_sentences(text, p_start, p_end):
            doc.sentences.append(Sentence(s, e, text[s:e], index, entry, headline))
    return doc
