"""Attribution frames: who a sentence says said what, and over which words.

A frame is a speaker, an optional intermediary and the stretch of the sentence
the speaker is responsible for (its scope):

* ``X said (that) ...``, ``X told Reuters ...``, ``X tweeted ...``: the words
  after the verb;
* ``"...," X said.``, ``..., Reuters reported citing an official.``: the
  words before the speaker;
* ``according to X`` at either end of a clause.

An amount takes the innermost frame whose scope holds it. ``citing``,
``quoted`` and ``told <a news outlet>`` make the cited one the actor and the
outlet the ``via``. Pronouns and generic heads ("he", "it", "the
organization", "the report") name the last person or organisation that spoke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import ORG_HINTS, PERSON_ROLES, Actor, canonical, person_name
from .lexicon import phrase_pattern
from .words import alternatives, word_list, word_set, word_table

REPORTING_VERBS = word_list("speakers", "reporting_verbs")
PUT_AT = (r"(?<![\w-])puts?\s+the\s+(?:number|toll|figure|death\s+toll|total)"
          r"(?:\s+[\w\s'’-]{1,60}?)?\s+at(?![\w-])")
# "The agency has evidence of at least 4,500 evacuees", "has records of".
HAS_RECORD = r"(?<![\w-])(?:has|have|had)\s+(?:evidence|records?|a\s+record)\s+of(?![\w-])"
REPORTING_VERB = re.compile(phrase_pattern(REPORTING_VERBS) + "|" + PUT_AT + "|" + HAS_RECORD,
                            re.IGNORECASE)
ANY_FRAME = re.compile(phrase_pattern([*REPORTING_VERBS, "according", "per", "put", "evidence",
                                       "record", "records"]), re.IGNORECASE)
ACCORDING = re.compile(r"(?<![\w-])according\s+to\s+|,\s*per\s+(?=the\s|an?\s|[A-Z])",
                       re.IGNORECASE)
CITING = re.compile(r"^\s*,?\s*(?:(?:in|on)\s+(?:a|an|its|their)\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
                    r"(?:citing|quoting)\s+", re.IGNORECASE)
REPORTS_THAT = re.compile(
    r"(?<![\w-])(?:there\s+(?:are|were|have\s+been)\s+)?(?P<who>(?:some|unconfirmed|local|"
    r"media|several|many|initial|early|other)\s+reports|reports)\s+(?:that|said|say|suggest|"
    r"suggested|indicate|indicated)\b",
    re.IGNORECASE,
)
PARTICIPLE_STATE = re.compile(
    r"\s+(?:" + alternatives(word_list("speakers", "participle_states")) + r")\b", re.IGNORECASE)
PARTICIPLES = frozenset({"reported", "confirmed", "counted", "recorded", "declared", "believed",
                         "documented", "estimated", "announced"})
# A word before a reporting verb that makes it a noun: "media reports".
NOUN_MARKERS = word_set("speakers", "noun_markers")
AUXILIARIES = re.compile(
    r"(?:\s+(?:has|have|had|also|later|earlier|previously|separately|further|then|already|"
    r"again|reportedly|had|would|on\s+\w+day|in\s+a\s+statement))+\s*$",
    re.IGNORECASE,
)
PASSIVE = re.compile(r"(?:\b(?:was|were|is|are|been|be|being)\s*)$", re.IGNORECASE)
BOUNDARY = re.compile(
    r"[;:“”\"()\[\]]|(?<![\w-])(?:and|but|as|while|after|when|because|although|though|"
    r"whereas|where|that|which|who|since|if|before|meanwhile)(?![\w-])|(?:^|\s)-\s|—|–",
)
ADJUNCT_AFTER = re.compile(
    r"^\s*(?:(?:on\s+)?\w+day\s+|in\s+[A-Z]\w+\s+|later\s+|earlier\s+)?"
    r"(?:after|before|as(?!\s+(?:many|much|few|high|low|well|of)\b)|when|while|during|following|"
    r"amid)\b",
    re.IGNORECASE,
)
OBJECT_AFTER = re.compile(
    r"^\s*(?:me|us|him|her|them|you|reporters|journalists|(?:(?:the|a|an)\s+)?"
    r"(?:[A-Za-z][\w'’.-]*\s+){0,4}?[A-Za-z][\w'’.-]*(?=\s*(?:[.;,]|$|\s+(?:that|in|on|at|by|"
    r"during|after|late|early|via|over|while|when|from|aboard|outside)\b)))",
)
THAT_LATER = re.compile(r"[^,.;:!?“”\"]{0,80}?\sthat\s")
CITED_IN_SUBJECT = re.compile(r",\s*(?:citing|quoting)\s+(?P<cited>[^,]+),?\s*$", re.IGNORECASE)
CLOSES = re.compile(
    r"^\s*(?:(?:on|in|at|late|early|during|via|by|over|while|from|aboard|outside)"
    r"(?:\s+(?!that\b)(?!\d)[\w.’']+){1,4}?)?"
    r"(?:\s+(?:today|yesterday|tonight|earlier|later|again|too|also|this\s+(?:morning|"
    r"afternoon|evening|week)|(?:late|early)\s+\w+day|"
    r"(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day))?\s*"
    r"(?:[.;!?](?!\d)|$|,(?!\s*that\b)(?!\d)|\s+(?:adding|saying|noting)\b)")
TRAILING_FRAGMENT = re.compile(
    r"^\s*(?:(?:on|in|at|late|early|during|via|by|over)(?:\s+(?!that\b)[\w.’']+){1,4}?)?\s*,\s*"
    r"(?:among|including|"
    r"most|many|some|all|with|mostly|mainly|adding|saying|noting|half|more\s+than|nearly)\b",
    re.IGNORECASE)
ABBREVIATED = re.compile(
    r"(?:\b[A-Z]|\b(?:" + alternatives(word_list("abbreviations", "titles")) + "))$")
MEDIA_OBJECT = re.compile(
    r"^(?!.*\b(?:" + alternatives(word_list("speakers", "not_media")) + r")\b).*"
    r"(?:" + alternatives(word_list("speakers", "media")) + r")\b",
    re.IGNORECASE,
)
# Pronoun -> the kind of the last speaker it stands for: person, org or any.
PRONOUNS: dict[str, str] = dict(word_table("speakers")["pronouns"])
GENERIC_PEOPLE = word_list("speakers", "generic_people")
GENERIC_SPEAKER = re.compile(
    r"^(?:the|this|that)\s+(?:"
    + alternatives(word_list("speakers", "generic_organisations"))
    + r"|(?:agency|organisation)'s\s+\w+|"
    + alternatives(GENERIC_PEOPLE)
    + ")$",
    re.IGNORECASE,
)


@dataclass
class Frame:
    """A speaker and the part of the sentence they speak for."""

    actor: Actor
    via: Actor | None
    scope: tuple[int, int]
    # The speaker words and the verb, which hold no places of the claim.
    span: tuple[int, int]
    # Whether the frame stands inside a quotation, or is a transcript or headline label:
    # then a frame around it passed its words on.
    nested: bool = False
    label: bool = False


@dataclass
class Speakers:
    """The last person and organisation that spoke, for pronouns in later sentences."""

    person: Actor | None = None
    org: Actor | None = None
    any: Actor | None = None
    named: list[Actor] = field(default_factory=list)
    people: dict[str, Actor] = field(default_factory=dict)

    def remember(self, actor: Actor) -> None:
        if actor.kind == "person":
            self.person = actor
            if len(actor.name.split()) > 1:
                self.people[actor.name.split()[-1]] = actor
        else:
            self.org = actor
            self.named.append(actor)
        self.any = actor

    def remember_person(self, actor: Actor) -> None:
        """A titled person named without speaking, for a later "she" or surname."""
        self.person = actor
        self.people[actor.name.split()[-1]] = actor

    def resolve(self, phrase: str) -> Actor | None:
        if (known := self.people.get(phrase.strip())) is not None:
            return known  # "Honea said" after "Sheriff Kory Honea said"
        words = phrase.strip().lower()
        if words in PRONOUNS:
            want = PRONOUNS[words]
            return self.any if want == "any" else getattr(self, want)
        if GENERIC_SPEAKER.match(phrase.strip()):
            last = phrase.strip().split()[-1].lower()
            if last in GENERIC_PEOPLE or last == "officials":  # "the agency's officials"
                return self.person  # none yet: the phrase names its speaker itself
            # "the ministry" is the last ministry that spoke, else the last organisation.
            same = [a for a in reversed(self.named) if last in a.name.lower()]
            return (same[0] if same else None) or self.org or self.any
        return None


def _mask(text: str) -> str:
    """Blank out parentheses and "also known as ..." so they do not cut phrases."""
    masked = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)
    # "An official, who asked not to be named, told AFP": the clause is no boundary.
    masked = re.sub(r",\s+who\s+[^,;]{1,80},", lambda m: " " * len(m.group()), masked)
    return re.sub(r"(?:also|better|formerly)\s+known\s+as\s+[^,]*",
                  lambda m: " " * len(m.group()), masked, flags=re.IGNORECASE)


def _subject(masked: str, lo: int, verb_start: int) -> tuple[int, int]:
    """Span of the speaker phrase that ends right before the verb."""
    end = verb_start
    aux = AUXILIARIES.search(masked, lo, end)
    if aux:
        end = aux.start()
    start = lo
    for b in BOUNDARY.finditer(masked, lo, end):
        if b.group().lower() == "and" and _between_capitals(masked, b.start(), b.end()):
            continue  # "Department of Social Welfare and Development"
        if _relative_in_apposition(masked, b, end):
            continue  # "Jane Roe, minister in the government that runs the east, told"
        start = b.end()
    chunk = masked[start:end]
    # Commas: the last chunk, unless it is empty (an apposition closing before the verb).
    pieces = chunk.split(",")
    if len(pieces) > 1:
        tail = pieces[-1].strip()
        if not tail:
            keep = 3 if len(pieces) > 3 else len(pieces) - 1
            if re.match(r"\s*(?:citing|quoting)\b", pieces[-2], re.IGNORECASE):
                keep = 2  # "Russian state news agency TASS, citing an official,"
            start = end - len(",".join(pieces[-keep - 1 :]))
        else:
            last_two = pieces[-2].strip()
            title_tail = re.match(r"(?:the|a|an)\s+\w+", tail, re.IGNORECASE)
            name_like = all(w[:1].isupper() or w.lower() in ("de", "al", "bin", "van", "von")
                            for w in last_two.split())
            if last_two and title_tail and name_like and len(last_two.split()) <= 4:
                start = end - len(",".join(pieces[-2:]))
            else:
                start = end - len(pieces[-1])
    while start < end and masked[start] in " ,":
        start += 1
    return start, end


RELATIVE_PRONOUNS = ("that", "which", "who")


def _relative_in_apposition(masked: str, boundary: re.Match[str], verb: int) -> bool:
    """A relative clause that describes the speaker ("the minister in the administration
    that runs the east, told"): it does not start a new subject."""
    if boundary.group().lower() not in RELATIVE_PRONOUNS:
        return False
    clause = masked[boundary.end() : verb]
    before = masked[max(0, boundary.start() - 60) : boundary.start()]
    word_before = re.search(r"([A-Za-z]+)\s*$", before)
    if word_before is None or not word_before.group(1).islower():
        return False
    if re.fullmatch(r"[^,;]+,\s*", clause):
        return True
    # "the minister in the administration that runs the east said": a noun phrase with
    # its article before the pronoun, a short clause after it.
    return (re.fullmatch(r"[^,;]+", clause) is not None and len(clause.split()) <= 6
            and re.search(NOUN_PHRASE_END, before) is not None)


NOUN_PHRASE_END = r"\b(?:the|a|an|its|their)\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s*$"


LABEL = re.compile(r"(?P<who>[A-Z][\w .'’&()-]{1,60}?):\s+")
NOT_SPEAKERS = re.compile(
    "(?:" + alternatives(word_list("speakers", "headline_labels"), space=" ") + r")\b|.*\b(?:"
    + alternatives(word_list("speakers", "event_words")) + r")\b",
    re.IGNORECASE,
)


def _names_someone(phrase: str) -> bool:
    """A person or a role: "Governor", "UN envoy Staffan de Mistura", "Mayor Ortiz"."""
    words = phrase.lower().split()
    return bool(person_name(phrase)) or any(w in PERSON_ROLES for w in words)


def _between_capitals(text: str, start: int, end: int) -> bool:
    before = re.search(r"(\S+)\s*$", text[max(0, start - 60) : start])
    after = re.match(r"\s*(\S+)", text[end : end + 60])
    return bool(before and after and before.group(1)[:1].isupper() and after.group(1)[:1].isupper())


SPEAKER_AFTER = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z]|(?:[a-z]+\s+){0,2}(?:"
    + alternatives(word_list("speakers", "roles_after_verb")) + r")\b)")
THAT_AHEAD = re.compile(r"(?:\s+(?!that\b)[\w.’'-]+){0,6}?\s+that\b")
SAID = re.compile(r"\b(?:said|says|told|tells)\b")  # lowercase: not "Omar Said"
FINITE = re.compile(r"\b(?:is|are|was|were|will|would|could|has|have|had|do|does|did|can|may|"
                    r"might|must|should)\b", re.IGNORECASE)


def _speaker_phrase_ok(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 14:
        return False
    # Clauses are not speakers: a finite verb in the phrase gives it away.
    return not FINITE.search(phrase) and not SAID.search(phrase)


def find_frames(text: str, start: int, end: int, speakers: Speakers) -> list[Frame]:
    """Attribution frames in the sentence ``text[start:end]``, in order: a label, then
    "reports that", then "according to", then reporting verbs."""
    frames = _label_frames(text, start, end, speakers)
    if not ANY_FRAME.search(text, start, end):
        _remember_people(text, start, end, speakers)
        return frames
    masked = " " * start + _mask(text[start:end])
    frames += _reports_frames(masked, start, end)
    frames += _according_frames(text, masked, start, end, speakers)
    frames += _verb_frames(text, masked, start, end, speakers)
    if not frames:
        _remember_people(text, start, end, speakers)
    return frames


def _label_frames(text: str, start: int, end: int, speakers: Speakers) -> list[Frame]:
    """A headline "Governor: 2.5 million under evacuation orders", or a transcript's
    "GOV. KATHLEEN BLANCO (recorded): We have ...": the label speaks for the rest."""
    label = LABEL.match(text, start, end)
    if not label or NOT_SPEAKERS.match(label.group("who")):
        return []
    who = re.sub(r"\s*\([^)]*\)", "", label.group("who"))
    who = who.title() if who.isupper() else who
    actor = canonical(who)
    if not actor or not (actor.kind != "other" or _names_someone(who) or ORG_HINTS.search(who)):
        return []
    speakers.remember(actor)
    return [Frame(actor, None, (label.end(), end), (start, label.end()), label=True)]


def _reports_frames(masked: str, start: int, end: int) -> list[Frame]:
    """"Unconfirmed reports say ...": the reports speak for the words after them."""
    frames = []
    for m in REPORTS_THAT.finditer(masked, start, end):
        before = masked[start : m.start()]
        if m.group("who").lower() == "reports" and m.start("who") == m.start() and re.search(
                r"[^\W\d]\w*\s*$", before) and not THERE_ARE.search(before):
            continue  # "The department reports that ...": a verb with its own subject
        actor = Actor(re.sub(r"\s+", " ", m.group("who")), "other")
        frames.append(Frame(actor, None, (m.end(), end), (m.start(), m.end())))
    return frames


def _according_frames(text: str, masked: str, start: int, end: int,
                      speakers: Speakers) -> list[Frame]:
    """"According to X, ..." speaks for the rest of the sentence; "..., according to X"
    for what comes before it."""
    frames = []
    for m in ACCORDING.finditer(masked, start, end):
        np_end = _clause_end(masked, m.end(), end)
        phrase = text[m.end() : np_end]
        actor, via = _cited(phrase)
        if actor is None:
            continue
        before = masked[start : m.start()]
        # "According to X, ...", "Earlier, according to X, ...", "As of 7 June, according
        # to X, ...": X speaks for what follows.
        leading = not re.search(r"\w", before.replace("Earlier", "")) or (
            masked[np_end : np_end + 1] == "," and (len(before.split()) <= 2 or (
                re.search(r",\s*$", before) and len(before.split()) <= 6
                and not FINITE.search(before))))
        scope = (np_end, end) if leading else (start, m.start())
        if leading and re.search(r",\s*$", before) and masked[np_end : np_end + 1] == ",":
            # "Nine people, according to the agency, were killed": the parenthesis sits
            # inside the clause it speaks for.
            scope = (start, end)
        frames.append(Frame(actor, via, scope, (m.start(), np_end)))
        speakers.remember(actor)
    return frames


def _verb_frames(text: str, masked: str, start: int, end: int,
                 speakers: Speakers) -> list[Frame]:
    """"X said (that) ...", '"...," X said', "X told Reuters ...": a speaker and the
    words they speak for, on either side of a reporting verb."""
    frames = []
    previous: Actor | None = None
    for m in REPORTING_VERB.finditer(masked, start, end):
        if not _is_reporting_verb(masked, start, end, m):
            continue
        found = _verb_speaker(text, masked, start, end, m, speakers, previous)
        if found is None:
            continue
        actor, via, inverted, s_start, s_end = found
        actor, via, tail_end = _passed_on(text, masked, end, m, actor, via)
        scope, span = _verb_scope(masked, start, end, m, (s_start, s_end), tail_end, inverted)
        frames.append(Frame(actor, via, scope, span, nested=_inside_quote(text, start, s_start)))
        speakers.remember(actor)
        previous = actor
    return frames


def _is_reporting_verb(masked: str, start: int, end: int, m: re.Match[str]) -> bool:
    """Whether a verb match reports speech: not a noun ("media reports"), not a
    passive, not "said to number ..." or "told to evacuate"."""
    words_before = masked[start : m.start()].split()
    if (words_before and words_before[-1].lower().strip(",") in NOUN_MARKERS
            and m.group().lower().endswith("s")):
        return False  # "media reports" is a noun, "state media reported" a verb
    if m.group()[:1].isupper() and words_before and not _title_case(masked[start:end]):
        return False  # "the United States", "Gulf States": a name, outside a headline
    if PASSIVE.search(masked, start, m.start()):
        return False
    after = masked[m.end() : end]
    if m.group().lower() in PARTICIPLES and PARTICIPLE_STATE.match(after):
        return False  # "the people reported missing", "those confirmed dead"
    return not (re.match(r"\s+to\s+\w", after) and m.group().lower() in (
        "said", "reported", "told", "tells", "estimated"))


def _title_case(sentence: str) -> bool:
    """Whether a sentence is a headline in title case ("Governor Says 4,000 Evacuated")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", sentence) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _verb_speaker(text: str, masked: str, start: int, end: int, m: re.Match[str],
                  speakers: Speakers, previous: Actor | None
                  ) -> tuple[Actor, Actor | None, bool, int, int] | None:
    """Who speaks through the verb ``m``: ``(actor, via, inverted, start, end)``, where
    ``inverted`` says the speaker follows the verb and the span is the speaker's words."""
    s_start, s_end = _subject(masked, start, m.start())
    phrase = text[s_start:s_end].strip()
    # '"...," said John Smith' and '..., said Dr. Jane Roe, the director': the speaker
    # follows the verb.
    after_comma = re.search(r"[,”\"]\s*$", masked[start : m.start()])
    if (after_comma and m.group().lower() not in ("told", "tells")
            and SPEAKER_AFTER.match(masked, m.end(), end)
            and not CITED_IN_SUBJECT.search(phrase)
            and len(masked[m.end() : _clause_end(masked, m.end(), end)].split()) <= 6):
        phrase = ""
    while (phrase and not _speaker_phrase_ok(phrase) and not CITED_IN_SUBJECT.search(phrase)
           and phrase.count(",") >= 2):
        # "..., sending water through the city, Jane Roe, health minister of X, told ...":
        # the apposition, without the clause before it.
        cut = phrase.index(",") + 1
        s_start += len(phrase[:cut]) + len(phrase[cut:]) - len(phrase[cut:].lstrip())
        phrase = phrase[cut:].strip()
    if phrase and (_speaker_phrase_ok(phrase) or CITED_IN_SUBJECT.search(phrase)):
        actor, via = _subject_speaker(text, start, s_start, phrase, speakers)
        return (actor, via, False, s_start, s_end) if actor is not None else None
    if after_comma:
        # Inversion: '"...," said John Smith, a spokesman.'
        np_end = _clause_end(masked, m.end(), end)
        phrase = text[m.end() : np_end].strip()
        actor = (speakers.people.get(phrase) or canonical(phrase)
                 if phrase and _speaker_phrase_ok(phrase) else None)
        return (actor, None, True, m.end(), np_end) if actor is not None else None
    if previous is not None and not phrase:
        return previous, None, False, s_start, s_end  # "... said X but warned ..."
    if not phrase and (lead := _coordinated_subject(text, masked, start, m.start())):
        actor = _subject_speaker(text, start, lead[0], text[lead[0] : lead[1]], speakers)[0]
        if actor is not None and (actor.kind != "other" or _names_someone(actor.name)
                                  or ORG_HINTS.search(actor.name)):
            return actor, None, False, lead[0], lead[1]
    return None


LEAD_SUBJECT = re.compile(
    r"\s*(?P<np>(?:the\s+)?(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|de|al)\s+)?){0,6}[A-Z][\w'’.-]*"
    r"|(?:the|its|their)\s+\w+)\s+(?:(?:has|have|had|also|on\s+\w+day)\s+)*[a-z]+(?:ed|s)\b")


def _coordinated_subject(text: str, masked: str, start: int, verb: int) -> tuple[int, int] | None:
    """"Lebanese President Michel Aoun called for ... and said ...": the speaker is the
    subject the sentence opened with, when the reporting verb follows "and" or "but"."""
    if not re.search(r"(?<![\w-])(?:and|but)\s+(?:also\s+|later\s+)?$", masked[start:verb]):
        return None
    lead = LEAD_SUBJECT.match(masked, start, verb)  # "The Institute (PI) raised ..."
    return lead.span("np") if lead else None


def _subject_speaker(text: str, start: int, s_start: int, phrase: str,
                     speakers: Speakers) -> tuple[Actor | None, Actor | None]:
    """The speaker a subject phrase before the verb names, and who passed it on."""
    if cited := CITED_IN_SUBJECT.search(phrase):
        # "Russian state media, citing the defence ministry, reported ..."
        return canonical(cited.group("cited")), canonical(phrase[: cited.start()])
    if phrase.lower() in PRONOUNS:
        # "Judge Robert Hebert ordered ..., which he said would ...": a titled
        # person earlier in the sentence, else the last one who spoke.
        return (_titled_person(text, start, s_start) if phrase.lower() in ("he", "she")
                else None) or speakers.resolve(phrase), None
    if POSSESSIVE_MEDIA.match(phrase):
        return _sentence_org(text, start, s_start) or speakers.org, None  # "its footage"
    return (_sentence_org(text, start, s_start) if GENERIC_SPEAKER.match(phrase) else None
            ) or speakers.resolve(phrase) or canonical(phrase), None


def _passed_on(text: str, masked: str, end: int, m: re.Match[str], actor: Actor,
               via: Actor | None) -> tuple[Actor, Actor | None, int]:
    """After the verb: "citing X", "told Reuters", "quoted X as saying" make the cited
    one the actor and the speaker or outlet the ``via``. Also where the verb's own
    words end."""
    tail = masked[m.end() : end]
    tail_end = m.end()
    if cite := CITING.match(tail):
        c_end = _clause_end(masked, m.end() + cite.end(), end)
        cited_actor = canonical(text[m.end() + cite.end() : c_end])
        if cited_actor:
            actor, via = cited_actor, actor
        tail_end = c_end
    elif m.group().lower() in ("told", "tells") and (obj := OBJECT_AFTER.match(tail)):
        outlet = canonical(obj.group())
        if MEDIA_OBJECT.search(obj.group()) or (outlet and outlet.kind == "media"):
            via = outlet
        tail_end = m.end() + obj.end()
    elif m.group().lower() == "quoted" and (q := re.match(
            r"\s+(?P<who>.+?)\s+as\s+saying\b", tail)):
        cited_actor = canonical(q.group("who"))
        if cited_actor:
            actor, via = cited_actor, actor
        tail_end = m.end() + q.end()
    return actor, via, tail_end


def _verb_scope(masked: str, start: int, end: int, m: re.Match[str],
                speaker: tuple[int, int], tail_end: int, inverted: bool
                ) -> tuple[tuple[int, int], tuple[int, int]]:
    """The scope the speaker speaks for and the span of their own words."""
    s_start, s_end = speaker
    rest = masked[tail_end:end]
    # "said during a news conference that ...": the adjunct leads into the reported words.
    adjunct = ADJUNCT_AFTER.match(rest) and not THAT_LATER.match(rest)
    if inverted or CLOSES.match(rest) or adjunct:
        # The speaker follows what they said; a trailing ", among them ..." is theirs too.
        scope = (start, end) if TRAILING_FRAGMENT.match(rest) else (start, s_start)
        lead = masked[start:s_start]
        if (not inverted and re.match(r"\s*,", rest) and len(lead.split()) <= 4
                and not re.search(r"\d", lead)):
            # "On Sunday, authorities said, there were 228 ...": a parenthesis that
            # speaks for what follows it.
            scope = (tail_end, end)
        clause = re.search(r"[,.;!?]|$", rest)
        span_end = tail_end + (clause.start() if clause else 0)
        return scope, (s_start, max(span_end, s_end if inverted else tail_end))
    that = THAT_AHEAD.match(masked, tail_end, end)
    span = (s_start, that.end() if that else tail_end)
    if m.group()[:3].lower() == "put":
        span = (s_start, m.start() + 4)  # "put the number remaining in Irpin at"
    return (tail_end, end), span


PERSON_RUN = re.compile(
    r"\b(?:[A-Z][a-z]+\.?\s+){0,3}[A-Z][\w'’-]+(?:\s+(?:(?:de|al|el|van|von|bin)[\s-]+)?"
    r"[A-Z][\w'’-]+){1,2}")


POSSESSIVE_MEDIA = re.compile(
    r"^(?:its|their)\s+(?:own\s+)?(?:" + alternatives(word_list("speakers", "possessive_sources"))
    + ")$",
    re.IGNORECASE,
)


def _titled_person(text: str, start: int, pos: int) -> Actor | None:
    """The last titled person named in ``text[start:pos]`` ("Judge Robert Hebert")."""
    found = None
    for m in PERSON_RUN.finditer(text, start, pos):
        name = person_name(m.group())
        if name and len(name.split()) >= 2 and name != m.group().strip():
            found = Actor(name, "person")
    return found


def _remember_people(text: str, start: int, end: int, speakers: Speakers) -> None:
    """Titled names in a sentence ("Governor Maria Lopez"), for a later "she said"."""
    for m in PERSON_RUN.finditer(text, start, end):
        name = person_name(m.group())
        if name and len(name.split()) >= 2 and name != m.group().strip():  # titled names only
            speakers.remember_person(Actor(name, "person"))


def _cited(phrase: str) -> tuple[Actor | None, Actor | None]:
    """'Syria's state TV, citing the Defence Ministry' -> (ministry, state TV)."""
    m = re.search(r",?\s+(?:citing|quoting)\s+", phrase, re.IGNORECASE)
    if m:
        outer = canonical(phrase[: m.start()])
        inner = canonical(phrase[m.end() :])
        return (inner, outer) if inner else (outer, None)
    m = re.search(r",?\s+(?:cited|quoted)\s+by\s+", phrase, re.IGNORECASE)
    if m:
        return canonical(phrase[: m.start()]), canonical(phrase[m.end() :])
    return canonical(phrase), None


def _clause_end(masked: str, pos: int, end: int) -> int:
    for m in CLAUSE_END.finditer(masked, pos, end):
        if m.group().startswith(".") and ABBREVIATED.search(masked, pos, m.start()):
            continue  # "U.S. Air Force officials", "said Dr. Robert Grossman"
        if m.group().strip() == "and" and _between_capitals(masked, m.start() + 1, m.end() - 1):
            continue  # "the Fire and Disaster Management Agency"
        return m.start()
    return end


CLAUSE_END = re.compile(r"[.;:!?”\"]\s|[.;:!?”\"]$|,\s|\s(?:and|but|who|which|while|that)\s")
ORG_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:for|of|the|and|on)\s+)*[A-Z][\w'’-]*)*")


ORG_NAME = re.compile(r"\b(?:" + alternatives(word_list("organisations", "in_names")) + r")\b")


def _sentence_org(text: str, start: int, pos: int) -> Actor | None:
    """The last organisation named earlier in the sentence, for "the agency said"."""
    found = None
    for m in ORG_RUN.finditer(text, start, pos):
        actor = canonical(m.group())
        if actor and (actor.kind not in ("person", "other") or ORG_NAME.search(m.group())):
            found = actor
    return found


THERE_ARE = re.compile(r"there\s+(?:are|were|have\s+been)(?:\s+also)?\s*$", re.IGNORECASE)


def attribute(frames: list[Frame], pos: int) -> Frame | None:
    """The innermost frame whose scope holds ``pos``.

    When that frame's own words lie inside another frame's scope ('"The government
    tells us 4,000 are still there," said Col. Whitfield'), the outer speaker passed
    the figure on: it becomes the ``via``."""
    holding = [f for f in frames if f.scope[0] <= pos < f.scope[1]]
    if not holding:
        return None
    inner = min(holding, key=lambda f: (f.scope[1] - f.scope[0]))
    if inner.via is None:
        for outer in holding:
            if (outer is not inner and outer.actor.name != inner.actor.name
                    and (inner.nested or outer.label)
                    and outer.scope[0] <= inner.span[0] and inner.span[1] <= outer.scope[1]):
                return Frame(inner.actor, outer.actor, inner.scope, inner.span)
    return inner


def _inside_quote(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened earlier in the sentence."""
    before = text[start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


LIST_ITEM = re.compile(r"^\s*(?:[•·▪●◦‣⁃*]|[-–](?=\s)|\d{1,2}[.)](?=\s))\s*")
SECTION_LABEL = re.compile(r"^[^:]{1,40}:\s+(?=\S)")
NOT_HEADERS = re.compile(
    "(?:" + alternatives(word_list("speakers", "headline_labels"), space=" ") + r")$",
    re.IGNORECASE)


SOURCE_NOTE = re.compile(
    r"\s*(?:the|these|those)\s+(?:[\w-]+\s+){0,2}?(?:figures|numbers|data|statistics|toll|tolls|"
    r"tally|estimates?|casualty\s+figures)\s+(?:were|was|are|is|have\s+been|has\s+been)\s+"
    r"(?:\w+ly\s+)?(?:released|provided|compiled|issued|published|given|announced|supplied|"
    r"reported|confirmed)\s+by\s+(?P<who>[^,;:.]+?)\s*(?:[,;:.]|$)",
    re.IGNORECASE)


def document_frames(text: str, sentences: list, frames: list[list[Frame]]) -> dict[int, Frame]:
    """Sentence index -> a frame from beyond the sentence: a bulleted item under the
    source that introduces its list, a sentence followed by one that says who released
    its figures ("The latest figures were released by the disaster council.")."""
    found = list_frames(text, sentences, frames)
    for index, sentence in enumerate(sentences[1:], 1):
        note = SOURCE_NOTE.match(text, sentence.start, sentence.end)
        actor = canonical(note.group("who")) if note else None
        if actor is not None:
            before = sentences[index - 1]
            found[index - 1] = Frame(actor, None, (before.start, before.end),
                                     (sentence.start, sentence.end))
    return found


def list_frames(text: str, sentences: list, frames: list[list[Frame]]) -> dict[int, Frame]:
    """Sentence index -> the frame a bulleted item stands under: the source that
    introduces the list ("According to the Pentagon:", "The ministry said:") or a
    section header naming an organisation ("FLOOD AGENCY (FA)", "Kenya: Red Cross")."""
    found: dict[int, Frame] = {}
    header: Frame | None = None
    in_list = False
    for index, sentence in enumerate(sentences):
        if LIST_ITEM.match(sentence.text):
            if not in_list:
                header = _header_frame(text, sentences, frames, index - 1)
                in_list = True
        elif not (in_list and index and sentences[index - 1].paragraph == sentence.paragraph):
            in_list = False  # a sentence of its own ends the list; an item's second sentence not
            header = None
        if in_list and header is not None:
            found[index] = Frame(header.actor, header.via, (sentence.start, sentence.end),
                                 header.span)
    return found


def _header_frame(text: str, sentences: list, frames: list[list[Frame]],
                  index: int) -> Frame | None:
    """The frame of the sentence that opens a list, if it names a source."""
    if index < 0:
        return None
    head = sentences[index]
    words = head.text.strip()
    if words.endswith(":") and frames[index]:
        return frames[index][-1]  # "According to the Pentagon:"
    if len(words.split()) > 12 or re.search(r"[.!?]$|\d", words) or ANY_FRAME.search(words):
        return None
    # A section header: "THE BAHAMAS: NATIONAL FLOOD AGENCY (NFA)", "Red Cross".
    name = SECTION_LABEL.sub("", words).rstrip(":").strip()
    name = name.title() if name.isupper() else name
    actor = canonical(name)
    if actor is None or NOT_HEADERS.match(name) or not (
            actor.kind not in ("person", "other") or ORG_HINTS.search(name)):
        return None
    return Frame(actor, None, (head.start, head.end), (head.start, head.end))


def same_people(mentions: list[dict]) -> None:
    """One name per person in a report: "Ndima said ..." in a subhead and "Constant Ndima"
    in the body are one speaker, so a surname alone takes the full name used elsewhere."""
    full: dict[str, str] = {}
    for mention in mentions:
        for role in ("actor", "via"):
            name = mention[role] or ""
            words = name.split()
            if len(words) > 1 and all(w[:1].isupper() for w in words):
                full.setdefault(words[-1], name)
    for mention in mentions:
        for role in ("actor", "via"):
            if mention[role] in full:
                mention[role] = full[mention[role]]
