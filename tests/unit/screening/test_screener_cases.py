"""One test per hard-case family of the narratives README ("Hard cases") and domain.md A."""

import pytest

from vigil.screening import VOCABULARY, screen


def flagged(text: str, date: str = "2025-06-01") -> bool:
    return screen(text, date).safeguarding_check_required


@pytest.mark.parametrize("text", [
    "DA at flat 2. IP states partner pushed her. No children live at the address. DASH standard.",
    "Verbal argument. The couple have no children. Advice given.",
    "Stop check: no child seats in the car, driver alone. Drug wipe negative.",
    "DOMESTIC AT 4 ELM RD. NIL CYP AT ADDRESS. M ARRESTED.",
    "DA: V and S argued. CHILDREN: NONE. DASH MEDIUM.",
    "IP has no kids and lives alone. Criminal damage to her car.",
])
def test_negation_clears_child_words(text):
    assert not flagged(text)


@pytest.mark.parametrize("text", [
    "No children were injured in the collision; two children aged 5 and 7 were in the back.",
    "Kids in the house at the time. No injuries to the children.",
])
def test_negation_does_not_hide_children_who_are_there(text):
    assert flagged(text)


@pytest.mark.parametrize("text", [
    "IP (74) reports her son, 34, took her bank card. Only IP and her son live there.",
    "Sudden death. Found by his adult daughter. No suspicious circumstances.",
    "IP says the kids are grown up and have moved out; she lives alone.",
    "Mother reports son, Callum BRIGGS (22), missing after a night out. 'My boy never does this.'",
    "Household: Marie DUNN (DOB 22/08/1986), Callum DUNN (DOB 09/01/2007). Callum (son) "
    "kicked the door.",
])
def test_adult_offspring_are_not_children(text):
    assert not flagged(text)


def test_child_with_an_age_is_still_a_child():
    assert flagged("IP reports her son, 15, smashed the TV.")


@pytest.mark.parametrize("text", [
    "Burglary at the home of a registered childminder; no minded children were there, "
    "she lives alone.",
    "Lead stolen from the roof of the children's centre overnight. Centre closed, no one there.",
    "Theft of plants from Greenacres Nursery, a garden centre. No staff on site.",
    "Break-in at the youth club overnight. Building empty.",
    "Male asleep drunk on a bench in the play area at 0600hrs. Park empty.",
])
def test_places_and_roles_are_not_children(text):
    assert not flagged(text)


def test_pregnancy_alone_is_not_a_child_present():
    text = ("IP (22), 28 weeks pregnant, says her boyfriend threatened to 'get rid of the baby'. "
            "No other children. They live together. DASH high.")
    result = screen(text, "2025-04-04")
    assert not result.safeguarding_check_required
    assert "domestic_abuse" in result.indicators


@pytest.mark.parametrize("text", [
    "IP is pregnant. Her daughter Ruby (3) saw the assault.",
    "She is pregnant and her baby was asleep in the pram when he hit her.",
])
def test_pregnancy_with_a_child_present_is_flagged(text):
    assert flagged(text)


@pytest.mark.parametrize("text", [
    "Caller heard 'a baby crying' in the bushes. A fox cub caught in a fence. No persons found.",
    "Woman shouting 'leave my babies alone!' at her landlord about her three cats. "
    "No children reside there.",
    "Theft of two goat kids (aged 8 weeks) from a smallholding.",
    "Theft of two kid goats from a farm. The animals are 6 weeks old.",
    "Dog left in a hot car; owner calls the dog 'Baby'. No persons in the vehicle.",
])
def test_pets_and_animals_are_not_children(text):
    assert not flagged(text)


@pytest.mark.parametrize("text", [
    "Driver (35) had dilated pupils and smelt of cannabis. Drug wipe positive.",
    "Male (40) waving a toy gun in the street. Detained; lives alone.",
    "DP (35) has learning difficulties; interviewed with an appropriate adult.",
    "IP, now 45, reports he was assaulted in his youth by a neighbour.",
])
def test_police_phrases_that_look_like_children(text):
    assert not flagged(text)


def test_nickname_for_an_adult_is_not_a_child():
    text = ("DA. IP (38) says partner Jason 'the kid' BEVAN (29) kicked the door in; "
            "'the kid's been on the gear again'. IP lives alone.")
    assert not flagged(text)


@pytest.mark.parametrize("text", [
    "2 chidren present in living room at time, aged 3 and 5.",
    "Todler, approx 4, sat in the front seat with no child seat.",
    "Occupant and her babby, approx 10 months, inside. Floors covered in rubbish.",
    "RP STATES THE NIPPERS FROM NO 14 KEEP KICKING A BALL AT HER CAR.",
    "Male and female arguing in a car, sprog in the back crying.",
    "1 JUV DETAINED FOR THEFT. MUM INFORMED.",
    "CYP x2 found in a bus shelter at 0100hrs.",
])
def test_typos_slang_and_shorthand(text):
    assert flagged(text)


@pytest.mark.parametrize("text", [
    "Warrant: a cot in the back bedroom and nappies in the kitchen; occupant says he lives alone.",
    "School uniform drying on the radiator; male refused to say who else lives there.",
    "Bunk beds and a pushchair in the hallway. Female would not say who lives there.",
    "IP was approached on her way back from the school run.",
])
def test_implicit_presence(text):
    assert flagged(text)


def test_empty_child_seat_explained_is_not_flagged():
    text = ("Drug wipe positive. A child seat in the rear is empty; it is for his grandson, who "
            "lives with his parents in Leeds. Driver was alone in the vehicle.")
    assert not flagged(text)


def test_indicators_come_from_the_vocabulary_and_are_sorted():
    result = screen("DA: partner punched her, cut to lip. Both drunk. Knife recovered. "
                    "Two children (4, 7) asleep upstairs.", "2025-01-01")
    assert result.indicators == sorted(result.indicators)
    assert set(result.indicators) <= set(VOCABULARY)
    assert {"domestic_abuse", "physical_injury", "substance_misuse", "weapons"} <= set(
        result.indicators)


def test_indicators_are_independent_of_the_label():
    result = screen("Male (40) arrested for drink-driving; failed breath test. Alone.", None)
    assert not result.safeguarding_check_required
    assert {"substance_misuse", "unsafe_vehicle"} <= set(result.indicators)


def test_negated_indicators_are_not_raised():
    result = screen("RTC, damage only. No injuries. Negative breath test. No weapons found.",
                    "2025-01-01")
    assert "physical_injury" not in result.indicators
    assert "substance_misuse" not in result.indicators
    assert "weapons" not in result.indicators


# Terse-log wording found by probing beyond the dev file (session 3).
@pytest.mark.parametrize("text, ages", [
    ("Report of lad aged abt 12 on the railway line near the depot.", [12]),
    ("DV. 2x kids in house at time (DOB 03/04/2015 and 11/09/2019).", [9, 5]),
    ("0215 OCC: M 30S, F 20S + 2 CHN U/K AGES. DASH MEDIUM.", [None, None]),
    ("Mum of 3 reports threats from ex via text. Kids at school at time.", [None, None, None]),
    ("Misper: Jade 14yrs, last seen 1900 hrs wearing school uniform.", [14]),
])
def test_terse_ages(text, ages):
    result = screen(text, "2025-01-01")
    assert result.safeguarding_check_required
    assert result.ages == ages


@pytest.mark.parametrize("text", [
    "IP is pregnant (24 wks). Partner shouting, neighbours called police.",
    "Drunk male in street, shouting. Has a baby on the way, partner 30 weeks.",
    "Sudden death of elderly male, 84. Daughter present (50s). Not suspicious.",
    "Report of a fox screaming, caller thought it was a baby crying. Fox located in garden.",
    "Dog barking, 'the baby' as owner calls it. Owner abusive.",
    "Married 5 yrs. IP states husband pushed her.",
])
def test_terse_non_children(text):
    assert not flagged(text)


def test_absent_children_who_live_there_still_count():
    # "no children present" says who was there, not who lives there (README: a child living at
    # the address but absent at the time is true); a plain "no children" still clears.
    assert flagged("Children's toys and a cot in back bedroom, no children present, mother "
                   "states they are at nan's.")
    assert not flagged("Toys in the garden belong to the neighbours. No children at the address.")


@pytest.mark.parametrize("text, indicator", [
    ("1730 DD. VEH STOPPED VIA ANPR, DRIVER M 35 BREATH 64. ARRESTED.", "substance_misuse"),
    ("1730 DD. VEH STOPPED VIA ANPR, DRIVER M 35 BREATH 64. ARRESTED.", "unsafe_vehicle"),
    ("Woman 8 mths pregnant assaulted by partner. Partner arrested.", "domestic_abuse"),
    ("Callout re fight. Two bros (24 & 27) scrapping in garden over money.", "domestic_abuse"),
    ("Lad 15 missing from childrens home since yday, 3rd time this month.", "missing"),
    ("Mum rang, ex hasnt brought son back after his weekend, was due 1800.", "missing"),
    ("Spoke w/ IP re her son (32). Son has drink issues, lives in hostel.", "homelessness"),
    ("Lass 13 told teacher an older man messaging her on insta, asked for pics.", "online_harm"),
    ("Ex-partner slapped her and punched her in the face.", "physical_injury"),
])
def test_log_shorthand_indicators(text, indicator):
    assert indicator in screen(text, "2025-01-01").indicators


def test_punching_a_wall_is_no_injury():
    assert "physical_injury" not in screen("S punched the wall next to her head. V has no injuries.",
                                           "2025-01-01").indicators


@pytest.mark.parametrize("text, ages", [
    ("Woman assaulted by partner, their todler (approx 18 months) in the room. Todler ok.", [1]),
    ("RTC. Rear passengers juv male approx 10 and infant in car seat.", [10, 0]),
    ("Caught 1 of them, says hes 14. Parents called.", [14]),
    ("DD stop. Rear occ x2 kids in car seats, ages u/k.", [None, None]),
    ("Sprog of about 10 shoplifting sweets in Spar.", [10]),
    ("Child seat occupied - dtr 2 yrs. Driver arrested.", [2]),
])
def test_ages_in_shorthand(text, ages):
    assert screen(text, "2025-01-01").ages == ages


# Second blind probe set (five forces' styles), session 3.
@pytest.mark.parametrize("text", [
    "DA @ FLAT 7. OCC'S COUPLE (FEM/41, MALE ADULT 44). CHILD(REN) IN ADDRESS Y/N: N. DASH STANDARD.",
    "asslt at bus stn m/44 punched by m/50s cyp y/n n all parties adults",
    "BURGLARY. OCC'S ALAN AND WIFE (FEM/69) ONLY. U18S IN ADDRESS: NIL.",
    "row over his drinkin kids: n both live there alone dash std",
    "f/41 says her baby brother m/34 nicked her car keys",
    "GROUP OF APPROX 40 LADS SINGING. NO FAMILIES OR JUVENILES WITHIN GROUP.",
    "REPORT OF YOUTHS DOING DOUGHNUTS IN CARS. 7 OCCS, ALL AGED 18-22 CONFIRMED BY DL CHECKS.",
    "couple of youngsters on bikes being gobby to staff spoke to both m/19 and m/20",
    "f says her 2 kids live with there dad in hull full time dash std kids: live elsewhere",
    "2 X CHILD SEATS IN REAR, EMPTY - DRIVER STATES HIS KIDS LIVE WITH THEIR MUM IN DURHAM.",
    "Victim 1 (IC1 male, aged 18, Year 13 student at Coopers' Sixth Form) was punched.",
    "says someones took her nipper out the garden turns out nipper is her jack russell",
    "'the youngsters' got onto the road; by youngsters he means eight of his calves.",
    "ex says he will hurt her and the wean when its born she is 5 months preg no other kids",
    "dom f/49 says her bairn kicked off again bairn is her son m/23 lives with her",
    "Checks show no current roles involving children. Suspect lives alone.",
    "theft from kids zone soft play at the retail park overnight",
])
def test_blind_set_non_children(text):
    assert not flagged(text)


@pytest.mark.parametrize("text", [
    "Group of youths throwing stones at a bus. Driver (M/45) and passenger (F/50) shaken.",
    "Youths on bikes harassing staff. Both staff members adults.",
    "Kids playing football in the street hit a car. Occupants all adults.",
    "Two youths stole a bike from a man aged 19 and his brother aged 22.",
    "Child seat in rear empty. Driver arrested for drink driving.",
    "kids n partner at home when he kicked the door in",
])
def test_adult_and_absence_rules_keep_real_children(text):
    assert flagged(text)


# Third blind probe set (call summaries, custody records, statements, referrals), session 3.
@pytest.mark.parametrize("text, ages", [
    ("101 CALL. Caller says: 'no, they've gone OUT to a party and left the baby on its own, I can "
     "hear it crying through the wall'. Caller saw both adults leave in a taxi.", [0]),
    ("Caller says 'I've got the grandkids for half term, Ellie's 7 and Jacob's 4, they're upstairs'.",
     [7, 4]),
    ("Two males inside; one gave his DOB as 17/07/2008, the other is 24.", [16]),
    ("ASB grp of yths throwing eggs at buses", [None]),
])
def test_reported_speech_and_shorthand_count(text, ages):
    result = screen(text, "2025-01-01")
    assert result.safeguarding_check_required
    assert result.ages == ages


@pytest.mark.parametrize("text", [
    "On further questioning the 'baby' is Biscuit, a six-month-old French bulldog. Caller lives alone.",
    "AA required: Y - DP has a learning disability and a reading age of approx 8. Dependants: 0.",
    "Children: 2 adult (DOB 04/07/1998, 22/01/2001), neither lives with DP.",
    "I saw a rear-facing car seat in the back, which was empty. It is for her granddaughter, who "
    "lives in Bristol with her parents.",
    "She is 34 weeks pregnant with her first. I saw a new cot still in its box in the spare room.",
    "She has three children, aged 3, 6 and 11, who have lived with her mother in Walsall since 2023.",
    "Attended a 'young lad' who fell from scaffolding; patient is 24 with a broken wrist.",
    "REFERRAL from leaving care personal adviser, Children's Services. Care leaver Kai, 21.",
    "DIP driver stopped M1 J38, alone in veh, child seat in back left by prev hirer of car",
    "Female 6mths preg assaulted by partner, bruise to arm, lives alone",
    "Horse 'Kiddo' loose on A59, owner attending, no RTC",
    "Male caller says 'our kid's been stabbed'. 'our kid' is caller's older brother, Liam PRYCE, 34.",
    "Log originally read 'kids locked in car'. He said 'keys locked in car'. No persons inside the vehicle.",
])
def test_third_probe_non_children(text):
    assert not flagged(text)


def test_no_rtc_is_no_vehicle_theme():
    assert "unsafe_vehicle" not in screen("x3 goat kids loose on B6114, no RTC, no inj", None).indicators


@pytest.mark.parametrize("text, ages", [
    ("REFERRAL from manager, Little Acorns Day Nursery. A 3-year-old girl arrived with a bruise.", [3]),
    ("His nephew, who is in Y9 at Ysgol Aberaeron, was sitting on the wheel arch.", [13]),
    ("Her daughter, who is in Reception at St Anne's, was asleep in the front room.", [4]),
    ("CALL FROM JUV MALE APPROX 11 STATING HIS MUM 'WONT WAKE UP'.", [11]),
    ("2 X JUV PASS (MALE 15 AND MALE 16) DETAINED.", [15, 16]),
    ("RP says 'my lad is 15' and he was set on by a gang.", [15]),
    ("Caller says 'there's a little lad in the back, maybe 3, banging on the window'.", [3]),
    ("Victim 1 (IC4 female, DOB 15/07/2012, Year 8 pupil at Heathside School) was contacted.", [13]),
    ("SIBLING (DOB: 02/03/2021) ALSO LIVES AT ADDRESS.", [4]),
    ("He lives here w partner and her childern 3 of them all primary age.", [None, None, None]),
])
def test_more_age_shapes(text, ages):
    assert screen(text, "2025-10-07").ages == ages


def test_an_old_boys_network_is_no_child_but_a_year_old_girl_is():
    assert not flagged("Fraud among members of the old boys network at the golf club.")
    assert flagged("A 3-year-old girl was found wandering.")


# Fourth blind probe set (PPNs, DASH forms, RSO visits, CEOP referrals), session 3.
@pytest.mark.parametrize("text", [
    "DASH – HIGH. IP Tracy BELL (47). Q8 children in household N. IP's daughter (24) lives nearby. "
    "Q9 child contact N. MARAC referral.",
    "DASH – STANDARD. Children in household N. Pregnant N/A. Child contact N/A. Score 6.",
    "RSO visit. Lives alone. No contact with under-18s reported or observed.",
    "IP has two children who live full-time with their paternal grandmother in Leeds under an SGO.",
    "Children in household N. Victim's children from previous relationship (aged 10 and 13) live with "
    "their father in Kent.",
    "Online 'hunter' group alleged he arranged to meet a 14-year-old girl. The 'girl' was an adult "
    "decoy (aged 31) operating the profile; no real child involved.",
    "Subject (DOB 03/11/2006) has a youth worker from his time in care but is no longer supported by CSC.",
])
def test_forms_and_stings_are_no_child(text):
    assert not screen(text, "2025-02-10").safeguarding_check_required


def test_children_at_grandmothers_overnight_still_live_there():
    result = screen("His partner stated their two children, in Year 2 and Year 5 at the local primary, "
                    "live at the cottage but were at their grandmother's overnight.", "2024-12-05")
    assert result.safeguarding_check_required and result.ages == [6, 9]


def test_form_answers_in_indicators():
    result = screen("DASH summary. Injury N. Depressed/suicidal N. Drink Y. Threats N.", "2025-01-01")
    assert "physical_injury" not in result.indicators
    assert "mental_health" not in result.indicators
    assert "substance_misuse" in result.indicators


# Fifth blind probe set (officers' closing updates, keyword traps), session 3.
@pytest.mark.parametrize("text", [
    "Burglary non-dwelling at Tinker's Toy Shop. Boxed LEGO sets stolen. Shop closed and empty.",
    "IP's little boy lives full time with her parents in Stanley under an SGO and was not present.",
    "Complaint about underage drinking. All customers checked, no one under 18 present.",
    "Fraud against a childminder's business. 6 victims (all adults). No images of children used.",
    "Livestock on the road: three goats and two kids loose on the carriageway. Farmer attended.",
    "Neighbour complains about loud music. They are 4 uni students all aged 20-22.",
    "Occupants (both 70s) away for the week visiting grandchildren in Cornwall; back door jemmied.",
    "Fight at a baby shower. Mum-to-be (22 weeks) not involved. No children attended.",
    "IP says Webb punched him over a feud that goes back to when they were teenagers.",
])
def test_keyword_traps_are_no_child(text):
    assert not flagged(text)


def test_school_age_alone_is_a_child():
    assert flagged("Two males present, one adult, the other school-age and refused to give his name.")


def test_youth_shorthand_indicators():
    result = screen("Girl ID'd as missing from Wirral since that afternoon. Stopped, sober.", "2025-01-01")
    assert "missing" in result.indicators and "substance_misuse" not in result.indicators
    assert "domestic_abuse" not in screen("An ex business partner threatened to kidnap him over a debt.",
                                          None).indicators


# Sixth and seventh blind probe sets (terse CAD logs; ages only as DOBs or school years), session 3.
@pytest.mark.parametrize("text, ages", [
    ("Household: Gareth NUTTALL 05/07/1983, Lisa NUTTALL 11/02/1986, Olivia NUTTALL 14/09/2010, "
     "Noah NUTTALL 01/12/2014. Noah woke at 0300.", [14, 10]),
    ("Missing from home: Jayden OKAFOR, who starts secondary in September, failed to return.", [10]),
])
def test_household_lists_and_school_stages(text, ages):
    result = screen(text, "2024-12-23")
    assert result.safeguarding_check_required and result.ages == ages


@pytest.mark.parametrize("text", [
    "ASB: group of lads approx 12 on stag do, very drunk. Ages 25-35 per best man. One lad punched window.",
    "VIC Lee HALSALL 31 says 'our kid' got jumped - brother Dean HALSALL 28 kicked in head.",
    "Park warden reports tent pitched in kids play area. Play area closed early am, no children present.",
    "MOP reports baby left in parked car. Item in car seat is a reborn doll. Owner Jean PARFITT 62. "
    "No child involved.",
    "Her children live w/ RP full time since 2023 + were at his house throughout.",
    "RP reports 'kids' egging her house. CCTV IDd Josh KEMP 21, others his mates (20+).",
    "Moped rider Deliveroo lad Ahmed NOOR 26, fractured wrist.",
    "Minibus DRV had dropped all pupils off at Summerhill School, returning empty to depot.",
    "RP Maureen HASKETT 67 reports burglary. Kids grown up + moved away yrs ago. Sons old bedroom "
    "used as office.",
    "IP a Year 6 teacher was driving home alone after school when a van tailgated her.",
    "The couple's children, Adam (DOB 04/04/1993) and Claire (DOB 18/08/1996), moved out years ago.",
    "Students' DOBs checked: Tom BRAY 12/06/2004, Ravi MISTRY 05/01/2006. Neighbour says 'the kids "
    "next door' keep her awake.",
    "She discloses that her stepfather abused her from when she was in year 5 until she left home.",
    "A new child car seat taken from the boot; he had bought it as a gift for his sister's baby; he "
    "has no children.",
])
def test_sixth_and_seventh_probe_non_children(text):
    assert not screen(text, "2025-06-01").safeguarding_check_required


# Eighth and ninth blind probe sets (CAD logs corrected by later entries; phone-typed shorthand).
@pytest.mark.parametrize("text", [
    "0117 RTC. CALLER SAYS DRIVER STAGGERING, CHILD IN CAR CRYING / 0134 UPDATE: NOT A CHILD - ADULT "
    "PASSENGER 19, minor cut to hand / 0150 no other occupants.",
    "1655 CALLER REPORTS CHILD HIT BY CAR / 1704 UPDATE: AP IS ADULT, NOT A CHILD - DOB 14/02/2004.",
    "0105 DV - husband drunk, 17 yr old son present / 0125 UPDATE: son Ashley is 21 NOT 17 "
    "(DOB 04/02/2005), call handler error.",
    "RP reports son 'our little lad' Jamie BOOTHROYD (DOB 11/09/2002) not returned from pub.",
    "Bus had already dropped off all pupils, only driver on board.",
    "Craig's 2 children live with his ex in Hull, not involved.",
    "POSS KIDS IN BACK / DRIVER SOLE OCCUPANT, NFA RE CHILDREN.",
    "DA. IP approx 30 wks pregnant. No other chldrn, 1st bby due Sept.",
    "Nursery room (set up 4 bby) ransacked, cot broken. No chldrn yet, 1st due Aug.",
    "Theft of bike frm outside youth club. Owner Sam 24, volunteer youth wrkr.",
    "3 adults drinkin on kiddie swings. No kids about @ that hour.",
    "Her own kids r 30 + 28, neither had changed no.",
    "Baby on board sign on veh 2 - Karen says its her grandsons, not w/ them 2day. No chldrn in any veh.",
    "Charity tin (collection 4 kids hospice) taken frm counter.",
    "IP Jordan 25 says his 'bby' (modified Civic) stolen frm outside gym.",
    "Male 'looked about 16' per staff. ID'd as Ricky LOWE DOB 9/8/01. No u18 involved.",
    "Lives alone, 0 chldrn. Went voluntarily.",
    "Stacey has 3 kids but they live perm w/ their dad in Wales. No kids present or @ her adrs.",
])
def test_corrected_logs_and_shorthand_are_no_child(text):
    assert not screen(text, "2025-06-01").safeguarding_check_required


@pytest.mark.parametrize("text", [
    "Child in car. Update: not a child - a 19 year old; her toddler also in the car.",
    "Kids in the car crying. This is not a child protection matter says driver.",
    "Male states he lives alone. No kids here he says. Officers note small school shoes and a booster "
    "seat in the hallway.",
])
def test_corrections_and_claims_keep_real_children(text):
    assert screen(text, "2025-06-01").safeguarding_check_required


@pytest.mark.parametrize("text", [
    "MOTORIST REPORTS 'THREE KIDS WANDERING IN THE ROAD'. FARMER CONFIRMS THESE ARE GOAT KIDS FROM HIS "
    "SMALLHOLDING. ALL THREE GOATS PENNED.",
    "He heard an angle grinder at about 03:10 and saw two males running off. He lives with his wife.",
    "The hall hosts a children's playgroup on Saturday mornings; it had been locked and empty since Sunday.",
    "MALE SLEEPING ROUGH IN DOORWAY OF 'LITTLE FEET' CHILDREN'S SHOE SHOP, HIGH ST. MALE 50S.",
])
def test_final_blind_set_non_children(text):
    assert not screen(text, "2025-04-22").safeguarding_check_required


def test_evidence_for_a_name_then_a_date_of_birth_includes_the_name():
    result = screen("2215 DD STOP. DRIVER Darren HIRST 34 BT 71. REAR OCC: Olivia HIRST 14/09/2022 in child "
                    "seat, asleep.", "2026-11-26")
    assert "Olivia HIRST 14/09/2022" in [e.text for e in result.evidence]
