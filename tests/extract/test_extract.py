"""End-to-end extraction of single sentences written for these tests.

Each case states what the guide says a reader should get: quantity, group,
status, hedge, actor, intermediary and places.
"""

from __future__ import annotations

import pytest

from api.extract import extract_claims


def claims(text: str) -> list[dict]:
    return extract_claims(text, "case.txt")


def only(text: str) -> dict:
    found = claims(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "quantity", "group", "status"),
    [
        ("Rescuers evacuated 240 residents from the flooded district.", "evacuees", "people",
         "occurred"),
        ("About 1,500 people were airlifted out of the valley.", "evacuees", "people", "occurred"),
        ("Around 600 patients will be moved to other hospitals.", "evacuees", "wounded",
         "planned"),
        ("Some 80 foreign nationals are expected to leave on Friday.", "evacuees", "foreigners",
         "planned"),
        ("At least 30 people remain trapped under the rubble.", "trapped", "people", "occurred"),
        ("Dozens of residents are still stranded on rooftops.", "trapped", "people", "occurred"),
        ("The storm killed at least 14 people.", "killed", "people", "occurred"),
        ("Four firefighters were injured fighting the blaze.", "injured", "staff", "occurred"),
        ("Nearly 50 hikers are missing after the landslide.", "missing", "people", "occurred"),
        ("Tens of thousands have fled the fighting.", "displaced", "people", "occurred"),
        ("Twelve children and their teachers were rescued by boat.", "evacuees", "children",
         "occurred"),
        ("More than 200 elderly residents were bused to shelters.", "evacuees", "elderly",
         "occurred"),
        ("Two dozen aid workers were flown out on Sunday.", "evacuees", "staff", "occurred"),
        ("Up to 300 rebels and their families would be evacuated.", "evacuees", "fighters",
         "planned"),
    ],
)
def test_quantity_group_status(text, quantity, group, status):
    claim = only(text)
    assert (claim["quantity"], claim["group"], claim["status"]) == (quantity, group, status)


@pytest.mark.parametrize(
    ("text", "quantity", "value"),
    [
        ("Forty buses left the camp at dawn.", "buses", 40),
        ("Officials sent 25 ambulances to the hospital.", "ambulances", 25),
        ("Eleven trucks carried the last residents out.", "trucks", 11),
        ("Three military flights took off from the base.", "flights", 3),
        ("The coast guard deployed six boats to the harbour.", "boats", 6),
        ("Fourteen buses and ambulances lined the road.", "vehicles", 14),
        ("Two convoys reached the border crossing.", "convoys", 2),
    ],
)
def test_vehicles(text, quantity, value):
    claim = only(text)
    assert (claim["quantity"], claim["value"], claim["group"]) == (quantity, value, None)


def test_two_vehicle_kinds_are_two_claims():
    found = claims("A convoy of 20 buses and 13 ambulances left the city.")
    assert [(c["quantity"], c["value"]) for c in found] == [("buses", 20), ("ambulances", 13)]


def test_including_clause_shares_quantity():
    found = claims("The agency said it had evacuated around 900 civilians, including 250 "
                   "children and 40 wounded.")
    assert [(c["quantity"], c["value"], c["group"]) for c in found] == [
        ("evacuees", 900, "civilians"), ("evacuees", 250, "children"), ("evacuees", 40, "wounded")]


def test_mixed_list_is_people_and_spans_the_list():
    claim = only("Buses carried 640 women, children and the elderly to safety.")
    assert claim["group"] == "people"
    assert claim["text"] == "640 women, children and the elderly"


def test_elided_noun_takes_the_group_of_its_partner():
    found = claims("Hundreds of villagers have been killed and thousands displaced.")
    assert [(c["quantity"], c["group"]) for c in found] == [
        ("killed", "people"), ("displaced", "people")]


@pytest.mark.parametrize(
    "text",
    [
        "The fire burned 12,000 acres and destroyed 300 homes.",
        "Officials signed four truce agreements in two weeks.",
        "The town, home to 20,000 people, sits on the river.",
        "It was the first convoy to leave since 2011.",
        "A number of buses arrived, and some civilians boarded them.",
        "Donations reached $2 million, or 15 percent of the target.",
        "Flight 302 landed at Gate 7 after a 9-hour delay.",
        "A 92-year-old woman was among those carried out.",
    ],
)
def test_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "actor", "via"),
    [
        ("Police said 400 people were evacuated.", "Police", None),
        ("A local official told Reuters that 120 people were trapped.", "local official",
         "Reuters"),
        ("About 70 people were rescued, the coast guard said.", "coast guard", None),
        ("State television reported, citing the interior ministry, that 90 people had died.",
         "interior ministry", "State television"),
        ("AFP reported citing a hospital source that 35 patients had been moved.",
         "hospital source", "Agence France-Presse"),
        ("Some 3,000 people have left the city, according to the UN refugee agency.",
         "UN Refugee Agency", None),
        ("Mayor Jane Ortiz said 2,000 residents were still in the town.", "Jane Ortiz", None),
        ('"We have moved 85 patients," said Dr. Amal Haddad, the hospital director.',
         "Amal Haddad", None),
        ("The head of the relief agency, Omar Said, said 500 villagers had fled.", "Omar Said",
         None),
        ("The delegation of the ICRC in Yemen said 60 wounded people were evacuated.",
         "International Committee of the Red Cross", None),
        ("The Fire Service's confirmed toll stands at 41 dead.", "Fire Service", None),
        ("Police here in the harbour district say 60 people are missing.",
         "Police in the harbour district", None),
        ("The regional ombudsman Anna Petrova said 35 civilians were killed.", "Anna Petrova",
         None),
    ],
)
def test_attribution(text, actor, via):
    claim = only(text)
    assert (claim["actor"], claim["via"]) == (actor, via)


def test_reporter_voice_has_no_actor():
    assert only("Three convoys left the city on Thursday.")["actor"] is None


def test_pronoun_takes_the_last_speaker():
    text = ("Governor Maria Lopez spoke in the capital on Monday. She said 1,800 people had been "
            "moved to shelters.")
    assert only(text)["actor"] == "Maria Lopez"


def test_quote_over_two_sentences_takes_its_closing_attribution():
    text = ('"The water rose fast. We pulled 60 people off rooftops overnight," fire chief '
            "Tom Reyes said.")
    assert only(text)["actor"] == "Tom Reyes"


def test_adjunct_after_the_speech_verb_is_not_the_speaker_s():
    found = claims('"Everyone is safe," the mayor said after two convoys left.')
    assert found[0]["quantity"] == "convoys" and found[0]["actor"] is None


def test_embedded_tweet_sign_off_is_the_actor():
    text = ("Update: our teams evacuated 45 patients from the clinic tonight.\n"
            "— Relief Corps (@reliefcorps) March 3, 2024\n")
    assert only(text)["actor"] == "Relief Corps"


@pytest.mark.parametrize(
    ("text", "origin", "destination", "location"),
    [
        ("About 900 people were evacuated from Mosul to Erbil.", "Mosul", "Erbil", None),
        ("Buses took 300 residents towards the border crossing.", None, "border crossing", None),
        ("Around 5,000 people are trapped in Rafah.", None, None, "Rafah"),
        ("Thousands left Kherson on Sunday.", "Kherson", None, None),
        ("At least 40 people were killed in the eastern districts.", None, None,
         "eastern districts"),
        ("Tens of thousands fled Kharkiv for Poland.", "Kharkiv", "Poland", None),
    ],
)
def test_places(text, origin, destination, location):
    claim = only(text)
    assert (claim["origin"], claim["destination"], claim["location"]) == (
        origin, destination, location)


def test_places_resolve_to_canonical_names():
    claim = only("About 800 people were bused out of eastern Aleppo on Friday.")
    assert claim["origin"] == "East Aleppo"


def test_the_city_means_the_last_city_named():
    text = "Fighting reached Mosul last week. At least 60 civilians are trapped in the city."
    assert only(text)["location"] == "Mosul"


def test_headline_and_body_merge_into_one_claim():
    text = ("2,000 evacuated from Lahaina\n\n"
            "Officials said 2,000 people were evacuated from Lahaina on Tuesday.\n")
    claim = only(text)
    assert claim["start"] == 0
    assert claim["actor"] == "Officials"


def test_different_actors_stay_separate():
    text = ("The army said 4,000 fighters would leave. Activists said about 4,000 fighters "
            "would leave.")
    assert [c["actor"] for c in claims(text)] == ["army", "Activists"]


def test_claim_fields_follow_the_guide_then_confidence_and_cues():
    claim = only("Officials said about 1,200 people were evacuated from Derna.")
    assert list(claim) == [
        "source", "quantity", "value", "value_low", "value_high", "qualifier", "group",
        "status", "actor", "via", "origin", "destination", "location", "text", "start", "end",
        "sentence", "confidence", "cues"]
    assert claim["text"] == "about 1,200 people"


def test_headline_label_is_the_speaker():
    assert only("Governor: 20,000 ordered to evacuate")["actor"] == "Governor"
    assert only("LIVE: 3,000 flee as river bursts its banks")["actor"] is None


def test_residents_named_after_their_place():
    claim = only("Some 90,000 Floridians were under evacuation orders on Tuesday.")
    assert (claim["quantity"], claim["group"], claim["status"]) == ("evacuees", "people", "planned")


def test_nationals_at_home_are_people_and_abroad_foreigners():
    found = claims("The navy evacuated 300 Indians and 40 Britons from Khartoum to Jeddah.")
    assert [(c["value"], c["group"]) for c in found] == [(300, "foreigners"), (40, "foreigners")]
    assert only("About 823 Afghans were flown out of Kabul.")["group"] == "people"


def test_responders_sent_in_are_no_claim():
    assert claims("At least 700 National Guard troops had been deployed to the coast.") == []


def test_inverted_attribution_after_a_long_clause():
    text = ("Among those moved were 20 infants from the ward, four of them on respirators that "
            "nurses squeezed by hand, said Dr. Robert Grossman, the hospital's chief executive.")
    assert claims(text)[0]["actor"] == "Robert Grossman"


def test_cited_agency_with_and_in_its_name():
    text = ("About 97,000 people were ordered to evacuate, public broadcaster NHK reported, "
            "citing the Fire and Disaster Management Agency.")
    claim = only(text)
    assert (claim["actor"], claim["via"]) == ("Fire and Disaster Management Agency", "NHK")


def test_as_many_as_after_said_is_the_complement():
    claim = only("Officials say as many as 25,000 people are still inside the stadium.")
    assert (claim["actor"], claim["quantity"], claim["qualifier"]) == (
        "Officials", "trapped", "up_to")


def test_place_of_a_fishing_town():
    text = ("Authorities ordered the evacuation of the fishing town of Grindavik overnight, and "
            "roughly 3,700 residents had left by morning.")
    assert only(text)["origin"] == "Grindavik"


def test_an_outlet_is_not_a_resident_noun():
    text = "The convoy carried 951 women, children and the wounded, Reuters reported."
    assert only(text)["text"] == "951 women, children and the wounded"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("The ship carried 15 people who needed medical attention.", "wounded"),
        ("Aircraft flew out 57 elderly and vulnerable residents.", "elderly"),
        ("The ferry brought 70 wounded Libyans to Benghazi.", "wounded"),
    ],
)
def test_group_from_what_qualifies_the_noun(text, group):
    assert only(text)["group"] == group


def test_pronoun_in_a_relative_clause_is_the_titled_subject():
    text = ("Police Chief Art Acevedo said roads were closed. County Judge Robert Hebert ordered "
            "an evacuation of the levees, which he said would move 50,000 residents.")
    assert only(text)["actor"] == "Robert Hebert"


def test_speaker_described_by_place_keeps_the_description():
    assert only("A rebel spokesman in Misrata said 300 people were trapped.")["actor"] == (
        "rebel spokesman in Misrata")


def test_one_further_convoy_and_the_remaining_few():
    assert only("Commanders have approved only one further convoy.")["value"] == 1
    found = claims("The navy ship carried 1,100 evacuees, while a ferry took the remaining 58.")
    assert [(c["value"], c["quantity"]) for c in found] == [(1100, "evacuees"), (58, "evacuees")]


def test_figure_put_at_with_its_own_verb():
    claim = only("The ministry put the number who left through the corridors at 105,000.")
    assert (claim["quantity"], claim["actor"]) == ("evacuees", "ministry")


def test_a_quoted_source_inside_a_quote_is_passed_on():
    text = ('"The government tells us there are still about 4,000 people at the airport," said '
            "Colonel Dana Whitfield.")
    claim = only(text)
    assert (claim["actor"], claim["via"]) == ("government", "Dana Whitfield")


def test_sequential_speakers_are_not_nested():
    text = ("The agency said talks could take days as the mayor warned that 20,000 people were "
            "still trapped.")
    claim = only(text)
    assert (claim["actor"], claim["via"]) == ("mayor", None)


def test_the_ministry_is_the_last_ministry_that_spoke():
    text = ("The Ministry of Public Health said hospitals were full. The army said roads were "
            "shut. Dozens remain missing, the ministry added.")
    assert only(text)["actor"] == "Ministry of Public Health"


def test_a_department_that_reports():
    text = "The Department of Social Welfare reports that 4 million people have been displaced."
    assert only(text)["actor"] == "Department of Social Welfare"


@pytest.mark.parametrize(
    ("text", "field", "place"),
    [
        ("About 2,500 vehicles crossed the Hakari bridge checkpoint on Tuesday.", "location",
         "Hakari bridge checkpoint"),
        ("Officials said 20,000 residents of villages on the volcano's slopes left.", "origin",
         "villages on the volcano's slopes"),
        ("About 210,000 people were evacuated from areas around the Daiichi nuclear plants.",
         "origin", "areas around the Daiichi nuclear plants"),
        ("Twenty-two ambulances moved 94 patients to facilities in Beaumont and Lumberton.",
         "destination", "Beaumont and Lumberton"),
        ("Crews bused 300 residents to a sports hall in the north of the city.", "destination",
         "sports hall in the north of the city"),
        ("About 900 villagers fled their farms along the river.", "origin",
         "farms along the river"),
        ("About 40 people were still sheltering in basements near the rail depot on the "
         "city's southern edge.", "location", "basements near the rail depot"),
    ],
)
def test_place_phrases(text, field, place):
    assert claims(text)[0][field] == place


def test_arrivals_and_evacuated_subjects():
    assert only("We can confirm 22 people were brought ashore at Dover.")["destination"] == "Dover"
    assert only("Oroville Hospital evacuated about 100 patients.")["origin"] == "Oroville Hospital"
    claim = only("The city's main hospital was evacuated, with 40 patients taken to Al Bayda.")
    assert (claim["origin"], claim["destination"]) == ("city's main hospital", "Al Bayda")


def test_the_town_is_the_town_named_last():
    text = ("Shelling hit Kyiv overnight. Irpin mayor Oleksandr Markushyn told Ukrainian "
            "television that 5,000 people were still in the town.")
    claim = only(text)
    assert (claim["location"], claim["via"]) == ("Irpin", "Ukrainian television")


def test_figure_put_at_keeps_its_place():
    text = ("Officials said many had left. Police put the number remaining in Irpin at about "
            "3,000.")
    assert claims(text)[-1]["location"] == "Irpin"
