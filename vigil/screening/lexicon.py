"""Word lists for the child screener, compiled once at import (see `fastre`).

The cue families and the hard cases they guard against come from
/work/shared/data/narratives/README.md ("Label definition", "Hard cases") and
/work/shared/docs/domain.md section A (A4 children in domestic abuse homes, A5 a child present at
a vehicle or premises). They describe police-log language in general (CAD shorthand, typos,
slang), never particular records. All term lists match lower-case text.
"""

import re

from vigil.screening.fastre import Terms

# Strong person words: on their own they say an under-18 is involved. Typos included.
CHILD_WORDS = Terms(
    r"children|childrens|childern|chidren|chilren|childen|chldren|childrn|chidlren|childeren|"
    r"chilldren|childrem|chn|chdn|chldrn|chdrn|chldren|kds|child|chld|chid|chlid|kids|kidz|kid(?!\s+(?:brother|sister|bro\b|sis\b))|kiddies|kiddie|kiddos?|"
    r"babies|baby(?!\s+(?:brother|sister|bro\b|sis\b))|babys|babie|babby|babbies|bby|infants?|new-?borns?|new\s+borns?|"
    r"toddlers?|todlers?|toddlars?|todlars?|toddelers?|tots?|juveniles?|juvs?|cyp|yp|y/p|youth|"
    r"youths|yths|young\s+(?:person|people|persons|boys?|girls?|lads?|child|children|kids?|carers?|"
    r"ones?|son|daughter|brother|sister|sons|daughters|siblings|family|families|mums?|"
    r"mothers?|'un|un)|youngsters?|teenagers?|teens?|teenaged|pre-?teens?|tweens?|"
    r"teenage\s+(?:boys?|girls?|sons?|"
    r"daughters?|lads?|mothers?|mums?|parents?|relationship|couple|friends?|victims?|"
    r"suspects?|males?|females?)|adolescents?|school\s?(?:boys?|girls?|child(?:ren)?|kids?|"
    r"pupils?|friends?)|pupils?|nippers?|sprogs?|bairns?|weans?|tykes?|little\s+ones?|"
    r"school[- ]age[d]?\s+(?:child|children|kids?|boys?|girls?)|school[- ]aged?|of\s+school\s+age|"
    r"little\s+(?:boy|girl|lad|brother|sister|'un|un)s?|wee\s+(?:one|boy|girl|lad|lassie)s?|"
    r"minors|(?:a|the|two|both|three)\s+minor(?=\s*(?:[,.;:)(]|$|\s+(?:who|was|is|and|aged|"
    r"in|at|on|with|from|being|under)\b))|pre-?school(?:ers?)?|sixth[- ]former|"
    r"foster\s+(?:child(?:ren)?|placements?|son|daughter)|looked[- ]after\s+child(?:ren)?|"
    r"new\s+baby|gave\s+birth|given\s+birth|cot\s+death|sudi|"
    r"unaccompanied(?:\s+asylum[- ]seeking)?\s+(?:child|minor)s?|uasc")
# Family relations: a child only if nothing says they are grown up.
RELATION_WORDS = Terms(
    r"sons?|daughters?|daugthers?|duaghters?|dauters?|daughers?|dghtrs?|dtrs?|dau|step-?sons?|step-?daughters?|step-?kids|"
    r"step-?children|grandsons?|granddaughters?|grandaughters?|grandkids|grandchildren|"
    r"grandchild|boys?|girls?|lads?|lass|lasses|lassies?|siblings?|"
    r"younger\s+(?:brothers?|sisters?|bro|sis)|little\s+(?:brothers?|sisters?|bro|sis)|"
    r"baby\s+(?:brothers?|sisters?)|twin\s+(?:brothers?|sisters?)|kid\s+(?:brothers?|sisters?)|"
    r"step-?(?:brothers?|sisters?)|dependants?|dependent\s+children|"
    r"(?:mother|mum|father|dad|parent)\s+of\s+(?:one|two|three|four|five|six|\d)")
# Things and routines that imply a child lives there or is present (README "Implicit presence").
ITEM_WORDS = Terms(
    r"travel\s+cots?|cots?|moses\s+baskets?|cribs?|nappy\s+bags?|nappies|nappy|nappys|diapers?|"
    r"push\s?chairs?|prams?|buggy|buggies|strollers?|high\s?chairs?|"
    r"child(?:'s|s)?\s+(?:car\s+)?seats?|baby\s+(?:car\s+)?seats?|kids?'?\s+(?:car\s+)?seats?|"
    r"infant\s+(?:car\s+)?seats?|booster\s+(?:seats?|cushions?)|toddler\s+seats?|todler\s+seats?|"
    r"car\s+seats?|bunk\s?beds?|toys?|school\s+uniforms?|school\s+bags?|book\s+bags?|"
    r"baby\s+(?:bottles?|milk|food|monitor|clothes|wipes|gates?|walker|bath|formula)|"
    r"formula\s+milk|stair\s+gates?|play\s?pens?|night\s?lights?|sippy\s+cups?|dummy|dummies|"
    r"changing\s+mats?|bottle\s+sterili[sz]er|"
    r"child(?:ren)?(?:'s|s'|')?\s+(?:clothes|clothing|drawings?|bikes?|shoes|books?|bedroom|room|"
    r"toys|scooters?|trainers)|kids?(?:'s|s'|')?\s+(?:clothes|clothing|drawings?|bikes?|shoes|"
    r"books?|bedroom|room|toys|scooters?|trainers)|small\s+(?:trainers|shoes|clothes|wellies)|"
    r"school\s+run|nursery\s+run|school\s+(?:pick|drop)[- ]?(?:up|off)|"
    r"nursery\s+(?:pick|drop)[- ]?(?:up|off)|babygrows?|"
    r"(?:at|from|to|after|before|leaving|left|missed|missing|attending|attend|attends|"
    r"skipping)\s+(?:school|nursery)|truanting\s+from\s+school|excluded\s+from\s+school|"
    r"walking\s+home\s+from\s+(?:school|nursery)|way\s+(?:home\s+)?(?:to|from)\s+"
    r"(?:school|nursery)|collected\s+from\s+(?:school|nursery)|picked\s+up\s+from\s+"
    r"(?:school|nursery)|not\s+in\s+school|reading\s+book|school\s+(?:reports?|books?|shoes)")
# Services and procedures used only for children (weak: they may follow an earlier mention).
SERVICE_WORDS = Terms(
    r"camhs|ceop|lado|encompass|early\s+help|youth\s+(?:justice|offending|diversion|bureau|"
    r"referrals?|court|team|prevention|services?|workers?)|yot|"
    r"children'?s'?\s+(?:social\s+care|services|social\s+services|social\s+worker|safeguarding|"
    r"home)|csc|child\s+protection(?:\s+(?:plan|conference|register|referral|medical))?|"
    r"police\s+protection|care\s+order|appropriate\s+adult|abe\s+interview|paediatric\w*|"
    r"paediatrician|health\s+visit(?:or|ing)|school\s+nurse|ewo|dsl|"
    r"return\s+home\s+interview|rhi|section\s+47\s+(?:enquir\w+|investigation|strategy|joint)|"
    r"s\.?\s?47\s+(?:enquir\w+|investigation|strategy|joint)|strategy\s+(?:meeting|discussion)|"
    r"child\s+abduction\s+warning|cawn|emergency\s+foster|foster\s+(?:care|carers?|placement)|"
    r"philomena|mash\s+referral|school\s+(?:safeguarding|liaison|police)|gcses?|"
    r"kinship\s+(?:carers?|care|placement)|special\s+guardian\w*|lac\s+review|"
    r"looked\s+after|cin\s+plan|cp\s+plan|cp\s+conference|child\s+in\s+need|"
    r"contact\s+(?:visit|handover|arrangements)|child\s+arrangements\s+order")

# Spans where child words do not mean a child (README: places, roles, pets, nicknames).
MASKS = Terms(
    r"child[- ]?mind(?:er|ers|ing)|babysit\w*|baby[- ]?sitt\w*|nanny|"
    r"child\s?care\s+(?:worker|provider|business|setting)|youth\s+(?:workers?|wrkrs?|wkrs?|leaders?)|"
    r"kiddie\s+(?:swings?|rides?|slides?|pool)|"
    r"nursery\s+(?:nurse|worker|teacher|manager|staff|assistant|school\s+teacher)|"
    r"school\s+(?:teacher|caretaker|staff|governor|transport|coach|holidays?|reception|"
    r"building|premises|site|grounds|gates?|field|car\s+park|closed)|"
    r"children'?s'?\s+(?:centre|center|hospital|ward|play\s*area|playground|park|charity|"
    r"entertainer|author|section|department|society|hospice|commissioner|book\s+shop|playgroups?|"
    r"shoe\s+shop|clothes\s+shop|clothing\s+(?:shop|store)|shop|store|boutique|wear)|"
    r"(?:parent|mum|mother)\s+and\s+toddler\s+groups?|toddler\s+groups?|"
    r"youth\s+(?:club|hostel|centre|center|clubs|hostels)|kids'?\s+(?:play\s*(?:area|park|ground)|hospice|swings?|rides?|slides?|club|clubs|"
    r"centre|center|zone|"
    r"kingdom|world|planet|corner|soft\s+play)|(?:roles?|work|working|jobs?|employment|positions?|"
    r"volunteering)\s+(?:involving|with)\s+(?:children|kids|young\s+people|minors)|"
    r"(?:dispute|argument|row|fight|fighting|falling\s+out)\s+over\s+a\s+(?:girl|boy)|"
    r"play\s+(?:area|park|ground|centre|center|equipment)|playing\s+(?:area|field)|playground|"
    r"soft[- ]play|skate\s?park|garden\s+(?:centre|nursery)|plant\s+nursery|"
    r"children\s+act|children\s+and\s+young\s+persons\s+act|protection\s+of\s+children\s+act|"
    r"child\s+(?:sex\s+offender\s+disclosure|abuse\s+investigation|exploitation\s+and\s+online"
    r"\s+protection)(?:\s+(?:scheme|unit|team))?|caiu|"
    r"indecent\s+(?:images?|photos?|photographs?|videos?|pseudo-photographs?|material)\s+of\s+"
    r"(?:a\s+)?(?:child|children|kids|minors)|iioc|csam|child\s+(?:sexual\s+)?abuse\s+"
    r"(?:images?|material|imagery)|"
    r"(?:understanding|functioning|level|capacity|behaves?|acts?|acting)\s+(?:of|like|as|at)\s+"
    r"(?:that\s+of\s+)?(?:a|an)\s+(?:young\s+|small\s+)?(?:child|kid|toddler|baby|"
    r"\d{1,2}[- ]year[- ]old)|like\s+(?:a|an)\s+(?:young\s+|small\s+)?(?:child|kid|toddler|"
    r"\d{1,2}[- ]year[- ]old)|mental\s+age\s+of\s+(?:a\s+)?\w+|"
    r"reading\s+age\s+of\s+(?:approx\.?\s+|about\s+|around\s+)?\w+|"
    r"as\s+a\s+(?:child|teenager|teen|juvenile|boy|girl|kid|baby|youngster|minor)|childhood|"
    r"when\s+(?:she|he|they|i|the\s+ip|ip|victim)\s+(?:was|were)\s+(?:aged\s+|a\s+|only\s+|"
    r"just\s+|about\s+|still\s+)?(?:\d{1,2}(?:\s*-\s*\d{1,2})?|children|child|teenagers|teenager|teens|kids|"
    r"young|little|small|at\s+school|in\s+school|in\s+(?:year|yr|y)\s?\d{1,2})|"
    r"from\s+(?:the\s+)?ages?\s+(?:of\s+)?\d{1,2}(?:\s+(?:to|until|-)\s+\d{1,2})?|"
    r"between\s+the\s+ages\s+of\s+\d{1,2}\s+and\s+\d{1,2}|since\s+(?:she|he)\s+was\s+\d{1,2}|"
    r"convicted\s+(?:in\s+\d{4}\s+)?(?:of|for)\s+[^.;]{0,90}|"
    r"previous\s+convictions?\s+for\s+[^.;]{0,60}|"
    r"contact\s+with\s+(?:any\s+)?(?:under[- ]18s|under\s+18s|child|children|minors?|persons?)(?:\s+under\s+"
    r"(?:the\s+age\s+of\s+)?\d+)?|access\s+to\s+(?:any\s+)?(?:child|children)|"
    r"goats?\s+(?:kids?|babies|baby)|(?:new-?born|new\s+born|baby|babby)\s+(?:pupp(?:y|ies)|"
    r"kittens?|lambs?|foals?|calf|calves|goats?|rabbits?|bunn(?:y|ies)|birds?|chicks?|animals?|"
    r"hedgehogs?|squirrels?|fox(?:es)?|seals?|pigs?|piglets?)|kids?\s+goats?|lambs?\s+(?:babies|baby)|fox\s+cubs?|"
    r"baby\s+(?:on\s+board|of\s+the\s+family|boomer|steps|face)|babyface|"
    r"toy\s+(?:shop|store|shops|stores|department|section|aisle|fair|warehouse)|"
    r"no\s+(?:images|photos|pictures)\s+of\s+(?:children|kids)|"
    r"our\s+kid(?!s)|(?:for|to|from)\s+(?:his|her|their|a)\s+(?:sister|brother|friend|neighbour|cousin|"
    r"colleague)(?:'s|s|’s)\s+(?:new\s+)?(?:baby|child|kids?|children|son|daughter)|baby\s+dolls?|reborn\s+(?:baby\s+)?dolls?|"
    r"dropped\s+(?:off\s+)?(?:all\s+|the\s+)*(?:pupils|children|kids)(?:\s+off)?|"
    r"(?:pupils|children|kids)\s+(?:were\s+)?dropped(?:\s+off)?|nfa\s+re\s+(?:the\s+)?(?:children|kids|child)|"
    r"boy\s+racers?|(?:the|an)\s+old\s+(?:boy|girl)|"
    r"old\s+(?:boy|girl)s?(?=['’]|\s+(?:network|reunion|club|association|of\b))|girls['’]?\s+(?:night|trip|holiday|weekend)|"
    r"boys['’]?\s+(?:night|trip|holiday|weekend)|lads['’]?\s+(?:night|trip|holiday|weekend)|"
    r"the\s+girls\s+from\s+(?:the\s+)?(?:office|work)|girls\s+from\s+(?:the\s+)?(?:office|work)|"
    r"school\s?girl\s+(?:costume|outfit)|dressed\s+as\s+a\s+school\s?girl|kid\s+gloves|"
    r"child\s+(?:locks?|proof)|child\s+(?:benefit|maintenance|tax\s+credits?)|"
    r"mr\.?\s+(?:child|kidd|young)|mrs\.?\s+(?:child|kidd|young)|ms\.?\s+(?:child|kidd|young)|"
    r"unborn(?:\s+(?:child|baby))?|infant\s+school|baby\s+shower|in\s+(?:his|her|their)\s+youth|"
    r"(?:dilated|pinpoint|pin-point|constricted|enlarged|glazed|unequal)\s+pupils?|"
    r"pupils?\s+(?:were\s+|was\s+|are\s+|appeared\s+)?(?:dilated|constricted|pinpoint|pin-point|"
    r"enlarged|glazed)|toy\s+(?:guns?|pistols?|rifles?|weapons?|boy)|"
    r"(?:golf|dune|beach|mobility)\s+buggy|dummy\s+(?:run|guns?|pistols?|phones?|devices?|"
    r"cameras?|packages?|parcels?|bombs?)|crash\s+test\s+dumm\w+|pre-?birth\s+\w+|pre-?natal\s+\w+|antenatal\s+\w+|"
    r"any\s+(?:child|children|kid|kids|minors?|pupils?)(?:\s+under\s+\d+)?|"
    r"every\s+(?:child|children|kid|kids|minors?|pupils?)(?:\s+under\s+\d+)?")
# Toys and clothes that are stolen, sold or donated say nothing about who lives somewhere.
THEFT_WORDS = frozenset(
    "stole stolen steal steals stealing theft took taken removing removed selling sell sold "
    "donated donation bought buying afford shoplifting shoplifted concealing concealed conceal "
    "shop store charity".split())
# Local negation just before a cue: "no children", "has no kids", "no staff or pupils".
NEGATORS = frozenset("no not never nil zero without neither nor non 0".split())
NEG_FILLERS = frozenset(
    "other young younger small little dependent dependant resident more such known any own longer "
    "supported by open involved "
    "biological actual further a an have has had having got be been were was is are with "
    "living live present reported under-18 school-age school-aged staff adult adults person "
    "persons people or and nor missing lost reports report of evidence record indication "
    "suggestion".split())
NEG_NOT_ADJ = frozenset(
    "the a an his her their my your our to of for with at in on by from let allow leave harm "
    "hurt see seen hear heard find found take taken sign trace that this".split())
# Form fields after the cue: "CYP: none", "CHILD(REN) IN ADDRESS Y/N: N", "U18S IN ADDRESS: NIL",
# "kids: n". A bare "n" counts only after a colon or "y/n" ("kids n mum" is "kids and mum").
NEG_AFTER = re.compile(
    r"(?:\((?:ren|s)\))?(?:\s+(?:in|at|on)\s+(?:the\s+)?(?:address|addr|house|household|property|"
    r"premises|vehicle|veh|car|scene)|\s+contact(?:\s+issues)?)?(?:\s+present)?"
    r"(?:\s*(?::|-|–|=|\?)?\s*(?:none|nil|no|n/?a|0|zero)\b(?!\s+(?:injur|concern))|"
    r"\s*(?:\(?y/n\)?\s*:?|:)\s*n\b|\s+n(?=\s*(?:[.,;)–-]|$)))")
NEG_BLOCKED = re.compile(r"\s+(?:were\s+|was\s+)?(?:injured|hurt|harmed|injuries|unhurt)")
# A whole-record statement that no child is involved or living there.
NO_CHILD_STATEMENT = Terms(
    r"lives?\s+(?:there\s+)?alone|living\s+alone|resides?\s+alone|lives?\s+on\s+(?:his|her|their)"
    r"\s+own|lives?\s+by\s+(?:him|her)self|lives?\s+at\s+the\s+(?:address|property|flat|house)\s+"
    r"alone|sole\s+(?:occupant|resident)|"
    r"no\s+(?:other\s+)?(?:occupants|persons?|people|one\s+else|residents|passengers)"
    r"(?!\s+(?:were\s+|was\s+)?(?:injured|hurt|harmed))|nobody\s+else|"
    r"only\s+[\w' ]{1,40}?\s+(?:live|lives|reside|resides|living)\s+(?:at|there|in)|"
    r"alone\s+in\s+(?:the\s+)?(?:car|vehicle|veh|van|flat|house|property|cab)|driving\s+(?:home\s+)?alone|"
    r"(?:driver|occupant|rider)\s+(?:was\s+)?(?:alone|the\s+sole\s+occupant)|"
    r"none\s+(?:of\s+them\s+)?(?:live|lives|reside|were\s+present|was\s+present|are\s+due)|"
    r"(?:all|both)\s+(?:\w+\s+){0,4}?(?:are|were|is)?\s*adults?|adults?\s+only|"
    r"adult\s+(?:occupants|passengers|residents|males|females|men|women|guests|workers|members)|"
    r"all\s+(?:aged\s+)?(?:over|above)\s+(?:18|eighteen)|all\s+(?:aged\s+)?(?:18|eighteen)\s*"
    r"(?:\+|or\s+over|and\s+over|or\s+older)|sole\s+occ|"
    r"childless|child-free|(?:two|2|three|3)\s+adults\s+(?:only|present|at\s+the\s+address|"
    r"live\s+there|reside)")
# "the kids are grown up", "adult daughter": relation words that point at adults.
ADULT_BEFORE = frozenset("adult grown grown-up grownup elderly middle-aged".split())
ADULT_AFTER = re.compile(
    r"\s*[,:]?\s*(?:who\s+)?(?:(?:are|were|is|was|now|all|r)\s+)?(?:all\s+|now\s+|both\s+|\d\s+|two\s+)?"
    r"(?:grown[- ]?up|grown|adults?|in\s+(?:his|her|their)\s+\d0s)\b")
# Children who live elsewhere and were not there (README hard case: IP's children elsewhere).
ELSEWHERE = Terms(
    r"visiting\s+(?:(?:their|his|her)\s+)?(?:grand\w+|sons?|daughters?|children|kids|family)\s+in\s+\w+|"
    r"lives?\s+(?:permanently\s+|perm\s+|full[- ]time\s+)?(?:(?:with|w/)\s+(?:their|there|thier|his|her)\s+"
    r"(?:paternal\s+|maternal\s+)?(?:father|dad|mother|mum|grandparents?|grandmother|grandfather|grandma|"
    r"grandad|nan|gran|parents|other\s+parent|aunt|auntie|uncle|foster\s+carers?|ex|ex-?partner|ex-?wife|"
    r"ex-?husband)|elsewhere|abroad|overseas|"
    r"away|in\s+(?:another|a\s+different))|lived\s+(?:with\s+(?:their|his|her)\s+(?:father|dad|"
    r"mother|mum)|elsewhere|abroad|overseas|away)|"
    r"(?:do|does|did)\s+not\s+live\s+(?:there|here|at|with)|"
    r"lives?\s+(?:with|w/)\s+(?:the\s+)?(?:rp|ex|ex-?husband|ex-?wife|ex-?partner)\b|none\s+(?:of\s+them\s+)?live|"
    r"(?:was|were)\s+adopted|where\s+(?:they|he|she)\s+(?:live|lives|usually\s+live)|"
    r"lives?\s+(?:in|at)\s+(?!(?:the|this|that|his|her|their|our|same|address|addr|house|flat|home|"
    r"property|premises|there|here)\b)\w+|"  # "lives in Hull", not "lives at the cottage"
    r"(?:are|is|were|was)\s+(?:at|with)\s+(?:their|his|her)\s+(?:mother|mum|father|dad|nan|"
    r"gran|grandparents?)(?:'s)?\s+(?:in|at|address|house|home)")
PRESENCE = Terms(
    r"present|witnessed|upstairs|asleep|in\s+the\s+(?:car|vehicle|house|flat|room|lounge|"
    r"bedroom)|stays?|staying|every\s+other\s+weekend|overnight\s+stays?",
    pre=r"(?<!not )(?<!never )(?<![a-z0-9])")
PREGNANCY = Terms(
    r"pregnan\w*|unborn|expecting\s+(?:a|her|their)\s+(?:baby|child|first)|gestation|"
    r"antenatal|ante-natal|midwi\w+|maternity|pre-?birth|baby\s+bump|scan|miscarr\w+|"
    r"weeks\s+gone|preg|no\s+(?:children|chldrn|kids)\s+yet|(?:1st|first)\s+(?:bby\s+|baby\s+|child\s+)?due|"
    r"set\s+up\s+(?:for|4)\s+(?:the\s+)?(?:baby|bby)|bby\s+(?:is\s+)?due|mum-to-be|mother-to-be|mum\s+to\s+be|expectant\s+mother|when\s+(?:it|its|it's|he's|she's|the\s+baby)\s*(?:is\s+)?born|"
    r"(?:baby|babby|child)\s+on\s+the\s+way|(?:baby|babby)\s+(?:is\s+)?due|"
    r"due\s+to\s+give\s+birth")
ANIMALS = Terms(
    r"animals?|livestock|lambs?|calf|calves|foals?|cubs?|piglets?|dogs?|cats?|kittens?|"
    r"pupp(?:y|ies)|fox(?:es)?|goats?|pets?|bulldogs?|terriers?|spaniels?|labradors?|rabbits?|"
    r"horses?|ponies|pony|parrots?|birds?|rspca|jack\s+russells?|cattle|sheep|hens|chickens?|pigs?")
# In a sentence about a pregnancy, signs that a baby is already born.
BORN = re.compile(
    r"\b(?:asleep|sleeping|crying|cried|awake|feeding|fed|in\s+(?:the|a|her|his|its)\s+(?:pram|"
    r"cot|buggy|pushchair|car\s+seat|highchair|arms)|(?:was|is|were)\s+(?:present|there|born)|"
    r"\d{1,2}[- ](?:month|week|day)s?[- ]old|nappy|nappies|upstairs)\b")
# "The animals are 6 weeks old", "puppies aged 8 weeks": an age that belongs to an animal.
ANIMAL_AGE = re.compile(
    r"\b(?:animals?|livestock|lambs?|calf|calves|foals?|cubs?|piglets?|dogs?|cats?|kittens?|"
    r"pupp(?:y|ies)|goats?|horses?|pon(?:y|ies)|rabbits?|pets?)\b(?:\s+\w+){0,2}\s*(?:are|is|were|"
    r"was|aged|\()?\s*$")
HEDGE_WORDS = frozenset("possible potential possibly whether concern case may could if".split())
CLAIM_WORDS = frozenset(
    "say says said state states stated claim claims claimed insist insists insisted maintain "
    "maintains denies denied told".split())
# "a child's birthday balloon": a possessive child word describing a thing.
POSSESSIVE_THING = re.compile(
    r"(?:'s|s'|’s)?\s+(?:birthday|party|parties|toys?|balloons?|books?|games?|clothes|clothing|"
    r"shoes?|presents?|gifts?|cards?|bikes?|scooters?|drawings?|things|stuff|items?|furniture|"
    r"tv|channel|programme|show|film|entertainer|menu|meal|portion|size|ticket|fare)\b")
# Case-sensitive patterns, run on the original text. Each starts with a character class so
# that `re` can skip quickly to the places worth trying.
QUOTE = re.compile(r"['\"‘“](?<!\w['\"‘“])((?:[^'\"‘’“”\n]|'(?=\w)|’(?=\w))*?)['\"’”](?!\w)")
# A sentence ends at ". " before a capital, digit or quote, or at line breaks. One leading
# class (not "a|b") lets `re` skip straight to the punctuation.
SENTENCE_END = re.compile(r"[.!?;\n](?:(?<=[.!?;])\s+(?=[A-Z0-9'\"(‘“])|(?<=\n)\n*)")
# Nicknames, checked around each quoted span: Jason 'the kid' BEVAN, known as 'Kid',
# 'the kids', as he calls his adult children.
NICK_BEFORE_NAME = re.compile(r"\b[A-Z][a-z]+\s+$")
NICK_BEFORE_ANIMAL = re.compile(
    r"\b(?:horse|pony|dog|puppy|cat|kitten|goat|mare|stallion|gelding|bitch|ram|ewe|bull|cow|parrot|"
    r"rabbit|tortoise|snake)\s+(?:called\s+|named\s+)?$", re.I)
# "his 'bby' (modified Civic)": a quoted word explained in brackets as a thing or an animal.
NICK_AFTER_PAREN = re.compile(r"\s*\((?:his|her|their|a|an|the|modified|old|new)\b", re.I)
NICK_AFTER_NAME = re.compile(r"\s+[A-Z]{2,}")
NICK_BEFORE_CALLED = re.compile(
    r"\b(?:known\s+(?:locally\s+)?as|nicknamed|aka|a\.k\.a\.?|calls?\s+(?:him|her|them|it|"
    r"the\s+\w+|(?:his|her|their)\s+\w+)|called|refers?\s+to\s+(?:him|her|them)\s+as)\s+$", re.I)
NICK_AFTER_CALLED = re.compile(
    r",?\s+as\s+(?:he|she|they|the\s+\w+|ip|owner|his\s+\w+|her\s+\w+)\s+"
    r"(?:\w+\s+)?(?:calls?|called|refers?\s+to|"
    r"referred\s+to|describes?|described)\b", re.I)
# Business names such as "Kids Kingdom" or "Little Acorns Nursery" are places.
PLACE_AFTER = re.compile(
    r"\s+(?:Kingdom|Club|Centre|Center|World|Zone|Nursery|Academy|Hospital|Play|Planet|Care|"
    r"Corner|Cove|Castle|Ltd|Trust|Charity|Society|Foundation|Den|Land|Farm|Nurseries|Hostel|"
    r"Court|Services?|Ward|Unit)\b")
# The same in an upper-case log, where capitals mark nothing: only nouns that name a business.
PLACE_AFTER_LOW = re.compile(
    r"\s+(?:kingdom|world|zone|planet|ltd|limited|academy|farm|castle|cove|land|toy\s+(?:store|shop))\b")
NURSERY_NAME = re.compile(r"[A-Z][a-z]+\s+Nurser(?:y|ies)\b")

# The lists scanned in one pass, in priority order: at the same position a mask beats a
# service or item, which beats a child word ("child seat" is an item, not a child).
CHILD_LISTS = [("mask", MASKS), ("no_child", NO_CHILD_STATEMENT), ("pregnancy", PREGNANCY),
               ("animal", ANIMALS), ("service", SERVICE_WORDS), ("item", ITEM_WORDS),
               ("child", CHILD_WORDS), ("relation", RELATION_WORDS)]
