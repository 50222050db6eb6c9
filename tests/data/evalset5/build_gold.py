#!/usr/bin/env python3
"""Build gold.jsonl for evalset5 from the hand-made claim table below.

Each row: file key, text span, occurrence index (0 = first whole-token match), quantity,
value, qualifier, group, status, actor, via, origin, destination, location.
Offsets are found by whole-token search and asserted (report[start:end] == text).
value_low/value_high follow from the qualifier (claims-guide.md); ranges give (low, high).
Also writes pred_firstname.jsonl (each name list replaced by its first entry).
"""
import json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
         "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
         "millions": (2000000, 9999999)}

FILES = {
    "01": "ev5_01_kabul_airlift.txt", "02": "ev5_02_derna_floods.txt", "03": "ev5_03_east_palestine.txt",
    "04": "ev5_04_madaya_foua_swap.txt", "05": "ev5_05_sudan_foreign_evacuations.txt",
    "06": "ev5_06_azovstal_live.txt", "07": "ev5_07_ian_live.txt", "08": "ev5_08_pakistan_floods_iom.txt",
    "09": "ev5_09_vizag_gas_leak.txt",
}

# ---- canonical name lists -------------------------------------------------------------
KABUL = ["Kabul"]
HKIA = ["Hamid Karzai International Airport", "gates of Hamid Karzai International Airport", "Kabul airport", "the airport", "airport", "Kabul"]
WH = ["White House", "the White House"]
WHO = ["White House official", "a White House official", "official", "White House"]
UKMOD = ["Ministry of Defence", "Britain's Ministry of Defence", "British Ministry of Defence", "UK Ministry of Defence", "MoD", "British Defence Ministry"]
TAYLOR = ["Hank Taylor", "Major General Hank Taylor", "Maj. Gen. Hank Taylor", "Taylor"]
DEMOD = ["German Defence Ministry", "Germany's Defence Ministry", "German Defense Ministry", "Bundeswehr", "Germany"]
DERNA = ["Derna"]
ABDUL = ["Othman Abduljaleel", "Abduljaleel", "health minister", "health minister of the eastern-based administration"]
LRC = ["Libyan Red Crescent", "Red Crescent"]
IOM = ["International Organization for Migration", "IOM"]
DRAB = ["Keith Drabick", "Fire Chief Keith Drabick", "Drabick", "East Palestine Fire Chief Keith Drabick", "fire chief"]
ZONE = ["one-by-two-mile zone around the derailment site", "one-by-two-mile zone", "evacuation zone", "the zone", "East Palestine"]
CARE = ["care home on North Market Street", "North Market Street care home", "care home", "North Market Street"]
SOHR = ["Syrian Observatory for Human Rights", "SOHR", "Syrian Observatory", "the Observatory", "Britain-based monitor"]
FOUA = ["Foua and Kefraya", "Foua", "Kefraya", "Shi'ite villages of Foua and Kefraya", "Foua and Kefraya in Idlib province"]
MADAYA = ["Madaya", "rebel-held town of Madaya", "Madaya near Damascus"]
IDLIB = ["Idlib", "Idlib province"]
LUB = ["Osnat Lubrani", "Lubrani", "UN humanitarian coordinator for Ukraine", "UN humanitarian coordinator", "United Nations", "UN"]
AZOV = ["Azovstal", "Azovstal steel plant", "Azovstal plant", "Azovstal steelworks", "the plant", "Mariupol"]
ZAP = ["Zaporizhzhia"]
BOY = ["Vadym Boychenko", "Boychenko", "Mariupol mayor Vadym Boychenko", "Mariupol mayor", "mayor of Mariupol"]
BUNK = ["bunkers beneath the plant", "bunkers beneath Azovstal", "the bunkers", "Azovstal", "Azovstal plant", "the plant", "Mariupol"]
RUMOD = ["Russian Defence Ministry", "Russia's Defence Ministry", "Russian Defense Ministry", "Russian Ministry of Defence", "Russian Ministry of Defense"]

T = []  # claim table
def C(f, text, q, value, qual, group, status="occurred", actor=None, via=None, origin=None, dest=None, loc=None, occ=0, rng=None):
    T.append(dict(f=f, text=text, occ=occ, quantity=q, value=value, qualifier=qual, group=group, status=status,
                  actor=actor, via=via, origin=origin, destination=dest, location=loc, rng=rng))

# ---- 01 Kabul airlift (wire) ----
C("01", "about 10,900", "evacuees", 10900, "approximate", "people", actor=WH, origin=KABUL)
C("01", "Thousands of Afghans", "trapped", 2000, "vague", "people", loc=HKIA)
C("01", "Twenty-eight U.S. military flights", "flights", 28, "exact", None, actor=WHO)
C("01", "some 10,400", "evacuees", 10400, "approximate", "people", actor=WHO)
C("01", "61 coalition flights", "flights", 61, "exact", None, actor=WHO)
C("01", "roughly 48,000 people", "evacuees", 48000, "approximate", "people", actor=WHO)
C("01", "more than 5,700 people", "evacuees", 5700, "more_than", "people", actor=UKMOD, origin=KABUL)
C("01", "about 3,100 Afghans", "evacuees", 3100, "approximate", "people", actor=UKMOD, origin=KABUL)
C("01", "at least seven Afghan civilians", "killed", 7, "at_least", "civilians", actor=UKMOD,
  loc=["near the airport", "the airport", "Hamid Karzai International Airport", "Kabul airport", "Kabul"])
C("01", "about 4,000 people", "trapped", 4000, "approximate", "people", actor=TAYLOR,
  loc=["inside the airport", "the airport", "airport", "Hamid Karzai International Airport", "Kabul airport"])
C("01", "as many as 9,000", "evacuees", 9000, "up_to", "people", status="planned", actor=TAYLOR)
C("01", "at least 20,000 people", "trapped", 20000, "at_least", "people",
  actor=["NATO official", "a NATO official", "NATO"], via=["Reuters"],
  loc=["outside the airport perimeter", "airport perimeter", "outside the airport", "the airport", "Hamid Karzai International Airport", "Kabul airport"])
C("01", "3,200 people", "evacuees", 3200, "exact", "people", actor=DEMOD, origin=KABUL,
  dest=["Tashkent", "Tashkent in Uzbekistan", "Uzbekistan"])
C("01", "640 Afghans", "evacuees", 640, "exact", "people")

# ---- 02 Derna floods (wire) ----
C("02", "3,840 people", "killed", 3840, "exact", "people", actor=ABDUL)
C("02", "11,300", "killed", 11300, "exact", "people", actor=LRC)
C("02", "10,100 people", "missing", 10100, "exact", "people", actor=LRC)
C("02", "at least 5,000", "killed", 5000, "at_least", "people", actor=["local authorities", "Derna local authorities"],
  via=["OCHA", "UN humanitarian office", "UN humanitarian office OCHA", "UN Office for the Coordination of Humanitarian Affairs"], loc=DERNA)
C("02", "At least 30,000 people", "displaced", 30000, "at_least", "people", actor=IOM, origin=DERNA)
C("02", "some 1,200 residents", "evacuees", 1200, "approximate", "people",
  actor=["eastern authorities", "the eastern authorities", "eastern-based administration"],
  origin=["worst-hit districts along the Wadi Derna riverbed", "Wadi Derna riverbed", "worst-hit districts", "Wadi Derna", "Derna"],
  dest=["schools in the neighbouring town of Susa", "schools in Susa", "Susa"])
C("02", "40 buses", "buses", 40, "exact", None,
  actor=["eastern authorities", "the eastern authorities", "eastern-based administration"],
  origin=["worst-hit districts along the Wadi Derna riverbed", "Wadi Derna riverbed", "worst-hit districts", "Wadi Derna", "Derna"],
  dest=["schools in the neighbouring town of Susa", "schools in Susa", "Susa"])
C("02", "hundreds of survivors", "evacuees", 200, "vague", "people",
  actor=["Tarek al-Kharraz", "al-Kharraz", "Kharraz", "Tarek al-Kharraz, a spokesman for the eastern interior ministry", "eastern interior ministry"],
  via=["Al Arabiya TV", "Al Arabiya"], origin=["collapsed buildings in Derna", "collapsed buildings", "Derna"])
C("02", "more than 2,000 people", "injured", 2000, "more_than", "people", actor=ABDUL,
  loc=["field hospitals in Derna", "field hospitals", "Derna"])
C("02", "tens of thousands of people", "trapped", 20000, "vague", "people",
  actor=["Abdoulaye Bathily", "Bathily", "UN envoy for Libya", "UN envoy Abdoulaye Bathily"],
  loc=["districts east of the river", "east of the river", "eastern districts of Derna", "Derna"])

# ---- 03 East Palestine (wire) ----
C("03", "Between 1,500 and 2,000 residents", "evacuees", 1500, "range", "people", status="planned", actor=DRAB,
  origin=ZONE, rng=(1500, 2000))
C("03", "about 500 people", "trapped", 500, "approximate", "people", actor=DRAB,
  loc=["the zone", "evacuation zone", "one-by-two-mile zone", "East Palestine"])
C("03", "12 elderly residents", "evacuees", 12, "exact", "elderly", actor=DRAB, origin=CARE)
C("03", "four ambulances", "ambulances", 4, "exact", None, actor=DRAB, origin=CARE)
C("03", "about 300 residents", "evacuees", 300, "approximate", "people", status="planned",
  actor=["Beaver County emergency management", "Beaver County Emergency Management Agency", "Beaver County emergency officials", "Beaver County"],
  origin=["Darlington Township", "Darlington Township, Pennsylvania"])
C("03", "62 people", "evacuees", 62, "exact", "people", actor=["American Red Cross", "Red Cross"],
  dest=["shelter at East Palestine High School", "East Palestine High School"])
C("03", "more than 1,100 evacuated residents", "evacuees", 1100, "more_than", "people",
  actor=["Norfolk Southern spokesman", "a Norfolk Southern spokesman", "Norfolk Southern"],
  dest=["Youngstown and Boardman", "hotel rooms in Youngstown and Boardman", "Youngstown", "Boardman"])

# ---- 04 Madaya / Foua swap (wire) ----
C("04", "Dozens of buses", "buses", 24, "vague", None,
  origin=["four besieged Syrian towns", "four besieged towns", "Foua, Kefraya, Madaya and Zabadani"])
C("04", "some 30,000 people", "evacuees", 30000, "approximate", "people", status="planned")
C("04", "About 5,000 people", "evacuees", 5000, "approximate", "people", actor=SOHR, origin=FOUA,
  dest=["Aleppo", "government-held Aleppo"])
C("04", "75 buses", "buses", 75, "exact", None, actor=SOHR, origin=FOUA, dest=["Aleppo", "government-held Aleppo"])
C("04", "20 ambulances", "ambulances", 20, "exact", None, actor=SOHR, origin=FOUA, dest=["Aleppo", "government-held Aleppo"])
C("04", "60 buses", "buses", 60, "exact", None, actor=SOHR, origin=MADAYA, dest=IDLIB)
C("04", "around 2,200 people", "evacuees", 2200, "approximate", "people", actor=SOHR, origin=MADAYA, dest=IDLIB)
C("04", "about 400 rebels", "evacuees", 400, "approximate", "fighters", actor=SOHR, origin=MADAYA, dest=IDLIB)
C("04", "3,000 people", "evacuees", 3000, "exact", "people",
  actor=["Syrian state television", "state television", "Syrian state TV", "state TV"], origin=FOUA)
C("04", "about 150 fighters", "evacuees", 150, "approximate", "fighters", status="planned",
  actor=["rebel negotiator", "a rebel negotiator"], via=["Reuters"], origin=["Zabadani"], dest=IDLIB)
C("04", "about 1,000 residents", "trapped", 1000, "approximate", "people",
  actor=["Rami Abdulrahman", "Abdulrahman", "Syrian Observatory for Human Rights", "SOHR"], loc=MADAYA)

# ---- 05 Sudan foreign evacuations (live blog) ----
C("05", "Thousands of foreigners", "evacuees", 2000, "vague", "foreigners", origin=["Sudan"])
C("05", "1,687 people", "evacuees", 1687, "exact", "people",
  actor=["Saudi foreign ministry", "foreign ministry", "Saudi Ministry of Foreign Affairs", "Saudi Arabia's foreign ministry"],
  via=["Saudi state TV", "Saudi state television", "state TV"], dest=["Jeddah"])
CLEV = ["James Cleverly", "Foreign Secretary James Cleverly", "Cleverly", "UK Foreign Secretary", "Foreign Office", "UK"]
WADI = ["Wadi Saeedna airfield", "Wadi Saeedna", "Wadi Saeedna airfield north of Khartoum", "Khartoum"]
C("05", "more than 1,500", "evacuees", 1500, "more_than", "people", actor=CLEV, via=["Sky News"], origin=WADI)
C("05", "13 flights", "flights", 13, "exact", None, actor=CLEV, via=["Sky News"], origin=WADI)
FREMB = ["French embassy in Khartoum", "French embassy", "French Embassy in Sudan", "France"]
C("05", "538 people", "evacuees", 538, "exact", "people", actor=FREMB, dest=["Djibouti"])
C("05", "209 French citizens", "evacuees", 209, "exact", "foreigners", actor=FREMB, dest=["Djibouti"])
C("05", "four flights", "flights", 4, "exact", None, actor=FREMB, dest=["Djibouti"])
C("05", "an estimated 3,000 people", "trapped", 3000, "approximate", "people",
  loc=["Port Sudan", "the port", "port of Port Sudan"])
EGMFA = ["Egypt's foreign ministry", "Egyptian foreign ministry", "Egyptian Ministry of Foreign Affairs", "Egypt"]
C("05", "436 of its nationals", "evacuees", 436, "exact", "foreigners", actor=EGMFA, dest=["Egypt"])
C("05", "nearly 2,000", "evacuees", 2000, "nearly", "foreigners", actor=EGMFA,
  dest=["the border", "border", "Egyptian border", "Egypt", "Argeen crossing"])
C("05", "just under 100 people", "evacuees", 100, "nearly", "people", actor=["US officials", "officials", "U.S. officials"],
  origin=["Khartoum"])
C("05", "between 10,000 and 20,000 people", "displaced", 10000, "range", "people",
  actor=["UN refugee agency", "UNHCR", "UN High Commissioner for Refugees", "UN High Commissioner for Refugees (UNHCR)"],
  origin=["Sudan"], dest=["neighbouring countries", "countries neighbouring Sudan"], rng=(10000, 20000))

# ---- 06 Azovstal (live blog) ----
C("06", "101 civilians", "evacuees", 101, "exact", "civilians", actor=LUB, origin=AZOV, dest=ZAP)
C("06", "58", "evacuees", 58, "exact", "civilians", actor=LUB, origin=["Manhush", "nearby town of Manhush"], dest=ZAP)
C("06", "about 200 civilians", "trapped", 200, "approximate", "civilians", actor=BOY,
  via=["Ukrainian television", "Ukrainian TV"], loc=BUNK)
C("06", "about 30 children", "trapped", 30, "approximate", "children", actor=BOY,
  via=["Ukrainian television", "Ukrainian TV"], loc=BUNK)
C("06", "up to 100 civilians", "trapped", 100, "up_to", "civilians",
  actor=["Denis Pushilin", "Pushilin", "head of the Donetsk People's Republic", "Donetsk People's Republic"],
  via=["RIA Novosti", "RIA Novosti agency", "RIA"], loc=["Azovstal", "Azovstal plant", "Azovstal steel plant"])
C("06", "eight buses", "buses", 8, "exact", None,
  actor=["International Committee of the Red Cross", "ICRC", "Red Cross"], origin=["Mariupol"], dest=ZAP)
C("06", "344 people", "evacuees", 344, "exact", "people",
  actor=["Iryna Vereshchuk", "Vereshchuk", "Deputy Prime Minister Iryna Vereshchuk", "Ukrainian Deputy Prime Minister", "Deputy Prime Minister"],
  origin=["Mariupol, Manhush, Berdiansk, Tokmak and Vasylivka", "Mariupol", "Manhush", "Berdiansk", "Tokmak", "Vasylivka"], dest=ZAP)
C("06", "156 people", "evacuees", 156, "exact", "people", actor=RUMOD, origin=AZOV)
C("06", "69", "evacuees", 69, "exact", "people", actor=RUMOD, origin=AZOV,
  dest=["Ukrainian-controlled territory", "Ukrainian-held territory", "Ukraine"])
C("06", "about 600 wounded soldiers", "trapped", 600, "approximate", "wounded",
  actor=["wives of Azov regiment fighters", "Wives of Azov regiment fighters", "wives of the Azov regiment fighters", "wives of defenders", "wives of Azovstal defenders"],
  loc=["inside the plant", "the plant", "Azovstal", "Azovstal plant", "Azovstal steel plant"])
KYR = ["Pavlo Kyrylenko", "Kyrylenko", "regional governor", "Donetsk regional governor", "governor of Donetsk region"]
C("06", "at least 21 civilians", "killed", 21, "at_least", "civilians", actor=KYR, loc=["Donetsk region", "Donetsk"])
C("06", "nine", "killed", 9, "exact", "civilians", actor=KYR, loc=["Lyman"])

# ---- 07 Hurricane Ian (live blog) ----
C("07", "more than 700", "evacuees", 700, "more_than", "people",
  actor=["Ron DeSantis", "DeSantis", "Governor Ron DeSantis", "Florida Governor Ron DeSantis", "governor"],
  origin=["southwest Florida", "Southwest Florida", "Florida"])
USCG = ["Coast Guard", "U.S. Coast Guard", "US Coast Guard", "United States Coast Guard"]
C("07", "more than 70 people", "evacuees", 70, "more_than", "people", actor=USCG,
  origin=["Sanibel and Captiva islands", "Sanibel and Captiva", "Sanibel", "Captiva"])
C("07", "dozens", "evacuees", 24, "vague", "people", actor=USCG, origin=["Fort Myers Beach"], dest=["the mainland", "mainland"])
LEEH = ["Lee Health"]
C("07", "about 1,000 patients", "evacuees", 1000, "approximate", "wounded", actor=LEEH,
  origin=["Lee Health hospitals", "its hospitals", "Lee Health's hospitals", "Lee County hospitals", "Lee County"],
  dest=["hospitals outside the county", "hospitals outside Lee County"])
C("07", "about 40 babies", "evacuees", 40, "approximate", "children", actor=LEEH,
  origin=["neonatal intensive care unit", "neonatal unit", "NICU", "Lee Health hospitals", "its hospitals"],
  dest=["hospitals outside the county", "hospitals outside Lee County"])
C("07", "21 deaths", "killed", 21, "exact", "people",
  actor=["Medical Examiners Commission", "Florida Medical Examiners Commission", "medical examiners"],
  via=["Division of Emergency Management", "Florida Division of Emergency Management", "state's Division of Emergency Management"])
C("07", "About 33,000 people", "evacuees", 33000, "approximate", "people", actor=["American Red Cross", "Red Cross"],
  dest=["shelters across the state", "250 shelters across the state", "shelters", "Florida"])
C("07", "about 2.5 million people", "evacuees", 2500000, "approximate", "people", status="planned",
  actor=["governor's office", "the governor's office", "Florida governor's office", "office of the governor", "Ron DeSantis"],
  origin=["12 coastal counties", "coastal counties", "12 coastal Florida counties", "Florida"])
C("07", "roughly 100 residents", "trapped", 100, "approximate", "people",
  actor=["city officials", "Sanibel city officials", "City officials", "City of Sanibel", "Sanibel officials"],
  loc=["Sanibel", "Sanibel island", "the island"])

# ---- 08 Pakistan floods (IOM press release) ----
NDMA = ["National Disaster Management Authority", "NDMA", "National Disaster Management Authority (NDMA)", "Pakistan's National Disaster Management Authority"]
DADU_O = ["flooded villages in Dadu district", "villages in Dadu district", "Dadu district", "Dadu"]
DADU_D = ["higher ground along the Indus Highway", "Indus Highway", "higher ground"]
C("08", "millions", "displaced", 2000000, "vague", "people", loc=["Pakistan"])
C("08", "Some 7.9 million people", "displaced", 7900000, "approximate", "people", actor=NDMA)
C("08", "around 598,000", "displaced", 598000, "approximate", "people", actor=NDMA, loc=["relief camps"])
C("08", "at least 1,391 people", "killed", 1391, "at_least", "people", actor=NDMA)
C("08", "519 children", "killed", 519, "exact", "children", actor=NDMA)
C("08", "more than 14,000 people", "evacuees", 14000, "more_than", "people", origin=DADU_O, dest=DADU_D)
C("08", "120 boats", "boats", 120, "exact", None, origin=DADU_O, dest=DADU_D)
C("08", "up to 100,000 people", "trapped", 100000, "up_to", "people",
  actor=["Mio Sato", "Sato", "IOM Pakistan Chief of Mission Mio Sato", "IOM Pakistan Chief of Mission"], loc=["Dadu", "Dadu district"])
C("08", "25,000 people", "evacuees", 25000, "exact", "people", status="planned",
  origin=["villages around Manchar Lake", "Manchar Lake", "around Manchar Lake"], dest=["safer sites"])

# ---- 09 Vizag gas leak (press note) ----
VILL = ["five villages", "the five villages", "R.R. Venkatapuram, Padmanabha Nagar, B.C. Colony, Kamparapalem and Nandamuri Nagar", "R.R. Venkatapuram"]
KGH = ["King George Hospital", "KGH", "King George Hospital (KGH)"]
C("09", "Around 3,000 persons", "evacuees", 3000, "approximate", "people", origin=VILL,
  dest=["relief camps at Simhachalam and Gopalapatnam", "11 relief camps", "relief camps", "Simhachalam and Gopalapatnam", "Simhachalam", "Gopalapatnam"])
C("09", "25 ambulances", "ambulances", 25, "exact", None, origin=["the villages", "villages", "five villages", "R.R. Venkatapuram"], dest=KGH)
C("09", "As many as 246 persons", "injured", 246, "up_to", "people", loc=KGH)
C("09", "52 children", "injured", 52, "exact", "children", loc=KGH)
C("09", "Eleven persons", "killed", 11, "exact", "people")
C("09", "nearly 1,000 people", "injured", 1000, "nearly", "people",
  actor=["M. Goutham Reddy", "Goutham Reddy", "Industries Minister M. Goutham Reddy", "Industries Minister", "Reddy"])
C("09", "About 2,000 residents", "evacuees", 2000, "approximate", "people", status="planned",
  origin=["Meghadripeta"], dest=["relief camps"])


def bounds(qual, value, text, rng):
    if qual in ("exact", "approximate"):
        return value, value
    if qual in ("at_least", "more_than"):
        return value, None
    if qual in ("nearly", "up_to"):
        return None, value
    if qual == "range":
        assert rng and rng[0] == value, text
        return rng
    if qual == "vague":
        t = text.lower()
        for key in sorted(VAGUE, key=len, reverse=True):
            if key in t:
                lo, hi = VAGUE[key]
                assert lo == value, (text, value)
                return lo, hi
        raise ValueError(text)
    raise ValueError(qual)


def find(report, text, occ):
    hits = [m.start() for m in re.finditer(r"(?<![\w])" + re.escape(text) + r"(?![\w])", report)]
    assert len(hits) > occ, (text, occ, hits)
    return hits[occ]


def sentence(report, start, end):
    ls = report.rfind("\n", 0, start) + 1
    le = report.find("\n", end)
    le = len(report) if le < 0 else le
    line = report[ls:le]
    cuts = [0] + [m.end() for m in re.finditer(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])", line)] + [len(line)]
    s0 = start - ls
    for a, b in zip(cuts, cuts[1:]):
        if a <= s0 < b:
            return line[a:b].strip()
    return line.strip()


def main():
    out, reports = [], {}
    for row in T:
        fn = FILES[row["f"]]
        if fn not in reports:
            with open(os.path.join(HERE, "reports", fn), encoding="utf-8") as f:
                reports[fn] = f.read()
        rep = reports[fn]
        start = find(rep, row["text"], row["occ"])
        end = start + len(row["text"])
        assert rep[start:end] == row["text"]
        lo, hi = bounds(row["qualifier"], row["value"], row["text"], row["rng"])
        if row["group"] is None:
            assert row["quantity"] in ("buses", "ambulances", "trucks", "flights", "boats", "vehicles", "convoys")
        out.append({"source": fn, "quantity": row["quantity"], "value": row["value"], "value_low": lo, "value_high": hi,
                    "qualifier": row["qualifier"], "group": row["group"], "status": row["status"],
                    "actor": row["actor"], "via": row["via"], "origin": row["origin"], "destination": row["destination"],
                    "location": row["location"], "text": row["text"], "start": start, "end": end,
                    "sentence": sentence(rep, start, end)})
    out.sort(key=lambda d: (d["source"], d["start"]))
    keys = [(d["source"], d["quantity"], d["group"], d["value"], d["status"], str(d["actor"])) for d in out]
    assert len(keys) == len(set(keys)), "duplicate claim (merge rule)"
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as f:
        for d in out:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "pred_firstname.jsonl"), "w", encoding="utf-8") as f:
        for d in out:
            p = {k: (v[0] if isinstance(v, list) else v) for k, v in d.items()}
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"{len(out)} claims in {len(reports)} reports")


if __name__ == "__main__":
    main()
