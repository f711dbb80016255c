"""Who is quoted: the attribution around one quote ("..." Assad reportedly stated).

Looks after the closing mark, then before the opening mark, then elsewhere in the
quote's sentence.  Resolving pronouns and second references to the people and
bodies named earlier is ``summarizer.coreference``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.given_names import is_given_name
from summarizer.sentences import Sentence, ends_sentence
from summarizer.speakers import (
    BODY_NOUNS,
    LEAD_WORDS,
    MANNER,
    NAME_GAP,
    NAME_PATTERN,
    PERSON_HEADS,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERB_ALT,
    SPEECH_VERB_RE,
    TITLE_ABBREVIATION,
    Phrase,
    after_preposition,
    is_anonymous,
    is_descriptor,
    is_person_name,
    phrase_after,
    phrase_before,
    speaker_before,
    strip_title,
    without_party_tag,
    word_set,
)

# "Rami Abdel Rahman head of the ...": the name before an appositive role.
_APPOSITIVE = re.compile(
    r"^[\s,.]*(?P<name>[A-Z][\w'’-]*(?:\s+(?!(?i:executive|deputy|acting|senior|managing|"
    r"assistant|regional|general)\b)(?:[A-Z][\w'’-]*|al-\w+|bin|el)){1,4}),?\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?(?i:head|chief|director|spokesman|spokeswoman|"
    r"spokesperson|leader|commander|member|founder|president|minister|envoy|ambassador|"
    r"official|coordinator|adviser|advisor|secretary|representative|researcher|activist|"
    r"doctor|resident|chairman|analyst|expert|correspondent|reporter)\b"
)


# '..." Samer Khalil, a researcher with the Observatory, told reporters.'
_COMMA_APPOSITIVE = re.compile(
    r"^[\s,.]*(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-\w+|bin|el)){1,4}),\s+"
    r"(?:a|an|the)\s+[^,.;\"“”]{1,80},\s*(?P<adv>reportedly\s+)?"
    r"(?:said|says|told|added|stated|explained|warned)\b"
)


_NAME_AND_TEAM = re.compile(
    r"^[\s,]*(?P<name>" + NAME_PATTERN + r"|[A-Z][a-z'’-]+)\s+and\s+(?:his|her|their)\s+"
    r"(?:team|colleagues|co-authors|coauthors|collaborators)\s+(?:" + SPEECH_VERB_ALT + r")\b"
)


# A pull quote signed with a dash: '"... George R.R. Martin." — Neil Gaiman'.
# '"..." ― Pamela Padilla' (an em dash, en dash or horizontal bar before the name).
_DASH_NAME = re.compile(r"^\s*[—–―]{1,2}\s*(?P<name>" + NAME_PATTERN + r")\s*[.,;]?\s*(?:$|\n)")


# Verbs that frame speech only right after a quote: '"Hands up!" an officer ordered'.
_AFTER_QUOTE_VERBS = (
    r"written|described|reads|ordered|shouts|yells|screams|asks|begs|pleads|cries|cried|whispered|"
    r"whispers|sighed|laughed|laughs|jokes|chimed|comments|commented|writes|tweeted|posted"
)


# '..." Dylan Nelson, a postdoctoral fellow at ..., Germany, and co-author of the study,
# said' / '..." study lead author Lucas Paganini, a planetary scientist, said' /
# '..." Howard Gleckman, a senior fellow at the Center, has written'.
_NAME_APPOSITIVE_VERB = re.compile(
    r"^[\s,.]*(?P<role>(?:the\s+)?(?:[a-z][\w'’-]*\s+){1,4})?"
    r"(?:" + TITLE_ABBREVIATION + r"\s+){0,2}"
    r"(?P<name>" + NAME_PATTERN + r"|"
    r"[A-Z][a-z'’-]+(?=,|\s+" + MANNER + r"\s))(?P<appositive>,\s+[^\"“”]{3,220}?,?)?\s+"
    r"(?:(?:has|had|have|also|later|then|" + MANNER + r")\s+)*(?P<adv>reportedly\s+)?"
    r"(?:" + SPEECH_VERB_ALT + r"|" + _AFTER_QUOTE_VERBS + r")\b"
)


_BARE_APPOSITIVE_VERB = re.compile(
    r"^\s*(?P<name>" + NAME_PATTERN + r"|[A-Z][a-z'’-]+)\s+(?:a|an|the)\s+[^\"“”.;,]{3,100}?\s+"
    r"(?:" + SPEECH_VERB_ALT + r")\b"
)


# '..." the physicians stated in the letter' / '..." one Weibo commenter said': right after
# the quote, whatever the phrase in front of the verb is, it names the speaker.
_ANY_PHRASE_AFTER = re.compile(
    r"^[\s,]*(?P<np>(?P<det>the|a|an|one|another|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?"
    r"[a-z][\w'’-]*)\s+(?:(?:has|had|have|also|later|then)\s+)*(?P<adv>reportedly\s+)?"
    r"(?:" + SPEECH_VERB_ALT + r"|" + _AFTER_QUOTE_VERBS + r")\b"
)


# '..." a resident of the town said' / '..." one relative told AFP': an unnamed speaker.
_UNNAMED_AFTER = re.compile(
    r"^[\s,.]*(?P<np>(?:a|an|one|another|two|three|four|several|multiple)\s+"
    r"(?:[\w'’-]+\s+){0,6}?[\w'’-]+?)\s+"
    r"(?P<adv>reportedly\s+)?(?:said|says|told|added|explained|recalled|warned)\b"
)


# Verbs a writer puts before the speaker after a quote: '..." responded NASA administrator
# Jim Bridenstine' as much as '..." said Smith'.
_INVERTING = (
    r"(?:said|says|added|adds|asked|asks|continued|continues|replied|replies|responded|"
    r"responds|answered|answers|wrote|writes|explained|explains|noted|notes|testified|"
    r"commented|comments|stressed|insisted|insists|argued|argues|countered|counters|recalled|"
    r"recalls|warned|warns|observed|conceded|concedes|acknowledged|declared|tweeted|quipped|"
    r"joked|remarked|cautioned|reported|reports|announced|stated|claimed|emphasized|emphasised|"
    r"urged|admitted|pledged|promised|predicted|suggested|concluded|reiterated|confirmed|"
    r"lamented|complained|boasted|assured|pleaded|exclaimed|affirmed|recounted)"
)


_INVERTED = re.compile(
    r"^[\s,.]*" + _INVERTING + r"\s+"
    r"(?P<np>(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,5}?[\w'’-]+?)"
    r"(?=\s*[,.;]|\s+(?:who|which|whose|that|as|when|after|in|on|at|to|with)\b|\s+[a-z]+ing\b|\s*$)"
)


# '..." said planetary geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory.'
_INVERTED_ROLE_NAME = re.compile(
    r"^[\s,.]*(?:"
    + _INVERTING
    + r"|told\s+\w+)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z0-9][\w/'’-]*\s+){1,4}"
    # "said state police commissioner Col. Christopher Paris": an abbreviated rank first.
    r"(?:" + TITLE_ABBREVIATION + r"\s+){0,2}(?P<name>"
    + NAME_PATTERN
    + r")"
    r"(?=\s*[,.;(]|\s+(?:of|from|at|with|who|in|on)\b|\s*$)"
)


_INVERTED_NAME = re.compile(
    r"^[\s,.]*" + _INVERTING + r"\s+"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]*|bin|ibn|el)){1,4})"
    r",?\s+(?:the\s+|a\s+|an\s+)?(?:head|chief|director|spokesman|spokeswoman|spokesperson|"
    r"leader|commander|member|founder)\b"
)


# '..." said Hisham Marwah the Syrian National Coalitions (SNC) vice-president.'
INVERTED_PERSON = re.compile(
    r"[\s,.]*(?:" + _INVERTING + r"|told\s+\w+)\s+"
    r"(?:(?:[A-Z][a-z]{0,3}\.|[A-Z][a-z]*|[A-Z]+)\s+){0,3}?"
    # "Wesley-Smith": a double-barrelled surname is one name word.
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z][a-z'’-]+|"
    r"al-[A-Z][\w-]*|bin|ibn|el|abu)){1,4})"
    r"(?=\s*[,.;(]|\s+(?:the|a|an|who|on|in|at|to|from|of|as|when|after|during|head|chief|"
    r"spokesman|spokeswoman|director)\b|\s*$)"
)


_SOMEONE = re.compile(
    r"\b(?:a|an|one)\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(PERSON_HEADS)) + r")\b"
)


# Verbs that frame a quoted fragment as their subject's words.
FRAGMENT_VERB = re.compile(
    r"\b(?:called\s+(?:on|upon|for)|calling\s+(?:on|upon|for)|described|accused|condemned|"
    r"denounced|blamed|labelled|labeled|dubbed|termed|branded|vowed|pledged|promised|called|"
    r"attacked|criticised|criticized|slammed|hailed|praised|welcomed)\b"
)


# '... to open a formal inquiry said spokesman Colonel Chris Garver on Wednesday.'
_SENTENCE_END_ATTR = re.compile(
    r"\b(?:said|added|says|stated|told\s+\w+)\s+(?P<np>(?:[\w'’.()-]+\s+){0,7}?[\w'’()-]+)"
    r"(?:\s+(?:on|late\s+on|earlier\s+on)\s+\w+|\s+in\s+a\s+statement)?\s*[.!]?\s*$"
)


# '..." according to the ministry.' / 'According to Smith, "..."'
ACCORDING_AFTER = re.compile(r"^[\s,.]*according\s+to\s+(?P<np>[^.,;:\"“”]{2,80}?)\s*(?=[.,;:]|$)")


_ACCORDING_BEFORE = re.compile(
    r"\b[Aa]ccording\s+to\s+(?P<np>[^.,;:\"“”]{2,80}?)\s*(?:,\s*(?P<name>"
    + NAME_PATTERN
    + r")\s*)?"
    r"[,:]?\s*$"
)


# '..." SANA quoted the source as saying' / 'the agency cited a military source as saying'
_QUOTED_AS_SAYING = re.compile(
    r"\b(?:quoted|cited)\s+(?!by\b)(?P<np>(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+)\s+as\s+saying\b"
)


@dataclass(frozen=True)
class Attribution:
    speaker: str
    reported: bool
    anonymous: bool


def clean_speaker(raw: str) -> str:
    name = without_party_tag(raw.strip(" ,.")).strip(" ,.")
    if re.fullmatch(r"\([A-Z][\w-]*\)", name):
        name = name[1:-1]  # "the UN agency for Palestinian refugees (UNRWA) said": UNRWA
    # "As Breitbart News reported": a conjunction opening the sentence names no one.
    name = re.sub(r"^(?:As|But|And|So|Yet|While|When|Then)\s+(?=[A-Z])", "", name)
    employer = re.match(r"[A-Z][\w.&-]*(?:" + NAME_GAP + r"[A-Z][\w.&-]*){0,3}['’]s\s+", name)
    if employer and is_person_name(strip_title(name[employer.end() :])):
        name = name[employer.end() :]  # "Breitbart’s Joel Pollak": the person
    # "the BBC" is the BBC; "the Israeli leader" stays a description of one person, to be
    # resolved to the one the story names.
    office = name.split()[-1].lower() in _ONE_PERSON_OFFICES if name else False
    if re.match(r"the\s+[A-Z]", name) and not office:
        name = re.sub(r"^the\s+", "", name)
    kind = _KIND_BEFORE_NAME.match(name)
    if kind and kind.group("kind").lower() in _KINDS_OF_BODY:
        name = name[kind.end() :]  # "organization BRAC" -> "BRAC"
    return strip_title(name)


_ONE_PERSON_OFFICES = word_set(
    "leader president premier chancellor nominee candidate senator governor mayor king queen "
    "monarch"
)
# Lower-case words naming what a body is, before its name: "development organization BRAC".
_KINDS_OF_BODY = ROLE_NOUNS | BODY_NOUNS
_KIND_BEFORE_NAME = re.compile(r"(?:[a-z][\w-]*\s+)*(?P<kind>[a-z][\w-]*)\s+(?=[A-Z])")


def make_attribution(raw: str, reported: bool) -> Attribution:
    return Attribution(clean_speaker(raw), reported, is_anonymous(raw))


# A description with nothing else before the verb: " the gambling tycoon" (then "told").
_NOT_DESCRIBING = frozenset({"a", "an", "the", "to", "of", "and", "or", "was", "is", "had", "has"})
_BARE_DESCRIPTION = re.compile(
    r"[\s,]*(?P<np>(?:the|a|an)\s+(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)\s*"
)


def attribution_after(text: str, close: int, limit: int) -> tuple[Attribution | None, int]:
    """'..." Assad reportedly stated' / '..." said the monitor'."""
    window = text[close:limit]
    window = re.split(r"[\"“”]", window, maxsplit=1)[0]
    if _new_sentence_follows(text, close, window):
        return None, close
    according = ACCORDING_AFTER.match(window)
    if according:
        return make_attribution(according.group("np"), False), close + according.end()
    cited = _QUOTED_AS_SAYING.search(window)
    if cited and not ends_sentence(window[: cited.start()]):
        return make_attribution(cited.group("np"), False), close + cited.end()
    named = _COMMA_APPOSITIVE.match(window)
    if named:
        return make_attribution(named.group("name"), bool(named.group("adv"))), close + named.end()
    bare = _BARE_APPOSITIVE_VERB.match(window)
    if bare and is_person_name(strip_title(bare.group("name"))):
        # Comma-stripped wire copy: '"..." Ahmad a 34-year-old father of three told AFP'
        return make_attribution(bare.group("name"), False), close + bare.end()
    appositive = _NAME_APPOSITIVE_VERB.match(window)
    if appositive and _names_the_speaker(appositive):
        name = appositive.group("name")
        return make_attribution(name, bool(appositive.group("adv"))), close + appositive.end()
    unnamed = _UNNAMED_AFTER.match(window)
    if unnamed and _person_like(unnamed.group("np")):
        speaker = Attribution(unnamed.group("np"), bool(unnamed.group("adv")), True)
        return speaker, close + unnamed.end()
    titled = _titled_person_after(window)
    if titled is not None:
        return make_attribution(titled.text, False), close + titled.end
    person = INVERTED_PERSON.match(window)
    if person and is_person_name(strip_title(person.group("name"))):
        return make_attribution(person.group("name"), False), close + person.end("name")
    after_role = _person_after_role_run(window)
    if after_role is not None:
        return make_attribution(after_role[0], False), close + after_role[1]
    role_named = _INVERTED_ROLE_NAME.match(window)
    if role_named and is_person_name(role_named.group("name")):
        return make_attribution(role_named.group("name"), False), close + role_named.end()
    inv = _INVERTED.match(window)
    # Not '..." announced in October, said Derek Scissors': "in October" is no one.
    if inv and inv.group("np").split()[0].lower() not in PREPOSITIONS:
        return make_attribution(inv.group("np"), False), close + inv.end()
    # '..." said Rami Abdel Rahman head of the Observatory': a name, then its role.
    inv_name = _INVERTED_NAME.match(window)
    if inv_name and is_person_name(strip_title(inv_name.group("name"))):
        return make_attribution(inv_name.group("name"), False), close + inv_name.end("name")
    appos = _APPOSITIVE.match(window)
    if appos and re.match(r"\s+[A-Z][a-z'’-]+", window[appos.end() :]):
        appos = None  # "White House Press Secretary Stephanie Grisham": a title before a name
    for verb in SPEECH_VERB_RE.finditer(window):
        if len(window[: verb.start()].split()) > 14:
            break
        if ends_sentence(window[: verb.start()]):
            break
        reported = bool(verb.group("adv") and "reportedly" in verb.group("adv")) or (
            "quoted" in verb.group("verb")
        )
        # "Peter Salama Executive Director of the WHO ... said": the person, not the body.
        if appos and appos.end("name") <= verb.start() and is_person_name(appos.group("name")):
            return make_attribution(appos.group("name"), reported), close + verb.end()
        phrase = speaker_before(window, verb.start())
        described = _BARE_DESCRIPTION.fullmatch(window[: verb.start()])
        if described and set(described.group("np").lower().split()[1:]) & _NOT_DESCRIBING:
            described = None  # "the coalition opened an inquiry said ...": a clause
        if phrase is None and described:
            # '..." the gambling tycoon told Reuters ... when asked': the description, not
            # a name after a later verb.
            return make_attribution(described.group("np"), reported), close + verb.end()
        if phrase is None or after_preposition(window, phrase.start):
            # '..." a village south of Jarabulus said Rami Abdel Rahman'
            person = INVERTED_PERSON.match(window, verb.start())
            if person and is_person_name(strip_title(person.group("name"))):
                return make_attribution(person.group("name"), reported), close + person.end("name")
        if phrase:
            return make_attribution(phrase.text, reported), close + verb.end()
    team = _NAME_AND_TEAM.match(window)
    if team and is_person_name(strip_title(team.group("name"))):
        # '..." Paganini and his team wrote in the paper.'
        return make_attribution(team.group("name"), False), close + team.end()
    dashed = _DASH_NAME.match(window)
    if dashed and is_person_name(strip_title(dashed.group("name"))):
        return make_attribution(dashed.group("name"), False), close + dashed.end()
    anyone = _ANY_PHRASE_AFTER.match(window)
    if anyone is None:
        return None, close
    # Only where punctuation marks the quote as the verb's object ('"...," the description
    # on the website reads') or for an unnamed speaker ('"..." one child told AFP').
    # ('"... the ‘comeback of the decade,’" the article read': an inner quote closes too)
    framed = bool(re.search(r"[,!?][’']?[\"“”]$", text[max(0, close - 3) : close])) or bool(
        re.match(r"\s*,", window)
    )
    indefinite = anyone.group("det").lower() in ("a", "an", "one", "another")
    inside = set(anyone.group("np").lower().split()[1:]) & PREPOSITIONS
    if (
        (framed and not inside)
        or (framed and anyone.group("det").lower() == "the")
        or (indefinite and not inside)
    ):
        speaker = Attribution(anyone.group("np"), bool(anyone.group("adv")), indefinite)
        return speaker, close + anyone.end()
    return None, close


def _names_the_speaker(match: re.Match[str]) -> bool:
    """The name in front of the verb is a person's, and no new sentence or clause intervenes."""
    if not is_person_name(strip_title(match.group("name"))):
        return False
    role = (match.group("role") or "").lower().split()
    if set(role) & (PREPOSITIONS | {"and", "but", "as", "when", "while", "after", "said"}):
        return False  # '..." in the Middle East, Smith said': the name is not the subject
    appositive = match.group("appositive") or ""
    if re.search(r"\b(?:it|he|she|they|we|I|you)\s*$", appositive):
        return False  # '..." Critically, however, it pointed out': "it" speaks
    if " " not in match.group("name") and match.group("name").endswith("ly"):
        return False  # a sentence adverb ("Critically,"), not a surname
    return not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", appositive)


_INVERTED_VERB = re.compile(r"[\s,.]*(?:" + _INVERTING + r"|told\s+\w+)\s+")


def _titled_person_after(window: str) -> Phrase | None:
    """'..." said Operation Inherent Resolve spokesperson Colonel Christopher Garver'."""
    verb = _INVERTED_VERB.match(window)
    phrase = phrase_after(window, verb.end()) if verb else None
    if phrase is None:
        return None
    name = strip_title(phrase.text)
    if name == phrase.text or not is_person_name(name):
        return None
    return phrase


# '..." said CNN Chief Law Enforcement and Intelligence Analyst John Miller, "...': a
# capitalised role of several words ("and", "of" inside it), then the person's name.
_ROLE_RUN_AFTER = re.compile(
    r"[\s,.]*(?:" + _INVERTING + r"|told\s+\w+)\s+(?:the\s+)?"
    r"(?P<run>[A-Z][\w'’&.-]*(?:[ \t]+(?:[A-Z][\w'’&.-]*|and|of|for|&)){2,10})"
    r"(?=\s*[,.;(]|\s*$)"
)


def _person_after_role_run(window: str) -> tuple[str, int] | None:
    """The name closing a capitalised role run after an inverted verb, where it opens with
    a given name ("... Analyst John Miller"), and where it ends."""
    run = _ROLE_RUN_AFTER.match(window)
    if run is None:
        return None
    words = run.group("run").split()
    for first in range(1, len(words) - 1):
        name = " ".join(words[first:])
        if len(words) - first <= 4 and is_given_name(words[first]) and is_person_name(name):
            return name, run.end("run")
    return None


def _new_sentence_follows(text: str, close: int, window: str) -> bool:
    """'..." ends with a full stop inside the marks, then "Trump said he ordered ...".

    After a quote that ends its own sentence, a capitalised clause with a long
    tail after its verb is a new statement, not this quote's attribution.
    """
    inside = text[max(0, close - 3) : close]
    if not re.search(r"[.!?][\"“”\]\[]*$", inside):
        return False
    if not re.match(r"\s*[A-Z]", window):
        return False
    verb = SPEECH_VERB_RE.search(window)
    if verb is None:
        return False
    tail = re.split(r"(?<=[.!?;])\s", window[verb.end() :], maxsplit=1)[0].split()
    # "Siege Watch claimed the workers were targeted": a new statement, not this quote's tag.
    opens_clause = bool(tail) and tail[0].lower() in _CLAUSE_OPENERS
    return len(tail) > 8 or (len(tail) > 3 and opens_clause)


_CLAUSE_OPENERS = frozenset(
    {"the", "a", "an", "that", "he", "she", "it", "they", "there", "this", "these", "his"}
    | {"her", "its", "their", "we", "i"}
)


def _person_like(phrase: str) -> bool:
    """ "a resident of the town", "one relative": a person, not "a village south of X"."""
    head = re.split(r"\s+(?:of|from|in|at|near|with|for|off|on)\s", phrase, maxsplit=1)[0]
    words = [w.lower().strip(",.") for w in head.split()[1:]]
    return any(w in ROLE_NOUNS or is_descriptor(w) or w in PERSON_HEADS for w in words)


_NOUN_BEFORE = re.compile(
    r"\b(?:that|the|these|those|many|some|all|other|its|their|our|several|both|two|three|"
    r"four|five|\d+)\s+$",
    re.IGNORECASE,
)


_ONE_OF_THEM = re.compile(r"(?:^|[,;]\s+|\b(?:and|but|while)\s+)one\s+$")
_GROUP_NOUN = re.compile(r"\b(?:the|two|three|both)\s+(?P<group>[a-z]{3,}s)\b(?=[^.]*\bone\s+$)")


def attribution_before(text: str, start: int, open_mark: int) -> Attribution | None:
    """'Barazi said "..."' / 'He said the attack was "..."'."""
    window = text[start:open_mark]
    according = _ACCORDING_BEFORE.search(window)
    if according:  # "According to his aunt, Jane Starner, "..."": the name
        trailing = re.search(r"(?:" + NAME_PATTERN + r")$", according.group("np"))
        name = according.group("name") or (trailing.group() if trailing else None)
        return make_attribution(name or according.group("np"), False)
    cited = list(_QUOTED_AS_SAYING.finditer(window))
    if cited:
        return make_attribution(cited[-1].group("np"), False)
    issued = list(_ISSUED_BEFORE.finditer(window))
    if issued:
        # 'the Electoral Commission, which regulates ..., issued a statement warning that'
        issuer = speaker_before(window, issued[-1].start() + 1)
        if issuer is not None:
            return make_attribution(issuer.text, False)
    infinitive = _TO_SAY.search(window)
    if infinitive and is_person_name(strip_title(infinitive.group("name"))):
        # 'abandoning likes allowed Mosseri to claim that Instagram wants to be "..."'
        return make_attribution(infinitive.group("name"), False)
    owner = _OWNER_OF_DOCUMENT.search(window)
    owned = owner is not None and (
        is_person_name(strip_title(owner.group("name"))) or owner.group("name").isupper()
    )
    if owner and owned:
        # "Ali Khamenei's first statement on the matter said of Israel, "..."": his words.
        return make_attribution(owner.group("name"), False)
    sent = _SENT_WORDS.search(window)
    sender = speaker_before(window, sent.start()) if sent else None
    if sender is not None and sender.text.lower() not in PRONOUNS:
        # 'Ogstad sent direct messages to county officials, including: "..."'
        return make_attribution(sender.text, False)
    shown = _NAME_SAYING.search(window)
    if shown and is_person_name(strip_title(shown.group("name"))):
        # 'footage of Hillary Clinton asking, "..."': the person named with the participle.
        return make_attribution(shown.group("name"), False)
    asked_by = list(_ASKED_BY.finditer(window))
    asker = phrase_after(window, asked_by[-1].end()) if asked_by else None
    if asker is not None:
        # 'Sanders was asked by host Bill Maher, who ..., "Now, ...': the one asking speaks.
        return make_attribution(asker.text, False)
    # Not "that states can pass such laws": after a determiner, "states" is a noun; and
    # not 'Blumenthal was asked, "..."': the one asked does not speak the question.
    verbs = [
        v
        for v in SPEECH_VERB_RE.finditer(window)
        if not _NOUN_BEFORE.search(window, 0, v.start())
        and not _PASSIVE_BEFORE.search(window, 0, v.start())
    ]
    participle = re.search(
        r"\b(?:saying|adding|stressing|stating|telling|warning|noting|explaining|urging|"
        r"calling|demanding|asking|insisting|vowing|accusing|shouting|chanting|screaming|"
        r"crying|yelling)\b[^.]*$",
        window,
    )
    speaking = [v for v in verbs if speaker_before(window, v.start()) is not None]
    if not speaking:
        # 'Zaatari called on "all warring sides to ..."': the caller speaks.
        calls = list(FRAGMENT_VERB.finditer(window))
        caller = speaker_before(window, calls[-1].start()) if calls else None
        if caller is not None:
            return make_attribution(caller.text, False)
        if calls or verbs:
            # "The charity condemned the attack and called on ...": the clause subject.
            subject = clause_subject(window)
            if subject is not None:
                return make_attribution(subject, False)
    if participle and not verbs:
        # "Assad appears determined, stating “...”": the clause subject speaks.
        subject = clause_subject(window)
        if subject is None:
            # "In Qaterji a man stood in the road shouting angrily": the unnamed person.
            someone = _SOMEONE.search(window)
            return Attribution(someone.group(), False, True) if someone else None
        return make_attribution(subject, False)
    introduced = bool(re.search(r"[,:]\s*$", window))  # 'recalled that he said, "..."'
    for verb in verbs[:-1] if not introduced else []:
        # 'Pompeo said that after legal consultation Washington had concluded the
        # settlements were "..."': the words are reported by the one saying "that".
        phrase = speaker_before(window, verb.start())
        if phrase is not None and re.match(r"\s+that\b", window[verb.end() :]):
            return make_attribution(phrase.text, False)
    for verb in reversed(verbs):
        phrase = speaker_before(window, verb.start())
        if phrase:
            reported = bool(verb.group("adv") and "reportedly" in verb.group("adv"))
            return make_attribution(phrase.text, reported)
        if _ONE_OF_THEM.search(window, max(0, verb.start() - 20), verb.start()):
            # "the deputies note the pot and one says, "..."": one of them, unnamed.
            group = list(_GROUP_NOUN.finditer(window, 0, verb.start()))
            who = f"one of the {group[-1].group('group')}" if group else "one of them"
            return Attribution(who, False, True)
        unnamed = _UNNAMED_BEFORE.search(window, max(0, verb.start() - 80), verb.start())
        if unnamed and _person_like(unnamed.group("np")):
            named = _NAME_THEN_COMMA.search(window, max(0, unnamed.start() - 80), unnamed.start())
            if named and is_person_name(strip_title(named.group("name"))):
                # "Shah Monjurul Hoque, a lawyer representing students said": the person,
                # described in an appositive whose closing comma is missing.
                return make_attribution(named.group("name"), False)
            # "one resident of the town told the Associated Press"
            return Attribution(unnamed.group("np"), False, True)
    described = _DESCRIBED_BEFORE.search(window)
    if described:
        return Attribution(described.group("np"), False, False)
    return None


# 'The world indoor champion said: "..."': a description opening the sentence speaks.
_DESCRIBED_BEFORE = re.compile(
    r"(?:^|[.!?]\s+|\n)\s*(?P<np>The\s+(?:[\w'’-]+\s+){0,4}?[a-z][\w'’-]*)\s+(?:also\s+)?"
    + SPEECH_VERB_ALT
    + r"\s*:?\s*$"
)


_ISSUED_BEFORE = re.compile(
    r"\s+(?:issued|released|put\s+out|published)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"statement\s+(?:saying|warning|stating|calling|describing|urging|that|which\s+said)\b[^.]*$"
)


_TO_SAY = re.compile(
    r"\b(?P<name>" + NAME_PATTERN + r"|[A-Z][a-z'’-]+)\s+to\s+(?:say|claim|argue|insist|declare|"
    r"announce|warn|tell\s+\w+)\b(?:\s+that)?[^\"“”.;]{0,80}$"
)


_SENT_WORDS = re.compile(
    r"\b(?:sent|texted|emailed|messaged)\s+(?:\w+\s+){0,3}?(?:messages?|texts?|emails?|letters?|"
    r"notes?|posts?)\b[^.“”\"]{0,80}[:,]\s*$"
)
_OWNER_OF_DOCUMENT = re.compile(
    r"\b(?P<name>" + NAME_PATTERN + r"|[A-Z][A-Za-z'’-]+)['’]s?\s+(?:[a-z]+\s+){0,2}"
    r"(?:statement|message|letter|post|speech|address|tweet)\b[^.;“”\"]{0,60}?\s+"
    r"(?:said|says|read|reads|stated|added|declared)\b[^.;“”\"]{0,40}[,:]?\s*$"
)
_NAME_SAYING = re.compile(
    r"\b(?:of|shows|showed|showing|features|featuring|with)\s+(?:[a-z]+\s+){0,2}(?P<name>"
    + NAME_PATTERN
    + r"|[A-Z][a-z'’-]+)\s+(?:[a-z]+ing\s+[^,.;“”\"]{0,40},\s*)?"
    r"(?:saying|asking|adding|telling\s+\w+|shouting|declaring)\b[^\"“”.]{0,60}[,:]\s*$"
)


_ASKED_BY = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:asked|told)\s+by\s+")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+$")
# 'Blumenthal was asked, "..."': the subject is the one asked, not the one asking.
ASKED_PASSIVE = re.compile(r"\b(?:was|were)\s+(?:asked|told)\b[^\"“”]*$")


_NAME_THEN_COMMA = re.compile(r"(?P<name>" + NAME_PATTERN + r"),\s*$")
_UNNAMED_BEFORE = re.compile(
    r"(?P<np>\b(?:one|a|an|another)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:also\s+)?$"
)
# "As he was leaving the rally, ...": a conjunction opening a clause, never its subject.
_SUBORDINATE_WORDS = frozenset(
    {"As", "While", "When", "If", "Because", "Although", "Though", "Since", "Once", "Until"}
    | {"With", "Without", "In", "On", "At", "For", "By", "From"}
)
_SUBORDINATE = re.compile(r"(?:Despite|Although|Though|While|After|Following|As|When|Since|Amid)\b")


def clause_subject(window: str) -> str | None:
    """The speaker opening ``window``: a name, or "the" + a role ("The ministry")."""
    idiom = re.match(r"\s*(?:That|This|Having)\s+(?:being\s+)?said,\s*", window)
    if idiom:  # "That said, the DEA says ...": the idiom opens no clause of its own
        window = window[idiom.end() :]
    # "Hours later, Trump returned the compliment": a time phrase opens no clause either.
    later = re.match(
        r"\s*(?:\w+\s+)?(?:seconds|minutes|hours|days|weeks|months|years|moments)\s+"
        r"(?:later|earlier|before|after|ago),\s*",
        window,
        re.IGNORECASE,
    )
    if later:
        window = window[later.end() :]
    offset = len(window) - len(window.lstrip())
    subject = phrase_after(window, offset)
    # "As he was leaving, ...", "Importantly, the letter states ...": past the opener.
    opener = subject is not None and (
        subject.text in _SUBORDINATE_WORDS
        or (
            re.fullmatch(r"[A-Z][a-z]+ly", subject.text) is not None
            and window[subject.end : subject.end + 1] == ","
        )
    )
    if subject is not None and (subject.text.lower() in LEAD_WORDS or opener):
        # "Moments after the verdict was read, a young woman rose": past the lead, if any.
        comma = window.find(",", offset)
        if comma < 0:
            return None
        return clause_subject(window[comma + 1 :])
    if subject is None and _SUBORDINATE.match(window, offset):
        # "Despite suspending operations in Syria OCHA has reaffirmed ... stating"
        auxiliary = re.search(r"\s(?:has|have|had|was|were|is|are)\s", window)
        found = speaker_before(window, auxiliary.start()) if auxiliary else None
        return found.text if found and found.text[0].isupper() else None
    if subject is None:
        # "..., a combat vet stopped Sweetland and said": someone described, not named.
        someone = _SOMEONE.match(window, offset)
        return someone.group() if someone else None
    if subject.start != offset and not re.search(
        r"\b(?:named|called|as)\s*$", window[offset : subject.start]
    ):
        return None
    head = subject.text.split()[-1]
    return subject.text if head[0].isupper() or head.lower() in ROLE_NOUNS else None


def earlier_clause_speaker(
    text: str, sent_start: int, floor: int, open_mark: int
) -> Attribution | None:
    """'Rudskoy called it a "terrorist act" and said ... "through all channels"'; 'PBS News
    ... issued a statement describing the video as a "deepfake," adding, "..."'."""
    if (
        not SPEECH_VERB_RE.search(text, sent_start, open_mark)
        and not FRAGMENT_VERB.search(text, sent_start, open_mark)
        and not _SAYING.search(text, sent_start, open_mark)
    ):
        return None
    verbs = list(SPEECH_VERB_RE.finditer(text, sent_start, open_mark))
    if verbs:
        # '..., the Vermont senator acknowledged that ... "some people" ... "but not ..."'
        phrase = speaker_before(text[:open_mark], verbs[-1].start())
        if phrase is not None and phrase.start >= sent_start and _speaks_itself(phrase.text):
            return make_attribution(phrase.text, False)
    subject = clause_subject(text[sent_start:floor])
    return make_attribution(subject, False) if subject else None


_SAYING = re.compile(r"\b(?:adding|saying|stating|urging|warning|noting|insisting|describing)\b")
_POSTED = re.compile(SPEECH_VERB_RE.pattern + r"|\b(?:posted|wrote)\b")


def _speaks_itself(phrase: str) -> bool:
    """A person or a described someone ("a resident of the town"), not a pronoun."""
    if phrase.lower() in PRONOUNS:
        return False
    words = phrase.split()
    # Only a determiner with more after it describes someone ("One" alone does not).
    described = (
        len(words) > 1
        and words[0].lower() in ("a", "an", "one", "another", "the")
        and (words[-1].lower() in ROLE_NOUNS | PERSON_HEADS or words[1][:1].islower())
    )
    # "International development organization BRAC": a body named after its kind.
    body = words[-1][:1].isupper() and any(w.lower() in _KINDS_OF_BODY for w in words)
    return is_person_name(strip_title(phrase)) or described or body


def sentence_attribution(text: str, sent: Sentence, start: int, close: int) -> Attribution | None:
    """An attribution elsewhere in the quote's sentence: "according to X" or a final "said X".

    ``start`` is the first character inside the marks, ``close`` the one after them.
    """
    before = text[sent.start : max(sent.start, start - 1)]
    after = text[close : sent.end] if close < sent.end else ""
    for part in (before, after):
        according = re.search(r"\b[Aa]ccording\s+to\s+", part)
        np = phrase_after(part, according.end()) if according else None
        if np is not None and part is before:
            # "According to AFP, one user on Weibo ... posted:": the one posting speaks.
            verbs = list(_POSTED.finditer(part, np.end))
            own = speaker_before(part, verbs[-1].start()) if verbs else None
            if own is not None and own.start > np.end and _speaks_itself(own.text):
                return make_attribution(own.text, False)
        if np is not None:
            return make_attribution(np.text, False)
    if '"' in after or "“" in after or "”" in after:
        return None
    final = _SENTENCE_END_ATTR.search(after)
    if final is not None:  # "... said spokesman Colonel Chris Garver on Wednesday."
        person = INVERTED_PERSON.match(after, final.start())
        if person and is_person_name(strip_title(person.group("name"))):
            return make_attribution(person.group("name"), False)
        phrase = phrase_before(final.group("np"), len(final.group("np")))
        if phrase is not None and phrase.start == 0:
            return make_attribution(phrase.text, False)
    # '"Six people were killed ..." in the village of X the defence ministry said in a
    # statement.': the clause that ends the sentence names the speaker.
    verbs = [v for v in SPEECH_VERB_RE.finditer(after) if len(after[v.end() :].split()) <= 5]
    phrase = speaker_before(after, verbs[-1].start()) if verbs else None
    if phrase is not None and phrase.text.lower() not in PRONOUNS:
        return make_attribution(phrase.text, False)
    return None
