"""The people an article names, and the one-word names it calls them by.

"Mary Steenburgen" is later "Steenburgen"; "Prince Andrew" is "Andrew"; "White House
Press Secretary Stephanie Grisham" is "Stephanie Grisham".  Titles give a gender
("Mr Howard", "Ms Robinson") that pronouns must agree with.
"""

from __future__ import annotations

import re

from summarizer.given_names import is_given_name
from summarizer.speakers import NAME_GAP, is_person_name, strip_title, word_set

_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV|[A-Z])\.?")  # not a surname: "Jr.", an initial
_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][\w'’-]*(?:" + NAME_GAP + r"(?:[A-Z]\.|[A-Z][\w'’-]*|al-[A-Z][\w-]*|bin|ibn|el|abu|de|"
    r"van|von|da|del|della|dos|das|du|der)(?![\w'’-]))*"
)
# Capitalised sentence openers that are not part of a name.
_OPENER = re.compile(
    r"^(?:(?:Yet|But|And|So|Then|Now|Still|Meanwhile|However|Also|When|While|If|As|After|Before|"
    r"Since|Because|Although|Though|In|On|At|For|With|From|By|Of|The|A|An|This|That|These|"
    r"Those|Last|Next|Even|Only|Like|Unlike|Unless|Until|Why|How|What|Where|Who|Maybe|Perhaps|"
    r"Instead|Today|Yesterday|Here|There|Indeed|Thus|During|Under|Over|Inside|Outside|Without|"
    r"Within|Among|Between|Through|Against|Despite|Across|Once|Every|Each|Some|Many|Most|"
    r"Both|All|No|Not|Born|Raised|Named|Dubbed)\s+)+"
)


# Words of nationality that open a run before a name: "Syrian Rami Abdel Rahman".
_DEMONYMS = word_set(
    """
    american british syrian iraqi iranian israeli palestinian lebanese turkish kurdish
    russian ukrainian french german chinese japanese egyptian saudi yemeni afghan pakistani
    indian libyan sudanese somali jordanian qatari emirati australian canadian mexican
    spanish italian dutch swedish norwegian polish irish scottish welsh english korean
    nigerian kenyan ethiopian armenian belgian swiss austrian greek brazilian argentine
    """
)
_POSSESSIVE = re.compile(r"[\w-]+[’']s")  # "BBC’s", "Germany's"
_ACRONYM = re.compile(r"[A-Z]{3,4}")  # "CEO", "NASA": a role or body before a name
# "A witness named Ahmad", "a man who gave his name as Abu Ali": one-word names of people.
_CALLED = re.compile(
    r"\b(?:named|identified (?:only )?as|gave (?:his|her) name as|known only as)\s+"
    r"(?P<name>[A-Z][a-z'’-]+)\b(?!\s+[A-Z])"
)
_PLAYED_AS = re.compile(
    r"\b(?:role|roles|performance|turn|starring|starred|stars|star|played|plays|playing|"
    r"portrayal|portrays|portrayed|portraying|cast|voiced|voices|voicing)\s+as\s+$"
)
_LOWER_COMPOUND = re.compile(r"[\w]+-[a-z][\w-]*")  # "Singer-guitarists", "Day-by-day"
# "Stephanie, a Charli XCX fan based in New York, created ...": a first name alone, opening
# its sentence with an appositive, is how features name ordinary people.
_GIVEN_NAME_APPOSITIVE = re.compile(
    r"(?:^|(?<=[.!?\n]\s)|(?<=[.!?][\"”’]\s)|(?<=\n))(?P<name>[A-Z][a-z'’-]+),\s+(?:a|an)\s+\w",
    re.MULTILINE,
)


def _name_in_run(run: str) -> str:
    """The name at the end of a capitalised run, without what only qualifies it:
    "Britain's Jason Gardener", "BBC’s Emily Maitlis", "CEO Tim Cook", "Syrian Rami
    Abdel Rahman", "Singer-guitarists Tom Johnston" -> the person's own name."""
    words = run.split()
    owner = max((i for i, w in enumerate(words[:-1]) if _POSSESSIVE.fullmatch(w)), default=-1)
    words = words[owner + 1 :]
    while len(words) > 2 and (
        words[0].lower() in _DEMONYMS
        or _ACRONYM.fullmatch(words[0])
        or _LOWER_COMPOUND.fullmatch(words[0])
    ):
        words = words[1:]
    return " ".join(words)


def plays_a_part(text: str, start: int) -> bool:
    """The name at ``start`` is a part someone plays ("his performance as Papa Elf"), a
    character, not someone in the story."""
    return _PLAYED_AS.search(text, max(0, start - 40), start) is not None


def people_named(text: str) -> dict[str, str]:
    """One-word references (surname, first name) mapped to full names that the text uses."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    titled: set[str] = set()  # "Prince Andrew", "Mr Campbell": one word after a title
    shared_surnames: set[str] = set()  # "Clinton" of Bill and of Hillary Clinton
    for match in _CAPITALISED_RUN.finditer(text):
        if plays_a_part(text, match.start()):
            continue
        # The whole run, then the name after its last title: "White House Press Secretary
        # Stephanie Grisham" -> "Stephanie Grisham".
        run = re.sub(r"[’']s$", "", match.group())  # "Mike Ford’s work": Mike Ford
        run = _OPENER.sub("", run)  # "Yet Sondland has ...": Sondland
        run = _name_in_run(run)
        name = strip_title(run)
        if name != run and len(name.split()) == 1:
            titled.add(name)
            continue
        if not is_person_name(name) or len(name.split()) < 2:
            continue
        index.setdefault(name, name)
        words = [w for w in name.split() if not _SUFFIX.fullmatch(w)] or name.split()
        for part in (words[0], words[-1]):
            if index.get(part, name) != name:
                ambiguous.add(part)
                if part == words[-1] and index[part].split()[-1] == part:
                    shared_surnames.add(part)
            index.setdefault(part, name)
    titled.update(match.group("name") for match in _CALLED.finditer(text))
    titled.update(
        match.group("name")
        for match in _GIVEN_NAME_APPOSITIVE.finditer(text)
        if is_given_name(match.group("name"))
    )
    for name in titled - ambiguous:
        index.setdefault(name, name)  # a person even where no full name is given
    people = {part: full for part, full in index.items() if part not in ambiguous}
    # "Clinton" with Bill and Hillary both named: a person, if not which one.
    people.update({part: part for part in shared_surnames})
    return people


def gender_by_title(text: str, people: dict[str, str]) -> dict[str, str]:
    """ "Mr Howard" is "he", "Ms Robinson" is "she": titles name the gender."""
    out: dict[str, str] = {}
    for match in re.finditer(
        r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Lord|Lady|Dame)\.?\s+(?P<name>[A-Z][\w'’-]+)", text
    ):
        full = people.get(match.group("name"))
        if full:
            male = match.group("title") in ("Mr", "Sir", "Lord")
            out.setdefault(full, "he" if male else "she")
    return out


def is_known_person(people: dict[str, str], name: str) -> bool:
    """A full name, or a one-word name, that ``people_named`` found for a person."""
    return name in people or name in people.values()
