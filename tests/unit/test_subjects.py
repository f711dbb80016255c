"""Following "he" / "she" and unattributed quotes back to the person a passage is about."""

from __future__ import annotations

import pytest

from summarizer.people import people_named
from summarizer.quotes import extract_quotes
from summarizer.sentences import split_sentences
from summarizer.speakers import is_person_name
from summarizer.subjects import pronoun_referent, sentence_subject


def test_sentence_subject_skips_connectives_and_adverbials() -> None:
    text = "Maria Lopez won easily. Then, last week, Lopez posted a message on her site."
    sentences = split_sentences(text)
    subject = sentence_subject(text, sentences[1], people_named(text))
    assert (subject.kind, subject.text) == ("person", "Lopez")


def test_pronoun_defers_when_another_person_is_named_with_the_subject() -> None:
    text = (
        "Boris Johnson spoke first. Johnson was answering a question from Ann Clwyd"
        " who called for protests.\n"
        '"We should all go to the embassy," she said.'
    )
    sentences = split_sentences(text)
    assert pronoun_referent(text, sentences, 2, [], people_named(text)) is None


def test_unattributed_quotes_after_a_sentence_about_a_person() -> None:
    text = (
        'Maurice Greene lost in Athens. "It was my mistake," said Greene.\n'
        "Greene crossed the line just behind the winner.\n"
        "But Greene believes he lost the race in the semi-finals.\n"
        '"In my semi-final race I was conserving energy."\n'
        '"I just felt like I was running all alone."'
    )
    speakers = [quote.speaker for quote in extract_quotes(text)]
    assert speakers == ["Greene", "Greene", "Greene"]


def test_countries_are_not_people_in_focus() -> None:
    text = (
        "Jason Gardener won the 60m in Leipzig.\n"
        "Gardener, part of the Great Britain quartet, will now turn to the trials.\n"
        '"I expect to get faster in the next few weeks," he said.'
    )
    assert extract_quotes(text)[0].speaker in ("Gardener", "Jason Gardener")


def test_titles_give_gender_and_participle_openers_are_skipped() -> None:
    text = (
        "Alastair Campbell sent an e-mail by mistake.\n"
        "Realising his error, Mr Campbell then e-mailed Mr McFadyen, suggesting presenter"
        " Jeremy Paxman would see the funny side.\n"
        'He said: "Not very good at this e-mail malarkey."'
    )
    assert extract_quotes(text)[0].speaker in ("Campbell", "Alastair Campbell")


def test_a_quote_left_open_at_a_paragraph_end_takes_the_next_paragraphs_speaker() -> None:
    text = (
        "The creative drive is not purely altruistic.\n"
        '"What we are trying to do is have outside-in thinking.\n'
        '"We are creating a future cultural drive for the economy," said Mr Stone.'
    )
    assert [quote.speaker for quote in extract_quotes(text)] == ["Stone", "Stone"]


def test_title_runs_give_the_name_after_the_title() -> None:
    text = (
        '"The hearing is over," White House Press Secretary Stephanie Grisham said.\n'
        '"Nothing new was learned today," she said.'
    )
    assert [quote.speaker for quote in extract_quotes(text)] == ["Stephanie Grisham"] * 2


def test_the_statement_is_given_to_whoever_issued_it() -> None:
    text = (
        "On Monday, Big Machine Records issued a statement about the awards.\n"
        "The statement claimed the companies had “come to terms on a licensing agreement"
        " for the show.”\n"
        '"It should be noted that artists do not need label approval," the statement continued.'
    )
    speakers = [quote.speaker for quote in extract_quotes(text)]
    assert speakers == ["Big Machine Records", "Big Machine Records"]


def test_ap_style_closing_apostrophes_and_one_word_names_with_appositives() -> None:
    text = (
        "“It was an attempt to mislead voters,’’ Will Moy, chief executive of Full Fact, told"
        " the BBC. “We had some issues with the service,” Mayer, Disney’s chairman, said."
    )
    assert [quote.speaker for quote in extract_quotes(text)] == ["Will Moy", "Mayer"]


def test_places_named_with_the_subject_are_not_rival_speakers() -> None:
    text = (
        'Benjamin Netanyahu welcomed the move. "It is very good," Netanyahu said.\n'
        "Netanyahu visited the Gush Etzion settlement bloc in the West Bank on Tuesday.\n"
        '"Here we are on a historic day," he told settler leaders.'
    )
    assert extract_quotes(text)[-1].speaker in ("Netanyahu", "Benjamin Netanyahu")


def test_a_relative_named_after_a_possessive_is_the_subject() -> None:
    text = (
        "Mary Steenburgen woke up after surgery with music in her head.\n"
        "Steenburgen’s son, filmmaker Charlie McDowell, also remembers it as a trying time.\n"
        '"If your mom says her head is full of music, you worry," he said.'
    )
    assert extract_quotes(text)[0].speaker in ("McDowell", "Charlie McDowell")


def test_the_one_person_named_as_subject_of_a_verb_later_in_the_sentence() -> None:
    text = (
        '"The best way I can describe it is music," Mary Steenburgen said.\n'
        "Fun as that might sound in an Oliver Sacks kind of way, Steenburgen wasn’t thrilled.\n"
        '"I couldn’t focus, I couldn’t have acted," she said.'
    )
    assert extract_quotes(text)[-1].speaker in ("Steenburgen", "Mary Steenburgen")


def test_sentence_openers_are_not_first_names() -> None:
    people = people_named("Gordon Sondland spoke. Yet Sondland has amended his testimony.")
    assert people["Sondland"] == "Gordon Sondland"
    assert "Yet Sondland" not in people


def test_allegedly_told_and_saying_and_a_sentence_adverb() -> None:
    text = (
        '"We messed up; I messed up," Thomas allegedly told a supervisor.\n'
        'After the hearing, Hawk Sawyer issued a statement, saying, "I am committed to this'
        ' agency and its staff."\n'
        "The Electoral Commission issued a statement warning that “voters are entitled to"
        " transparency from campaigners.” Critically, however, it pointed out that it has no"
        " role in regulating content."
    )
    speakers = [quote.speaker for quote in extract_quotes(text)]
    assert speakers == ["Thomas", "Hawk Sawyer", "The Electoral Commission"]


def test_a_trailing_he_wrote_keeps_the_chain() -> None:
    text = (
        "Grant Sabatier encourages taking up a side hustle.\n"
        "The most lucrative side hustles generate passive income, he wrote in his book.\n"
        'A passive business "gives you more flexibility to reach independence," he wrote.'
    )
    assert extract_quotes(text)[0].speaker in ("Sabatier", "Grant Sabatier")


def test_a_quoted_transcript_names_each_speaker() -> None:
    text = (
        "Chris Wallace interviewed Gov. Mike Pence (R-IN) on Sunday.\n"
        '"WALLACE: Let’s start with breaking news on the debate story."\n'
        '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night."'
    )
    speakers = [quote.speaker for quote in extract_quotes(text)]
    assert speakers == ["Chris Wallace", "Mike Pence"]


def test_party_tags_and_shared_surnames() -> None:
    text = (
        '"Mitt Romney was prepared for the debate," Sen. Claire McCaskill (D-Mo.) said.\n'
        "Bill Clinton watched Hillary Clinton from the front row.\n"
        "On Monday night, Clinton leaned in heavy, painting Trump as a caricature.\n"
        '"Why won’t he release his tax returns?" she said.'
    )
    speakers = [quote.speaker for quote in extract_quotes(text)]
    assert speakers[0] == "Claire McCaskill"
    assert speakers[1] == "Clinton"


def test_the_announcer_and_a_unique_role_in_focus() -> None:
    text = (
        'As a phone rang, the announcer said, "It’s 3 a.m., and your children are safe."\n'
        "Donald Trump did not unveil plans to pay for the expansion.\n"
        'The Republican nominee also vowed to punish "those who violate classification rules."'
    )
    speakers = [quote.speaker for quote in extract_quotes(text)]
    assert speakers == ["the announcer", "Donald Trump"]


def test_a_first_person_narrator_is_no_speaker() -> None:
    text = 'Argh, I thought. I said, "I know I need to do this, but I keep putting it off."'
    assert extract_quotes(text)[0].speaker is None


def test_comma_stripped_wire_copy() -> None:
    texts = [
        'According to his aunt Jane Starner "He was brilliant from the start and read early."',
        '"We will not leave our homes" Ahmad a 34-year-old father of three told AFP by phone.',
    ]
    assert [extract_quotes(text)[0].speaker for text in texts] == ["Jane Starner", "Ahmad"]


def test_places_are_not_people() -> None:
    assert not is_person_name("West Bank")
    assert not is_person_name("Los Angeles")
    assert not is_person_name("Great Britain")
    assert is_person_name("Talal Barazi")
    assert not is_person_name("Central Park")


def test_bodies_named_like_people_are_not_people() -> None:
    for body in ("Peterson Institute", "Tax Foundation", "Big Machine Records"):
        assert not is_person_name(body)
    assert is_person_name("Howard Gleckman")


def test_a_name_and_his_team_and_a_name_to_claim() -> None:
    texts = [
        '"We suggest that the outgassing occurs at lower levels," Paganini and his team wrote.',
        "Dropping likes allowed Adam Mosseri to claim that Instagram wants to be “a space that"
        " feels much less pressurized.”",
    ]
    assert [extract_quotes(text)[0].speaker for text in texts] == ["Paganini", "Adam Mosseri"]


# One sentence pattern each: the text, which quote (0 first, -1 last), its speaker.
SPEAKER_CASES = [
    pytest.param(
        (
            "“It was very nice,” the gambling tycoon told Reuters in a rare interview in Macau"
            " when asked if he had met Trump."
        ),
        0,
        "the gambling tycoon",
        id="a description before 'told', not a name after a later 'asked'",
    ),
    pytest.param(
        (
            "Hours later, Trump returned the compliment to Adelson, telling Reuters, “Sheldon"
            " and I have been friends for a long time.”"
        ),
        0,
        "Trump",
        id="'Hours later,' opens no clause",
    ),
    pytest.param(
        (
            "Cruz said Thursday during a town hall in Buffalo, New York, that states can pass"
            " such laws because “men should not be going to the bathroom with little girls.”"
        ),
        0,
        "Cruz",
        id="a city is never the speaker",
    ),
    pytest.param(
        (
            "“We will not stop,” Hillary Clinton said on Monday.\n\nOn The Steve Harvey Show on"
            " Tuesday, she criticized the officer for killing Terence Crutcher, a 40-year-old"
            " unarmed black man.\n\n“How many times do we have to see this in our country?” she"
            " said."
        ),
        1,
        "Hillary Clinton",
        id="a man introduced at the end of a sentence is not the 'she' after it",
    ),
    pytest.param(
        (
            "It has not been happening for Clinton, which is something that concerns Henry"
            " Crespo, president of the Florida Democratic Black Caucus.\n\n“No one is writing"
            " songs for Hillary,” he said."
        ),
        0,
        "Henry Crespo",
        id="'he' right after someone is introduced with a role",
    ),
    pytest.param(
        (
            "Less than a quarter of her donors are small donors.\n\nThe New York Times"
            ' reports:\n\n"In an illustration of the lack of enthusiasm for her, just 24 percent'
            ' of the contributors have given $200 or less."'
        ),
        0,
        "The New York Times",
        id="a paragraph ending 'X reports:' introduces the next",
    ),
    pytest.param(
        (
            'This is "roughly the same advantage she has held all month," reported Reuters.'
            " Another 19 percent said they would pick neither."
        ),
        0,
        "Reuters",
        id="'reported' inverts like 'said'",
    ),
    pytest.param(
        '"Ending Obamacare is vital," Gov. Pat McCrory (R) said.',
        0,
        "Pat McCrory",
        id="a party tag is not part of the name",
    ),
    pytest.param(
        (
            "”Fear. I am truly afraid that Donald Trump will win.” ― Azucena Gonzàlez\n“He can’t"
            " even answer a question without scaring people.” ― Esther Tapia."
        ),
        0,
        "Azucena Gonzàlez",
        id="a wrong-way mark opens a paragraph; a bar before an accented name",
    ),
    pytest.param(
        (
            "“It’s a dog whistle to all Americans,” Rep. Gwen Moore (D-Wis.) said Friday. “If"
            " indeed Barack Obama is not legitimate, how can you feel good about yourself.\n“I"
            " have been doing a lot of thinking recently,” added Rep. Jim Clyburn (D-S.C.), the"
            " assistant leader."
        ),
        1,
        "Gwen Moore",
        id="an unclosed quote is not closed by the next line's own quote",
    ),
    pytest.param(
        (
            "Aaron Sharockman responded that the website cites so many Republican claims as"
            " inaccurate.\n\n“We’re not just validating numbers,” he told InsideSources."
        ),
        0,
        "Aaron Sharockman",
        id="'Republican claims' names no one",
    ),
    pytest.param(
        (
            '"This is a big year for our senator, Bobby Scott!" Scott\'s niece, state Del.'
            ' Marcia "Cia" Price (D-Newport News), shouted to the crowd. "The nation is'
            ' watching Virginia."'
        ),
        1,
        "Marcia Cia Price",
        id="a nickname in quote marks is part of the name; a long tag still runs on",
    ),
    pytest.param(
        (
            '"In general we included only items that were potentially mobile," said the'
            ' magazine.\n\n"In the end, we tried to get to the heart of what makes a gadget a'
            ' gadget," it concluded.'
        ),
        1,
        "the magazine",
        id="'it' after a body quoted just before",
    ),
    pytest.param(
        (
            "WIRED spoke to one mother, who knew her teenage son had a Go-Kart Track account."
            " “I am so ahead of every other parent of teens I know,” she said."
        ),
        0,
        "one mother",
        id="someone a reporter spoke to speaks next; an acronym is no person",
    ),
    pytest.param(
        (
            "Then, last week, Taylor Swift wrote online about her old record label.\nShe "
            'claimed the label had blocked her performance.\n"I just want to be able to '
            'perform my own music," she said.'
        ),
        0,
        "Taylor Swift",
        id="pronoun chain reaches the named subject",
    ),
    pytest.param(
        (
            "Jason Gardener clocked 6.56 seconds to equal the meeting record.\nThe world "
            'indoor champion said: "I got to the airport and my stomach was upset."'
        ),
        0,
        "Jason Gardener",
        id="a description opening the sentence is the person in focus",
    ),
    pytest.param(
        (
            '"It is hard not to look at the table," Ryan Suter said. "We know where we '
            'are."\nBruce Boudreau gave his players a pep talk on Tuesday.\n"You have '
            'beaten some really good teams this year," he said.'
        ),
        -1,
        "Bruce Boudreau",
        id="quote after a narrative sentence is not a run on",
    ),
    pytest.param(
        (
            'Here are the highlights:\n"My fears have been realized"\nTim Morrison told '
            'the committee, "I feared how its disclosure would play. My fears have been '
            'realized."'
        ),
        0,
        "Tim Morrison",
        id="a heading quote takes the speaker of the full quote",
    ),
    pytest.param(
        (
            'Boris Johnson spoke first. "Where are they now?" he said.\nJohnson was '
            'answering a question from Ann Clwyd who called for protests.\n"We should '
            'all go to the embassy," she said.'
        ),
        -1,
        "Ann Clwyd",
        id="gender picks the other person named with the subject",
    ),
    pytest.param(
        (
            "Mauricio Pochettino was sacked last night.\nThe Portuguese boss had been "
            'out of work since December.\nThe 56-year-old said after his appointment: "I '
            'am excited to be joining a club."'
        ),
        0,
        "The 56-year-old",
        id="an unnamed person in focus keeps the description",
    ),
    pytest.param(
        ('Police used a ram on the door. "Hands! Let me see your hands!" an officer ordered.'),
        0,
        "an officer",
        id="an unnamed speaker ordering after the quote",
    ),
    pytest.param(
        (
            "Patrick W. Carlineo Jr., 55, pleaded guilty. Carlineo faces prison.\nHe was "
            "arrested in April for the call to the offices of Omar.\nDuring the call, he "
            "asked about the Brotherhood and said, “somebody ought to hurt her badly,” "
            "the prosecutor’s office said."
        ),
        0,
        "Carlineo",
        id="the one introducing the words said them",
    ),
    pytest.param(
        ("“Can I give my place to James?” Brooke tearfully asked before leaving."),
        0,
        "Brooke",
        id="an adverb between speaker and verb",
    ),
    pytest.param(
        (
            "Jack Buser runs games at the company.\nThe key to its success, says Buser, "
            'is the network.\n"We have one of the largest private networks in the '
            'world," he says.'
        ),
        0,
        "Buser",
        id="an aside names who the pronoun is",
    ),
    pytest.param(
        ('According to his aunt, Jane Starner, "He was brilliant from the start, reading early."'),
        0,
        "Jane Starner",
        id="according to a role then the name",
    ),
    pytest.param(
        (
            "“This is mainly due to the change in wind direction,” Kurinji Selvaraj, a "
            "research analyst at the Council on Energy, Environment and Water think tank "
            "told CBS News."
        ),
        0,
        "Kurinji Selvaraj",
        id="an appositive ending without a comma before the verb",
    ),
    pytest.param(
        (
            "An agreeable, funny woman in her 80s, Jane Starner lives in Indiana.\nShe "
            'spoke with pride of her late nephew.\n"I cannot believe they would not want '
            'his books back in print," she said.'
        ),
        0,
        "Jane Starner",
        id="a person introduced by a leading description is in focus",
    ),
    pytest.param(
        (
            "Pompeo said that after legal consultation Washington had concluded the "
            'settlements were "not, per se, inconsistent with international law".'
        ),
        0,
        "Pompeo",
        id="the one saying that reports the later clause",
    ),
    pytest.param(
        (
            "The Electoral Commission, which regulates campaign finances, issued a "
            "statement warning that “voters are entitled to transparency from "
            "campaigners.”"
        ),
        0,
        "The Electoral Commission",
        id="a body with a relative clause issuing a statement",
    ),
    pytest.param(
        (
            "Patrick Carlineo pleaded guilty. Carlineo faces prison.\nThe staff member "
            'who reported the call recalled that he said, "I will hurt her," the '
            "attorney's office said."
        ),
        0,
        "Carlineo",
        id="recalled that he said keeps the direct speaker",
    ),
    pytest.param(
        ('"The rationales to veto the bill do not hold," said 9/11 widow Terry Strada.'),
        0,
        "Terry Strada",
        id="an inverted role with digits",
    ),
    pytest.param(
        ('The ad uses footage of Hillary Clinton asking, "Why aren’t I 50 points ahead?"'),
        0,
        "Hillary Clinton",
        id="footage of someone asking",
    ),
    pytest.param(
        (
            "On Monday, the People’s Daily, the mouthpiece of the Communist party, "
            "warned that there is “absolutely no room for compromise”. Protests went on."
        ),
        0,
        "People’s Daily",
        id="a newspaper before an appositive speaks",
    ),
    pytest.param(
        (
            '"We are delighted with the result," said Maria Lopez, the club '
            'captain.\nThe ministry said the rules would change next month.\n"Any final '
            'agreement needs to be made with the teams," they said.'
        ),
        -1,
        "The ministry",
        id="they is a body not one person",
    ),
    pytest.param(
        (
            "Retired Lt. Gen. Michael Flynn said Donald Trump was “absolutely right” "
            "when he said Wednesday night that “the generals have been reduced to "
            "rubble.”"
        ),
        0,
        "Donald Trump",
        id="a pronoun bound in its clause",
    ),
    pytest.param(
        (
            "House Speaker Paul Ryan spoke on Tuesday.\nHouse Speaker Paul Ryan, despite "
            "admitting he had concerns about “trial lawyers trying to get rich”, said "
            "the victims deserve their day in court."
        ),
        0,
        "Paul Ryan",
        id="words quoted mid sentence are its subjects",
    ),
    pytest.param(
        (
            "Paul Ryan spoke on Tuesday.\nHouse Speaker Paul Ryan, R-Wis., despite "
            "admitting he had concerns about “trial lawyers trying to get rich”, said "
            "the victims deserve their day in court."
        ),
        0,
        "Paul Ryan",
        id="a party tag after the subject",
    ),
    pytest.param(
        (
            "Donald Trump spoke to a veterans group in Virginia.\nThe Republican nominee "
            "also linked cyber attacks to his opponent, Hillary Clinton.\nHe said that "
            "Clinton’s “only experience in cybersecurity” was a failure."
        ),
        0,
        "Donald Trump",
        id="an office holder description keeps the chain",
    ),
]


@pytest.mark.parametrize(
    ("phrase", "person"),
    [
        ("Loretta Lynch", True),
        ("Mike Ford’s", False),  # an owner named in passing
        ("WIRED", False),  # an outlet
        ("African Americans", False),  # a people
        ("House Republicans", False),
        ("Republican", False),
        ("South Carolina", False),  # a US state
    ],
)
def test_what_counts_as_a_persons_name(phrase: str, person: bool) -> None:
    assert is_person_name(phrase) is person


def test_he_is_never_someone_the_text_already_calls_she() -> None:
    text = (
        "I immediately thought of Elise Matthesen. Lacking the legal rights to Mike Ford’s"
        " work, how would she feel about all of this?\n\n“I don’t even have words, it’s such"
        " good news,” she replied in an email.\n\nIn 1997, Elise wrote, she interviewed Mike"
        " for a convention. She put a prompt to him.\n\n“No,” he said. “No. You tell me one,"
        " and I’ll tell it to somebody else.”"
    )
    quotes = extract_quotes(text)
    # "Mike Ford’s work" names an owner in passing, not the "she" who replied.
    assert quotes[0].speaker == "Elise Matthesen"
    # "He" is never hers: unknown, or Mike Ford, the "him" she put a prompt to.
    assert all(q.speaker in (None, "Mike Ford") for q in quotes[1:])


def test_quoted_titles_are_not_quotes_and_do_not_speak_for_the_sentence() -> None:
    text = (
        "“I felt strange as soon as the anesthesia started to wear off,” Steenburgen said.\n\n"
        "Steenburgen’s son, filmmaker Charlie McDowell (“The Discovery,” “The One I Love”),"
        " also remembers it as a trying time. “If your mom comes to you after surgery, I think"
        " it’s fair to think that she’s gone crazy,” he said."
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes if "The One" in q.text or "Discovery" in q.text] == []
    assert quotes[-1].speaker == "Charlie McDowell"


@pytest.mark.parametrize(("text", "index", "speaker"), SPEAKER_CASES)
def test_speaker_patterns(text: str, index: int, speaker: str) -> None:
    assert extract_quotes(text)[index].speaker == speaker
