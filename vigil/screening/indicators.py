"""Risk indicators: the 12-term vocabulary of /work/shared/data/narratives/README.md.

Each theme is a keyword pattern over police-log language (abbreviations such as DASH, MISPER,
PWITS, RTC, s.136 included). Indicators are independent of the child label (README: "adult-only
records carry them too"). A match is ignored when it is negated ("no injuries", "negative
breath test", "no weapons found").
"""

import re

from vigil.screening.fastre import Bundle, Doc, Terms, words_before

VOCABULARY = (
    "domestic_abuse", "substance_misuse", "neglect", "physical_injury", "sexual_harm",
    "exploitation", "missing", "online_harm", "mental_health", "weapons", "unsafe_vehicle",
    "homelessness",
)

_PARTNER = (r"partner(?<!business\spartner)|ex-?partner(?<!business\sex-partner)|ex(?!\s+(?:business|work|colleague|boss|employer|landlord|tenant|friend))|husband|wife|spouse|boyfriend|girlfriend|ex-?boyfriend|"
            r"ex-?girlfriend|ex-?husband|ex-?wife|fianc[ée]e?")
# Parent-to-child harm is recorded as child abuse, not DA (README: DA includes child-to-parent
# and sibling abuse), so a parent is a DA victim here but not a DA aggressor.
_AGGRESSOR = (rf"(?:{_PARTNER}|sons?|daughters?|grandsons?|granddaughters?|brothers?|sisters?|"
              r"siblings?|nephews?|bros)")
_VICTIM = rf"(?:{_PARTNER}|mother|mum|father|dad|parents?|brother|sister|nan|gran|grandmother|" \
          r"grandfather|sibling)"
_HARM = (r"(?:assault\w*|punch\w*|slap\w*|hit|hits|hitting|kick(?:s|ed|ing)?(?!\s+out)|push\w*|"
         r"shov\w*|grabb\w*|strangl\w*|chok\w*|headbutt\w*|threw|thrown|throwing|"
         r"threat\w*(?!\s+to\s+(?:jump|harm\s+\w+self|kill\s+\w+self|end))|abus\w*|attack\w*|"
         r"control(?:s|led|ling)|coerc\w*|harass\w*|stalk\w*|smash\w*|damage\w*|spat|bit|hurt|"
         r"locked\s+(?:her|him|them)\s+(?:out|in)|locking\s+(?:her|him|them)\s+out|violen\w*|"
         r"smack\w*|beat\w*|fight\w*|scrapping|brawl\w*|"
         r"demanding\s+money|(?:taking|took|stealing|stole|using)\s+(?:her|his|their)\s+"
         r"(?:money|wages|bank\s+card|card|pension|benefits|savings))")

# Domestic abuse is a keyword, or a family member or partner close to a harm verb.
DA_TERMS = Terms(
    r"dash|dara|marac|idvas?|dvpn|dvpo|dvds|hba|hbv|domestic|da[- ]related|coercive|controlling|"
    r"non[- ]fatal\s+strangulation|non[- ]?mol(?:estation)?|forced\s+marriage|honou?r[- ]based|"
    r"relationship\s+abuse|clare'?s\s+law|teenage\s+relationship|"
    r"ex-?(?:partner|boyfriend|girlfriend|husband|wife)")
DA_ABBREV = re.compile(r"DA\b(?<=\bDA)")
AGGRESSOR = Terms(_AGGRESSOR[3:-1])
HARM = Terms(_HARM[3:-1])
# "assaulted by her partner", "pushed by his son" (a parent is not a DA aggressor: see above).
BY_AGGRESSOR_AFTER = re.compile(rf"\s+(?:\w+\s+){{0,2}}?by\s+(?:(?:his|her|their|the)\s+)?{_AGGRESSOR}\b")
VICTIM_AFTER = re.compile(rf"\s+(?:\w+\s+){{0,2}}(?:his|her|their|on)\s+{_VICTIM}\b")  # "assault on partner"

PATTERNS: dict[str, Terms] = {
    "substance_misuse": Terms(
        r"cannabis|cocaine|heroin|crack|ketamine|mdma|ecstasy|spice|amphetamines?|methadone|"
        r"methamphetamine|meth|diazepam|valium|xanax|benzos?|nitrous(?:\s+oxide)?|"
        r"laughing\s+gas|in\s+drink|in\s+liquor|weed|skunk|coke|charlie|"
        r"drug(?<!running\sdrug)s?(?!\s+(?:debt|running|lines?))|narcotics?|intoxicated|drunk|"
        r"drinking|alcohol\w*|vodka|lager|wine|beer|cider|spirits|pints?|"
        r"under\s+the\s+influence|smell(?:ing|t|ed)?\s+(?:strongly\s+)?of\s+(?:alcohol|cannabis|"
        r"drink|intoxicants)|breath\s+test|breathalys\w+|drug\s+wipe|drink[- ]driv\w*|"
        r"drug[- ]driv\w*|pwits|wraps?|paraphernalia|needles?|syringes?|spik(?:ed|ing)|"
        r"overdose[ds]?|on\s+the\s+gear|high\s+on|hungover|substance\s+misuse|"
        r"snap\s+bags?|grinder|bongs?|grow|cultivation|cannabis\s+factory|drug\s+(?:habit|user|"
        r"use|dealing|supply|debt)|poppers|inhaling|canisters?|empty\s+(?:\w+\s+)?bottles|"
        r"bottles?\s+of\s+(?:vodka|wine|beer|spirits|cider)|intox|intox'?d|dd|d\s?&\s?d|"
        r"drunk\s+and\s+disorderly|breath\s+(?:reading\s+)?(?:of\s+)?\d{2,3}|using\s+again|"
        r"drinkin|on\s+the\s+ket|drink\s+y|drugs?\s+y|drink/drugs\s+y|alcohol\s+y|ket|dealin|dealing|suspected\s+od|(?:money|cash)\s+for\s+(?:drink|drugs|booze)|"
        r"drug\s+wipe\s+pos\w*|smells?\s+of\s+(?:weed|skunk|booze)"),
    "neglect": Terms(
        r"neglect\w*|self[- ]neglect|wilful\s+neglect|filthy|squal(?:id|or)|hoard\w*|no\s+food|"
        r"little\s+food|without\s+food|hungry|unkempt|soiled|nappy\s+rash|(?:dog|"
        r"animal)\s+(?:mess|faeces|excrement)|faeces|excrement|rotting|(?:covered|cluttered|"
        r"full|piles?|strewn|littered)\s+(?:in|with|of)\s+(?:\w+\s+)?rubbish|"
        r"rubbish\s+(?:everywhere|throughout|piled)|black\s+mould|damp|emaciated|malnourished|"
        r"underweight|lost\s+weight|(?:flat|house|home|room|"
        r"property)\s+(?:was\s+)?(?:very\s+)?cold|no\s+heating|no\s+working\s+(?:heating|cooker|"
        r"electric\w*)|no\s+electricity|poor\s+condition|(?:left|been|wandering)\s+alone|"
        r"home(?<!driving\shome)(?<!walking\shome)(?<!drove\shome)\s+alone(?!\s+with)|left\s+(?:unattended|unsupervised)|unsupervised(?!\s+contact)|"
        r"no\s+adults?\s+(?:present|nearby|around|with\s+(?:him|her|them)|supervising)|"
        r"not\s+collected|"
        # "child ... alone" is tried at every child word: the possessive `*+`/`++` (each is
        # followed by a class it cannot share characters with) only cut useless backtracking.
        r"(?:child|toddler|todler|baby|boy|girl|kid|"
        r"infant)\w*+(?:\s++[a-z0-9']++){0,5}?\s++(?<!live\s)(?<!lives\s)(?<!living\s)alone\b|"
        r"left\s+(?:the\s+)?(?:baby|child|kids?|children|toddler)\s+on\s+(?:its|his|her|their)\s+own|"
        r"failed\s+to\s+collect|young\s+carer|drunk\s+in\s+charge|within\s+reach\s+of|in\s+reach\s+of|"
        r"window\s+(?:ledge|restrictor)|exposed\s+(?:live\s+)?(?:cables|wires|wiring)|"
        r"live\s+cables|missed\s+(?:\w+\s+)?appointments|not\s+attended\s+school|"
        r"cruelty\s+\(neglect\)|no\s+cot|(?:baby|child|toddler)\s+left(?!\s+(?:in\s+the\s+care|"
        r"with))|dirty\s+(?:bottles|nappies|nappy|clothes)|unheated|barefoot|"
        r"nothing\s+in\s+(?:the\s+)?(?:fridge|cupboards)|(?:house|flat|home)\s+in\s+"
        r"(?:a\s+)?(?:bad|poor|terrible|awful)\s+state"),
    "physical_injury": Terms(
        r"injur(?:y|ies|ed)|bruis\w*|grazes?|grazed|grazing|lacerations?|fractur\w*|"
        r"broken\s+(?:nose|wrist|leg|arm|tooth|teeth|jaw|ribs?|ankle|bone|finger|hand|"
        r"collarbone|cheekbone)|black\s+eye|swollen|swelling|bleeding|nosebleed|bloody\s+nose|"
        r"stabbed|stabbing|stab\s+wounds?|wound(?:ed|s|ing)?|burns?\s+(?:to|on)|scald\w*|"
        r"red\s+marks?|scratch(?:es|ed)?|dog\s+(?:bite|attack)|bit\s+(?:him|her|them)|"
        r"treated\s+(?:at|in)\s+(?:hospital|a&e)|treated\s+for|"
        r"welts?|abrasions?|concussion|smoke\s+inhalation|bump\s+to|split\s+lip|bitten|"
        r"bite\s+marks?|cuts?\s+(?:to|on|above|below|inside)|(?:a|small|minor|deep|facial|"
        r"superficial|bad)\s+cuts?|cutting\s+(?:her|his)\s+(?:eyebrow|lip|head|face|hand)|"
        r"pain|redness|handprint|marks?\s+(?:to|on)\s+(?:her|his|the)|"
        r"fingertip[- ]pattern|head\s+injur\w*|seatbelt\s+bruising|walking\s+wounded|(?:glued|"
        r"stitches|stitched)|whiplash|smoke\s+inh\w*|hair\s+pulled\s+out|sore\s+(?:scalp|head|arm|neck|face|ribs|back)|"
        r"marks?\s+(?:to|on)\s+(?:f|m|ip|v|vic|victim)(?:'?s)?\s+(?:neck|face|arm|arms|throat|wrists?)|"
        r"cut\s+(?:his|her)\s+(?:own\s+)?(?:hand|arm|head|face|finger)|(?:punched|slapped|kicked|headbutted)\s+(?:him|her|them|me|"
        r"(?:the\s+)?(?:ip|v|vic|victim))\b|(?:punched|slapped|kicked)\s+in\s+(?:the\s+)?(?:face|head)|"
        r"strangled|choked|"
        r"stab\s+wound|cut\s+lip|cut\s+to"),
    "sexual_harm": Terms(
        r"sexual\w*(?!\s+orientation)|sexually|rape[ds]?|raping|indecent\w*|expos(?:ed|ing|es)\s+(?:him|"
        r"her)self|exposure|iioc|voyeur\w*|upskirt\w*|cyberflash\w*|intimate\s+(?:images?|"
        r"photos?|photographs?|videos?)|nudes?|nude\s+(?:images?|photos?|pictures?)|"
        r"explicit\s+(?:images?|memes|photos?|videos?|messages|content)|sextortion|cse|grooming|"
        r"groomed|sarc|isva|shpo|sho|rso|mosovo|sex\s+offen\w+|bad\s+touching|masturbat\w*|"
        r"genitals?|touched\s+(?:her|his|him)\s+(?:\w+\s+)?(?:thigh|breasts?|groin|bottom|waist|"
        r"chest|private)|grabbed\s+her\s+(?:bottom|breasts?|between)|hand\s+down\s+her|"
        r"under\s+her\s+skirt|pornograph\w*|revenge\s+porn|s\.?\s?66[ab]?|s\.?\s?67a?|"
        r"soa\s+2003|underwear|self-generated|without\s+(?:his|her)\s+top\s+on|asked\s+for\s+(?:hers|his|nudes|"
        r"pics|photos|images)|filming\s+(?:children|kids|girls|boys|young)|in\s+(?:their\s+)?swimwear"),
    "exploitation": Terms(
        r"exploit\w*|cce|cse|county\s+lines|cuckoo\w*|traffick\w*|modern\s+slavery|nrm|"
        r"money\s+mules?|mule|glaa|debt\s+bondage|deal\s+line|running\s+drugs|older\s+(?:males?|"
        r"men|man|boys?)\s+(?:directing|pays?|paying|told|who)|told\s+to\s+do\s+it\s+by|"
        r"passports?\s+(?:held|taken|kept)|drugs?\s+debt|forced\s+(?:labour|to\s+work)|"
        r"owes?\s+money\s+to\s+the\s+people|facilitation|clandestine|stowaways?|(?:hidden|found|"
        r"concealed)\s+in(?:side)?\s+(?:the\s+|a\s+)?(?:back\s+of\s+(?:the\s+|a\s+)?)?(?:lorry|"
        r"trailer|container)|from\s+the\s+trailer|unaccompanied\s+asylum|uasc|pays?\s+him|"
        r"use\s+his\s+account|proxy\s+purchase|burner\s+phones?"),
    "missing": Terms(
        r"misper|missing\s+(?:person|child|episode|episodes|girl|boy|teen\w*)|"
        r"missing\s+from\s+(?:home|care|school|hospital|(?:the\s+|his\s+|her\s+|their\s+|"
        r"a\s+)?(?:ward|placement|home|care\s+home|children'?s'?\s+home|foster\s+\w+|unit|hostel))|"
        r"reported\s+(?:him|her|them)\s+missing|missing\s+since|as\s+missing|"
        r"(?:not|n't|hadnt|hasnt|never)\s+(?:come|came|got)\s+(?:back|home)|got\s+lost|"
        r"lost\s+in\s+(?:the\s+)?(?:mist|fog|woods|forest|hills|crowd)|not\s+been\s+seen\s+since|"
        r"found\s+safe|(?:hasnt|hasn't|not|never)\s+(?:brought|"
        r"returned)\s+(?:\w+\s+){0,2}?back|"
        r"(?:reported|been|gone|going|go|went|is|was|were)\s+missing|awol|abscond\w*|"
        r"failed\s+to\s+(?:return|arrive)|did\s+not\s+return|not\s+returned|lost\s+child|"
        r"wandering|abduct\w*(?!\s+warning)|(?:child|toddler|todler|boy|girl|"
        r"kid)\w*+\s++(?:\w++\s++)?walking\s+alone|"  # possessive: see "child ... alone"
        r"philomena|whereabouts\s+unknown|"
        r"taken\s+(?:their|his|her|the)\s+(?:daughter|son|child|children|kids?)\s+(?:from|without)|"
        r"return\s+home\s+(?:interview|conversation)|prevention\s+interview|"
        r"safe\s+and\s+well\s+check|walked\s+out\s+of|separated\s+from\s+(?:his|her|"
        r"their)\s+(?:family|parents?|mum|dad)"),
    "online_harm": Terms(
        r"online|internet|social\s+media|facebook|instagram|snapchat|snap\s+map|tiktok|whatsapp|"
        r"discord|telegram|twitter|youtube|twitch|roblox|fortnite|tinder|hinge|grindr|onlyfans|"
        r"airdrop|dating\s+(?:app|site|sites|apps|website)|online\s+game|webcam|dms?|linkedin|"
        r"reddit|vinted|ebay|gumtree|marketplace|viber|kik|omegle|yubo|bumble|twitch|"
        r"direct\s+messages?|group\s+chats?|ceop|sextortion|cyber\w*|phishing|website|on\s+x\b|"
        r"messaged\s+(?:her|him|them)\s+\d+|(?:abusive|threatening|explicit|sexual|malicious|"
        r"offensive|racist|nasty|horrible|anonymous|unwanted|inappropriate|intimate)"
        r"\s+(?:\w+\s+)?(?:messages|texts|dms|emails)|screenshots?|fake\s+(?:profiles?|"
        r"accounts?)|uploads?|uploaded|posted|posting|shared\s+(?:a|the|an)\s+(?:nude|image|"
        r"photo|video)|scam|romance\s+fraud|hi\s+mum|hi\s+dad|iioc|self-generated|"
        r"nude\s+image|insta|fb|messenger|"
        r"gaming\s+(?:platform|site|chat)"),
    "mental_health": Terms(
        r"mental\s+health|mh|s\.?\s?136|section\s+136|s\.?\s?135|section\s+135|mha|"
        r"mental\s+health\s+act|sectioned|crisis\s+(?:team|line)|camhs|self[- ]harm\w*|"
        r"suicid\w*|want(?:ed|s)?\s+to\s+die|end\s+(?:his|her|my|their)\s+life|kill\s+(?:him|"
        r"her|my|them)sel(?:f|ves)|harm\s+(?:him|her)self|paracetamol|(?:taken|took|swallowed|"
        r"overdose\s+of)\s+(?:approx\w*\.?\s+)?(?:\d+\s+)?(?:\w+\s+)?tablets|"
        r"jump(?:ing)?\s+(?:off|from)|threatening\s+to\s+jump|talked\s+down|"
        r"wrong\s+side\s+of\s+the\s+railings|psychosis|psychotic|paranoi\w*|hallucinat\w*|"
        r"hearing\s+voices|voices\s+told|depress\w*|low\s+(?:in\s+)?mood|anxiety|agoraphobi\w*|"
        r"postnatal|perinatal|bipolar|schizophren\w*|personality\s+disorder|can'?t\s+go\s+on|"
        r"couldn'?t\s+cope|panic\s+attack|street\s+triage|amhp|place\s+of\s+safety|"
        r"cutting\s+(?:her|him)self|cut\s+(?:her|him)self|cuts\s+to\s+(?:her|his)\s+wrists|"
        r"razor|acting\s+weird|mi5|distressed\s+and\s+stating"),
    "weapons": Terms(
        r"knife|knives|blade(?<!razor\sblade)s?|bladed|machetes?|swords?|axes?|hammers?|(?:baseball|"
        r"cricket|wooden|metal)\s+bats?|(?:wooden|metal)\s+clubs?|bats?\s+(?:recovered|seized)|firearms?|"
        r"guns?|handguns?|pistols?|rifles?|shotguns?|bb\s+(?:gun|pistol)|air\s+(?:rifle|pistol|"
        r"gun)|imitation\s+firearm|ammunition|rounds\s+of|knuckle[- ]?dusters?|crossbows?|"
        r"offensive\s+weapons?|weapons?|samurai|zombie|stabbed|stabbing|shooting|shot\s+at|"
        r"taser\w*\s+(?:stolen|found|seized)|screwdriver\s+(?:as|to)|acid\s+attack|"
        r"noxious\s+substance|pellets?"),
    "unsafe_vehicle": Terms(
        r"rtc|rta|collision|collided|crash(?:ed|es)?|drink[- ]driv\w*|drug[- ]driv\w*|"
        r"driving\s+whilst\s+(?:unfit|disqualified)|disqualified\s+(?:driver|until)|"
        r"dangerous(?:ly)?\s+driv\w*|careless\s+(?:driving|riding)|due\s+care|fail(?:ed|"
        r"s)?\s+to\s+stop|pursuit|pursued|erratic\w*|speeding|too\s+fast|at\s+speed|"
        r"excess\s+(?:alcohol|speed)|(?:no|none\s+in)\s+(?:child|car|booster)\s+seats?|"
        r"not\s+restrained|unrestrained|seat\s?belt|on\s+(?:their|her|his)?\s*laps?|"
        r"sat\s+on\s+laps|overloaded|occupants\s+in\s+a\s+\w+-seat|"
        r"hit\s+a\s+(?:lamp\s?post|wall|tree|parked)|clipped|mounted\s+the\s+kerb|"
        r"left\s+the\s+road|struck\s+by\s+(?:a|the)\s+(?:\w+\s+){0,2}(?:car|van|vehicle|lorry|"
        r"bus|hgv|taxi)|lane\s+drifting|drifting\s+across|tachograph|"
        r"fail(?:ed)?\s+(?:a\s+)?(?:roadside\s+)?(?:breath|drug)\s+test|road\s+rage|tailgat\w*|"
        r"off-road\s+(?:motor)?bikes?|no\s+helmets?|lost\s+control|reversed\s+(?:out\s+of|into)|"
        r"shunt|rear-ended|clocked|on\s+its\s+roof|at\s+(?:the\s+)?wheel|doughnuts|overturned|rolled\s+over|"
        r"\d{2,3}\s+(?:mph\s+)?in\s+(?:a\s+)?\d{2}\s+(?:mph\s+)?(?:zone|limit)|hit\s+and\s+run|unfit\s+through\s+drugs|dd|"
        r"breath\s+(?:reading\s+)?(?:of\s+)?\d{2,3}|drug\s+wipe\s+pos\w*|"
        r"failed\s+(?:a\s+)?(?:roadside\s+)?drug\s+wipe|drove\s+off\s+(?:with|w/)|"
        r"in\s+the\s+footwell|veh\s+into|car\s+into|into\s+(?:a\s+)?(?:hedge|wall|ditch|tree)"),
    "homelessness": Terms(
        r"homeless\w*|rough\s+sleep\w*|sleeping\s+rough|sofa[- ]surf\w*|(?:living|sleeping|"
        r"lives|slept)\s+in\s+(?:his|her|their|a)\s+(?:\w+\s+)?(?:car|van|tent|doorway|"
        r"stairwell|shed)|sleeping\s+in\s+(?:the\s+)?(?:stairwell|doorway)|tent\s+under|"
        r"night\s+shelter|homeless\s+hostel|hostel\s+for\s+homeless|emergency\s+accommodation|"
        r"evicted|eviction|lost\s+(?:his|her|their)\s+tenancy|no\s+fixed\s+abode|"
        r"severe\s+weather\s+(?:bed|provision)|swep|housing\s+options|"
        r"sleeping\s+on\s+a\s+friend'?s\s+sofa|kicked\s+out|staying\s+with\s+friends|"
        r"out-of-hours\s+housing|sleeping\s+in\s+a\s+(?:tent|car|van)|"
        r"(?:lives?|living|staying)\s+(?:in|at)\s+(?:a\s+)?(?:homeless\s+)?hostel|nfa\s+(?:male|female)"),
}
# Negation just before a match: "no injuries", "negative breath test", "not intoxicated".
_NEG = frozenset("no not nil negative without never nor denies denied deny zero".split())
_NEG_OF = frozenset("sign signs evidence reports report".split())
_PASSIVE = (["been"], ["was"], ["were"], ["being"], ["got"], ["is"], ["are"])  # [last word]
# Also form answers: "Injury N.", "Q1 injury N", "Weapons: N", "Drugs (Y/N): N", "Depressed/suicidal N".
NEG_AFTER = re.compile(r"\s*(?:test\s+)?(?:was\s+|were\s+)?(?:negative|nil|none|not\s+found)\b|"
                       r"(?:/[a-z]+)*(?:\s+n(?=\s*(?:[.,;)–-]|$))|\s*(?:\(?y/n\)?)?\s*:\s*n\b)")
_SKIP_NEG = {"neglect", "unsafe_vehicle"}  # "no food", "no child seat" are themselves the theme
# "possible grooming", "risk of CSE": a worry, not a finding (exploitation keeps these, as the
# README counts CSE/CCE risk as exploitation).
_HEDGE = frozenset("possible potential possibly query".split())
_HEDGED = {"sexual_harm", "missing", "weapons"}


def _negated(low: str, s: int, e: int) -> bool:
    # NEG_AFTER can only match where the next word starts with n, t or w ("" if it is far
    # off or at the end): testing that first saves most regex calls.
    if low[e:e + 8].lstrip()[:1] in "ntw:(/" and NEG_AFTER.match(low, e):
        return True
    w = low[max(0, s - 30):s]
    # Most matches have no negation in sight. Written out, these `in` tests are cheaper than
    # a loop or a regex.
    if not ("no" in w or "nil" in w or "neg" in w or "never" in w or "without" in w
            or "den" in w or "zero" in w or "like" in w or "free" in w or "appeared" in w):
        return False
    w = words_before(low, s, 30)[-4:]
    if not w:
        return False
    if w[-1] in _NEG or (len(w) > 1 and w[-2] in _NEG):  # "no injuries", "no visible injury"
        return True
    if len(w) > 2 and w[-3] in _NEG and w[-1] == "and":  # "negative breath and drug tests"
        return True
    if w[-1] == "of" and len(w) > 2 and w[-2] in _NEG_OF and w[-3] == "no":
        return True  # "no signs of", and with one word after: "no reports of any"
    if len(w) > 3 and w[-2] == "of" and w[-3] in _NEG_OF and w[-4] == "no":
        return True
    return w[-2:] in (["looked", "like"], ["free", "of"]) or w[-3:] == ["appeared", "to", "be"]


def _hedged(low: str, s: int) -> bool:
    w = words_before(low, s, 40)[-4:]
    if not _HEDGE.isdisjoint(w[-3:]):
        return True
    pairs = list(zip(w, w[1:], strict=False))
    return ("risk", "of") in pairs or any(a.startswith("concern") and b in ("re", "of", "about",
                                          "regarding") for a, b in pairs)


def _domestic(doc: Doc, hits: dict[str, list[tuple[int, int]]]) -> bool:
    low = doc.low
    if any(not _negated(low, s, e) for s, e in hits.get("da", ())) or DA_ABBREV.search(doc.text):
        return True
    harms = [(s, e) for s, e in hits.get("harm", ()) if not _negated(low, s, e)]
    if any(VICTIM_AFTER.match(low, e) or BY_AGGRESSOR_AFTER.match(low, e) for _, e in harms):
        return True
    for _, a_end in hits.get("aggressor", ()):  # "her son ... punched her"
        for s, e in harms:
            if a_end <= s <= a_end + 80 and "." not in low[a_end:s] and ";" not in low[a_end:s] \
                    and not _passive(low, s, e):
                return True
    return False


def _passive(low: str, s: int, e: int) -> bool:
    """ "her son has been assaulted": there the family member is the victim."""
    return words_before(low, s, 12)[-1:] in _PASSIVE and not low[s:e].split()[0].endswith("ing")


def find_indicators(doc: Doc, hits: dict[str, list[tuple[int, int]]] | None = None) -> list[str]:
    """The sorted indicator names the text shows. `hits` may come from a larger `Bundle`
    that includes INDICATOR_LISTS."""
    low = doc.low
    if hits is None:
        hits = BUNDLE.scan(low)
    found = ["domestic_abuse"] if _domestic(doc, hits) else []
    for name in PATTERNS:
        for s, e in hits.get(name, ()):
            if (name not in _SKIP_NEG or low.startswith(("rt", "coll", "crash"), s)) and _negated(low, s, e):
                continue
            if name in _HEDGED and _hedged(low, s):
                continue
            found.append(name)
            break
    return sorted(found)


INDICATOR_LISTS = [*PATTERNS.items(), ("da", DA_TERMS), ("aggressor", AGGRESSOR), ("harm", HARM)]
BUNDLE = Bundle(INDICATOR_LISTS)
