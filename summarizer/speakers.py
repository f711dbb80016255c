"""Who said or reported something: noun phrases in front of speech verbs.

Shared by figures (``source``) and quotes (``speaker``).  Works on plain
tokens, left of a verb, because wire copy puts the attribution there
("..., the Syrian Observatory for Human Rights said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.places import is_place
from summarizer.sentences import is_abbreviation


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states",
    "asserted", "asked", "explained", "warned", "stressed", "insisted", "noted",
    "declared", "claimed", "claims", "announced", "announces", "wrote", "tweeted",
    "recalled", "replied", "confirmed", "confirms", "reported", "reports", "urged",
    "concluded", "argued", "vowed", "denied", "estimated", "estimates", "read",
    "stressed", "pointed out", "commented", "affirmed", "emphasized", "emphasised",
    "cautioned", "alleged", "acknowledged", "admitted", "remarked", r"continued(?!\s+to\b)",
    "responded", "answered", "pledged", "promised", "demanded", "appealed", "chanted",
    "shouted", "screamed", "relayed", r"went\s+on(?!\s+to\b)",
    # "Babet posted on X", not "a statement posted on X" (a participle: the statement is
    # no speaker).
    r"(?<!statement )(?<!message )(?<!video )(?<!letter )(?<!photo )(?<!post )posted",
    # Feature and testimony style: present tense and less common verbs of saying.
    "testified", "writes", "explains", "notes", "insists", "recalls", "warns", "argues",
    "acknowledges", "conceded", "concedes", "joked", "quipped", "observed", "suggested",
    "predicted", "complained", "lamented", "boasted", "countered", "retorted", "assured",
    "assures", "recounted", "recounts", "elaborated", "reiterated", "exclaimed", "pleaded",
    "tweets", "replies", "confesses", "admits", "responds", "answers", "revealed", "reveals",
    r"continues(?!\s+to\b)", "reflects", "reflected", "asks", "cautions", "cautioned", "denies",
    "demands", "urges", "vows", "predicts", "concludes",
)  # fmt: skip
SPEECH_VERB_ALT = "(?:" + "|".join(SPEECH_VERBS) + ")"
# Between the words of one name: spaces on one line. A headline's last word and the next
# line's first are no name ("Zanzibar\n\nZanzibar, Tanzania").
NAME_GAP = r"[ \t\u00a0]+"
# A person's name: capitalised words, middle initials ("Mary E. Lovely"), name particles.
# One capitalised name word, with inner capitals after a prefix: "McDowell", "O'Brien".
# Accented letters too: "Azucena Gonzàlez", "Carlos Raúl".
_NAME_WORD = r"(?:(?:Mc|Mac|O['’]|De|Di|La|Le)[A-Z][a-zà-ÿ'’-]+|[A-ZÀ-Ý][a-zà-ÿ'’-]+)"
NAME_PATTERN = (
    r"(?<![\w'’-])"  # a whole word: "Cola Co" is no name inside "Coca-Cola Co"
    + _NAME_WORD
    + r"(?:"
    + NAME_GAP
    + r"(?:[A-Z]\.|"
    + _NAME_WORD
    + r"|al-[A-Z][\w-]*|bin|ibn|el|abu|de|van|von|da|del|della|dos|das|du|der)){1,4}"
)
# Adverbs between a speaker and the verb: "Brooke tearfully asked".
MANNER = (
    r"tearfully|angrily|quietly|simply|firmly|publicly|privately|repeatedly|initially|finally|"
    r"separately|jokingly|bluntly|flatly|candidly|proudly|calmly|openly|frankly|directly|"
    r"previously|subsequently|recently|once|then|again|still|allegedly|apparently|purportedly|"
    r"supposedly|often|always|sometimes|usually|never"
)
SPEECH_VERB_RE = re.compile(
    r"\b(?P<adv>reportedly\s+|also\s+|later\s+|earlier\s+|(?:" + MANNER + r")\s+)?"
    r"(?P<verb>" + "|".join(SPEECH_VERBS) + r"|was\s+quoted|were\s+quoted)\b"
)

# Capitalised words that open a sentence's lead, never its subject: "Moments after the
# verdict was read, a young woman ...", "Under fire, he ...", "One day at work, ...".
LEAD_WORDS = word_set(
    """
    one under moments minutes hours days weeks months years shortly soon later earlier
    back following speaking according after before during since while when despite amid
    last next even only today yesterday tomorrow just
    """
)

# Lower-case heads that make a phrase a speaker or source on their own.
ROLE_NOUNS = word_set(
    """
    source sources official officials spokesman spokeswoman spokesperson chief head
    director minister activist activists resident residents witness witnesses doctor
    doctors statement monitor group observatory agency ministry army military
    commander commanders correspondent reporter rescuers rescuer medic medics
    diplomat diplomats analyst expert envoy ambassador governor president report
    television tv channel media authorities authority police government officer
    officers volunteers workers worker members member leader leaders command
    charity organisation organization coalition alliance committee council
    commission office department watchdog movement faction militia regime
    administration mission embassy campaign network union federation body
    researcher journalist photographer nurse paramedic surgeon teacher lawyer
    prosecutor negotiator mediator coordinator representative adviser advisor
    aide deputy lawmaker mayor investigator inspector observer chairman founder
    secretary-general relative relatives survivor survivors father mother
    protesters demonstrators crowd mourners newspaper daily paper broadcaster website
    outlet brigade battalion division regiment front unit forces
    senator congressman congresswoman candidate nominee judge economist professor
    scientist author actress actor singer coach manager executive announcer narrator
    host anchor presenter moderator judges senators candidates economists professors
    scientists authors analysts experts researchers executives lawmakers campaigners
    """
)
# Words before a noun phrase that make it an object, not the speaker:
# "... operations in the Middle East said", "... south of Jarabulus said".
PREPOSITIONS = word_set(
    "in of at from near across throughout over for with against by on into to under"
)
MODIFIERS = word_set(
    """
    opposition state military security local government health civil defense defence
    monitoring rights news medical pro-government rebel senior defense defence medical
    foreign interior humanitarian air naval border presidential national special
    vice deputy prime assistant acting former
    """
)
DETERMINERS = word_set("the a an one another its his her their some")
INDEFINITE = word_set("a an one another some")
# "of", "and" join a body's name; the rest are particles inside people's names
# ("Daniel del Olmo", "Ursula von der Leyen").
CONNECTORS = word_set("of for and al bin el de al- ibn van von da del della dos das du der")
ANON_HEADS = word_set(
    """
    source sources official officials resident residents witness witnesses activist
    activists doctor doctors medic medics diplomat diplomats officer officers commander
    rescuers rescuer worker workers volunteers
    """
)
PRONOUNS = word_set("he she they it")
# Heads of unnamed-speaker phrases: "a resident of the town", "one relative".
PERSON_HEADS = word_set(
    """
    resident residents man woman mother father relative relatives survivor local locals
    villager villagers refugee refugees fighter fighters rebel rebels soldier soldiers
    student teacher nurse paramedic volunteer voice friend friends neighbor neighbour
    neighbors neighbours wife husband son daughter brother sister parent parents supporter
    supporters voter voters protester protesters vet veteran bystander attendee passerby
    """
)
# Role nouns that name a body, which can be referred to as "it".
ORG_ROLES = word_set(
    """
    statement monitor group observatory agency ministry army military report television
    tv channel media authorities government command charity organisation organization
    coalition alliance committee council commission office department watchdog movement
    faction militia regime administration mission embassy campaign network union
    newspaper daily paper broadcaster website outlet brigade battalion division regiment
    front unit forces
    """
)
# Heads of phrases that name a body, not one person: "the company said" is no one's words
# but the company's, however close its chief executive was named.
BODY_NOUNS = word_set(
    """
    company firm corporation business retailer automaker carmaker airline carrier
    manufacturer maker startup bank lender insurer court team club league school
    university college hospital brand publication magazine studio label band platform
    nonprofit foundation institute museum prison hotel restaurant chain store app
    bureau service force guard squad parliament senate congress assembly tribunal panel
    board jury regulator cabinet palace party airport city county district park zoo festival
    station
    """
)
# Documents that "say" things for whoever wrote them: "the letter states", "the lawsuit says".
DOCUMENT_NOUNS = word_set(
    """
    letter email e-mail memo bulletin filing lawsuit complaint indictment affidavit petition
    motion ruling order study survey poll document release post message report statement
    """
)
# "the 45-year-old said", "the man told AFP": a person named earlier, described again.
DESCRIPTORS = word_set(
    """
    man woman boy girl father mother son daughter brother sister husband wife
    teenager youth farmer mother-of-three father-of-three survivor
    """
)
_AGE_DESCRIPTOR = re.compile(r"\d{1,3}-year-old")
TITLES = word_set(
    """
    president governor ambassador minister chief spokesman spokeswoman spokesperson
    director secretary-general vice-president head general commander prime mayor
    envoy leader king prince sheikh dr mr mrs ms prof colonel col gen brigadier
    senator secretary emir deputy representative adviser advisor chairman chairwoman
    coordinator commissioner counsellor lieutenant lt maj major capt captain sgt
    sir lord lady dame baroness treasurer chancellor gov sen rep speaker agent charge
    candidate nominee det detective sergeant corporal cpl inspector insp superintendent
    supt sheriff trooper
    """
)
# Portfolio words after "Secretary of" / "Minister of": "Secretary of State Rex Tillerson".
_PORTFOLIO = word_set(
    """
    state defence defense foreign affairs interior health justice information finance
    the and for economy trade energy education
    """
)
_STOP_CAPS = word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december but and however
    meanwhile on in at despite although though while after before since when following
    amid why how where
    """
)
_TRAILING_PP = re.compile(
    r"\s+(?:inside|in|at|from|near|within|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*$"
)
PARTY_TAG = re.compile(r"\([DRI]-[A-Z][\w. ]{0,30}\)")
# A party tag closing a speaker's name: "Jim Clyburn (D-S.C.)", "Pat McCrory (R)".
_TRAILING_PARTY_TAG = re.compile(r"\s*\([DRI](?:-[^()]{1,30})?\)$")


def without_party_tag(name: str) -> str:
    """ "Pat McCrory (R)" -> "Pat McCrory": the tag is not part of the name."""
    return _TRAILING_PARTY_TAG.sub("", name)


_TOKEN = re.compile(r"[\w’'().-]+")


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    end: int


def _is_cap(token: str) -> bool:
    core = token.strip("().")
    if core == "Â":
        return False  # a no-break space read as Latin-1: no word at all
    if core[:3].lower() in ("al-", "el-") and core[3:4].isupper():
        return True  # "al-Assad"
    low = core.lower()
    if low.endswith("s") and low.rstrip("s'’") in _STOP_CAPS:
        return False  # "Wednesdays reports": a day, not a speaker
    if re.match(r"(?:pro|anti|non)-[A-Z]", core):
        return True  # "a pro-Damascus source"
    if re.fullmatch(r"\d+ers", core):
        return True  # "the 76ers", "the 49ers": a team, named
    return bool(core) and core[0].isupper() and low not in _STOP_CAPS and not _is_participle(low)


def _is_participle(low: str) -> bool:
    """ "Following", "Speaking", "According": participles open clauses, never name speakers."""
    return low.endswith("ing") and len(low) > 5 and low not in _ING_NAMES


_ING_NAMES = word_set("beijing kushing")


def phrase_before(text: str, end: int, limit: int = 10) -> Phrase | None:
    """The speaker-like noun phrase ending at ``end`` (just before a verb).

    Walks left over capitalised words, connectors, role nouns and a few
    modifiers; a determiner closes the phrase.  Returns None when nothing
    name-like or role-like stands there.
    """
    when = _TIME_TAIL.search(text, max(0, end - 40), end)
    saying = SPEECH_VERB_RE.match(text, end + (text[end : end + 1] == " "))
    if when and when.end() == end and when.start() > 0 and saying:
        end = when.start()  # "Antony Blinken on Friday said": the time is no part of him
    pp = _TRAILING_PP.search(text, max(0, end - 60), end)
    if pp and pp.end() == end and not _IN_CHARGE.match(text, pp.start()):
        # "Another Syrian source inside the training camp told": skip the place.
        inner = phrase_before(text, pp.start(), limit)
        if inner and inner.text.split()[-1].lower() in ROLE_NOUNS:
            return inner
    window_start = max(0, end - 40 * limit)  # bounded look-back keeps this linear
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, window_start, end)]
    tokens = tokens[-limit:]
    chosen: list[tuple[str, int, int]] = []
    for token, start, stop in reversed(tokens):
        if PARTY_TAG.fullmatch(token):
            continue  # "Sen. Claire McCaskill (D-Mo.) said": the tag is no part of the name
        if token == "Â":
            continue  # a no-break space read as Latin-1 ("on Twitter,Â said"): no word
        low = token.lower().strip("().")
        gap = text[stop : chosen[0][1]] if chosen else text[stop:end]
        if any(ch in gap for ch in ',;:"“”'):
            break
        if token.endswith(".") and not is_abbreviation(text, stop - 1):
            break  # "... told AFP. Abdel Rahman": a sentence ended there
        if low in PRONOUNS and not chosen:
            chosen.insert(0, (token, start, stop))
            break
        if low in DETERMINERS:
            if chosen:
                chosen.insert(0, (token, start, stop))
            break
        head_ok = bool(chosen)
        nameish = (
            _is_cap(token)
            or low in ROLE_NOUNS
            or (not chosen and low in BODY_NOUNS | DOCUMENT_NOUNS)  # "the bureau says"
            or (not chosen and token in _MONTHS and not text[stop:end].strip())  # "May said"
            or low.endswith("-based")
            or (not chosen and is_descriptor(low))
        )
        joins = head_ok and low in CONNECTORS and _is_cap(chosen[0][0])
        # "Special Agent in Charge Kevin Rojek": the rank holds a preposition.
        joins = joins or (head_ok and low == "in" and chosen[0][0].lower() == "charge")
        # "the president's office", "the army's spokesman": a role owning the head.
        joins = joins or (head_ok and low[-2:] in ("'s", "’s") and low[:-2] in ROLE_NOUNS)
        if nameish or joins or (head_ok and low in MODIFIERS):
            chosen.insert(0, (token, start, stop))
        else:
            break
    while chosen and chosen[0][0].lower() in CONNECTORS and not _opens_with_name_particle(chosen):
        chosen.pop(0)
    if not chosen:
        return None
    if all(t.lower() in DETERMINERS | MODIFIERS for t, _, _ in chosen):
        return None
    if chosen[-1][0].lower() in BODY_NOUNS and chosen[0][0].lower() in _OWNERS:
        return None  # "Paganini and his team wrote": the team is someone's, not a speaker
    if len(chosen) == 1 and chosen[0][0].lower() in _NOT_SPEAKERS:
        return None  # "That said, the DEA says": an idiom, not a speaker
    start, stop = chosen[0][1], chosen[-1][2]
    return Phrase(text[start:stop], start, stop)


_OWNERS = word_set("his her their its")
_TIME_TAIL = re.compile(
    r"\s+(?:(?:late\s+|early\s+)?on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)(?:\s+(?:morning|afternoon|evening|night))?\s*$"
)
_IN_CHARGE = re.compile(r"\s+in\s+[Cc]harge\b")
_NOT_SPEAKERS = word_set("that this these those there what which having")


def _opens_with_name_particle(chosen: list[tuple[str, int, int]]) -> bool:
    """ "Al Jazeera", "Bin Laden": a capitalised particle opening a name is part of it."""
    return (
        len(chosen) > 1
        and chosen[0][0] in ("Al", "El", "Bin", "Ibn", "De")
        and _is_cap(chosen[1][0])
    )


def phrase_after(text: str, start: int, limit: int = 8) -> Phrase | None:
    """The speaker-like noun phrase starting at ``start`` ("according to the ministry ...")."""
    chosen: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text, start, min(len(text), start + 40 * limit)):
        token, low = match.group(), match.group().lower().strip("().")
        if chosen and re.search(r"[,;:\"“”]", text[chosen[-1][2] : match.start()]):
            break
        if not chosen and low in DETERMINERS:
            chosen.append((token, match.start(), match.end()))
            continue
        last = chosen[-1][0].lower() if chosen else ""
        if len(chosen) == 2 and chosen[0][0].lower() in DETERMINERS and last in ROLE_NOUNS:
            named = _NAMED_AS.match(text, match.start())
            if named:  # "A witness named Ahmad": the name is the speaker
                return Phrase(named.group("name"), named.start("name"), named.end("name"))
            if _is_cap(token):
                break  # "the statement UNICEF continues": a new phrase starts
        if (
            _is_cap(token)
            or low in ROLE_NOUNS
            or low in MODIFIERS
            or (chosen and low in CONNECTORS)
        ):
            chosen.append((token, match.start(), match.end()))
            if token.endswith(".") and not is_abbreviation(text, match.end() - 1):
                break
        else:
            break
        if len(chosen) >= limit:
            break
    # A trailing modifier is dropped ("the state"), unless capitalised: "PBS News" is a name.
    while chosen and (
        chosen[-1][0].lower() in CONNECTORS | DETERMINERS
        or (chosen[-1][0].lower() in MODIFIERS and not chosen[-1][0][:1].isupper())
    ):
        chosen.pop()
    if not chosen:
        return None
    first, last_tok = chosen[0], chosen[-1]
    return Phrase(text[first[1] : last_tok[2]].rstrip("."), first[1], last_tok[2])


_NAMED_AS = re.compile(
    r"(?:named|called|identified\s+as|known\s+as)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-\w+|bin|ibn|abu)){0,3})"
)


def is_descriptor(word: str) -> bool:
    """A word that describes a person without naming them: "man", "45-year-old"."""
    return word in DESCRIPTORS or bool(_AGE_DESCRIPTOR.fullmatch(word))


def is_described_person(phrase: str) -> bool:
    """ "the man", "the 45-year-old": someone the text named before, not a new speaker."""
    words = phrase.lower().split()
    return len(words) == 2 and words[0] == "the" and is_descriptor(words[1])


_APPOSITIVE_TAIL = re.compile(
    r"(?:,\s*(?:\d{1,3}|(?:a|an|the|one|who)\b[^,;:\"“”]{0,70})){1,2}\s*,\s*$"
)
_NAME_THEN_APPOSITIVE = re.compile(r"(?P<name>\b" + NAME_PATTERN + r"),\s+[^,;:\"“”]{3,100},\s*$")
# ", the International Federation of Journalists, also criticized": a body's name set off
# as an appositive before the verb.
_BODY_TAIL = re.compile(
    r",\s*(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|on)){1,7})\s*,"
    r"(?:\s+(?:also|later|then))?\s*$"
)
# An abbreviated title or rank before a name: "Dr.", "Lt. Det.", "Sen.".
TITLE_ABBREVIATION = (
    r"(?:Sen|Rep|Del|Gov|Dr|Mr|Mrs|Ms|Gen|Col|Lt|Capt|Sgt|Cpl|Det|Insp|Supt|Prof|Adm|Maj)\."
)
# ", state Del. Marcia Price (D-Newport News)," before the verb: the name, titled and
# tagged with a party as US copy does.
_NAME_TAIL = re.compile(
    # "..., Lt. Col. Nadav Shoshani, said": up to two abbreviated ranks.
    r",\s*(?:(?:state\s+)?" + TITLE_ABBREVIATION + r"\s+){0,2}"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-\w+|bin|ibn|el|abu|abou)){0,4})"
    r"(?:\s*" + PARTY_TAG.pattern + r")?\s*,\s*$"
)


def speaker_before(text: str, end: int, limit: int = 10) -> Phrase | None:
    """Like ``phrase_before``, across appositives set off by commas.

    "Ahmed, 34, a father of three, said" -> Ahmed; "the spokesman for the
    civil defence, Ibrahim Abu Laith, said" -> Ibrahim Abu Laith.
    """
    floor = max(0, end - 200)
    auxiliary = _AUXILIARY_TAIL.search(text, floor, end)
    if auxiliary and auxiliary.end() == end:
        end = auxiliary.start()  # "the military had pledged": the military
    medium = _MEDIUM_TAIL.search(text, floor, end)
    if medium and medium.end() == end:
        # "IS in a statement published on Twitter and Telegram said": IS speaks.
        inner = phrase_before(text, medium.start(), limit)
        if inner is not None:
            return inner
    relative = _RELATIVE_TAIL.search(text, floor, end)
    if relative and relative.end() == end:
        # "Reuters reported a military source who said": the source speaks.
        inner = phrase_before(text, relative.start(), limit)
        if inner is not None:
            return inner
    dashed = _DASH_APPOSITIVE_TAIL.search(text, floor, end)
    if dashed and dashed.end() == end and is_person_name(dashed.group("name")):
        # "Jason Sims — a teacher from Mount Pleasant — says": the person, not the place.
        return Phrase(dashed.group("name"), dashed.start("name"), dashed.end("name"))
    age = _AGE_TAIL.search(text, floor, end)
    if age and age.end() == end:
        return Phrase(age.group("name"), age.start("name"), age.end("name"))  # "Ahmed 24 said"
    phrase = phrase_before(text, end, limit)
    if phrase is None:
        relatives = list(_RELATIVE.finditer(text, floor, end))
        if relatives:
            # "A pro-Damascus source who spoke on condition of anonymity said"
            at = relatives[-1].start()
            comma = text[at - 1 : at] == ","  # "the Electoral Commission, which regulates"
            inner = phrase_before(text, at - 1 if comma else at, limit)
            heads = ROLE_NOUNS | PERSON_HEADS
            if inner is None:
                return None
            named_body = comma and _is_cap(inner.text)
            return inner if inner.text.split()[-1].lower() in heads or named_body else None
    if phrase is not None and is_place(phrase.text):
        role = _NAME_ROLE_IN_PLACE_TAIL.search(text, max(0, phrase.start - 160), phrase.start)
        if role and role.end() == phrase.start and is_person_name(role.group("name")):
            # "Christopher Kamugusha, programme officer for WHO in Tanzania said": the
            # officer, not the country (the appositive's closing comma is missing).
            return Phrase(role.group("name"), role.start("name"), role.end("name"))
    if phrase is not None and after_preposition(text, phrase.start):
        return _subject_of_object(text, phrase, floor, limit)
    if phrase is not None and phrase.text.islower() and phrase.text.split()[-1] in ROLE_NOUNS:
        named = _NAME_BEFORE_ROLE.search(text, max(0, phrase.start - 80), phrase.start)
        if named and is_person_name(named.group("name")):
            # "Ole Solvang deputy emergencies director at the group says": the person.
            return Phrase(named.group("name"), named.start("name"), named.end("name"))
    if phrase is not None and is_place(phrase.text):
        home = _NAME_OF_PLACE_TAIL.search(text, max(0, phrase.start - 120), phrase.start)
        if home and home.end() == phrase.start and is_person_name(home.group("name")):
            # "Stacy Baker of Columbia, South Carolina says": the person from there.
            return Phrase(home.group("name"), home.start("name"), home.end("name"))
    if phrase is not None:
        return phrase
    body_tail = _BODY_TAIL.search(text, floor, end)
    if body_tail and body_tail.end() == end and any(
        w.lower() in _ORG_WORDS | ORG_ROLES for w in body_tail.group("name").split()
    ):
        # "The world's largest union for journalists, the International Federation of
        # Journalists, also criticized": the body named in the appositive.
        return Phrase(body_tail.group("name"), body_tail.start("name"), body_tail.end("name"))
    name = _NAME_TAIL.search(text, floor, end)
    if name and name.end() == end and is_person_name(name.group("name")):
        return Phrase(name.group("name"), name.start("name"), name.end("name"))
    framed = _NAME_THEN_APPOSITIVE.search(text, floor, end)
    if framed and framed.end() == end:
        before = framed.group("name")
        body = before.split()[-1].lower() in ORG_ROLES  # "the People’s Daily, the mouthpiece"
        if is_person_name(before) or body:
            # "Jacques Barrot, vice president of the European Commission, said"
            return Phrase(before, framed.start("name"), framed.end("name"))
    # At most two appositives: "Ahmed, 34, a father of three,"
    tail = _APPOSITIVE_TAIL.search(text, floor, end)
    if tail is None or tail.end() != end:
        return None
    phrase = phrase_before(text, tail.start(), limit)
    if phrase is not None and _is_cap(phrase.text.split()[-1]):
        return phrase
    return None


_MEDIUM_TAIL = re.compile(
    r"\s+(?:in|on)\s+(?:an?|its|his|her|their)\s+(?:\w+\s+){0,2}?(?:statement|post|message|video|"
    r"interview|letter|tweet|communique|speech|report)\b[^.;:\"“”]{0,80}?\s*$"
)
# Dashes set the appositive off, or hyphens with spaces round them ("Bennett - the former
# head of the Yesha Council - told").
_DASH_APPOSITIVE_TAIL = re.compile(
    r"(?P<name>\b(?:"
    + NAME_PATTERN
    + r"|[A-Z][a-z'’-]+))(?:\s*[—–]|\s-)\s*(?:(?!\s-\s)[^—–\"“”.;]){3,100}?(?:\s*[—–]|\s-)\s*$"
)
_NAME_ROLE_IN_PLACE_TAIL = re.compile(
    r"(?P<name>\b"
    + NAME_PATTERN
    + r"),\s+(?:(?:a|an|the)\s+)?[a-z][^,;:.\"“”\n]{0,100}?\s(?:in|of|for|from|at)\s+$"
)
_NAME_OF_PLACE_TAIL = re.compile(
    r"(?P<name>\b"
    + NAME_PATTERN
    + r")\s+(?:of|from)\s+[A-Z][\w'’.-]*(?:"
    + NAME_GAP
    + r"[A-Z][\w'’.-]*){0,2},\s*$"
)
_AGE_TAIL = re.compile(
    r"(?P<name>\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-\w+|bin|ibn|abu))*)\s*,?\s*\d{1,3}\s*,?\s*$"
)
# "Ole Solvang deputy emergencies director", "Iswor Man Bajracharyan, the head of": the
# person before a role (the appositive's closing comma may be missing).
_NAME_BEFORE_ROLE = re.compile(
    r"(?P<name>\b[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-\w+)){1,3}),?\s+(?:[a-z-]+\s+){0,3}$"
)
_AUXILIARY_TAIL = re.compile(r"(?:\s+(?:had|has|have|would|will|also|later|earlier|then))+\s*$")
_RELATIVE_TAIL = re.compile(r"\s*,?\s+(?:who|which|that)(?:\s+also|\s+later)?\s*$")
_RELATIVE = re.compile(r"\s(?:which|who)\s")


_PREPOSITION_BEFORE = re.compile(r"(?P<prep>\b[A-Za-z]+)\s+(?:(?:the|a|an)\s+)?$")


def after_preposition(text: str, start: int) -> bool:
    """True when the phrase at ``start`` is the object of a preposition."""
    match = _PREPOSITION_BEFORE.search(text, max(0, start - 30), start)
    return match is not None and match.group("prep").lower() in PREPOSITIONS


def _subject_of_object(text: str, phrase: Phrase, floor: int, limit: int) -> Phrase:
    """The subject behind "X which ... in the Middle East" or "the head of the Observatory"."""
    relatives = list(_RELATIVE.finditer(text, max(floor, phrase.start - 160), phrase.start))
    if relatives:
        relative = relatives[-1]
        subject = phrase_before(text, relative.start(), limit)
        if subject is not None:
            return subject
    prep = _PREPOSITION_BEFORE.search(text, max(0, phrase.start - 30), phrase.start)
    if prep is None:
        return phrase
    head_end = prep.start()
    participle = re.search(
        r"\s(?:\w+ed|made|given|run|held|issued|sent)\s*$", text[max(0, head_end - 20) : head_end]
    )
    if participle and prep.group("prep").lower() == "by":
        # "the statement carried by state news agency SANA said": the statement.
        head_end = max(0, head_end - 20) + participle.start()
    head = phrase_before(text, head_end, limit)
    if head is None:
        return phrase
    if head.text.split()[-1].lower() in DOCUMENT_NOUNS and prep.group("prep").lower() == "from":
        # "A post from the 76ers called ...": the 76ers wrote it.  ("The statement carried
        # by SANA" is the army's: a carrier is not the author.)
        return phrase
    named = _NAME_BEFORE_ROLE.search(text, max(0, head.start - 80), head.start)
    if named and head.text.islower() and is_person_name(named.group("name")):
        return Phrase(named.group("name"), named.start("name"), named.end("name"))
    if prep.group("prep").lower() == "of":
        return Phrase(text[head.start : phrase.end], head.start, phrase.end)
    return head if head.text.split()[-1].lower() in ROLE_NOUNS or _is_cap(head.text) else phrase


def strip_title(name: str) -> str:
    """Keep the name, drop titles: "Homs Governor Talal Barazi" -> "Talal Barazi".

    Only drops when capitalised name words follow the last title; "the UNICEF
    director" stays as written.
    """
    tokens = name.split()
    last_title = -1
    for i, token in enumerate(tokens):
        parts = token.lower().strip(".").split("-")
        if "-".join(parts) in TITLES or (len(parts) > 1 and parts[0] in TITLES):
            last_title = i  # "Commissioner-General", "Secretary-General"
    rest = tokens[last_title + 1 :]
    if rest and rest[0].lower() == "of":
        rest = rest[1:]
        while len(rest) > 2 and rest[0].lower() in _PORTFOLIO:
            rest = rest[1:]  # "Secretary of State Rex Tillerson" -> "Rex Tillerson"
    named = all(_name_word(t, i) for i, t in enumerate(rest))
    if last_title >= 0 and rest and named:
        return " ".join(rest)
    return name


def trailing_person(phrase: str) -> str | None:
    """ "Pathologist at the Aleppo University Hashim" -> "Hashim": the name after the body."""
    words = phrase.split()
    cut = max(
        (i for i, w in enumerate(words) if w.lower() in ROLE_NOUNS | _ORG_WORDS | _PLACE_WORDS),
        default=-1,
    )
    rest = " ".join(words[cut + 1 :])
    return rest if cut >= 0 and rest and is_person_name(rest) else None


def is_anonymous(phrase: str) -> bool:
    """True for "a military source", "the sources", "one resident": no name given."""
    tokens = phrase.lower().split()
    if not tokens or tokens[-1] not in ANON_HEADS:
        return False
    words = phrase.split()
    named = [w for w in words[1:-1] if _is_cap(w) and not w.lower().startswith("syrian")]
    return tokens[0] in INDEFINITE or (not named and tokens[0] in DETERMINERS) or not named


def is_person_name(phrase: str) -> bool:
    """Two or more capitalised words and no organisation word: probably a person."""
    words = phrase.split()
    if not words or words[0].lower() in DETERMINERS or phrase.lower() in PRONOUNS:
        return False
    if any(w.lower() in ROLE_NOUNS or w.lower() in _ORG_WORDS for w in words):
        return False
    if any(w.lower() in _BODY_NAME_WORDS for w in words[1:]):
        return False  # "Kids Online Task Force", "Emergency Management": a body's name
    if any(w.lower() in _PLACE_WORDS for w in words) or words[0].lower() in _PLACE_PREFIXES:
        return False  # "Mount Hermon", "Khan Sheikhoun Hospital" (but "Anthony Lake" is a man)
    if is_place(phrase):
        return False  # "West Bank", "Los Angeles"
    if re.search(r"[’']s$", phrase):
        return False  # "Mike Ford’s work": an owner, named in passing
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return False  # "WIRED", "AFP": an outlet or body, not a person
    if names_a_people(phrase):
        return False  # "African Americans", "House Republicans": many people, not one
    return all(_name_word(w, i) or w.startswith("al-") for i, w in enumerate(words))


_PLACE_WORDS = word_set(
    """
    river province city valley plain hills sea airport base street square
    road highway camp mosque hospital school university district governorate countryside
    village town desert bridge gate crossing island heights park
    britain england scotland wales ireland france germany spain italy russia china japan
    india pakistan iran iraq syria lebanon egypt libya yemen saudi arabia qatar emirates
    afghanistan ukraine poland korea mexico canada brazil argentina australia zealand
    africa nigeria kenya ethiopia sudan somalia europe asia america kingdom states republic
    """
)
_PLACE_PREFIXES = word_set("mount lake gulf")
_MONTHS = frozenset({"May", "June", "April", "August"})


def _name_word(word: str, index: int) -> bool:
    """A word of a name: capitalised, a particle, or a month after a first name ("John
    May", "Theresa May": a surname there)."""
    return _is_cap(word) or word.lower() in CONNECTORS or (index > 0 and word in _MONTHS)


def is_month_surname(name: str, text: str) -> bool:
    """ "May" in "..., May said" where the text names "John May": a surname, not a month."""
    return name in _MONTHS and re.search(r"\b[A-Z][a-z]+\s+" + name + r"\b", text) is not None


# Last words of bodies' names that are no one's surname.
_BODY_NAME_WORDS = word_set(
    """
    company corporation university college hospital bureau service services force academy
    parliament senate congress assembly tribunal board jury regulator cabinet party
    management security lifeline centers centre center administration task foundation
    """
)


# Names of peoples, faiths and parties ("Republican claims"): never one person's name.
def names_a_people(phrase: str) -> bool:
    """ "African Americans", "Democratic": a people, faith or party, not a person."""
    words = phrase.split()
    return bool(words) and words[-1].lower() in _PEOPLES


_PEOPLES = word_set(
    """
    americans africans europeans asians arabs kurds jews muslims christians hispanics latinos
    republican republicans democrat democrats democratic conservative conservatives liberal
    liberals syrians iraqis iranians israelis palestinians
    russians ukrainians afghans turks egyptians lebanese yemenis saudis libyans britons
    germans chinese koreans mexicans canadians indians pakistanis
    """
)
_ORG_WORDS = word_set(
    """
    observatory council nations army forces front state organisation organization
    network committee coalition ministry agency news tv television red cross crescent
    federation human rights union party brigade brigades corps defense defence
    international national syrian russian american british turkish iranian
    championships championship games cup olympics league festival awards conference
    summit forum united fc club bank institute institution foundation center centre
    research records company corporation inc llc ltd association society journal
    jazeera arabiya
    """
)
