"""Is an article armed-conflict news? A lexical score in 0..1.

Weighted cue words, not a trained model: it is fast, deterministic and explainable, and
the cues that matter (air strikes, shelling, ceasefire, displaced) are few and stable.
Counter-cues pull down stories that share words with war reporting but are not about it:
a "striker" in a football match, an earthquake's death toll, a workers' strike.
"""

from __future__ import annotations

import math
import re

__all__ = ["CONFLICT_THRESHOLD", "conflict_score"]

CONFLICT_THRESHOLD = 0.5


def _cues(spec: str) -> tuple[tuple[re.Pattern[str], float], ...]:
    """Parse ``weight: word|word ...`` lines into (pattern, weight) pairs."""
    cues = []
    for line in spec.strip().splitlines():
        weight, _, words = line.partition(":")
        alternation = "|".join(w.strip() for w in words.split("|") if w.strip())
        cues.append((re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE), float(weight)))
    return tuple(cues)


# Cues of armed conflict. Weights: 3 = unambiguous, 2 = strong, 1 = supporting.
_CONFLICT = _cues(
    r"""
3: air ?strikes?|airstrikes?|air raids?|shelling|shelled|bombardments?|barrel bombs?
3: artillery|mortars?(?: rounds?| shells?| fire)?|shells? (?:hit|fell|struck|landed)
3: clashes|clashed|ceasefire|cease-fire|truce|hostages?|besieged|siege
3: insurgents?|insurgency|militants?|militias?|paramilitary|jihadists?|rebels?|rebel-held
3: armed groups?|gunmen|ambush(?:ed)?|snipers?|suicide (?:bomb(?:er|ing)s?|attack)
3: car bombs?|landmines?|drone (?:strikes?|attacks?)|missiles?|rockets?|warplanes?|jets
3: massacres?|war crimes?|ethnic cleansing|genocide|chemical (?:attack|weapons?)
3: prisoners? of war|prisoner (?:swap|exchange)|front ?lines?|offensive
3: rapid support forces|islamic state|isis|isil|daesh|al-shabaab|boko haram|hezbollah
3: hamas|houthis?|taliban|al-qaeda|nusra|hayat tahrir al[- ]sham|jnim|m23|wagner
3: rsf|idf|sdf|hts|ypg|pkk|fardc|tatmadaw|arakan army
2: troops|soldiers|fighters|army|military|armed forces|forces|regime forces|warships?
2: war|wartime|invasion|occupation|occupied|annex(?:ed|ation)|bombings?|bombed|explosion
2: killed|casualties|wounded|death toll|civilians|peace talks|negotiators|mediators
2: displaced|displacement|refugees?|fled|evacuat(?:ed|ion)|humanitarian corridor|aid convoys?
2: attacks?|attacked|strikes? on|struck|seized|captured|recaptured|retook|retakes?|overrun
2: kidnapped|abduct(?:ed|s)?|raids?|raided|looting|torched|executed|detainees?
2: security forces|defence ministry|defense ministry|commanders?|battalions?|brigades?
1: conflict|violence|violations|monitoring group|observatory|white helmets|rubble|killing
1: weapons|arms|bombs?|targets?|targeted|frontline|battle|fighting|combat|enclave|convoy
"""
)

# Counter-cues: other kinds of news that share vocabulary with conflict reporting.
_OTHER = _cues(
    r"""
4: football|soccer|striker|goalkeeper|midfielder|penalt(?:y|ies)|league|cup final|derby
4: tournament|championship|grand slam|olympics?|olympic games|marathon|coach|fans|season
4: earthquake|quake|aftershocks?|magnitude|tsunami|volcano|erupt(?:ed|ion)|cyclone
4: hurricane|typhoon|floods?|flooding|monsoon|wildfire|heatwave|drought|landslide
3: inflation|interest rates?|stock market|shares|index|budget|gdp|economy|investors?
3: festival|album|film|museum|concert|book fair|exhibition|award|charts
3: election|electoral|vote|voters?|turnout|ballot|polls|parliamentary|lawmakers
3: workers|union|walked out|wages|pay|factory|company|companies|airline|smartphone
2: goal|score[ds]?|title|final|team|match|win|victory|record|champion
2: outbreak|cholera|measles|vaccin\w*|disease|ferry|capsized|bus crash|brakes|fire broke out
2: court|sentenced|corruption|bribes|robbery|police arrested|protest(?:ers|ed)?
"""
)

_TITLE_WEIGHT = 2.0  # a cue in the headline says what the story is about
_CAP_PER_CUE = 3  # repeated words add little beyond the third mention
_OFFSET = 5.0  # evidence needed to reach 0.5: one strong cue in the headline and one more
_SLOPE = 0.45


def _evidence(cues: tuple[tuple[re.Pattern[str], float], ...], title: str, body: str) -> float:
    total = 0.0
    for pattern, weight in cues:
        in_title = len(pattern.findall(title))
        in_body = len(pattern.findall(body))
        if in_title or in_body:
            hits = min(in_title * _TITLE_WEIGHT + in_body, _CAP_PER_CUE)
            # Diminishing returns: the first mention says the most.
            total += weight * (1.0 + math.log(hits)) if hits >= 1 else weight * hits
    return total


def conflict_score(title: str, body: str) -> float:
    """Probability-like score (0..1) that the article reports on armed conflict.

    Only the lead matters: conflict news says so at the top, and long articles would
    otherwise collect stray cues anywhere.
    """
    lead = " ".join(body.split()[:250])
    pro = _evidence(_CONFLICT, title, lead)
    contra = _evidence(_OTHER, title, lead)
    # Counter-cues weigh less once conflict evidence is overwhelming (a stadium shelled).
    net = pro - contra * (1.0 if pro < 3 * _OFFSET else 0.5)
    return 1.0 / (1.0 + math.exp(-_SLOPE * (net - _OFFSET)))
