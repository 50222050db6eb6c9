"""Text to claims: the steps of ``api.extract`` put together for one report.

segment -> amounts -> counts (head noun, quantity, status) -> attribution
(frames, quotes, embedded tweets) -> places (origin, destination, location)
-> the guide's merge rule. Every step is a plain function over plain data.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any

from api.reference.gazetteer import gazetteer

from .actors import Actor, canonical
from .attribution import Frame, Speakers, attribute, document_frames, find_frames, same_people
from .confidence import Cue, confidence
from .counts import RELATIVE, Count, Scan, classify, link_across, link_including, read_count
from .lexicon import lexicon
from .merge import merge_mentions
from .numbers import find_amounts, opaque_spans
from .places import PlaceMention, cities_in, find_places
from .segment import Document, Sentence, segment
from .tallies import Tally, read_tally

MOVEMENT = frozenset({"evacuees", "buses", "ambulances", "trucks", "flights", "boats",
                      "vehicles", "convoys"})
TWEET_HEADER = re.compile(
    r"^(?P<name>[A-Z][\w .&'’-]{1,50}?)\s*\(?@(?P<handle>\w{2,})\)?(?:\s*[·•]?\s*[\w ]{0,24})?$")
TWEET_SIGNOFF = re.compile(r"^[—–-]\s*(?P<name>[^(@\n]{2,80}?)\s*\(@\w+\)")
# How many sentences before and after a number a quotation is followed to its speaker.
QUOTE_REACH = 6
CLAUSE_BREAK = re.compile(
    r";|,\s+(?:while|whereas|but|and|with)\s+(?!\w+ing\b)|\s+whereas\s|\s[–—]\s"
    # "floods killed 1,100 and nearly 500,000 people are in camps": a new subject count
    # (after a number only with a hedge: "between 400 and 600 people were" is a range)
    r"|(?:(?<!\d)\s+and\s+(?=(?:[a-z]+\s+){0,2})|\s+and\s+(?=(?:about|around|nearly|"
    r"almost|some|over|roughly|approximately)\s+))(?=(?:[a-z]+\s+){0,2}\d[\d,.]*\s+"
    r"(?:[\w-]+\s+){0,2}(?:are|were|is|was|have|has|had|remain|remained)\b)")
# Fleeing under an evacuation order is evacuating, not being displaced.
EVACUATION_ORDERS = re.compile(
    r"evacuation\s+(?:orders?|warnings?|notices?|zones?)|ordered\s+(?:to\s+evacuate|the\s+"
    r"evacuation)|mandatory\s+evacuations?|told\s+to\s+evacuate|urged\s+to\s+evacuate",
    re.IGNORECASE)
# "KHARTOUM, April 23 (Reuters) -": the dateline names where the story was filed,
# not where anything happened, and the agency that filed it.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’. /-]+(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?)"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?))?"
    r"(?:\s*\((?P<agency>[^)]{2,40})\))?\s*(?:[-–—]|(?P<colon>:))\s+")
# Cue words that say the people arrived somewhere: a place "in" or "at" is where to.
ARRIVAL = re.compile(r"(?:brought|taken|ferried|flown|airlifted)\s+ashore|landed|arriv\w*|docked|"
                     r"reached|checked\s+in|registered|received|receiv\w+|disembark\w*",
                     re.IGNORECASE)
CARRYING = re.compile(r"\b(?:carrying|carried|carries|aboard|on\s+board|with)\s+$",
                      re.IGNORECASE)
# "NEMA has registered 4,800 evacuees in Nassau", "Cyprus received 30,000 people": the
# place where they were received is where they went.
RECEIVED_BEFORE = re.compile(r"\b(?:registered|received|receiving|welcomed|hosted|hosting|"
                             r"housed|housing|took\s+in|taken\s+in)\s+(?:[a-z]+\s+){0,2}$",
                             re.IGNORECASE)
STATIVE = re.compile(r"staying|stayed|spent\s+the\s+night|housed|sheltering|in\s+shelters|"
                     r"shelters|evacuation\s+cent(?:re|er)s?|taking\s+shelter", re.IGNORECASE)
# "1.2 million evacuated, including 320,000 from Ganjam": the places of the included
# counts are theirs, not the total's.
INCLUDED = re.compile(r"\b(?:including|of\s+whom|among\s+them)\s+(?:[a-z]+\s+){0,2}\d"
                      r"(?:.*\d)?[\d,.]*(?:\s+[\w-]+){0,2}\s*$", re.DOTALL)
NOT_FLIGHT = re.compile(r"displac|homeless|uproot|refuge", re.IGNORECASE)
# Between a verb and the count that is its object: "move a further 25,000 people".
DIRECT_OBJECT = re.compile(r"\s*(?:(?:a|an|the|some|another|further|more|than|over|about|"
                           r"around|nearly|almost|up|to|at|least|roughly)\s+)*", re.IGNORECASE)
EVACUATION_WORD = re.compile(r"\bevacu", re.IGNORECASE)


def _speaks_only_of_flight(text: str) -> bool:
    """A report with words of flight or displacement ("fled", "were displaced") and none
    of evacuation: the people it counts on the move left by themselves."""
    if EVACUATION_WORD.search(text):
        return False
    lex = lexicon()
    # "displaced people who had been sheltering there left": a modifier of the counted
    # people is no word of the report's own about flight.
    return any(key == "displaced" and not lex.groups.match_at(text, _skip_blank(text, end))
               for _start, end, key in lex.quantity_cues.finditer(text))


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


def extract_claims(text: str, source: str) -> list[dict[str, Any]]:
    """Every claim of one report, as ``docs/claims.md`` defines it, each with its
    `confidence` and the `cues` that decided it."""
    return [_explained(claim) for claim in claims_with_cues(text, source)]


def claims_with_cues(text: str, source: str) -> list[dict[str, Any]]:
    """The claims of one report, each still holding its `Cue`s by field (`cues`), the
    number of its mentions (`mentions`) and of the other claims in its sentence
    (`neighbours`): what the confidence model is fitted on."""
    doc = segment(text)
    opaque = opaque_spans(text)
    speakers = Speakers()
    frames = [find_frames(text, s.start, s.end, speakers) for s in doc.sentences]
    authors = _tweet_authors(text, doc)
    listed = document_frames(text, doc.sentences, frames)
    by_paragraph: dict[int, list[int]] = {}
    for i, s in enumerate(doc.sentences):
        by_paragraph.setdefault(s.paragraph, []).append(i)
    mentions: list[dict[str, Any]] = []
    last_city = None
    entry_origin: dict[int, str] = {}
    ordered = bool(EVACUATION_ORDERS.search(text))
    fled = _speaks_only_of_flight(text)
    previous: Count | None = None
    agency = None
    for index, sentence in enumerate(doc.sentences):
        dateline = DATELINE.match(sentence.text) if index < 4 else None
        if dateline and dateline.group("colon") and not gazetteer().lookup(
                dateline.group("place")):
            dateline = None  # "Islamabad: ..." is a dateline, "Update: ..." is not
        # The dateline names where the story was filed, not the city the story is about.
        body_start = sentence.start + (dateline.end() if dateline else 0)
        city_here = cities_in(text, body_start, sentence.end) or last_city
        if dateline and dateline.group("agency"):
            agency = canonical(dateline.group("agency"))
        tally = read_tally(text, body_start, sentence.end,
                           doc.sentences[index - 1].text if index else "")
        counts = _counts(text, sentence, opaque, previous)
        listed_places: dict[int, str] = {}
        if tally:
            items = _tally_counts(tally)
            listed_places = {id(c): item.place for c, item in zip(items, tally.items,
                                                                  strict=True)}
            counts = [c for c in counts if c.start < tally.start] + items
        if not counts and not (doc.live_blog and sentence.headline):
            last_city = city_here
            continue
        excluded = [f.span for f in frames[index]] + [(c.start, c.end) for c in counts]
        if dateline:
            excluded.append((sentence.start, sentence.start + dateline.end()))
        places = find_places(text, sentence.start, sentence.end, city_here, excluded)
        previous = next((c for c in reversed(counts) if c.kind == "people"), previous)
        for count in counts:
            if (ordered and count.quantity == "displaced" and count.cue
                    and not NOT_FLIGHT.match(text[count.cue[0] : count.cue[1]])):
                count.quantity = "evacuees"
            elif (fled and count.quantity == "evacuees" and count.cue
                  and lexicon().own_movement.fullmatch(text, *count.cue)
                  and not DIRECT_OBJECT.fullmatch(text, count.cue[1], count.start)):
                # "2,000 crossed into Armenia" after "fled"; but "the agency will move
                # 25,000 people": someone moved them.
                count.quantity = "displaced"
            claim = _claim(text, source, sentence, count)
            frame = attribute(frames[index], count.start)
            quoted = None if frame else _quoted_frame(
                text, doc, frames, index, count.start, by_paragraph,
                introduced=sentence.paragraph not in authors)  # a post speaks for its author
            frame = frame or quoted or listed.get(index)
            author = authors.get(sentence.paragraph)
            actor = frame.actor if frame else author
            via = frame.via if frame else None
            if frame and author and via is None and author.name != frame.actor.name:
                via = author  # a tweet that quotes someone: the tweeter passed it on
            if via and agency and via.name == agency.name:
                via = None  # "told Reuters" in a Reuters story
            elif actor and agency and actor.name == agency.name and via is None:
                actor = None  # "according to Reuters dispatches" in a Reuters story: own voice
            claim["actor"] = actor.name if actor else None
            claim["via"] = via.name if via else None
            if id(count) in listed_places:  # "Ganjam-12,400": the item's own place
                claim[tally.role] = listed_places[id(count)]
            else:
                _assign_places(text, sentence, claim, count, places)
            if count.nationality:
                claim["group"] = _nationality_group(count.nationality, claim, places)
            if doc.live_blog and claim["quantity"] in MOVEMENT and claim["origin"] is None:
                claim["origin"] = entry_origin.get(sentence.entry)
            claim["cues"] = _cues(text, claim, count, frame, quoted is not None, author)
            mentions.append(claim)
        if doc.live_blog and sentence.headline and sentence.entry not in entry_origin:
            # A live-blog entry's headline gives its claims their place of departure.
            origin = next((p.name for p in places if p.role in ("origin", "bare")), None)
            if origin:
                entry_origin[sentence.entry] = origin
        last_city = city_here
    same_people(mentions)
    claims = merge_mentions(mentions)
    per_sentence = Counter(c["sentence"] for c in claims)
    for claim in claims:  # other figures in the same sentence: a list, easier to misread
        claim["neighbours"] = per_sentence[claim["sentence"]] - 1
    return claims


def _cues(text: str, claim: dict[str, Any], count: Count, frame: Frame | None, quoted: bool,
          author: Actor | None) -> dict[str, Cue]:
    """What each attribute of one mention was decided on (see `api.extract.confidence`)."""
    cues: dict[str, Cue] = {}
    if count.cue:
        cues["quantity"] = Cue("quantity", "cue word", text[count.cue[0] : count.cue[1]])
    elif count.noun:
        cues["quantity"] = Cue("quantity", "noun", count.noun)
    else:
        cues["quantity"] = Cue("quantity", "default")
    if claim["group"] is not None and count.noun:
        cues["group"] = Cue("group", "noun", count.noun)
    if claim["qualifier"] != "exact":
        cues["qualifier"] = Cue("qualifier", "hedge", claim["text"])
    if claim["status"] == "planned":
        cues["status"] = Cue("status", "planned")
    if frame is not None:
        words = text[frame.span[0] : frame.span[1]].strip()
        cues["actor"] = Cue("actor", "quotation" if quoted else "frame", words)
        if claim["via"] is not None:
            cues["via"] = Cue("via", "frame", words)
    elif author is not None:
        cues["actor"] = Cue("actor", "post author", author.name)
    gaz = gazetteer()
    for role in ("origin", "destination", "location"):
        if name := claim[role]:
            cues[role] = Cue(role, "gazetteer" if gaz.lookup(name) else "phrase", name)
    return cues


def _explained(claim: dict[str, Any]) -> dict[str, Any]:
    """A merged claim with its cues as sentences and its calibrated confidence."""
    cues: dict[str, Cue] = claim.pop("cues")
    mentions = claim.pop("mentions", 1)
    claim["confidence"] = confidence(claim, cues, mentions, claim.pop("neighbours", 0))
    described = [cue.describe() for cue in cues.values()]
    if mentions > 1:
        described.append(Cue("claim", "mentions", str(mentions)).describe())
    claim["cues"] = described
    return claim


def _counts(text: str, sentence: Sentence, opaque, previous: Count | None) -> list[Count]:
    counts: list[Count] = []
    for amount in find_amounts(text, sentence.start, sentence.end, opaque):
        if counts and amount.start < counts[-1].end:
            continue  # "Five of the six crew members": six is part of the first count
        if count := read_count(text, amount, sentence.end):
            counts.append(count)
    link_including(text, counts)
    link_across(text, counts, previous)
    blocked = [h for c in counts for h in c.heads] + [(c.amount.start, c.amount.end)
                                                       for c in counts]
    spans = [(c.start, c.end) for c in counts]
    # Non-restrictive relative clauses (", which was to carry ...,") hold no cue for
    # the counts around them.
    blocked += [(m.start(), m.end()) for m in RELATIVE.finditer(text, sentence.start, sentence.end)
                if not any(m.start() <= c.start < m.end() for c in counts)]
    if not counts:
        return []
    scan = Scan.of(text, sentence.start, sentence.end)
    accepted: list[Count] = []
    for count in counts:
        spans = [(c.start, c.end) for c in accepted]
        if classify(text, scan, count, blocked, spans):
            accepted.append(count)
    return accepted


def _tally_counts(tally: Tally) -> list[Count]:
    """One count per item of a place-by-place list, each what the list's lead counts."""
    return [Count(item.amount, item.amount.start, item.amount.end, "people", tally.quantity,
                  "people", tally.status, bare=True) for item in tally.items]


def _nationality_group(country: str, claim: dict[str, Any], places: list[PlaceMention]) -> str:
    """Nationals of the country the claim happens in are its people, others foreigners."""
    named = {claim["origin"], claim["location"]} - {None}
    for place in places:
        if place.name in named and place.place and gazetteer().country_of(place.place) == country:
            return "people"
    return "foreigners"


def _claim(text: str, source: str, sentence: Sentence, count: Count) -> dict[str, Any]:
    amount = count.amount
    qualifier = count.qualifier or amount.qualifier
    low, high = (amount.low, amount.high)
    if qualifier == "more_than":
        low, high = amount.low, None  # "more than 500", "the toll passed 5,000"
    elif count.qualifier == "nearly":
        low, high = None, amount.value  # "the toll neared 1,000": the hedge is the verb's
    return {
        "source": source,
        "quantity": count.quantity,
        "value": amount.value,
        "value_low": low,
        "value_high": high,
        "qualifier": qualifier,
        "group": (count.group or "people") if count.kind == "people" else None,
        "status": count.status,
        "actor": None,
        "via": None,
        "origin": None,
        "destination": None,
        "location": None,
        "text": text[count.start : count.end],
        "start": count.start,
        "end": count.end,
        "sentence": sentence.text,
    }


def _clause(text: str, sentence: Sentence, pos: int) -> tuple[int, int]:
    start, end = sentence.start, sentence.end
    for m in CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


# Where people left from: after "from", "fled", "left"; or where the event they fled
# happened ("displaced by the conflict in Mosul"), which for the dead is where they died.
ORIGINS = ("origin", "event")


def _nearest(count: Count, places: list[PlaceMention], roles: tuple[str, ...]):
    pool = [p for p in places if p.role in roles]
    if not pool:
        return None
    anchors = [(count.start, count.end)] + ([count.cue] if count.cue else [])

    def distance(p: PlaceMention) -> int:
        # From the count to the place's preposition: in "3,000 from Ganjam and 1,300 from
        # Puri" the second count's own "from Puri" is nearer than the first's Ganjam.
        lead = p.lead if p.lead >= 0 else p.start
        return min(max(lead - e, s - p.end, 0) for s, e in anchors)

    return min(pool, key=distance).name


def _assign_places(text: str, sentence: Sentence, claim: dict[str, Any], count: Count,
                   places: list[PlaceMention]) -> None:
    c_start, c_end = _clause(text, sentence, count.start)
    relative = [(m.start(), m.end()) for m in RELATIVE.finditer(text, sentence.start, sentence.end)
                if not m.start() <= count.start < m.end()]
    places = [p for p in places if not any(s <= p.start < e for s, e in relative)
              and not INCLUDED.search(text, count.end, max(count.end, p.lead))]
    # The count's own clause, else what an earlier clause of the sentence named.
    local = [p for p in places if c_start <= p.start < c_end] or [
        p for p in places if p.start < c_start]
    quantity = claim["quantity"]
    stative = (count.cue and STATIVE.match(text, count.cue[0])) or STATIVE.match(
        text[count.end : count.end + 40].lstrip(" ,").removeprefix("are ").removeprefix("were "))
    arrival = (count.cue and ARRIVAL.match(text, count.cue[0], min(sentence.end,
                                                                    count.cue[1] + 16))
               ) or RECEIVED_BEFORE.search(text, max(c_start, count.start - 30), count.start) or (
        # "A cruise ship carrying 1,400 evacuees arrived in Riviera Beach": the carrier's
        # arrival is theirs.
        CARRYING.search(text, max(c_start, count.start - 20), count.start)
        and ARRIVAL.search(text, count.end, c_end))
    if quantity in MOVEMENT and arrival:
        # "22 people were brought ashore at Dover": where they arrived, not where from.
        claim["origin"] = _nearest(count, local, ORIGINS)
        claim["destination"] = (_nearest(count, local, ("destination",))
                                or _nearest(count, local, ("location", "bare")))
    elif quantity in MOVEMENT and quantity != "evacuees" and not _nearest(
            count, local, ("origin", "destination")):
        # Vehicles "across the capital", "in the lot": where they are, not where from.
        claim["location"] = _nearest(count, local, ("location", "bare", "transit"))
    elif quantity in MOVEMENT and not stative:
        earlier = [p for p in places if p.start < c_start]
        claim["origin"] = (_nearest(count, local, ORIGINS)
                           or _nearest(count, local, ("location",))
                           or _nearest(count, local, ("bare",))
                           # "The hospital was evacuated, with 40 patients taken to ...".
                           or _nearest(count, earlier, ("origin",)))
        claim["destination"] = _nearest(count, local, ("destination",))
        if claim["origin"] is None and claim["destination"] is None:
            role = "origin" if quantity == "evacuees" else "location"
            claim[role] = _nearest(count, local, ("transit",))
    elif stative and quantity in ("evacuees", "displaced"):
        # "1,400 people were staying in four shelters on Maui": where they went.
        claim["destination"] = _nearest(count, local, ("location", "destination", "bare"))
    elif stative:
        claim["location"] = _nearest(count, local, ("location", "event", "destination", "bare"))
    elif quantity == "displaced":
        claim["origin"] = _nearest(count, local, ORIGINS)
        claim["destination"] = _nearest(count, local, ("destination",))
        if claim["origin"] is None and claim["destination"] is None:
            claim["location"] = _nearest(count, local, ("location", "event", "bare"))
    else:
        claim["location"] = (_nearest(count, local, ("location", "event"))
                             or _nearest(count, local, ("bare", "origin"))
                             or _nearest(count, local, ("destination",)))
    if claim["origin"] is not None and claim["origin"] == claim["destination"]:
        claim["origin"] = None


def _tweet_authors(text: str, doc: Document) -> dict[int, Actor]:
    """Paragraph -> author, for embedded tweets: a "Name @handle" line opens one and a
    "— Name (@handle) date" line closes one."""
    authors: dict[int, Actor] = {}
    spans: dict[int, list[int]] = {}
    for s in doc.sentences:
        spans.setdefault(s.paragraph, [s.start, s.end])[1] = s.end
    paragraphs = list(spans)
    for index, (p_start, p_end) in spans.items():
        if p_end - p_start > 400:
            continue  # a tweet's header or sign-off is one short line
        body = text[p_start:p_end].strip()
        if m := TWEET_SIGNOFF.match(body):
            actor = canonical(m.group("name"))
            previous = max((i for i in paragraphs if i < index), default=None)
            if actor and previous is not None:
                authors[previous] = actor
        elif (m := TWEET_HEADER.match(body)) and len(body) < 120:
            actor = canonical(m.group("name"))
            following = min((i for i in paragraphs if i > index), default=None)
            if actor and following is not None:
                authors.setdefault(following, actor)
    return authors


# How many paragraphs back a quotation's introduction may stand ('X said:' then three
# paragraphs of quotation).
QUOTE_PARAGRAPHS = 4
OPENING_QUOTES = "“\"‘«"
INTRODUCES = re.compile(r"[,:]\s*$")


def _quoted_frame(text: str, doc: Document, frames: list[list[Frame]], index: int,
                  pos: int, by_paragraph: dict[int, list[int]], introduced: bool = True
                  ) -> Frame | None:
    """For a number inside a quotation that runs over several sentences, the frame
    that introduces or closes that quotation in the same paragraph; for a quotation that
    opens its paragraph, the speaker who introduced it before ("X said:") unless the
    paragraph is a post, which speaks for its author."""
    sentence = doc.sentences[index]
    same = by_paragraph[sentence.paragraph]
    # A quotation runs over a few sentences, not a whole run-on page: look near.
    here = bisect_left(same, index)
    same = same[max(0, here - QUOTE_REACH) : here + QUOTE_REACH + 1]
    p_start = doc.sentences[same[0]].start
    p_end = doc.sentences[same[-1]].end
    before = text[p_start:pos]
    opened = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    if not opened:
        return None
    close = re.compile(r"[”\"]").search(text, pos, p_end)
    if close:
        for i in same:
            for frame in frames[i]:
                if frame.span[0] >= close.end() and frame.scope[1] <= frame.span[0] + 1:
                    return frame
    quote_open = max(before.rfind("“"), before.rfind('"')) + p_start
    for i in reversed(same):
        for frame in frames[i]:
            if frame.span[1] <= quote_open and frame.scope[1] >= quote_open:
                return frame
    # A quotation that goes on after its attribution: '"...," said X. "Another 200 ..."'
    earlier = [i for i in same if i < index]
    if text[p_start:quote_open].rstrip().endswith(":"):
        # 'X noted that ... Thus, two were hurt: "..."': the paragraph's last speaker.
        spoken = [f for i in same for f in frames[i] if f.span[1] <= quote_open]
        if spoken:
            return spoken[-1]
    if earlier and frames[earlier[-1]] and text[doc.sentences[earlier[-1]].end : quote_open].strip(
            ) == "":
        return frames[earlier[-1]][-1]
    if introduced and text[p_start:quote_open].strip() == "":
        return _introduced_quotation(text, doc, frames, sentence.paragraph, by_paragraph)
    return None


def _introduced_quotation(text: str, doc: Document, frames: list[list[Frame]], paragraph: int,
                          by_paragraph: dict[int, list[int]]) -> Frame | None:
    """'Jane Roe, the agency's director, said:' then a quotation over the next paragraphs,
    each opening with a quotation mark: the speaker who introduced it."""
    for earlier in range(paragraph - 1, max(-1, paragraph - 1 - QUOTE_PARAGRAPHS), -1):
        sentences = by_paragraph.get(earlier)
        if not sentences:
            return None
        last = doc.sentences[sentences[-1]]
        if INTRODUCES.search(text, last.start, last.end) and frames[sentences[-1]]:
            return frames[sentences[-1]][-1]
        if text[doc.sentences[sentences[0]].start] not in OPENING_QUOTES:
            return None  # a paragraph of the story's own: the quotation began after it
    return None
