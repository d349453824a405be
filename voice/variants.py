"""Spelling and dialect variants, each mapped to the one English form the protocol's
phrases are written in (voice/normalize.py applies them to answers and phrases alike,
word for word, the longest first).

Contractions typed without an apostrophe, words run together, Scots, Jamaican
Patois, Nigerian Pidgin and Ghanaian English, Filipino, Singapore and Australian
English, a dropped final g or initial h, slang emphasis, and multi-word terms kept
whole so that a phrase does not find them ("BLOOD PRESSURE" is no bleeding, a "HOT
WATER BOTTLE" no fever). Each entry is an
interpretation of how patients write; add one here, never a special case in the code
that reads the answer.
"""

from __future__ import annotations

# Scots "no" after "be" is "not" ("ah'm NO sure", "it's NO right").
SCOTS_BE = (("i'm", "i'm"), ("ah'm", "i'm"), ("it's", "it's"), ("they're", "they're"),
            ("he's", "he's"), ("she's", "she's"))

# The subjects a dialect's verb form is rewritten after only ("it AY shifted").
SUBJECTS = ("i", "it", "he", "she", "they", "we")

# Words typed without their final g ("tinglin", "bleedin"): the ones patients use of
# their symptoms, each checked not to be another word without it.
DROPPED_G = (
    "ringing", "seeing", "getting", "tingling", "shivering", "jerking", "lying",
    "morning", "dragging", "feeling", "going", "coming", "hurting", "bleeding",
    "throbbing", "pounding", "banging", "thumping", "killing", "leaking", "puking",
    "spewing", "burning", "sweating", "shaking", "swelling", "oozing", "itching",
    "spinning", "buzzing", "stinging", "throwing", "vomiting", "boiling", "roasting",
    "freezing", "walking", "standing", "sitting", "sleeping", "waking", "peeing",
    "weeing", "wetting", "dripping", "pouring", "seeping", "weeping", "losing",
    "passing", "wobbling", "trembling", "working", "helping", "easing", "moving",
    "stabbing", "shooting", "running", "pulling", "breathing", "fainting", "aching",
    "paining", "nothing", "something", "anything", "everything", "doing", "having",
    "taking", "wearing", "keeping", "telling", "saying", "hearing", "whooshing",
    "swooshing", "rushing", "humming", "pulsing", "thudding", "pressing", "squeezing",
    "cramping", "twitching", "hammering", "pumping", "racing", "fluttering", "wheezing",
    "coughing", "sneezing", "splitting", "bruising")

# Variant -> canonical form (words; an empty form drops the words).
REWRITES: dict[str, str] = {
    "do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't",
    "are not": "aren't", "was not": "wasn't", "were not": "weren't",
    "have not": "haven't", "has not": "hasn't", "had not": "hadn't",
    "can not": "can't", "cannot": "can't", "could not": "couldn't",
    "will not": "won't", "would not": "wouldn't", "should not": "shouldn't",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "cant": "can't", "couldnt": "couldn't",
    "wont": "won't", "wouldnt": "wouldn't", "im": "i'm", "ive": "i've", "id": "i'd",
    "i am": "i'm", "i have got": "i've got", "youre": "you're", "theyre": "they're",
    "thats": "that's", "theres": "there's", "its": "it's", "it is": "it's",
    "theyve": "they've", "youve": "you've", "weve": "we've", "shes": "she's",
    "hes": "he's", "whats": "what's", "aint": "ain't", "shouldnt": "shouldn't",
    "dont no": "don't know", "i dont no": "i don't know", "wee bit": "little bit",
    "wee lump": "little lump", "wee bump": "little bump", "wee spot": "little spot",
    "wee mark": "little mark", "wee dot": "little dot", "wee scab": "little scab",
    "wee bruise": "little bruise", "wee while": "little while",
    # Scots, as typed ("ah cannae feel ma toes", "nae boakin").
    "sair": "sore", "nae": "no", "wi": "with", "heid": "head", "heid's": "head's",
    "cannae": "can't", "canna": "can't",
    "dinnae": "don't", "didnae": "didn't", "doesnae": "doesn't", "isnae": "isn't",
    "wasnae": "wasn't", "wouldnae": "wouldn't", "couldnae": "couldn't",
    "boakin": "throwing up", "boaking": "throwing up", "boked": "threw up",
    "boaked": "threw up",
    "there is": "there's", "that is": "that's", "they are": "they're",
    "head ache": "headache", "head aches": "headaches", "back ache": "backache",
    "pain killers": "painkillers", "pain killer": "painkiller",
    "ok": "okay", "o k": "okay", "yeh": "yeah", "yea": "yeah",
    "throwing-up": "throwing up", "gonna": "going to", "wanna": "want to",
    "finna": "going to", "fixing to": "going to",
    # An answer word quoted to take it back ("I WAS GOING TO SAY NO but actually...").
    "i was going to say no": "no", "i was gonna say no": "no", "i was about to say no": "no",
    "i was going to say yes": "yes", "i was gonna say yes": "yes",
    "temp": "temperature", "tylenol": "acetaminophen", "paracetamol": "acetaminophen",
    "centigrade": "celsius", "c": "celsius", "f": "fahrenheit",
    # Homophones a transcript (or a tired typist) gives: "i THROUGH up", the
    # dressing "SOCKED in blood"; "NO able to" (non-native "not able to").
    "through up": "threw up", "socked": "soaked", "no able": "not able",
    # Nigerian Pidgin negatives ("my legs NO DEY carry me", "i NO FIT hold am").
    "no dey": "don't", "no fit": "can't", "no gree": "won't", "no work": "doesn't work",
    "e no gree": "it won't", "e no dey": "it doesn't", "e no fit": "it can't",
    # "I CAN'T SEEM TO lift my foot" says what "i can't lift my foot" says.
    "can't seem to": "can't", "couldn't seem to": "couldn't", "don't seem to": "don't",
    "doesn't seem to": "doesn't", "didn't seem to": "didn't", "cannot seem to": "can't",
    # Negative concord with "hardly" ("i CAN'T HARDLY stand") says "can hardly".
    "can't hardly": "can hardly", "couldn't hardly": "could hardly",
    "can't barely": "can barely", "couldn't barely": "could barely",
    # "Ain't" with what it stands for ("my legs AIN'T WORKING", "i AIN'T GOT...").
    "ain't able": "not able", "ain't right": "not right", "ain't working": "not working",
    "ain't got": "haven't got", "ain't had": "haven't had", "ain't been": "haven't been",
    # British "nought" is the number zero ("NOUGHT, it doesn't hurt at all").
    "nought": "zero", "naught": "zero",
    # Radio and military speech: "a NINER", "thirty eight DECIMAL two".
    "niner": "nine", "decimal": "point",
    # Malay "tahan" (endure): "cannot TAHAN" is "can't bear" it.
    "tahan": "bear",
    # Northern English "nowt" and "owt" ("it's done NOWT for me").
    "nowt": "nothing", "owt": "anything",
    # "I can't feel anything WRONG" finds nothing wrong; it is no numbness.
    "can't feel anything wrong": "nothing wrong", "can't feel nothing wrong": "nothing wrong",
    "cannot feel anything wrong": "nothing wrong", "don't feel anything wrong": "nothing wrong",
    "can't see anything wrong": "nothing wrong", "can't see nothing wrong": "nothing wrong",
    # Bored or scared stiff is no stiffness.
    "bored stiff": "bored", "scared stiff": "scared",
    # Blood pressure, sugar, tests and thinners are no bleeding ("my BLOOD PRESSURE
    # is high", "i'm on BLOOD THINNERS").
    "blood pressure": "bloodpressure", "blood sugar": "bloodsugar",
    "blood sugars": "bloodsugars", "blood test": "bloodtest", "blood tests": "bloodtests",
    "blood thinner": "bloodthinner", "blood thinners": "bloodthinners",
    # Nor is a hot thing a hot patient ("two ibuprofen and a HOT WATER BOTTLE and
    # i'm right as rain"; feeling LIKE one is: concepts.yaml).
    **{f"hot {thing}": "hot" + thing.replace(" ", "") for thing in (
        "water bottle", "water bottles", "bath", "baths", "shower", "showers", "drink",
        "drinks", "tea", "pack", "packs", "compress", "flannel", "towel")},
    # A work shift is not pain that shifts ("the NIGHT SHIFT has my sleep all over").
    "night shift": "nightshift", "day shift": "dayshift", "late shift": "lateshift",
    "early shift": "earlyshift", "night shifts": "nightshifts",
    # Jamaican Patois ("MI HEAD A HURT MI bad": my head hurts me bad; "MI NUH know, MI
    # CYAAN see mi own back", "DI pain NUH go nowhere", "blood a run DUNG mi back").
    # "Mi" is "i" or "my": rewritten only where the next word says which.
    "mi head": "my head", "mi back": "my back", "mi leg": "my leg", "mi legs": "my legs",
    "a hurt mi": "hurts me", "a hurt": "hurts", "hurt mi": "hurt me", "likkle": "little",
    "mi nuh": "i don't", "mi cyaan": "i can't", "mi kyaan": "i can't",
    "nuh": "don't", "cyaan": "can't", "kyaan": "can't", "di": "the",
    "tek": "take", "pon": "on", "dung": "down", "nutten": "nothing", "inna": "in",
    "mi toe": "my toe", "mi toes": "my toes", "toe dem": "toes",
    # Scots "ah" (i), "ma" (my), "no" after a verb (not): "AH'M NO sure", "AH'VE NO
    # been able TAE pee", "AH WIS hot", "the back O MA knee". ("Ah" alone is a filler.)
    "ah'm": "i'm", "ah've": "i've", "ah'd": "i'd", "ah'll": "i'll", "ah wis": "i was",
    "ah wasnae": "i wasn't", "ah was": "i was", "ah did": "i did", "ah think": "i think",
    "ah took": "i took", "ah can": "i can", "ah had": "i had", "ah feel": "i feel",
    "ah felt": "i felt", "ah dinnae": "i don't", "ah didnae": "i didn't",
    "ah cannae": "i can't", "ah couldnae": "i couldn't", "ah havenae": "i haven't",
    "ma": "my", "wis": "was", "tae": "to", "doon": "down", "noo": "now", "oot": "out",
    "aboot": "about", "hoose": "house", "fower": "four", "arenae": "aren't",
    "havenae": "haven't", "hasnae": "hasn't", "hadnae": "hadn't", "willnae": "won't",
    "dinnae ken": "don't know", "ken": "know",
    **{f"{who} no": f"{canon} not" for who, canon in SCOTS_BE},
    # ... but "it's NO BETTER", "NO LONGER" are English as they stand.
    **{f"{who} no {what}": f"{canon} no {what}" for who, canon in SCOTS_BE
       for what in ("better", "worse", "different", "change", "good", "use", "longer",
                    "more", "help")},
    **{f"{who} no {done}": f"{canon} not {done}"
       for who, canon in (("i've", "i've"), ("ah've", "i've"))
       for done in ("been", "checked", "had", "got", "noticed", "felt", "seen", "looked",
                    "taken", "tried", "done", "managed")},
    # Jamaican Patois, further ("di right foot A SLEEP an it NAH wake up", "it A GET
    # WUS", "it still A KILL MI", "mi WET MISELF an mi NEVA feel it").
    "foot a sleep": "foot asleep", "leg a sleep": "leg asleep",
    "legs a sleep": "legs asleep", "it nah": "it won't", "nah stop": "won't stop",
    "nah wake": "won't wake", "nah move": "won't move", "nah ease": "won't ease",
    "nah go": "won't go", "nah work": "don't work", "nah wuk": "don't work",
    "nah help": "don't help", "nah do": "don't do", "pill dem": "pills",
    "tablet dem": "tablets", "a get": "getting", "wus": "worse", "a kill mi": "killing me",
    "a kill": "killing", "kill mi": "kill me", "miself": "myself", "neva": "never",
    "mi wet": "i wet", "mi tek": "i take", "mi neva": "i never", "mi bowel": "my bowel",
    "mi bowels": "my bowels", "mi foot": "my foot", "mi feet": "my feet",
    "mi eye": "my eye", "mi eyes": "my eyes", "mi neck": "my neck", "mi skin": "my skin",
    "mi body": "my body", "mi belly": "my belly", "mi stomach": "my stomach",
    "mi water": "my water", "still deh deh": "still there", "still deh": "still there",
    "a tremble": "trembling", "mi hot": "i'm hot", "hot hot": "really hot",
    "wid": "with", "foot dem": "feet", "leg dem": "legs", "bout": "about",
    "true true": "really",
    # Nigerian Pidgin and Ghanaian English further ("my legs DEY tremble", "my BELLE dey
    # turn", "i dey piss FOR BODY", "E reach eight"; "CHALE", "EII", "PAA", "ABEG"
    # are emphasis and address).
    "dey": "", "still dey": "still there", "belle": "belly", "for body": "on myself",
    "waka": "walk",
    "small small": "a little", "small small e go": "it's easing off",
    "mibbe": "maybe", "e": "it", "chale": "", "eii": "", "paa": "", "abeg": "",
    # Slang emphasis and asides ("BRUH it hurts so bad DEADASS", "NGL my head is
    # LOWKEY killing me", "NO CAP still there", "IDK").
    "bruh": "", "deadass": "", "ngl": "", "no cap": "", "lowkey": "kind of",
    "idk": "i don't know", "tho": "though", "cos": "because", "coz": "because",
    # "All good FEELING WISE": "-wise" says what about, and is no word of its own
    # (fuzzy, "feeling wise" was "feeling worse").
    "wise": "", "e dey": "it's",
    # Scots and Caribbean, further: "short O breath", "the back O MA knee", "a WEE
    # FIT", "MI A SEE double", "my heart beat FAST FAST", "STEUPS MEH tummy bad".
    "o breath": "of breath", "o ma": "of my", "back o": "back of", "bit o": "bit of",
    "top o": "top of", "wee fit": "fit", "wee spots": "little spots", "a see": "seeing",
    "fast fast": "very fast", "steups": "", "wha": "what", "yuh": "you", "doh": "don't",
    "feel nothing wrong": "nothing wrong", "e don": "it has", "don reduce": "reducing",
    "nuh mi good": "no i'm good", "nuh mi fine": "no i'm fine", "nuh mi okay": "no i'm okay",
    "nuh mi alright": "no i'm alright", "mi good": "i'm good", "mi fine": "i'm fine",
    **{f"meh {part}": f"my {part}" for part in (
        "skin", "tummy", "belly", "stomach", "head", "back", "leg", "legs", "foot",
        "feet", "body", "eyes", "neck")},
    # Filipino English: the politeness words ("OPO my legs are numb PO", "HINDI po"),
    # and "nosebleed" for a hard question ("NOSEBLEED PO all these questions"), not a
    # bleeding nose.
    "po": "", "opo": "yes", "hindi": "no", "naman": "", "talaga": "really", "na": "",
    "nosebleed po": "", "po nosebleed": "",
    # A change denied with "isn't" says what "not" says ("it ISN'T WORSE" is "not
    # worse", the same; "worse" alone would be read).
    **{f"isn't {c}": f"not {c}" for c in (
        "worse", "better", "any worse", "any better", "getting worse", "getting any worse")},
    # Singapore English: "PANG SAI" (open the bowels), "PANG JIO" (pass water).
    "pang sai": "pooed", "pang jio": "peed",
    # Two denials said together agree in nothing: "i'm NOT NOT weak", "i HAVEN'T NOT
    # noticed it" say a hedged yes, as a denied denial does (voice/double_negatives.py).
    # (A repeated "not" before an answer phrase is a stammer: "NOT NOT really".)
    "not not": "kind of", "not not really": "not really", "not not at all": "not at all",
    "haven't not": "have kind of", "hasn't not": "has kind of",
    "isn't not": "is kind of", "wasn't not": "was kind of", "aren't not": "are kind of",
    "don't not": "do kind of", "doesn't not": "does kind of", "didn't not": "did kind of",
    # ... but "NEVER NOT" is "always", no litotes: "i've NEVER NOT made it to the loo".
    "never not": "always",
    # Australian English: "had a SQUIZ" (a look), "CROOK in the guts" (sick).
    "squiz": "look", "crook in the guts": "sick in my stomach", "feeling crook": "feeling sick",
    # "I wet MESELF" (Irish and Northern English); "WORSE'N yesterday" (than).
    "meself": "myself", "worse'n": "worse than", "better'n": "better than",
    # Geordie: "ah DIVVENT think ah've had NEE fever".
    "divvent": "don't", "dinnet": "don't", "nee": "no", "knaa": "know",
    # ... and "us" for me: "me back's KILLING US" (round 38).
    "killing us": "killing me",
    # "They feel NUMBISH": a bit numb (round 38).
    "numbish": "a bit numb",
    # Bajan and Trinidadian, further ("i EN feel NUTTIN wrong", "MUH head", "i mess
    # MUHSELF"): "en" only after its subject (alone it is a word of other languages).
    "i en": "i ain't", "it en": "it ain't", "dey en": "they ain't", "dem en": "they ain't",
    "he en": "he ain't", "she en": "she ain't", "muh": "my", "muhself": "myself",
    "nuttin": "nothing", "cyan": "can't", "lil": "little",
    # Trinidad "CYAH" (can't); number words typed in a hurry.
    "cyah": "can't", "myslef": "myself", "fourty": "forty",
    "eigth": "eight", "thrity": "thirty", "hundrd": "hundred", "nintey": "ninety",
    # "a HUNNERT and two" (Southern US, Scots).
    "hunnert": "hundred", "hunner": "hundred", "hunnerd": "hundred", "undred": "hundred",
    # A banister spelled with two n's.
    "bannister": "banister", "bannisters": "banisters",
    # A dropped final g ("my ears are RINGIN", "SEEIN spots", "he was JERKIN").
    **{ing[:-1]: ing for ing in DROPPED_G},
    # A dropped h, typed with or without its apostrophe (Cockney, Brummie, Scouse,
    # Yorkshire: "me 'EAD'S killin me", "it 'URTS"), for the words that name a symptom
    # and are no other word without it ("ot" is the occupational therapist, not hot);
    # and "on me PINS" (on my feet; "my pins" alone may be pins and needles).
    "ead": "head", "eads": "heads", "eadache": "headache", "eadaches": "headaches",
    "urts": "hurts", "urt": "hurt", "urting": "hurting", "ospital": "hospital",
    # Bleeding in clinical words, as the noun the protocol lists ("it's HAEMORRHAGING").
    "haemorrhaging": "haemorrhage", "hemorrhaging": "hemorrhage",
    "haemorrhaged": "haemorrhage", "hemorrhaged": "hemorrhage",
    # The back of the throat is the throat ("dripping down THE BACK OF MY THROAT" is no
    # wet back); so of the head and the neck ("pain at THE BACK OF MY HEAD" is a
    # headache, not back soreness).
    **{f"{lead}back of {whose} {part}": f"{whose} {part}"
       for lead in ("", "the ") for whose in ("my", "the", "her", "his")
       for part in ("throat", "head", "neck")},
    # "Out the" for "out of the" ("couldn't get OUT THE bath ON ME OWN").
    "get out the": "get out of the", "got out the": "got out of the",
    "getting out the": "getting out of the", "on me own": "on my own",
    "on my pins": "on my feet", "on me pins": "on my feet", "on his pins": "on his feet",
    "on her pins": "on her feet",
    # Black Country "ay" (isn't, hasn't) and "day" (didn't), after a subject only ("it
    # AY shifted", "i DAY have one"; alone, "ay" may be "aye" and "day" is a day).
    **{f"{who} ay": f"{who} ain't" for who in SUBJECTS},
    **{f"{who} day {verb}": f"{who} didn't {verb}" for who in SUBJECTS
       for verb in ("have", "feel", "hurt", "bleed", "go", "know", "get", "think", "need")},
    # Normal as the yardstick of a change is no "normal" ("a degree WARMER THAN NORMAL",
    # "SEVENTY PERCENT OF NORMAL"); "it's normal", "STRONGER than normal" still are.
    **{f"{more} than normal": f"{more} than usual" for more in (
        "warmer", "hotter", "higher", "weaker", "worse", "more", "less", "lower",
        "heavier", "sorer", "bigger", "redder", "wetter", "often")},
    **{f"{part} of normal": f"{part} of usual" for part in (
        "percent", "per cent", "half", "a third", "a quarter", "a fraction")},
    "above normal": "above usual", "below normal": "below usual",
    # A pain "gone from" dull to something else has changed, not gone ("it's GONE FROM A
    # DULL thud to something sharp").
    "gone from a dull": "went from a dull", "gone from dull": "went from dull",
    # Hawaiian Pidgin: "shishi" (pee), "wen" before a verb (its past: "i WEN SHISHI DA
    # bed"); "da" only before a noun of this protocol (alone it is "yes" in Russian).
    "shishi": "pee", "wen pee": "peed", "wen shishi": "peed", "wen wet": "wet",
    "wen throw up": "threw up", "wen puke": "puked", "wen bleed": "bled",
    "wen fall": "fell", "wen faint": "fainted", "wen poo": "pooed",
    **{f"da {noun}": f"the {noun}" for noun in (
        "bed", "pain", "pills", "pill", "bandage", "plaster", "dressing", "spot",
        "back", "legs", "head", "toilet", "bathroom")},
    # "Sensibility" for feeling, from French, Italian and Spanish ("i have NO MORE
    # SENSIBILITY in my left leg"); Lancashire "mithering" is bothering.
    "sensibility": "feeling", "no more feeling": "no feeling",
    "no more sensibility": "no feeling",
    "mithering": "bothering",
    # French and Italian "pipi" is pee; "made pee" is peed ("i MADE PIPI in my pants").
    "pipi": "pee", "made pipi": "peed", "made pee": "peed", "make pipi": "pee",
    # "'Em" after a verb or "with" is them ("nowt wrong WI' 'EM"); alone "em" is a
    # pause, as "um".
    **{f"{lead} em": f"{lead} them" for lead in (
        "with", "wi", "of", "get", "feel", "move", "lift", "on", "in")},
    # Minutes told by number are a few minutes ("the tablets work wonders FOR ABOUT TEN
    # MINUTES": relief that wears off, like "for a few minutes").
    **{f"{lead} {n} minutes": "for a few minutes"
       for lead in ("for", "for about", "for maybe", "for only", "only for", "for like")
       for n in ("two", "three", "five", "ten", "eleven", "fifteen", "twenty", "thirty")},
    # "A fiver" is a five ("'bout A FIVER i'd say"), "nil" zero ("NIL mate").
    "a fiver": "a five", "nil": "zero",
    # A gesture told aloud, to a device that cannot see it ("mm mm, SHAKING MY HEAD").
    # (Only the patient's own: a carer's "he's SHAKING HIS HEAD" may answer something
    # else -- "pointing at his legs and shaking his head".)
    "shaking my head": "no", "nodding my head": "yes",
    # An aside inside a denial ("i have not TO MY KNOWLEDGE had a fever") leaves it one.
    "not to my knowledge": "not that i know of", "to my knowledge": "",
    # Light and noise that cannot be borne, not legs that cannot stand ("i CAN'T STAND
    # bright light").
    "can't stand the light": "can't bear the light", "can't stand light": "can't bear light",
    "can't stand bright light": "can't bear bright light",
    "can't stand the brightness": "can't bear the brightness",
    "can't stand the noise": "can't bear the noise", "can't stand noise": "can't bear noise",
    # "Deffo" is definitely ("DEFFO not"); Scots "it's went" is "it's gone".
    "deffo": "definitely", "defo": "definitely", "it's went": "it's gone",
    # Irish and Scots "grand" is fine ("it looks GRAND", "i'm GRAND").
    "grand": "fine",
    # "Cabin fever" is boredom, no fever ("it's just CABIN FEVER from lying here").
    "cabin fever": "boredom",
    # "Bloody" as a swear word is no blood: "BLOODY AWFUL headache mate".
    "bloody hell": "", "bloody awful": "awful", "bloody agony": "agony",
    "bloody legs": "legs", "bloody head": "head", "bloody headache": "headache",
    "bloody back": "back", "bloody sore": "sore", "bloody killing": "killing",
    "bloody painful": "painful", "bloody terrible": "terrible",
    "bloody horrible": "horrible", "bloody hurts": "hurts", "bloody well": "",
}
