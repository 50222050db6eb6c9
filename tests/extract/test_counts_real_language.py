"""What a number counts in the language of published reports: tolls and tallies,
elided verbs, nouns that carry their own quantity, number forms and hedges.

Every sentence here is written for the test; none is copied from a report.
"""

from __future__ import annotations

import pytest

from api.extract import extract_claims
from api.extract.numbers import find_amounts, parse_number


def claims(text: str) -> list[dict]:
    return extract_claims(text, "test.txt")


def by_value(text: str) -> dict[int, dict]:
    return {c["value"]: c for c in claims(text)}


def amounts(text: str) -> list[tuple[str, int, str]]:
    return [(text[a.start : a.end], a.value, a.qualifier) for a in find_amounts(text, 0, len(text))]


# --- number forms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An estimated 6 500 people stayed behind.", ("An estimated 6 500", 6500, "approximate")),
        ("Officials counted 12\u2009400 people.", ("12\u2009400", 12400, "exact")),
        ("More than 3, 000 bodies were found.", ("More than 3, 000", 3000, "more_than")),
        ("Some 4,50,000 people were moved.", ("Some 4,50,000", 450000, "approximate")),
        ("Nine (9) persons drowned.", ("Nine (9)", 9, "exact")),
        ("Thirty two (32) persons were moved.", ("Thirty two (32)", 32, "exact")),
        ("The toll climbed up to 1,210 on Friday.", ("1,210", 1210, "exact")),
        ("Up to 1,210 people may be moved.", ("Up to 1,210", 1210, "up_to")),
        ("Crews moved 640 people over three flights.", ("640", 640, "exact")),
        ("The storm hurt north of 700 people.", ("north of 700", 700, "more_than")),
    ],
)
def test_number_forms_and_hedges(text, expected):
    assert expected in amounts(text)


def test_a_comma_and_a_space_join_only_a_group_of_thousands():
    assert [a[1] for a in amounts("The tallies were 5, 300 and 12.")] == [5, 300, 12]


@pytest.mark.parametrize(("words", "value"), [("2.4 lakh", 240_000), ("a score", 20),
                                              ("7 000", 7000), ("1,15,000", 115_000)])
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_lakh_and_a_score_of():
    found = by_value("Nearly 2.4 lakh people were shifted to cyclone shelters on Monday.")
    assert found[240000]["quantity"] == "evacuees"
    found = by_value("Soldiers carried a score of patients out of the flooded clinic.")
    assert found[20]["quantity"] == "evacuees" and found[20]["group"] == "wounded"


# --- tolls, tallies and figures that changed ----------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "quantity"),
    [
        ("The death toll from the mudslide rose to 81 on Sunday.", 81, "killed"),
        ("The toll from Cyclone Mara has risen to nine overall.", 9, "killed"),
        ("The number of people reported missing jumped to 412, officials said.", 412, "missing"),
        ("The number of people unaccounted for soared to 95 overnight.", 95, "missing"),
        ("The number of displaced people is now 1.4 million, the ministry said.", 1_400_000,
         "displaced"),
        ("The official toll remains at 27 after the quake.", 27, "killed"),
        ("The death toll, which increased by five on Monday, is the worst in years.", 5,
         "killed"),
        ("(number of evacuees: 52,300 (peak) --> 18,100 (last month))", 52300, "evacuees"),
    ],
)
def test_tolls_and_tallies(text, value, quantity):
    found = by_value(text)
    assert found[value]["quantity"] == quantity


def test_a_figure_and_what_it_rose_from():
    found = by_value("The number of people unaccounted for rose to 410, up from 96 a day "
                     "earlier.")
    assert found[410]["quantity"] == found[96]["quantity"] == "missing"
    found = by_value("(number of evacuees: 52,300 (peak, June, 2014) --> 18,100 (now))")
    assert found[18100]["quantity"] == "evacuees"
    assert 2014 not in found


def test_a_relative_clause_inside_a_tally():
    found = by_value("The number of the injured, which was first put at standing at 12, has "
                     "now reached at least 96, the agency said.")
    assert found[12]["quantity"] == "injured"
    assert found[96]["quantity"] == "injured" and found[96]["qualifier"] == "at_least"


def test_a_total_that_a_count_brings_up():
    found = by_value("Tens of thousands of unregistered people remain, bringing the total "
                     "displaced to nearly two million.")
    assert found[20000]["quantity"] == "displaced"
    assert found[2_000_000]["quantity"] == "displaced"


# --- elided verbs and lists --------------------------------------------------------------


def test_numbers_whose_verb_is_left_out():
    found = by_value("The official toll stands at 31: 22 people died in Lower Town and nine "
                     "in Riverside.")
    assert found[22]["quantity"] == found[9]["quantity"] == "killed"
    found = by_value("Rescuers recovered eleven more bodies: six in Westfield, four in Oakdale "
                     "and one in Pine Hill.")
    assert {found[v]["quantity"] for v in (11, 6, 4, 1)} == {"killed"}
    found = by_value("The storm displaced 9,000 people, with 5,000 in Portville and 2,000 in "
                     "the town of Ashby.")
    assert found[5000]["quantity"] == found[2000]["quantity"] == "displaced"


def test_a_verb_shared_by_a_later_count():
    found = by_value("90 Canadians left by bus and 150 students via a chartered ferry.")
    assert found[150]["quantity"] == "evacuees"


def test_a_count_before_its_shared_verb():
    found = by_value("4.1 lakh from Koraput and 2.2 lakh people from Balangir were moved to "
                     "shelters.")
    assert found[220000]["quantity"] == "evacuees"


def test_of_whom():
    found = by_value("The buses carried about 900 people, some 250 of whom were fighters, a "
                     "source said.")
    assert found[250]["quantity"] == "evacuees" and found[250]["group"] == "fighters"


def test_a_coordinated_verb_is_no_head_noun():
    found = by_value("The blast killed at least 40 people and injured 900 others.")
    assert found[40]["text"] == "at least 40 people"
    assert found[900]["quantity"] == "injured"


# --- nouns -------------------------------------------------------------------------------


def test_citizens_of_a_country():
    text = ("Among those flown out of Aden were 12 citizens of Canada, one citizen of Peru "
            "and 40 citizens of Yemen, the ministry said.")
    found = by_value(text)
    assert found[12]["text"] == "12 citizens of Canada"
    assert found[12]["group"] == "foreigners"
    assert found[1]["group"] == "foreigners"
    assert found[40]["group"] == "people"  # Yemenis are not foreign in Yemen


def test_nouns_with_their_own_quantity():
    found = by_value("The quake killed 1,200 people, with more than 4,000 wounded, officials "
                     "said.")
    assert found[4000]["quantity"] == "injured"
    found = by_value("It left two people dead and over 90 injured along with leaving behind "
                     "flattened homes.")
    assert found[90]["quantity"] == "injured"
    found = by_value("Police said more than 60 rotting corpses were found in the river.")
    assert found[60]["quantity"] == "killed"
    found = by_value("Over 40,000 refugees are reported to have arrived in Moldova.")
    assert found[40000]["quantity"] == "displaced"
    found = by_value("About 2,100 IDPs were transferred to camps south of the city.")
    assert found[2100]["quantity"] == "evacuees"
    found = by_value("The new camp has received 7,400 IDPs so far.")
    assert found[7400]["quantity"] == "displaced"
    found = by_value("Aid reached some 31,000 internally displaced persons in the camps.")
    assert found[31000]["quantity"] == "displaced"


def test_evacuees_who_were_killed():
    found = by_value("At least 60 evacuees from the two villages were killed when a bomb hit "
                     "the convoy.")
    assert found[60]["quantity"] == "killed"


def test_a_share_of_a_whole():
    found = by_value("3,000 of 18,000 Britons in the country had asked for help to leave.")
    assert found[3000]["quantity"] == "trapped"
    assert 18000 not in found


# --- what happened: verbs and frames -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "quantity", "status"),
    [
        ("Some 410 people have returned from Sudan so far.", 410, "evacuees", "occurred"),
        ("Nearly 300,000 people are now in relief camps, officials said.", 300000, "displaced",
         "occurred"),
        ("Mandatory evacuations for more than 60,000 people remain in place.", 60000,
         "evacuees", "planned"),
        ("Nearly a million people have been forced to leave their homes in the south.",
         1_000_000, "displaced", "occurred"),
        ("About 3,000 Canadians were being hosted on the island, awaiting flights home.", 3000,
         "evacuees", "occurred"),
        ("She hoped 5,000 in total would be evacuated by nightfall.", 5000, "evacuees",
         "planned"),
        ("About 12,000 went south to the coast, where fuel is short.", 12000, "evacuees",
         "occurred"),
        ("We are still carrying 23 here today, the shelter manager said.", 23, "evacuees",
         "occurred"),
        ("Some 900 are located in shelters in the capital.", 900, "evacuees", "occurred"),
        ("At least 85 people are now in hospital.", 85, "injured", "occurred"),
        ("A further 2,000 people have passed through and registered with the centre.", 2000,
         "evacuees", "occurred"),
        ("There are 4,000 more people coming to Halifax this week.", 4000, "evacuees",
         "planned"),
    ],
)
def test_verbs_and_frames(text, value, quantity, status):
    found = by_value(text)
    assert found[value]["quantity"] == quantity
    assert found[value]["status"] == status


def test_modifier_versus_predicate():
    found = by_value("Thousands of people trapped in remote work camps north of the town were "
                     "airlifted to the capital on Friday.")
    assert found[2000]["quantity"] == "evacuees"
    found = by_value("About 800 migrants stranded at the border were evacuated on Tuesday.")
    assert found[800]["quantity"] == "evacuees"
    found = by_value("About 1,900 displaced people who had been sheltering in the stadium left "
                     "on foot on Sunday.")
    assert found[1900]["quantity"] == "evacuees"
    found = by_value("Some 700 people who fled their homes spent the night in two school gyms.")
    assert found[700]["quantity"] == "displaced"


def test_a_participle_of_another_clause_stays_apart():
    found = by_value("Witnesses describe dozens of people killed on the road, and doctors said "
                     "they had treated more than 300 people for wounds.")
    assert found[24]["quantity"] == "killed"


def test_the_fleeing_is_an_adjective():
    found = by_value("On Saturday 170 Greeks and 90 others trekked to the port, and the fleeing "
                     "foreigners then flew to Crete.")
    assert found[170]["quantity"] == "evacuees"


# --- not counts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The reception hall now has the capacity to accommodate 3,100 evacuees.",
        "The ferry had the capacity to carry 900 passengers to the island.",
        "About half of Riverton's 60,000 residents fled east after the order.",
        "The towns of some 14,000 people have been under siege since 2015.",
        "Relief work continues after flooding that has affected 12 million people.",
        "A total of 31 ships were employed to deliver personnel and materials to the area.",
        "A total of 5,400 vehicles, including construction equipment and cranes, have been "
        "deployed to the region.",
    ],
)
def test_not_counts(text):
    assert claims(text) == []


def test_vehicles_that_bring_supplies_and_take_people_out_count():
    found = by_value("The 12 trucks had been sent in to deliver flour and came back full of "
                     "people desperate to leave.")
    assert found[12]["quantity"] == "trucks"


# --- second round ------------------------------------------------------------------------


def test_fractions_count_nothing():
    assert claims("Two tremors measuring 6.1 and 5.8 on the Richter scale took place.") == []


def test_plus_is_no_currency():
    found = by_value("The agency counted 12,500 evacuees by sea, plus 3,400 who left their "
                     "homes by their own means.")
    assert found[3400]["quantity"] == "displaced"


def test_a_phrase_cue_ending_in_a_noun_is_a_verb():
    found = by_value("The toll rose to 610 on Friday, with another 1,900 suffering from "
                     "injuries and 45 still missing.")
    assert found[1900]["quantity"] == "injured"
    assert found[45]["quantity"] == "missing"


def test_a_part_of_a_whole_of_things():
    assert claims("Of the 12 hospitals in the city, only three remain open.") == []


def test_other_nationalities_and_inherited_nationality():
    found = by_value("Six people of other nationalities were also on board the frigate.")
    assert found[6]["group"] == "foreigners"
    found = by_value("Officials said over 9,000 Canadians had now left and another 800 were "
                     "expected to leave Monday.")
    assert found[800]["group"] == "foreigners" and found[800]["status"] == "planned"
    found = by_value("The embassy evacuated 310 people of 28 nationalities on two flights.")
    assert found[310]["group"] == "people"


def test_an_unknown_country_still_ends_the_phrase():
    found = by_value("The ship carried 40 citizens of Freedonia, 12 citizens of Ruritania, "
                     "7 citizens of Palestine and 300 citizens of Canada out of the port of "
                     "Aden.")
    assert found[7]["text"] == "7 citizens of Palestine"
    assert found[40]["text"] == "40 citizens of Freedonia"
    assert found[300]["quantity"] == "evacuees"


def test_supposed_to_is_planned():
    found = by_value("Thousands of people were supposed to leave the two towns on Friday.")
    assert found[2000]["status"] == "planned"


def test_followed_by_is_planned_for_what_follows_only():
    found = by_value("The first 200 evacuees will be followed by 500 more next week.")
    assert found[200]["status"] == "occurred"
    assert found[500]["quantity"] == "evacuees" and found[500]["status"] == "planned"
    found = by_value("Ten buses left on Monday and are expected to be followed by 15 more.")
    assert found[10]["status"] == "occurred"
    assert found[15]["quantity"] == "buses" and found[15]["status"] == "planned"


def test_planned_does_not_leak_into_the_next_clause():
    found = by_value("Another 400 are due to leave on Tuesday, while 300 left on Monday.")
    assert found[400]["status"] == "planned" and found[300]["status"] == "occurred"


# --- third round -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "quantity"),
    [
        ("Nurses said 310 persons are undergoing treatment at the district hospital.", 310,
         "injured"),
        ("The minister said nearly 700 people had fallen ill after the leak.", 700, "injured"),
        ("The hospital group began moving about 600 patients out of its wards.", 600,
         "evacuees"),
        ("The monitor said about 900 residents had chosen to stay in the town.", 900,
         "trapped"),
        ("Evacuation orders covered about 1.8 million people in nine counties.", 1_800_000,
         "evacuees"),
        ("Guards said about 350 wounded soldiers were inside the fortress.", 350, "trapped"),
        ("A negotiator said about 120 fighters still in the valley would leave next week.",
         120, "evacuees"),
        ("The firm paid for hotel rooms for more than 900 evacuated residents.", 900,
         "evacuees"),
        ("Rangers found 40 stranded hikers on the ridge.", 40, "trapped"),
        ('FRANCE: "more than 2,300" flown out', 2300, "evacuees"),
        ("Officials said 95 civilians had been evacuated from the mill and 41 from the nearby "
         "village of Osk.", 41, "evacuees"),
    ],
)
def test_more_verbs(text, value, quantity):
    assert by_value(text)[value]["quantity"] == quantity


def test_of_them_continues_the_count_before():
    found = by_value("The ministry said 210 people had left the plant, and that 80 of them had "
                     "chosen to go north.")
    assert found[80]["quantity"] == "evacuees"


@pytest.mark.parametrize(
    "text",
    [
        "About 1.9 million customers remain without power across the state.",
        "A team of 60 rescuers from Norway arrived at the airport on Monday.",
        "The company said 24 cars of its 90-car train left the tracks, 9 of them carrying "
        "chlorine.",
        "We intend to get every one of them out this week, the colonel said.",
        "The agency said 51,000 search and rescue workers were on site.",
    ],
)
def test_more_not_counts(text):
    assert claims(text) == []


# --- status: what is believed now is not what is to come --------------------------------


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        ("Health officials said more than 900 people are believed to be dead.", 900, "occurred"),
        ("Some 40,000 residents are thought to be trapped in the old town.", 40000, "occurred"),
        ("Eleven hikers were reported to be missing on the ridge.", 11, "occurred"),
        ("Six people were injured due to the landslide.", 6, "occurred"),
        ("About 300 people are due to leave the island by ferry.", 300, "planned"),
        ("The Coastal Hazard Response Plan moved 450 residents inland on Monday.", 450,
         "occurred"),
        ("Under the plan, 450 residents will be moved inland.", 450, "planned"),
    ],
)
def test_status_words_that_report_a_belief_or_a_cause(text, value, status):
    assert by_value(text)[value]["status"] == status


def test_a_headline_without_the_hedge_takes_the_hedge_of_its_body_line():
    text = ("Crews pull 800 people from flooded homes\n\n"
            "Rescue crews pulled more than 800 people from flooded homes on Tuesday.")
    claim = by_value(text)[800]
    assert (claim["qualifier"], claim["value_low"], claim["value_high"]) == ("more_than", 800,
                                                                             None)
    assert claim["start"] == text.index("800")


def test_a_count_with_its_own_verb_keeps_it_when_a_total_follows():
    found = by_value("Crews evacuated 410 people on Friday, bringing the number of people "
                     "displaced to more than 3,000.")
    assert found[410]["quantity"] == "evacuees"
    assert found[3000]["quantity"] == "displaced"


def test_a_stative_count_still_joins_the_total_it_brings_up():
    found = by_value("Another 1,500 remain in shelters, bringing the total displaced to 9,000.")
    assert found[1500]["quantity"] == "displaced"


@pytest.mark.parametrize(
    ("text", "value", "quantity"),
    [
        ("Police said 61 people whose whereabouts were unknown were still being sought.", 61,
         "missing"),
        ("Nearly 300 residents declined to leave their farms.", 300, "trapped"),
        ("So far 2.4 lakh in the coastal district have been evacuated.", 240000, "evacuees"),
        ("Another 90 in the valley were airlifted on Sunday.", 90, "evacuees"),
    ],
)
def test_what_a_bare_or_described_count_counts(text, value, quantity):
    assert by_value(text)[value]["quantity"] == quantity


@pytest.mark.parametrize(
    ("text", "value", "quantity", "qualifier"),
    [
        ("So far, total deaths are 412 & injured are 1903.", 412, "killed", "exact"),
        ("So far, total deaths are 412 & injured are 1903.", 1903, "injured", "exact"),
        ("Deaths: 88. Missing: 14.", 14, "missing", "exact"),
        ("Officials fear the toll could surpass 3,000.", 3000, "killed", "more_than"),
        ("More than 700 lives were lost in the mudslide.", 700, "killed", "more_than"),
        ("With 40 people missing and nearly 90 lives tragically lost, the town mourns.", 90,
         "killed", "nearly"),
    ],
)
def test_tallies_labels_and_lives_lost(text, value, quantity, qualifier):
    claim = by_value(text)[value]
    assert (claim["quantity"], claim["qualifier"]) == (quantity, qualifier)


def test_people_in_shelters_are_counted_but_not_the_shelters():
    found = by_value("212 persons recorded in 6 shelters on the north shore; 97 persons in "
                     "3 shelters inland")
    assert {v: c["quantity"] for v, c in found.items()} == {212: "evacuees", 97: "evacuees"}
    assert not by_value("Families were moved to 40 shelters.")


def test_households_are_not_counted_but_people_with_their_families_are():
    assert not claims("Hundreds of families lost their homes and 40 families were evacuated.")
    assert by_value("Some 300 rebels and their families left the town.")[300]["group"] == \
        "fighters"


@pytest.mark.parametrize(
    ("text", "value", "status", "qualifier"),
    [
        # A planned word in the clause after ", with" is not this count's.
        ("At least 30 people died and nearly 900 were hurt, with the toll expected to rise.",
         900, "occurred", "nearly"),
        ("Forty buses shall evacuate about 2,000 residents on Friday.", 2000, "planned",
         "approximate"),
        ("Agencies are bracing for 50,000 civilians who may flee the city.", 50000, "planned",
         "exact"),
    ],
)
def test_status_in_its_own_clause(text, value, status, qualifier):
    claim = by_value(text)[value]
    assert (claim["status"], claim["qualifier"]) == (status, qualifier)


def test_a_toll_that_nears_a_figure_stays_below_it():
    claim = by_value("The death toll from the storms neared 600 on Sunday.")[600]
    assert (claim["qualifier"], claim["value_low"], claim["value_high"]) == ("nearly", None, 600)
    near = by_value("The toll from the blast near the port rose to 170.")[170]
    assert near["qualifier"] == "exact"


@pytest.mark.parametrize(
    ("text", "value", "quantity"),
    [
        ("There are 380 people in temporary evacuation centres.", 380, "evacuees"),
        ("With more than 900 people left injured, clinics are full.", 900, "injured"),
        ("More than 20,000 people were left without homes.", 20000, "displaced"),
        ("The death toll is estimated to be around 800.", 800, "killed"),
        ("Crews made 240 confirmed rescues overnight.", 240, "evacuees"),
    ],
)
def test_centres_states_left_in_estimates_and_rescues(text, value, quantity):
    assert by_value(text)[value]["quantity"] == quantity


def test_a_number_of_centres_is_no_count_of_people():
    assert not claims("Officials opened 12 evacuation centres on Monday.")


# --- names before a verb, verbs of death, hospital and arrival -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia evacuated 300 people from the island.",
        "Jordan evacuated 120 people on Monday.",
        "The frigate Sumitra evacuated 203 people from the port.",
    ],
)
def test_a_name_ending_like_an_article_is_no_article(text):
    """"Indonesia evacuated" is a verb after a name, not "an evacuated" used as a noun."""
    assert [c["quantity"] for c in claims(text)] == ["evacuees"]


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("By the end of the week, 25 patients had passed away.", "killed"),
        ("Three people were among the dead.", "killed"),
        ("Two aid workers were among the injured.", "injured"),
        ("Nearly 300 people were admitted to hospitals on Monday.", "injured"),
        ("Some 25,000 residents made their way north to the camps.", "evacuees"),
        ("Four fishermen made it to shore after the storm.", "evacuees"),
    ],
)
def test_verbs_of_death_hospital_and_arrival(text, quantity):
    assert [c["quantity"] for c in claims(text)] == [quantity]


def test_a_bare_number_before_who_counts_people():
    found = by_value("Crews evacuated at least 40 who were stranded on the pier.")
    assert found[40]["quantity"] == "evacuees"
    assert found[40]["qualifier"] == "at_least"


@pytest.mark.parametrize(("text", "value", "quantity"), [
    ("The floods resulted in the death of thousands.", 2000, "killed"),
    ("The deaths of 12 were confirmed on Sunday.", 12, "killed"),
    ("The rescue of 40 from the mine took hours.", 40, "evacuees"),
])
def test_a_noun_of_what_happened_then_of_and_a_bare_number(text, value, quantity):
    assert [(c["value"], c["quantity"]) for c in claims(text)] == [(value, quantity)]


def test_a_facility_after_a_bare_number_is_still_what_is_counted():
    assert claims("Officials opened 12 evacuation centres on the coast.") == []
