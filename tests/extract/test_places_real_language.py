"""Places in the language of real evacuation reporting: names behind adjectives and
editorial brackets, descriptive phrases that are no place, event names, capitals
named by a people's adjective, place phrases with trailing description.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from api.extract import extract_claims
from api.extract.places import resolve


def claim(text: str, value: int) -> dict:
    found = [c for c in extract_claims(text, "case.txt") if c["value"] == value]
    assert found, extract_claims(text, "case.txt")
    return found[0]


# --- names the gazetteer knows under their common spelling ---------------------------

@pytest.mark.parametrize(("written", "canonical"), [
    ("Derna", "Derna"),  # GeoNames: Darnah, which lists Derna among its spellings
    ("Paradise, California", "Paradise"),
    ("East Palestine, Ohio", "East Palestine"),
    ("Darayya", "Darayya"),  # GeoNames: Dārayyā; spelled as the report spells it
    ("the Daiichi facility", "Fukushima Daiichi"),
    ("Ganjam district", "Ganjam"),
])
def test_common_names(written, canonical):
    assert resolve(written)[0] == canonical


# --- how a place phrase is read --------------------------------------------------------

def test_adjective_before_a_name_opens_the_phrase():
    c = claim("A navy ship evacuated 412 people from storm-battered Haiti on Monday.", 412)
    assert c["origin"] == "Haiti"


def test_editorial_insertion_is_no_part_of_the_name():
    assert resolve("the town of [the besieged] Daraya")[0] == "Daraya"
    c = claim("Some 64 people were evacuated from the town of [the besieged] Daraya.", 64)
    assert c["origin"] == "Daraya"


def test_trailing_time_phrase_ends_the_place():
    c = claim("An estimated 12,000 people fled Mosul in recent weeks.", 12000)
    assert c["origin"] == "Mosul"


def test_trailing_landmark_is_dropped_from_named_places():
    c = claim("About 900 fighters left Zabadani and Madaya near the mountains on Tuesday.", 900)
    assert c["origin"] == "Zabadani and Madaya"


def test_city_of_name_in_country_is_the_city():
    c = claim("Nearly 7,000 people were forced to evacuate the city of Derna in Libya.", 7000)
    assert c["origin"] == "Derna"


def test_homes_in_a_region_is_the_region():
    c = claim("Some 80,000 people fled their homes in northern Syria.", 80000)
    assert c["origin"] == "northern Syria"


def test_event_on_a_place_is_the_place():
    c = claim("The bodies of 300 people who died in the floods on the coast were found.", 300)
    assert c["location"] == "coast"


def test_direction_of_a_town_is_not_the_town():
    c = claim("About 1,500 civilians were taken to a camp south of Daraya.", 1500)
    assert c["destination"] == "camp south of Daraya"


def test_part_of_a_district_list_is_the_city():
    c = claim("In one of the districts of Kherson, three people were wounded.", 3)
    assert c["location"] == "Kherson"


def test_counted_place_keeps_its_noun():
    c = claim("An estimated 31,000 displaced people are living in 240 schools.", 31000)
    assert c["location"] == "schools"


# --- descriptive words that are no place -----------------------------------------------

def test_number_range_is_not_a_destination():
    c = claim("Between 20 to 30 villages were flooded and 6,000 people lost their homes.", 6000)
    assert c["destination"] is None


def test_infinitive_is_not_a_destination():
    c = claim("Two medics were wounded as gunmen continued to shell the area.", 2)
    assert c["destination"] is None and c["location"] is None


@pytest.mark.parametrize("text", [
    "At least 41 people died in the Dixie fire.",
    "At least 41 people died from Hurricane Irma's storm surge.",
    "At least 41 people were killed in the deadliest Oregon fire in decades.",
])
def test_event_names_are_no_place(text):
    c = claim(text, 41)
    assert (c["origin"], c["destination"], c["location"]) == (None, None, None)


def test_adjective_of_a_people_is_no_place():
    c = claim("Some 2,000 people fled Syrian shelling overnight.", 2000)
    assert c["origin"] is None


def test_capital_named_by_its_people():
    c = claim("The blast killed at least 70 people in the Lebanese capital.", 70)
    assert c["location"] == "Beirut"


def test_capital_in_apposition():
    c = claim("At least 12 people were killed in Syria's capital Damascus.", 12)
    assert c["location"] == "Damascus"


def test_coordinated_speakers_are_no_place():
    c = claim("Canada and the United States said 14 ships carried evacuees to Cyprus.", 14)
    assert c["origin"] is None and c["destination"] == "Cyprus"


# --- destinations -----------------------------------------------------------------------

def test_either_or_destination():
    c = claim("Some 3,000 people were flown to either Edmonton or Calgary.", 3000)
    assert c["destination"] == "Edmonton"


def test_one_of_the_areas_destination():
    c = claim("About 900 people were moved from Kherson to one of the nearby regions.", 900)
    assert c["destination"] == "one of the nearby regions"


# --- which count a place belongs to -----------------------------------------------------

def test_inline_list_gives_each_item_its_own_origin():
    claims = {c["value"]: c for c in extract_claims(
        "About 2,500 people from Mosul and 1,500 people from Tikrit were evacuated.", "case.txt")}
    assert claims[2500]["origin"] == "Mosul"
    assert claims[1500]["origin"] == "Tikrit"


def test_places_of_included_items_are_not_the_totals():
    claims = {c["value"]: c for c in extract_claims(
        "In all 4,000 people were evacuated, including 2,500 from Mosul.", "case.txt")}
    assert claims[2500]["origin"] == "Mosul"
    assert claims[4000]["origin"] is None


def test_including_clause_before_the_place_keeps_it_shared():
    c = claim("Some 700 people, including 90 children, were evacuated from Tikrit.", 700)
    assert c["origin"] == "Tikrit"


def test_a_new_count_subject_starts_a_clause():
    c = claim("The storm killed at least 38 and about 9,000 people are now in relief camps.", 38)
    assert c["location"] is None


def test_between_range_is_one_clause():
    c = claim("Between 400 and 600 people were trapped in the old town of Mosul.", 400)
    assert c["location"] == "Mosul"


def test_colon_dateline_is_not_a_location():
    c = claim("Islamabad: Monsoon floods have killed at least 120 people since June.", 120)
    assert c["location"] is None


def test_catering_to_shelters_is_no_destination():
    c = claim("About 5,000 people were evacuated with 300 kitchens catering to 900 shelters.", 5000)
    assert c["destination"] is None


# --- places by reference ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "field", "place"), [
    ("Ferries brought evacuees to Malta overnight. Some 900 foreigners were waiting on the "
     "island for flights home.", 900, "location", "Malta"),
    ("Rebels agreed to leave Harasta. In 2013, 120 people were killed when troops stormed "
     "the suburb.", 120, "location", "Harasta"),
    ("Evacuees were sent to the Riverside reception centre. Some 450 evacuees were staying "
     "at the facility on Friday.", 450, "destination", "Riverside reception centre"),
    ("Workers at the Fukushima Daiichi plant were told to leave. About 70 workers were "
     "evacuated from the plant.", 70, "origin", "Fukushima Daiichi"),
    ("Shelling hit the besieged enclave of Srebrenica again. About 40 people were killed in "
     "the enclave.", 40, "location", "Srebrenica"),
])
def test_a_kind_refers_back_to_the_last_named_place_of_that_kind(text, value, field, place):
    assert claim(text, value)[field] == place


def test_a_kind_with_nothing_of_that_kind_before_stays_as_written():
    c = claim("About 30 people were killed when troops stormed the suburb.", 30)
    assert c["location"] == "suburb"


def test_the_coastal_town_refers_back_to_the_city_named_before():
    c = claim("Floodwater tore through Derna overnight. About 30 people were killed in the "
              "coastal town.", 30)
    assert c["location"] == "Derna"


def test_a_city_named_before_its_suburb_is_no_suburb():
    c = claim("Fighting hit a Damascus suburb. About 60 people were killed in the suburb.", 60)
    assert c["location"] == "suburb"


def test_on_the_island_is_where():
    c = claim("Two people were confirmed dead on a remote island off the coast.", 2)
    assert c["location"] == "remote island off the coast"


def test_on_with_no_place_noun_is_no_place():
    c = claim("The agency said on Twitter that 45 people were evacuated.", 45)
    assert c["location"] is None and c["origin"] is None


# --- roles --------------------------------------------------------------------------------

def test_registered_evacuees_in_a_place_went_there():
    c = claim("The agency has registered about 2,300 evacuees in Nassau since Sunday.", 2300)
    assert c["destination"] == "Nassau" and c["origin"] is None


def test_displaced_by_an_event_in_a_place_fled_it():
    c = claim("Nearly 40,000 people have been displaced by the fighting in Mosul.", 40000)
    assert c["origin"] == "Mosul" and c["location"] is None


def test_killed_in_an_event_in_a_place_died_there():
    c = claim("At least 17 civilians were killed by shelling across Kharkiv region, six of "
              "them in Izium.", 17)
    assert c["location"] == "Kharkiv region"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lava buried at least two villages and 14 people were killed.", 14),
        ("About 75 people were killed across the state on Tuesday.", 75),
        ("Some 900 residents were evacuated in the northwest overnight.", 900),
    ],
)
def test_a_hedge_or_a_kind_alone_is_no_place(text, value):
    c = claim(text, value)
    assert (c["origin"], c["destination"], c["location"]) == (None, None, None)


def test_a_capitalised_region_is_still_a_place():
    assert claim("About 230 people were killed across the Southeast.", 230)["location"] == \
        "Southeast"


@pytest.mark.parametrize(
    ("text", "value", "field", "place"),
    [
        # A state that evacuates its citizens is no place of the claim.
        ("Norway evacuated more than 600 of its citizens on Tuesday.", 600, "origin", None),
        # A ship carrying people arrives where they go.
        ("A ferry carrying 900 evacuees docked on Sunday in Mersin.", 900, "destination",
         "Mersin"),
        # People in shelters are where they went.
        ("About 1,400 people were staying in four shelters in Hilo.", 1400, "destination",
         "Hilo"),
        # A dash ends the clause the count's places come from.
        ("A total of 2,700 people have been evacuated \u2013 most refuse to leave Kherson.",
         2700, "origin", None),
    ],
)
def test_agents_carriers_shelters_and_dashes(text, value, field, place):
    assert claim(text, value)[field] == place


# --- phrases that describe where instead of naming it ---------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Some 6,000 people were evacuated from dozens of flooded towns on Tuesday.", 6000),
    ("A further 31 people died in the same province on Monday.", 31),
    ("Officials said 3,554 people were injured across all four provinces.", 3554),
    ("About 400 people left to find shelter elsewhere.", 400),
])
def test_a_described_where_is_no_place(text, value):
    c = claim(text, value)
    assert (c["origin"], c["destination"], c["location"]) == (None, None, None)


def test_a_describing_opener_before_a_name_still_names_the_place():
    c = claim("The army moved to retake all of Eastern Ghouta, where 82 civilians were "
              "killed in recent days.", 82)
    assert c["location"] == "Eastern Ghouta"
