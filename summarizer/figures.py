"""Casualty and humanitarian figures, each tied to its source sentence.

A number becomes a figure only when the text around it says what it counts
(killed, injured, displaced, ...).  Years, ages, dates, times, money,
percentages and distances never do, so they are dropped.  Conservative on
purpose: a missing figure is better than an invented one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.numbers import AMOUNT_PATTERN, QUALIFIER_PATTERN, Amount, make_amount
from summarizer.sentences import split_sentences
from summarizer.speakers import SPEECH_VERB_RE, phrase_before
from summarizer.types import Figure, FigureCategory

_NUMBER_RE = re.compile(
    rf"(?<![\w$£€.,:/-])"
    # A range: "between 250000 and 300000", "from 10000 to more than 30000".
    rf"(?:(?P<rng>between|from)\s+(?P<lo>{AMOUNT_PATTERN})\s+(?:and|to)\s+(?=\S*\d|more|over))?"
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?(?P<amount>{AMOUNT_PATTERN})"
    r"(?![\w%$£€]|[.,:]\d)",
    re.IGNORECASE,
)

PEOPLE = (
    "people|persons?|civilians?|children|child|kids|women|men|man|woman|boys?|girls?|"
    "babies|infants|residents?|villagers?|Syrians|Kurds|workers?|teachers?|students?|"
    "patients?|volunteers?|staff|journalists?|doctors?|medics?|policem[ae]n|police|"
    "refugees?|detainees?|prisoners?|hostages?|families|family|individuals?|victims?|evacuees|"
    "others?|members?|relatives?|activists?|protesters?|worshippers?|leaders|martyrs|"
    "attackers|assailants|airmen|pilots|marines|paratroopers|passengers|evacuees|loyalists|"
    "soldiers?|troops?|fighters?|rebels?|militants?|terrorists?|jihadists?|extremists?|"
    "mercenar(?:y|ies)|insurgents?|gunm[ae]n|militiam[ae]n|combatants?|servicem[ae]n|"
    "officers?|personnel|guards?|recruits?|forces|commanders?|bodies|lives|deaths|dead|fatalities|"
    "homes|houses|trucks|lorries|shelters|schools|hospitals|tents"
)
_COMBATANT = re.compile(
    r"\b(?:soldiers?|troops?|fighters?|rebels?|militants?|terrorists?|jihadists?|"
    r"extremists?|mercenaries|insurgents?|gunmen|militiamen|militia|combatants?|"
    r"servicemen|army|recruits|guards|forces|commanders?|"
    # members of armed groups: "15 members of Jeish al-Fatah", "of the Nusra Front"
    r"jaish|jeish|jabhat|nusra|daesh|isis|isil|hezbollah|hizballah|hizbollah|hizbullah|"
    r"brigades?|battalions?|attackers|assailants|airmen|pilots|marines|paratroopers|ahrar|"
    r"jund|liwa|faylaq|harakat|ypg|sdf|fsa|loyalists|"
    r"(?-i:IS))\b",
    re.IGNORECASE,
)
_FUNCTION = (
    r"and|or|in|on|at|by|to|from|with|were|was|is|are|have|has|had|been|being|be|the|a|an|"
    r"who|which|that|including|among|as|after|before|when|while|since|during|killed|"
    r"killing|injured|injuring|wounded|wounding|dead|died|hurt|displaced|left|leaving|"
    r"claimed|claiming|said|says|reported|also|more|than"
)
# Past-tense verbs cannot modify the counted noun ("dozens more suffered ... other symptoms").
_VERB_LIKE = r"(?!(?:armed|unarmed|besieged|trapped|unidentified|wanted)\b)[a-z]+ed\b"
# The counted noun: a few modifiers ("Syrian army", "pro-government") then a head.
_NOUN_RE = re.compile(
    r"\s*(?:more\s+|other\s+|others\s+|of\s+(?:the\s+|its\s+|their\s+|them\s+)?)?"
    rf"(?:(?:(?-i:[A-Z]{{2,}})|(?!(?:{_FUNCTION})\b)(?!{_VERB_LIKE})[A-Za-z(][\w'’()-]*)\s+"
    r"(?:(?:and|or)\s+)?){0,3}?"
    rf"(?P<noun>{PEOPLE})\b",
    re.IGNORECASE,
)
_CAT_WORDS: tuple[tuple[str, str], ...] = (
    ("killed", r"killed|killing|kills?|dead|died|dies|die|deaths?|death\s+toll|"
               r"lost\s+their\s+lives|lives\s+were\s+lost|executed|executing|executes?|"
               r"massacred|slain|slaughtered|beheaded|crucified|fallen\s+victims?|fell\s+victims?|bodies|fatalities|"
               r"claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|lost|loss|"
               r"eliminated|liquidated|neutrali[sz]ed|martyrs?|martyred|starved\s+to\s+death|"
               r"decapitated|among\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?victims"),
    ("injured", r"injured|injuring|injures?|injury|injuries|wounded|wounding|wounds?|"
                r"hurt|hurting|received\s+treatment|being\s+treated|were\s+treated|"
                r"hospitali[sz]ed|suffer(?:ed|ing|s)?\s+(?:from\s+)?(?:[a-z]+\s+){0,2}?"
                r"(?:problems|difficulties|symptoms|suffocation|burns)|cases\s+of\s+suffocation"),
    ("displaced", r"displaced|displacing|displacement|fled|fleeing|flee|refugees|"
                  r"forced\s+from\s+their\s+homes|forced\s+to\s+flee|evacuated|homeless|evacuees|"
                  r"crossed\s+(?:the\s+border|into)|sought\s+refuge|took\s+refuge|evacuation|"
                  r"transported\s+out|bussed\s+out|able\s+to\s+leave|allowed\s+to\s+leave|"
                  r"running\s+away"),
    ("missing", r"missing|unaccounted\s+for"),
    ("detained", r"detained|detaining|detains?|detention|arrested|arresting|arrests?|"
                 r"abducted|abducting|kidnapped|kidnapping|taken\s+prisoner|captured|"
                 r"imprisoned|detainees|rounded\s+up|hostages?"),
    ("population", r"live(?:\s+in)?|lived(?:\s+in)?|living(?:\s+in)?|home\s+to|reside|residing|"
                   r"population\s+of|populations?|"
                   r"trapped|besieged|under\s+siege|"
                   r"inhabitants|residents\s+of"),
    ("other", r"destroyed|damaged|razed|in\s+need|needing|aid|delivered"),
)  # fmt: skip
_CAT_RE = {cat: re.compile(rf"\b(?:{pat})\b", re.IGNORECASE) for cat, pat in _CAT_WORDS}
_ANY_CAT = re.compile("|".join(rf"(?P<{c}>\b(?:{p})\b)" for c, p in _CAT_WORDS), re.IGNORECASE)

# Verb (or noun) right before the amount: "killed 10", "the death toll rose to 43".
_LEFT_VERB = re.compile(
    r"(?P<word>(?:killed|killing)\s+(?:and|or)\s+(?:wounded|injured|wounding|injuring)|"
    r"killed|killing|kills?|slaughtered|beheaded|crucified|decapitated|"
    r"among\s+(?:the|those)\s+(?:dead|killed|victims|injured|wounded)(?:\s+(?:were|was|are))?|"
    r"injured|injuring|injures?|wounded|wounding|wounds|"
    r"hurt|displaced|displacing|detained|detaining|arrested|arresting|abducted|abducting|"
    r"kidnapped|executed|executing|executes?|lost|loss\s+of|claimed|claiming|left|leaving|"
    r"(?:at\s+the\s+)?cost\s+of|costing|eliminated|eliminating|"
    r"(?:the\s+)?(?:fate|whereabouts)\s+of|population\s+(?:was|is|of|stood\s+at|stands\s+at)|"
    r"trapping|trapped|besieging|threatens|threatening|"
    r"home\s+to|population\s+of|(?:the\s+)?lives\s+of|deaths?\s+of|killing\s+of|"
    r"injury\s+of|wounding\s+of|death\s+(?:toll|count)(?:\s+(?!and\b|said\b|but\b)\w+){0,3}?"
    r"(?:\s+to|\s+at|\s+of|\s+hits?)?|"
    # "the (death) toll from air strikes on Idlib city rose to 34"
    r"toll(?:\s+(?:from|of|in)\s+[\w'’-]+(?:\s+[\w'’-]+){0,6}?)?\s+"
    r"(?:of|to|at|hits?|(?:rose|rises|risen|climbed|climbs|jumped|increased)\s+to|reached|"
    r"(?:(?:is|was|has\s+been|had\s+been)\s+(?:put|placed|estimated|set)\s+at|"
    r"is|was|may\s+be|could\s+be|might\s+be|surpasses|surpassed|exceeds|exceeded)|"
    r"(?:stood|stands)\s+at|vary|varies|varied|ranges?|ranged|ranging)|"
    r"displacement\s+of|detention\s+of|arrest\s+of|abduction\s+of|execution\s+of|"
    r"kidnapping\s+of|"
    # "a convoy carrying supplies for 78000 people": who the aid is for
    r"(?:supplies|aid|food|assistance|rations)\s+(?:[\w-]+\s+){0,3}?for|to\s+feed)"
    r"(?:\s+(?:a\s+total\s+of|another|an\s+additional|the\s+lives\s+of))?\s*$",
    re.IGNORECASE,
)
_RIGHT_ADJACENT = re.compile(
    r"\s+(?:others?\s+|more\s+)?(?:(?P<killed>killed|dead)|(?P<injured>injured|wounded|hurt))\b"
    r"(?!\s+(?:by|in|at|on|when|after)\s+(?:a|an|the)?\s*\d)"
    # "killed two patients injured eight others": that participle is the next figure's verb
    rf"(?!\s+(?:(?:{QUALIFIER_PATTERN})\s+)?(?:{AMOUNT_PATTERN})\b)",
    re.IGNORECASE,
)
_INHERIT_LEFT = re.compile(
    r"(?:including|among\s+them|among\s+whom|of\s+them|of\s+whom|among\s+those)\s*$|"
    r"\b(?:as\s+well\s+as|plus|along\s+with|together\s+with)\s*$|"
    r"\band\s+(?:another|a\s+further|an\s+additional)\s*$|"
    r"^\s*(?:,|and|,\s*and|as\s+well\s+as|plus|[-–—])\s*$",
    re.IGNORECASE,
)
_SUB_COUNT = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+them|of\s+whom|among\s+those)\s*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:!?\"“”]|\.\s|\s(?:said|says|while|but|after|before)\s", re.I)
_FLAT_AFTER = re.compile(
    r"^\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|%|percent|per\s*cent|(?:-|\s)?years?(?:-old)?|-year|months?|weeks?|days?|"
    r"hours?|minutes?|seconds?|km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|square|"
    r"hectares?|acres?|tons?|tonnes?|kg|gmt|am\b|pm\b|a\.m|p\.m|dollars?|euros?|pounds?|"
    r"lira|liras|usd|us\$|billion\s+dollars|o'clock|times|percentage|degrees?|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan\b|feb\b|mar\b|apr\b|jun\b|jul\b|aug\b|sep\b|sept\b|oct\b|nov\b|dec\b|"
    r"st\b|nd\b|rd\b|th\b)",
    re.IGNORECASE,
)
_FLAT_BEFORE = re.compile(
    r"(?<![\w-])(?:aged|age|ages|\$|us\$|£|€|no\.|number|regiment|brigade|division|route|highway|"
    r"url|views|comments|shares|updated|"
    r"resolution|article|page|chapter|room|floor|since|in|on|by|until|till|from|of\s+the|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|at|around\s+\d+)\s*$",
    re.IGNORECASE,
)
# Counted things that are not people: "three strikes", "two suicide bombers".
_THING_AFTER = re.compile(
    rf"\s+(?:(?!(?:{_FUNCTION})\b)[a-z][\w-]*\s+){{0,2}}?(?:"
    r"(?:air\s*)?strikes|airstrikes|raids|sorties|missions|"
    r"shells|rockets|missiles|bombs|mortars?|rounds|attacks|explosions|blasts|bombers|"
    r"vehicles|tanks|aircraft|jets|warplanes|planes|helicopters|villages|towns|"
    r"neighbou?rhoods|positions|times|occasions|groups|organi[sz]ations|factions|countries|"
    r"states|governments|parties|sides)\b",
    re.IGNORECASE,
)
# A date: "26 November 2016".
_MONTH_BEFORE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s*"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?$",  # "August 21 2013"
    re.IGNORECASE,
)
# "six injured civilians ... died": an injured group whose members later died.
_INJURED_ADJ = re.compile(r"\s+(?:injured|wounded)\s+(?:[a-z]+\s+)?(?:" + PEOPLE + r")\b", re.I)
_DIED_LATER = re.compile(r"\b(?:died|succumbed|passed\s+away)\b", re.IGNORECASE)
_SOURCE_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<src>[\w'’()-]+(?:\s+[\w'’()-]+){0,7}?)"
    r"(?=\s+(?:at|in|on|who|which|figures|data|reports?|over|more|nearly|about|some)\b"
    r"|\s+\d|[,.;:]|$)",
    re.IGNORECASE,
)


_THINGS = re.compile(r"homes|houses|trucks|lorries|shelters|schools|hospitals|tents", re.I)
# "15 of the wounded were in critical condition"
_OF_THE_GROUP = re.compile(
    r"\s+of\s+(?:the|those)\s+(?P<group>wounded|injured|dead|killed|victims|detainees|displaced)\b",
    re.IGNORECASE,
)
# "The victims were mostly civilians and included at least 20 children"
_INCLUDED_LEFT = re.compile(
    r"\b(?:victims|the\s+dead|those\s+killed|the\s+killed|fatalities|deaths)\b[^.;:\"“”]{0,100}?"
    r"\b(?:included|include|including)\s*$",
    re.IGNORECASE,
)
# "The number of fighters killed in battles ... has risen to 39"
_BROUGHT_TO = re.compile(
    r"\b(?:(?:brought|bringing|brings|bring|raised|raising|took|taking|takes)(?=.*\sto\s*$)|"
    r"(?:put|putting|puts|placed|placing|places)(?=.*\sat\s*$))\s+(?:the\s+)?"
    r"(?:total\s+|overall\s+)?(?:(?P<death>death)\s+)?(?P<head>number|toll|tally|count)"
    # "bringing the number killed in 24 hours ... to 45", "putting the number of civilians
    # killed at 13"
    r"(?:\s+(?:of\s+)?(?P<np>[^.;:\"“”]{3,160}?))?\s+(?:to|at)\s*$",
    re.IGNORECASE,
)
_NUMBER_OF = re.compile(
    r"\b(?P<head>number|toll)\s+(?:of|from|in)\s+(?P<np>[^.;:\"“”]{3,160}?)\s+"
    r"(?:has\s+|had\s+|have\s+)?"
    r"(?:risen|rose|rises|climbed|increased|jumped|reached|grown|grew)(?:\s+to)?\s*$",
    re.IGNORECASE,
)


def _group_category(group: str) -> str | None:
    word = group.lower()
    if word in ("wounded", "injured"):
        return "injured"
    if word in ("dead", "killed", "victims"):
        return "killed"
    return "detained" if word == "detainees" else "displaced"


def _past_sub_count(sentence: str, cands: list[_Candidate], i: int) -> str | None:
    """ "700 people including 47 wounded had crossed the border": read past the sub-count."""
    sub = cands[i + 1]
    if not re.fullmatch(r"\s*,?\s*including\s*", sentence[cands[i].noun_end : sub.start]):
        return None
    end = sub.noun_end
    participle = _RIGHT_ADJACENT.match(sentence, end)
    if participle:
        end = participle.end()
    stop = cands[i + 2].start if i + 2 < len(cands) else len(sentence)
    shifted = _Candidate(cands[i].start, cands[i].end, cands[i].amount, cands[i].noun, end)
    found = _category_right(sentence, shifted, stop)
    if (
        found is None
        and participle
        and re.search(r"\bleft\s*$|\bleaving\s*$", sentence[: cands[i].start])
    ):
        # "left 35 people including 22 children dead": the participle is the head's too
        return participle.lastgroup
    return found


def _number_of_category(sentence: str, cand: _Candidate) -> str | None:
    match = _NUMBER_OF.search(sentence, max(0, cand.start - 200), cand.start) or (
        _BROUGHT_TO.search(sentence, max(0, cand.start - 200), cand.start)
    )
    if match is None:
        return None
    if match.group("np") is None:
        return "killed" if match.group("head").lower() == "toll" else None
    if match.group("head").lower() == "toll":
        return "killed"  # "the death toll from the attack on the town has risen to 86"
    found = _ANY_CAT.search(match.group("np"))
    if found is None or found.lastgroup in (None, "other", "population"):
        return None
    if found.lastgroup == "killed" and _COMBATANT.search(match.group("np")):
        return "soldiers"  # resolved by _finalise's caller below
    return found.lastgroup


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    amount: Amount
    noun: str | None
    noun_end: int


def _is_year(text: str, amount: Amount) -> bool:
    raw = text.strip()
    value = amount.value
    return value is not None and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100


def _candidates(sentence: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for match in _NUMBER_RE.finditer(sentence):
        amount = make_amount(match.group("amount"), match.group("qual"))
        if amount is None:
            continue
        if match.group("rng"):
            # Not a range ("rose from 20 to 30"): the second amount stands alone.
            amount = _range_amount(sentence, match, amount) or amount
        # Bounded windows keep long run-on "sentences" linear.
        after = sentence[match.end() : match.end() + 200]
        before = sentence[max(0, match.start() - 200) : match.start()]
        if _FLAT_AFTER.match(after):
            continue
        noun_match = _NOUN_RE.match(after)
        noun = noun_match.group("noun") if noun_match else None
        raw = match.group("amount")
        if noun is None and _THING_AFTER.match(after):
            continue  # "three strikes on IS positions killing nine"
        if _is_year(raw, amount) and _MONTH_BEFORE.search(before):
            continue  # "26 November 2016 Terrorist attacks ..."
        set_before = re.search(r"\b(?:from|of|among|with|for)\s+the\s*$", before)
        if set_before and noun is not None and not match.group("qual"):
            continue  # "13 rebels from the six families": a set already counted
        if noun is None or noun_match is None:
            # Bare numbers need a verb right next to them ("killed 10").
            flat = (
                _FLAT_BEFORE.search(before)
                and not _LEFT_VERB.search(before[-60:])
                and not _BROUGHT_TO.search(before)  # "putting the number killed at 13"
            )
            if flat or _is_year(raw, amount):
                continue
            noun_end = match.end()
        else:
            if _is_year(raw, amount) and noun_match.start("noun") > 1:
                continue
            noun_end = match.end() + noun_match.end()
        if raw.lower() == "one" and (
            not noun_match
            or re.match(r"\s+of\b", after)
            or re.search(r"\b(?:from|in|to|with|for)\s*$", before)
        ):
            continue  # "children from one family": not a count
        if re.search(r"\w-$|\d[-/]$", before) or re.match(r"\s*[-/]\s*\d", after):
            continue  # "2011-2018", "12/3", "7-year-old"
        out.append(_Candidate(match.start(), match.end(), amount, noun, noun_end))
    return out


def _range_amount(sentence: str, match: re.Match[str], high: Amount) -> Amount | None:
    """ "between X and Y" as one range; "rose from X to Y" is a change, not a range."""
    low = make_amount(match.group("lo"), None)
    if low is None or low.value is None or high.value is None or low.value >= high.value:
        return None
    before = sentence[max(0, match.start() - 30) : match.start()]
    if match.group("rng").lower() == "from" and re.search(
        r"\b(?:rose|risen|rising|rises|climbed|increased|jumped|grew|went|up|fell|dropped|"
        r"down|decreased|declined)\s*$",
        before,
        re.IGNORECASE,
    ):
        return None
    if _is_year(match.group("lo"), low):
        return None
    return Amount(None, low.value, high.value, True, high.qualifier)


def _category_right(sentence: str, cand: _Candidate, stop: int) -> str | None:
    window = sentence[cand.noun_end : min(stop, cand.noun_end + 300)]
    brk = _CLAUSE_BREAK.search(window)
    if brk:
        window = window[: brk.start()]
    words = window.split()
    window = " ".join(words[:10])
    if cand.noun and cand.noun.lower() == "evacuees":
        # "98 evacuees ... were killed": what happened to them beats what they are.
        found = _ANY_CAT.search(window)
        return found.lastgroup if found and found.lastgroup != "population" else "displaced"
    if cand.noun:
        # The counted noun itself may carry the meaning ("230000 deaths").
        window = cand.noun + " " + window
    best: tuple[int, str] | None = None
    for match in _ANY_CAT.finditer(window):
        cat = match.lastgroup
        if cat is None:
            continue
        if cat == "population" and match.group().lower() != "inhabitants":
            # "250000 people live in areas held by the opposition": only right after the noun.
            word = match.group().lower()
            between = len(window[len(cand.noun or "") : match.start()].split())
            siege = word.startswith(("trapped", "besieged", "under"))
            # "250000 people now under siege", "300000 people are still believed to be trapped"
            near = between <= (6 if siege else 0)
            more = cand.noun is None and re.match(r"\s*(?:more|others)\b", window)
            if not ((cand.noun or (more and siege)) and (siege or word.startswith("liv")) and near):
                continue
        if cat == "other" and match.start() > 40:
            continue
        if cat == "detained":
            later = _CAT_RE["killed"].search(window, match.end(), match.end() + 30)
            if later:
                cat = "killed"  # "rounded up and executed": the outcome counts
        best = (match.start(), cat)
        break
    return best[1] if best else None


def _category_left(before: str) -> str | None:
    match = _LEFT_VERB.search(before[-60:])
    if not match:
        return None
    word = match.group("word").lower()
    if "lives" in match.group().lower():
        return "killed"
    if word.startswith(("fate", "the fate", "whereabouts", "the whereabouts")):
        return "missing"  # "the fate of around 200 other soldiers remained unknown"
    if word.startswith(("supplies", "aid", "food", "assistance", "rations", "to feed")):
        return "population"  # "supplies for 78000 people": the people the aid is meant for
    if word.startswith(("trapping", "trapped", "besieging", "threaten")):
        return "population"  # "effectively trapping nearly 300000 residents"
    if word in ("left", "leaving"):
        return "pending"  # "left 40 dead": the meaning follows the number.
    if word.startswith(("claim", "cost", "at the cost")):
        return "claimed"  # "claimed more than 100 civilians": dead unless told otherwise
    for cat, regex in _CAT_RE.items():
        if regex.search(word):
            return cat
    if "toll" in word or "lives" in word or "death" in word:
        return "killed"
    return None


def _finalise(cat: str, cand: _Candidate, sentence: str) -> FigureCategory | None:
    if cat == "soldiers":
        return "soldiers_killed"
    context = sentence[cand.start : cand.noun_end]
    tail = re.match(
        r"\s+of\s+(?:the\s+|a\s+|an\s+)?"
        r"(?:(?!(?:were|was|are|is|had|have|has|who|which|in|by)\b)[\w'’()-]+\s*){1,6}",
        sentence[cand.noun_end : cand.noun_end + 80],
    )
    if tail:
        context += tail.group()  # "three members of a pro-government militia"
    who = re.match(
        r"\s+of\s+(?:those|the)\s+(?:killed|dead)\s+(?:were|was)\s+[^,;.]{0,40}",
        sentence[cand.noun_end : cand.noun_end + 80],
    )
    if who:
        context += who.group()  # "six of those killed were Syrian rebel fighters"
    both_sides = re.match(
        r"\s+(?:\w+\s+)?on\s+(?:(?:both|all)\s+sides|the\s+(?:regime|government|rebel|opposition)"
        r"(?:\s+\w+)?\s+side)\b",
        sentence[cand.noun_end :],
    )
    if cat == "killed" and (_COMBATANT.search(context) or both_sides):
        return "soldiers_killed"  # "dozens dead on both sides" of the fighting
    if cat == "other" and cand.noun and _COMBATANT.fullmatch(cand.noun):
        return "soldiers_killed"  # "up to 80 fighters ... were destroyed"
    if cat == "other":
        # Only people count ("200 families in need"); destroyed trucks or homes are not figures.
        if cand.noun is None or not re.match(r"people|families", cand.noun, re.IGNORECASE):
            return None
        return "other"
    if cat in ("killed", "injured", "displaced", "missing", "detained", "population"):
        if cat != "population" and cand.noun and _THINGS.match(cand.noun):
            return None
        return cat  # type: ignore[return-value]
    return None


def _sources(sentence: str) -> list[tuple[int, str]]:
    """Attributions in a sentence: "according to X" and "X said", with positions."""
    found: list[tuple[int, str]] = []
    for match in _SOURCE_ACCORDING.finditer(sentence):
        src = match.group("src").strip()
        if src:
            found.append((match.start(), src))
    for match in SPEECH_VERB_RE.finditer(sentence):
        phrase = phrase_before(sentence, match.start())
        if phrase and phrase.text.lower() not in ("he", "she", "they", "it"):
            found.append((match.start(), phrase.text))
    return found


def _source(sources: list[tuple[int, str]], position: int) -> str | None:
    """The attribution nearest to the number."""
    if not sources:
        return None
    return min((abs(at - position), src) for at, src in sources)[1]


def _affected(cand: _Candidate) -> str | None:
    if cand.noun is None:
        return None
    noun = cand.noun.lower()
    if noun in ("others", "lives", "deaths", "dead", "fatalities", "casualties", "bodies"):
        return None
    return noun


def extract_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    for sent in split_sentences(text):
        if sent.text.startswith("**"):
            continue  # transcript lines ("**Host:** ...") are not reporting
        figures.extend(_sentence_figures(sent.text))
    return figures


_QUOTED_AMOUNT = re.compile(
    rf"[\"“](?=(?:(?:{QUALIFIER_PATTERN})\s+)?(?:{AMOUNT_PATTERN})\b)[^\"“”]{{0,60}}[\"”]",
    re.IGNORECASE,
)


def _unquote_amounts(sentence: str) -> str:
    """Blank the marks of quoted amounts ('left "nearly 50" rebels dead'), same length."""
    return _QUOTED_AMOUNT.sub(lambda m: " " + m.group()[1:-1] + " ", sentence)


def _sentence_figures(original: str) -> list[Figure]:
    # Quote marks blanked (same length): 'left "nearly 50" rebels dead' reads through.
    sentence = _unquote_amounts(original)
    cands = _candidates(sentence)
    cats: list[str | None] = []
    from_participle: set[int] = set()  # "47 wounded": the category sits on the amount itself
    shares_head: set[int] = set()  # sub-counts and "19 more": they belong to the amount before
    for i, cand in enumerate(cands):
        prev_end = cands[i - 1].noun_end if i else 0
        stop = cands[i + 1].start if i + 1 < len(cands) else len(sentence)
        before = sentence[max(prev_end, cand.start - 200) : cand.start]
        left = sentence[max(0, cand.start - 60) : cand.start]
        cat = _category_left(left) if len(before) > 0 or i == 0 else None
        if cat is not None and i and not _LEFT_VERB.search(before):
            cat = None  # the verb belongs to the previous amount
        adjacent = _RIGHT_ADJACENT.match(sentence, cand.noun_end)
        hurt = _INJURED_ADJ.match(sentence, cand.end)
        if hurt:
            tail = _CLAUSE_BREAK.split(sentence[hurt.end() : hurt.end() + 120], maxsplit=1)[0]
            cats.append("killed" if _DIED_LATER.search(tail) else "injured")
            continue
        if adjacent and adjacent.lastgroup:
            cat = adjacent.lastgroup  # "10 killed 15 injured": the participle wins
            from_participle.add(i)
        if cand.noun is not None and cand.noun.lower() in ("lives", "deaths", "fatalities"):
            cat = "killed"  # "claimed hundreds of lives wounded many others"
        if cat == "claimed":
            people = cand.noun is not None and not _THINGS.match(cand.noun)
            cat = _category_right(sentence, cand, stop) or ("killed" if people else None)
        if cat == "pending":
            lives = cand.noun is not None and cand.noun.lower() == "lives"
            cat = "killed" if lives else _category_right(sentence, cand, stop)
        of_the = _OF_THE_GROUP.match(sentence, cand.end)
        if cat is None and of_the:
            cat = _group_category(of_the.group("group"))  # "15 of the wounded"
        if cat is None and _INCLUDED_LEFT.search(sentence, max(0, cand.start - 160), cand.start):
            cat = "killed"  # "The dead included 109 evacuees"
        if cat is None:
            cat = _number_of_category(sentence, cand)
        sub = _SUB_COUNT.search(before) or re.match(
            r"\s+of\s+(?:them|whom)\b", sentence[cand.end :]
        )  # "Seven people were wounded in the raid ... three of them women"
        if i and sub and cats[i - 1] and not adjacent:
            # "killing 3 civilians including 2 women injuring 15 others": a sub-count
            # shares its head count's category; so does "nine men eight of them rebels".
            cat = cats[i - 1]
        bare = cand.noun is None and not re.match(r"\s+of\b", sentence[cand.end :])
        if i and (sub or bare or (cand.noun or "").lower() in ("others", "other", "more")):
            shares_head.add(i)
        listed = (
            i > 0
            and cands[i - 1].noun is not None
            and cand.noun is not None
            and not before.strip()
            and i - 1 in shares_head
        )  # "including 11 women nine children and one rescue worker": commas stripped
        elliptical = (
            cand.noun is None
            and re.match(r"\s+(?:in|on|at|near|outside|around|across)\b", sentence[cand.end :])
            and re.search(r"\band\s+(?:another\s+)?$", before)
        )  # "killed 45 civilians in Aleppo and 22 in neighbouring Idlib"
        if (
            cat is None
            and i
            and (_INHERIT_LEFT.search(before) or listed or elliptical)
            and cats[i - 1]
        ):
            # "killing nine children and 14 others": the second shares the verb.
            cat = _category_right(sentence, cand, stop) or cats[i - 1]
        if cat is None:
            cat = _category_right(sentence, cand, stop)
        if cat is None and i + 1 < len(cands):
            cat = _past_sub_count(sentence, cands, i)
        cats.append(cat)
    borrowed: dict[int, int] = {}
    # "120 fighters and 60 mercenaries were killed": the first takes the second's.
    for i in range(len(cands) - 2, -1, -1):
        if cats[i] is None and cats[i + 1]:
            gap = sentence[cands[i].noun_end : cands[i + 1].start][:200]
            gap_re = (
                r"\s*(?:[a-z][\w-]*\s+)?(?:,|and|,\s*and|or|were\s+among|including\b[^.;]*|"
                r"among\s+them|of\s+them|among\s+whom|of\s+whom|"
                # "120 soldiers and pro-regime militiamen and several dozen Kurdish forces"
                r"and\s+(?:[\w-]+\s+){1,3}?and)\s*"
            )
            including = re.fullmatch(r"\s*,?\s*(?:including|among\s+them|of\s+them)\s*", gap)
            if including and i + 1 in from_participle:
                continue  # "700 people including 47 wounded": the 47's own word, not the 700's
            if re.fullmatch(gap_re, gap):
                cats[i] = cats[i + 1]
                if cands[i].noun is None:
                    borrowed[i] = i + 1  # "30 regime and 39 rebel fighters"
    out: list[Figure] = []
    sources = _sources(sentence) if any(cats) else []
    for i, (cand, cat) in enumerate(zip(cands, cats, strict=True)):
        if cat is None:
            continue
        final = _finalise(cat, cand, sentence)
        if final == "killed" and i in borrowed:
            shared = cands[borrowed[i]]  # the elided noun is the next amount's
            if _finalise(cat, shared, sentence) == "soldiers_killed":
                final = "soldiers_killed"
        of_theirs = re.match(r"\s+of\s+(?:his|its|their)\b", sentence[cand.end :])
        if (
            final == "killed"
            and out
            and out[-1].category == "soldiers_killed"
            and (of_theirs or i in shares_head)
        ):
            # "five of his entourage", "287 IS fighters among them 26 minors",
            # "50 troops were executed 19 more were killed": the same side's dead.
            final = "soldiers_killed"
        if final is None:
            continue
        amount = cand.amount
        out.append(
            Figure(
                value=amount.value,
                low=amount.low,
                high=amount.high,
                approx=amount.approx,
                qualifier=amount.qualifier,
                category=final,
                sentence=original,
                text=original[cand.start : cand.noun_end],
                affected=_affected(cand),
                source=_source(sources, cand.start),
            )
        )
    return out
