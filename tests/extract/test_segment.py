"""Sentences, headlines and live-blog entries keep their offsets."""

from __future__ import annotations

from api.extract.segment import segment

LIVE_BLOG = """Floods: live updates

10:05 am

Rescuers reach the valley

Boats reached the village. "We are moving people now," the mayor said.

9:40 am
Dam warning issued
Residents were told to leave by noon.
"""


def test_sentences_keep_offsets():
    text = "Mr. Smith arrived in the U.S. on Monday. He said 300 people left. Dr. Jones agreed."
    doc = segment(text)
    assert [s.text for s in doc.sentences] == [
        "Mr. Smith arrived in the U.S. on Monday.",
        "He said 300 people left.",
        "Dr. Jones agreed.",
    ]
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


def test_quote_closing_after_full_stop():
    text = '"We have moved 40 patients." The hospital confirmed it.'
    assert [s.text for s in segment(text).sentences] == [
        '"We have moved 40 patients."', "The hospital confirmed it."]


def test_headlines_and_live_blog_entries():
    doc = segment(LIVE_BLOG)
    assert doc.live_blog
    assert doc.entry_times == {1: "10:05 am", 2: "9:40 am"}
    headlines = [s.text for s in doc.sentences if s.headline]
    assert "Rescuers reach the valley" in headlines
    assert "Dam warning issued" in headlines
    entries = {s.text: s.entry for s in doc.sentences}
    assert entries["Boats reached the village."] == 1
    assert entries["Residents were told to leave by noon."] == 2


def test_timestamp_prefixed_entries():
    text = "Jan 1, 19:45 - First entry here.\n\nJan 1, 20:10 - Second entry here.\n"
    doc = segment(text)
    assert doc.live_blog
    assert [s.text for s in doc.sentences] == ["First entry here.", "Second entry here."]


def test_hard_wrapped_lines_are_joined():
    text = ("The evacuation of the coastal district continued through the night as\n"
            "buses carried residents inland.\n")
    assert len(segment(text).sentences) == 1


def test_article_is_not_a_live_blog():
    assert not segment("A quiet day.\n\nNothing at 3 pm happened.").live_blog


WRAPPED = (
    "Floods force thousands from river towns\n\n"
    "RIVERTON (Wire) - Rescue crews moved about 2,300 people out of\n"
    "low-lying streets overnight as the river rose, and officials said\n"
    "Hillcrest and another 800 residents of Lakeside would follow by\n"
    "Tuesday, when the crest is expected to reach the lower valley.\n\n"
    "Emergency managers said shelters in three schools were already\n"
    "Full by midnight and more buses were on their way from the city.\n"
)


def test_a_hard_wrapped_report_is_read_as_whole_sentences():
    doc = segment(WRAPPED)
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "Floods force thousands from river towns"
    assert any(t.startswith("RIVERTON (Wire) - Rescue crews") and t.endswith("lower valley.")
               for t in texts)
    # a wrapped line that begins with a capital still continues the sentence
    assert any("were already\nFull by midnight" in t for t in texts)


def test_short_lines_of_a_list_are_not_joined():
    text = "Evacuated so far:\nRiverton 300\nLakeside 120\nHillcrest 45\n"
    assert len(segment(text).sentences) == 4
