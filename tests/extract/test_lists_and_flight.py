"""Two readings that need more than one number's own words.

Place-by-place lists under a lead ("People evacuated by district: Ganjam-12,400, ...")
give each place its own claim, counted as the lead says. Reports that speak only of
flight, never of an evacuation, count the people who left as displaced.

Every sentence here is written for the test; none is copied from a report.
"""

from __future__ import annotations

import pytest

from api.extract import extract_claims
from api.extract.tallies import read_tally


def claims(text: str) -> list[dict]:
    return extract_claims(text, "test.txt")


def by_value(text: str) -> dict[int, dict]:
    return {c["value"]: c for c in claims(text)}


# --- place-by-place lists -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "People evacuated by district: Ganjam-12,400, Puri-8,100, Khurda-3,900.",
        "People evacuated by district: Ganjam 12,400; Puri 8,100; Khurda 3,900.",
        "People evacuated by district: Ganjam: 12,400; Puri: 8,100 and Khurda: 3,900.",
        "The districts from which people were evacuated by noon:\n\n"
        "Ganjam-12,400, Puri-8,100, Khurda-3,900.",
    ],
)
def test_each_item_of_a_list_is_a_claim_of_its_own_place(text):
    found = by_value(text)
    assert {v: (c["quantity"], c["origin"]) for v, c in found.items()} == {
        12400: ("evacuees", "Ganjam"), 8100: ("evacuees", "Puri"), 3900: ("evacuees", "Khurda")}


def test_a_list_of_deaths_places_each_toll_where_it_happened():
    found = by_value("Deaths reported so far, by province: Sindh: 120; Balochistan: 45; "
                     "Punjab: 30.")
    assert {v: (c["quantity"], c["location"], c["origin"]) for v, c in found.items()} == {
        120: ("killed", "Sindh", None), 45: ("killed", "Balochistan", None),
        30: ("killed", "Punjab", None)}


def test_a_count_in_the_lead_stays_a_claim_beside_the_list():
    found = by_value("Some 24,400 people were evacuated, by district: Ganjam-12,400, "
                     "Puri-8,100, Khurda-3,900.")
    assert sorted(found) == [3900, 8100, 12400, 24400]
    assert found[24400]["origin"] is None


def test_a_planned_lead_makes_every_item_planned():
    found = by_value("People to be evacuated by Friday: Ganjam-12,400, Puri-8,100, "
                     "Khurda-3,900.")
    assert {c["status"] for c in found.values()} == {"planned"}


@pytest.mark.parametrize(
    "text",
    [
        # two items are a sentence, not a list
        "People evacuated by district: Ganjam-12,400 and Puri-8,100.",
        # a lead that names nothing counted
        "Rainfall in millimetres: Ganjam-124, Puri-81, Khurda-39.",
        # a fact sheet's labels are not places
        "Fire status: Acreage 10,600; Containment 40; Structures 210.",
    ],
)
def test_what_is_not_a_place_by_place_list(text):
    assert read_tally(text, 0, len(text), "") is None


# --- reports of flight ----------------------------------------------------------------


def test_people_arriving_in_a_report_of_flight_are_displaced():
    text = ("Thousands of families fled the fighting this week. Some 1,650 people arrived "
            "at the camp on Monday and nearly 2,800 crossed into the neighbouring province.")
    found = by_value(text)
    assert found[1650]["quantity"] == "displaced"
    assert found[2800]["quantity"] == "displaced"


def test_the_same_arrivals_in_a_report_of_an_evacuation_are_evacuees():
    text = ("The evacuation of the valley went on this week. Some 1,650 people arrived "
            "at the camp on Monday.")
    assert by_value(text)[1650]["quantity"] == "evacuees"


def test_people_carried_out_stay_evacuees_in_a_report_of_flight():
    text = "Residents fled the shelling. Rescuers pulled 40 people from the rubble on Monday."
    assert by_value(text)[40]["quantity"] == "evacuees"


def test_people_an_agency_moves_stay_evacuees_in_a_report_of_flight():
    text = ("Thousands have fled their villages. The agency plans to move a further 25,000 "
            "people to safer sites.")
    assert by_value(text)[25000]["quantity"] == "evacuees"
