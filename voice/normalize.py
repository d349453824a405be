"""Text normalisation shared by answers and protocol phrases.

Both sides go through the same function, so a phrase written "do not have" in
intents/ matches a recogniser's "don't have" and a typed "dont have". The result looks
like vosk output: lowercase words, no punctuation, numbers as words, contractions
with apostrophes ("i'm", "can't"). Sentence punctuation in typed text becomes a
boundary token "." so that negation does not reach across sentences.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BREAK = "."

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# Scots "no" after "be" is "not" ("ah'm NO sure", "it's NO right").
_SCOTS_BE = (("i'm", "i'm"), ("ah'm", "i'm"), ("it's", "it's"), ("they're", "they're"),
             ("he's", "he's"), ("she's", "she's"))

# Words typed without their final g ("tinglin", "bleedin"): the ones patients use of
# their symptoms, each checked not to be another word without it.
_DROPPED_G = (
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
    "taking", "wearing", "keeping", "telling", "saying")

# Multi-word and spelling variants mapped to one canonical form (applied to words).
_REWRITE: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(k.split()): tuple(v.split())
    for k, v in {
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
        "temp": "temperature", "tylenol": "acetaminophen", "paracetamol": "acetaminophen",
        "centigrade": "celsius", "c": "celsius", "f": "fahrenheit",
        # Homophones a transcript (or a tired typist) gives: "i THROUGH up", the
        # dressing "SOCKED in blood"; "NO able to" (non-native "not able to").
        "through up": "threw up", "socked": "soaked", "no able": "not able",
        # Nigerian Pidgin negatives ("my legs NO DEY carry me", "i NO FIT hold am").
        "no dey": "don't", "no fit": "can't", "no gree": "won't",
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
        "tek": "take", "pon": "on", "dung": "down",
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
        **{f"{who} no": f"{canon} not" for who, canon in _SCOTS_BE},
        # ... but "it's NO BETTER", "NO LONGER" are English as they stand.
        **{f"{who} no {what}": f"{canon} no {what}" for who, canon in _SCOTS_BE
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
        "nah go": "won't go", "a get": "getting", "wus": "worse", "a kill mi": "killing me",
        "a kill": "killing", "kill mi": "kill me", "miself": "myself", "neva": "never",
        "mi wet": "i wet", "mi tek": "i take", "mi neva": "i never", "mi bowel": "my bowel",
        "mi bowels": "my bowels", "mi foot": "my foot", "mi feet": "my feet",
        "mi eye": "my eye", "mi eyes": "my eyes", "mi neck": "my neck", "mi skin": "my skin",
        "mi body": "my body", "mi belly": "my belly", "mi stomach": "my stomach",
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
        # A dropped final g ("my ears are RINGIN", "SEEIN spots", "he was JERKIN").
        **{ing[:-1]: ing for ing in _DROPPED_G},
        # Irish and Scots "grand" is fine ("it looks GRAND", "i'm GRAND").
        "grand": "fine",
        # "Bloody" as a swear word is no blood: "BLOODY AWFUL headache mate".
        "bloody hell": "", "bloody awful": "awful", "bloody agony": "agony",
        "bloody legs": "legs", "bloody head": "head", "bloody headache": "headache",
        "bloody back": "back", "bloody sore": "sore", "bloody killing": "killing",
        "bloody painful": "painful", "bloody terrible": "terrible",
        "bloody horrible": "horrible", "bloody hurts": "hurts", "bloody well": "",
    }.items()
}
_REWRITE_MAX = max(len(k) for k in _REWRITE)
_REWRITE_FIRST = {k[0] for k in _REWRITE}


def number_words(n: int) -> str:
    """0 <= n < 1,000,000 as words, the way it is said ("one hundred one")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")
    return " ".join(_ONES[int(d)] for d in str(n))


def _spell_number(match: re.Match[str]) -> str:
    whole, _, frac = match.group(0).partition(".")
    words = number_words(int(whole))
    if frac:
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    return f" {words} "


_DEGREES = re.compile(r"°\s*([cf])\b|℃|℉")
_OUT_OF = re.compile(r"(\d)\s*/\s*(\d)")
# "Fiveish", "7ish": the number, roughly ("five-ish" already splits at the hyphen).
_ISH = re.compile(r"\b(\d+|" + "|".join(w for w in (*_ONES, *_TENS, "hundred") if w) + r")ish\b")
_RANGE = re.compile(r"(\d)\s*[-–]\s*(\d)")
_DECIMAL_COMMA = re.compile(r"(\d),(\d{1,2})\b(?!,)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_BREAKS = re.compile(r"[.!?;:\n]+")
_OTHER = re.compile(r"[^a-z' .]+")
_QUOTE = re.compile(r"(?<![a-z])'|'(?![a-z])")


def _degrees(match: re.Match[str]) -> str:
    unit = match.group(1) or ("c" if match.group(0) == "℃" else "f")
    return " degrees celsius " if unit == "c" else " degrees fahrenheit "


# "'s" words kept whole (they are canonical tokens in phrases and answers).
_KEEP_S = frozenset({"it's", "that's", "there's", "he's", "she's", "what's", "let's",
                     "here's", "who's", "where's", "how's", "one's", "everything's",
                     "nothing's", "something's"})


def _contraction(word: str) -> tuple[str, ...]:
    """"plaster's" -> "plaster", "temp's" -> "temp" (then "temperature"): a noun's
    "'s" (is, has, or a possessive) hides the word from phrases and cues. Dropped, not
    read as "is": an inserted word makes new fuzzy matches ("my name's feel am" would
    become "is feel am", close to "i feel warm")."""
    if word.endswith("'s") and len(word) > 3 and word not in _KEEP_S:
        return (word[:-2],)
    return (word,)


def _rewrite(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in _REWRITE_FIRST:
            for size in range(min(_REWRITE_MAX, len(words) - i), 0, -1):
                key = tuple(words[i:i + size])
                if key in _REWRITE:
                    out.extend(_REWRITE[key])
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        else:
            out.append(words[i])
            i += 1
    return out


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Normalised words of ``text``, with ``"."`` where a typed sentence ended."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = _DEGREES.sub(_degrees, text)
    text = _OUT_OF.sub(r"\1 out of \2", text)
    text = _RANGE.sub(r"\1 or \2", text)
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    text = _ISH.sub(r"\1 ish", text)
    text = _NUMBER.sub(_spell_number, text)
    text = _BREAKS.sub(" . ", text)
    text = _OTHER.sub(" ", text)
    text = _QUOTE.sub(" ", text)
    words = _rewrite([w for word in text.split() for w in _contraction(word)])
    out: list[str] = []
    for word in words:
        if word == BREAK and (not out or out[-1] == BREAK):
            continue
        out.append(word)
    while out and out[-1] == BREAK:
        out.pop()
    return tuple(out)


def normalise(text: str) -> str:
    """The answer as the recogniser would have written it: words only, one space apart."""
    return " ".join(t for t in tokens(text) if t != BREAK)
