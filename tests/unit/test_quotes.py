"""Quotes: verbatim text, attributed speakers, broken marks, transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.quotes import extract_quotes

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "samples" / "idlib_airstrikes_article.txt"


def test_reportedly_stated_after_curly_quote() -> None:
    text = (
        "“We’re not talking about negotiations or deals; we’re talking about crushing them,” "
        "Assad reportedly stated."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Assad" and quote.reported and not quote.anonymous
    assert quote.text == (
        "We’re not talking about negotiations or deals; we’re talking about crushing them,"
    )
    assert quote.text in text and quote.sentence == text
    # Every view a reader gets (briefs on each platform, /quotes) says it was reported.
    assert quote.attributed_to() == "Assad (reportedly)"


def test_split_quote_gives_verbatim_parts_with_one_speaker() -> None:
    text = (
        'Commander Abu Khaled spoke to reporters in Idlib. "We will fight," he said, '
        '"until the very end of this war."'
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We will fight,", "until the very end of this war."]
    assert {q.speaker for q in quotes} == {"Abu Khaled"}


def test_short_split_quote_keeps_both_parts() -> None:
    text = 'Abu Khaled met fighters. "We will fight," he said, "until the end."'
    quotes = extract_quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will fight,", "Abu Khaled"),
        ("until the end.", "Abu Khaled"),
    ]


def test_title_is_stripped_from_named_speaker() -> None:
    text = 'President Bashar al-Assad said: "We will never surrender to the terrorists."'
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Bashar al-Assad"


def test_wire_attribution_without_commas() -> None:
    # FA-KES style: apostrophes and commas stripped upstream, straight quotes.
    text = (
        '"I believe - God willing - that the human casualties are not big" '
        "Homs Governor Talal Barazi said."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Talal Barazi"


def test_he_said_resolves_to_the_last_named_speaker() -> None:
    text = (
        "SARC chief Abdulrahman Attar said the organisation was shocked by the deaths of "
        'Omar Barakat. "It is totally unacceptable that our staff continue to pay such a high '
        'price" he said.'
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Abdulrahman Attar"]


def test_organisation_and_anonymous_speakers() -> None:
    (who,) = extract_quotes('"We are shocked by the number of children killed," the WHO said.')
    assert who.speaker == "WHO" and not who.anonymous
    (source,) = extract_quotes('"The hospital was hit twice," a military source said.')
    assert (source.speaker, source.anonymous) == ("a military source", True)
    (resident,) = extract_quotes('"We have no water and no bread left," one resident said.')
    assert (resident.speaker, resident.anonymous) == ("one resident", True)


def test_appositive_role_after_name() -> None:
    text = (
        '"Twenty-five members of Al-Nusra Front died in an explosion inside a mosque" '
        "Rami Abdel Rahman head of the Syrian Observatory for Human Rights was quoted by AFP "
        "as saying."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Rami Abdel Rahman" and quote.reported


def test_scare_quotes_are_not_quotes() -> None:
    text = 'Barazi said the attack served the interests of "armed terrorist groups" in Syria.'
    assert extract_quotes(text) == []


def test_broken_closing_mark_in_brackets() -> None:
    text = (
        "Assad appears determined, stating “We’re not talking about negotiations or deals; "
        "we’re talking about crushing them.[“]"
    )
    (quote,) = extract_quotes(text)
    assert quote.text.endswith("crushing them.")
    assert "[" not in quote.text and quote.speaker == "Assad"


def test_quote_spanning_sentences_keeps_both() -> None:
    text = (
        '"This is a tragedy. It is an outrage. And if deliberate it is a war crime" '
        "Lane said in a statement."
    )
    (quote,) = extract_quotes(text)
    assert quote.text.startswith("This is a tragedy. It is an outrage.")
    assert quote.speaker == "Lane" and quote.sentence == text


def test_unclosed_quote_stops_at_attribution() -> None:
    text = (
        '"The ISIL suffered a heavy death toll and its military equipment also sustained major '
        "damage the sources said; FNA reported."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "the sources" and quote.anonymous
    assert quote.text.endswith("major damage")


def test_bold_transcript_lines_are_ignored() -> None:
    text = (
        "**Alex Reed:** President Assad appears determined, stating “We’re not talking about "
        "negotiations or deals.”\n**Host:** “A chilling statement, thank you for this.”"
    )
    assert extract_quotes(text) == []


def test_html_attribute_is_not_a_quote() -> None:
    text = 'Air strikes on <a href="https://example.org/x" title="In Syria, Idlib province again”>'
    assert extract_quotes(text) == []


def test_seed_article_quote_and_interview() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed article not found under {SHARED}")
    full = SEED.read_text(encoding="utf-8")
    body = full.split("Who is carrying out the air strikes on Idlib?")[0]
    quotes = extract_quotes(body)
    assert [(q.speaker, q.reported) for q in quotes] == [("Assad", True)]
    assert quotes[0].text.startswith("We’re not talking about negotiations")
    # The appended interview must never make its host or guest a quoted subject.
    for quote in extract_quotes(full):
        assert quote.speaker not in ("Host", "Alex Reed")
        assert quote.text in full


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_and_text_is_verbatim(text: str) -> None:
    for quote in extract_quotes(text):
        assert quote.text in text
        assert quote.sentence in text


_WORDS = st.sampled_from(
    [
        "He",
        "said",
        '"',
        "“",
        "”",
        "[“]",
        ",",
        ".",
        "We",
        "will",
        "fight",
        "until",
        "the",
        "end",
        "Assad",
        "reportedly",
        "stated",
        "a",
        "source",
        "told",
        "Reuters",
        "**Host:**",
        "\n",
        "the",
        "WHO",
        "added",
        "Barazi",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_quote_salad_keeps_invariants(text: str) -> None:
    for quote in extract_quotes(text):
        assert quote.text and quote.text in text and quote.sentence in text
        assert '"' not in quote.text[:1] and "“" not in quote.text[:1]


def test_speaker_named_before_a_comma_appositive() -> None:
    text = (
        '"The toll is likely to rise further because many of the wounded are in critical '
        'condition," Samer Khalil, a researcher with the Observatory, told reporters.'
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Samer Khalil" and quote.text in text


def test_named_person_before_an_appositive_role_without_commas() -> None:
    text = (
        '"These types of weapons are banned by international law" Peter Salama Executive '
        "Director of the WHO Health Emergencies Programme said in the WHO statement."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Peter Salama"
    assert quote.text in text


def test_inverted_attribution_with_name_then_role() -> None:
    text = (
        '"Turkish aircraft carried out three strikes on IS positions killing nine" said '
        "Rami Abdel Rahman head of the Syrian Observatory for Human Rights."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Rami Abdel Rahman"
    assert quote.text in text and quote.sentence in text


def test_unnamed_speakers_are_named_as_such() -> None:
    text = '"They came at night and took everyone from the house," a resident of the town said.'
    (quote,) = extract_quotes(text)
    assert quote.speaker == "a resident of the town" and quote.anonymous
    text = '"We buried them in the garden because the cemetery was shelled," one relative told AFP.'
    (quote,) = extract_quotes(text)
    assert quote.speaker == "one relative" and quote.anonymous


def test_it_said_resolves_to_the_organisation_that_spoke() -> None:
    text = (
        "The Syrian Observatory for Human Rights said on Sunday that 20 were killed. "
        '"The toll is expected to rise further in the coming days," it said.'
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "The Syrian Observatory for Human Rights" and not quote.anonymous


ATTRIBUTION_PATTERNS = [
    ('"We will not allow this to continue," according to John Smith.', "John Smith"),
    ('According to the ministry, "the attack killed many civilians in the town."', "ministry"),
    ('The army issued a statement. "The attack hit a school," the statement read.', "army"),
    ('Ahmed, 34, a father of three, said: "The shelling did not stop all night."', "Ahmed"),
    ('"We have nothing left," Ahmed 24 said.', "Ahmed"),
    ('"The attack killed many civilians," SANA quoted the source as saying.', "source"),
    ('"The attack killed many civilians," the agency cited a military source as saying.', "source"),
    ('"The attack killed many civilians," Pentagon spokesman Capt. Jeff Davis said.', "Jeff Davis"),
    (
        '"It was an attack," U.S. State Department spokeswoman Heather Nauert said.',
        "Heather Nauert",
    ),
    (
        '"The attack killed many civilians," the spokesman for the Syrian Civil Defence, '
        "Ibrahim Abu Laith, said.",
        "Ibrahim Abu Laith",
    ),
    (
        'US Central Command which oversees operations in the Middle East said it had "initiated '
        'an assessment following internal reporting."',
        "US Central Command",
    ),
    (
        'IS in a statement published on Twitter and Telegram said a bomber hit rebels "getting '
        'ready to fight the Islamic State".',
        "IS",
    ),
    (
        '"At least 20 civilians were killed and 50 others wounded" a village south of Jarabulus '
        "said Rami Abdel Rahman of the Syrian Observatory.",
        "Rami Abdel Rahman",
    ),
    (
        '"Pictures from Douma show the regime is targeting homes" said Hisham Marwah the '
        "Syrian National Coalitions (SNC) vice-president.",
        "Hisham Marwah",
    ),
    (
        'On Sunday the UN coordinator Ali al-Zaatari called on "all warring sides to avoid '
        'targeting civilians".',
        "Ali al-Zaatari",
    ),
    (
        'After examining "internal and external information" the coalition opened an inquiry '
        "said spokesman Colonel Chris Garver on Wednesday.",
        "Chris Garver",
    ),
    (
        'The ministry accused rebels of the attack, saying "the attack killed many civilians '
        'in the town."',
        "The ministry",
    ),
    (
        'Asked about the attack the ambassador Vitaly Churkin responded "It is horrible. I hope '
        'we were not involved."',
        "Vitaly Churkin",
    ),
    (
        '"Experiments like this pay off," Dylan Nelson, a postdoctoral fellow at the Max Planck'
        " Institute in Munich, Germany, and co-author of the study, said in a statement.",
        "Dylan Nelson",
    ),
    (
        '"Water is hard to find," study lead author Lucas Paganini, a planetary scientist at'
        " NASA, said.",
        "Lucas Paganini",
    ),
    ('"The government pays nothing," Howard Gleckman, a senior fellow, has written.', "Gleckman"),
    ('"Organics are very important," said planetary geologist Rosaly Lopes of NASA.', "Lopes"),
    ('"We implore you to allow the clinic," the physicians stated in the letter.', "physicians"),
    ('"Do not hide things like this," one Weibo commenter said.', "Weibo commenter"),
    ('"Sondland referred to investigations," Vindman testified.', "Vindman"),
    (
        "Senior author Dr. Silvia S. Martins, associate professor of epidemiology, commented:"
        ' "Cannabis use disorder has long-term consequences."',
        "Silvia S. Martins",
    ),
    ('That said, the DEA says that "Mexico remains the main foreign source of it."', "DEA"),
    (
        "“It depends on what Boeing is willing to invest, quite frankly,” responded NASA"
        " administrator Jim Bridenstine, noting that there was no funding for it.",
        "Jim Bridenstine",
    ),
    (
        "“Leaders honored Donald J. Trump for pulling off what they called ‘the comeback of the"
        " decade,’” the article read.",
        "the article",
    ),
    (
        "As far as whether Sanders still senses anger among his supporters, the Vermont senator"
        ' acknowledged that there are still "some people" who feel that way, "but not among the'
        ' vast majority."',
        "senator",
    ),
    (
        "According to state media, President Bashar al-Assad said: “We will respond to this"
        " attack in our own time.”",
        "Bashar al-Assad",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), ATTRIBUTION_PATTERNS)
def test_attribution_patterns(text: str, speaker: str) -> None:
    quote = extract_quotes(text)[0]
    assert quote.speaker is not None and speaker in quote.speaker
    assert quote.text in text


def test_a_new_sentence_after_a_closed_quote_is_not_its_attribution() -> None:
    text = (
        'In separate comments he said "The war against terrorism will continue." '
        "U.S. President Donald Trump said he ordered missile strikes against an airfield."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker != "Donald Trump"


def test_a_described_person_is_resolved_to_the_name_given_before() -> None:
    text = (
        "Umm Khaled Haddad lost her house in the strike. "
        '"We have nowhere to go and nobody is helping us," the 45-year-old said.'
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Umm Khaled Haddad"


def test_an_unclosed_quote_is_cut_at_its_inverted_attribution() -> None:
    text = (
        '"It was pretty calm in the previous few days said Abd Abu al-Nasr a resident of the '
        'district. "But this morning it was pretty bad again," he added.'
    )
    first = extract_quotes(text)[0]
    assert first.text == "It was pretty calm in the previous few days"
    assert first.speaker == "Abd Abu al-Nasr"


def test_a_quote_after_a_narrating_sentence_belongs_to_the_narrator() -> None:
    text = (
        '"At least 22 civilians died," Observatory chief Rami Abdel Rahman told AFP. '
        "The casualties included women and children, said local sources. "
        "A witness named Ahmad who suffered a head wound described the moment the bomber struck. "
        '"As the bride and groom were exchanging their vows I saw a man pass beside me.'
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Rami Abdel Rahman", "Ahmad"]


def test_a_fragment_after_a_clause_takes_the_clause_subject() -> None:
    text = (
        "A doctor receiving the casualties confirmed the death toll and said most of the "
        'injured were "gravely wounded by shrapnel and debris".'
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "A doctor" and quote.anonymous


def test_a_role_resolves_to_the_person_named_with_it() -> None:
    text = (
        'UNICEF Director Alan Lane said six teachers died. "This is a tragedy," Lane said. '
        '"When will the world act to stop this?" added the UNICEF director.'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Lane", "Alan Lane"]


def test_back_to_back_quotes_share_the_attribution_that_follows() -> None:
    text = '"It really hurts to look at that medal." "I lost because of what I did," said Greene.'
    assert [q.speaker for q in extract_quotes(text)] == ["Greene", "Greene"]


def test_it_added_after_a_lower_case_ministry() -> None:
    text = (
        "Two bombers struck the police headquarters, the interior ministry said in a statement. "
        '"The guards opened fire on them before they entered the building," it added.'
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "the interior ministry"


def test_unnamed_voices_and_crowds() -> None:
    voice = extract_quotes('"It is a massacre of refugees," a voice off camera said.')
    crowd = extract_quotes('"God rid us of all our leaders," the protesters chanted.')
    assert voice[0].speaker == "a voice off camera" and voice[0].anonymous
    assert crowd[0].speaker == "the protesters"


def test_second_references_resolve_to_what_the_text_named() -> None:
    monitor = (
        "Shelling killed four civilians, the Syrian Observatory for Human Rights said. "
        '"Many of the wounded are in critical condition," the Britain-based monitor said.'
    )
    activist = (
        "Mohammed Saeed, an activist in the area, told AP that hundreds died. "
        '"The bodies are everywhere in the streets," the activist said.'
    )
    assert extract_quotes(monitor)[0].speaker == "Syrian Observatory for Human Rights"
    quote = extract_quotes(activist)[0]
    assert quote.speaker == "Mohammed Saeed" and not quote.anonymous


def test_he_said_after_an_unnamed_speaker_points_back_to_them() -> None:
    text = (
        "Samir Haddad, the groom, survived. The grooms father was killed, a relative told AFP. "
        '"The grooms wounds are light and he is staying with us," he said.'
    )
    assert extract_quotes(text)[0].speaker == "a relative"


def test_it_said_after_a_one_word_body() -> None:
    text = (
        'In Washington the Pentagon confirmed eight strikes. "The United States has also '
        'taken action to disrupt the plotting," it said in a statement.'
    )
    assert extract_quotes(text)[0].speaker == "Pentagon"


def test_a_quote_ending_its_sentence_keeps_the_speaker_named_before_it() -> None:
    text = (
        'National Security Adviser Susan Rice said the solution will "ultimately have to result '
        'in his departure." She added "You have an illegitimate and violent leadership."'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Susan Rice", "Susan Rice"]


def test_urging_frames_the_subjects_words() -> None:
    text = (
        "State news agency SANA broadcast a call from the military urging residents to "
        '"join the national reconciliation and expel the foreign mercenaries" now.'
    )
    assert extract_quotes(text)[0].speaker == "State news agency SANA"


def test_stray_closing_mark_does_not_flip_the_pairing() -> None:
    text = (
        'A garbled opener dropped its mark here" and the text went on. '
        '"The situation will get worse" said Kiki "Humanitarian aid is not a privilege."'
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [
        "The situation will get worse",
        "Humanitarian aid is not a privilege.",
    ]
    assert [q.speaker for q in quotes] == ["Kiki", "Kiki"]


def test_he_after_a_person_named_without_a_speech_verb() -> None:
    text = (
        "The incident prompted outrage from UNICEF director Anthony Lake. "
        '"This is a tragedy. It is an outrage," he said.'
    )
    assert extract_quotes(text)[0].speaker == "Anthony Lake"


def test_a_clause_opening_with_despite_still_finds_its_subject() -> None:
    text = (
        "Despite suspending operations OCHA has reaffirmed its commitment stating "
        '"United Nations humanitarian agencies are needed now more than ever."'
    )
    assert "OCHA" in (extract_quotes(text)[0].speaker or "")


def test_more_ways_speakers_are_named() -> None:
    cases = [
        (
            "A pro-Damascus source who spoke on condition of anonymity said it was a signal "
            '"Why this threat? Because there are preparations for something big."',
            "A pro-Damascus source",
        ),
        (
            'Of the executioners one resident of the town told the Associated Press "These are '
            'people who do not know God."',
            "one resident of the town",
        ),
        (
            'Troops had trouble breathing after "armed terrorist groups used chemical weapons," '
            "the state news agency said.",
            "state news agency",
        ),
    ]
    for text, speaker in cases:
        assert speaker.lower() in (extract_quotes(text)[0].speaker or "").lower(), text


def test_a_new_claim_after_a_closed_quote_is_not_its_tag() -> None:
    text = (
        '"Three volunteers were killed and most of the others were injured," the group said. '
        '"Today the air force targeted a civil defence team." Siege Watch claimed the workers '
        "were targeted by a missile."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["the group", "the group"]


def test_bbc_style_lines() -> None:
    across = (
        "Small Island is set in post-war London.\n"
        '"What could have been a didactic or preachy prospect turns out to be hilarious.\n'
        "It's hard to think of anybody not enjoying it,\" wrote the judges.\n"
    )
    named_between = (
        '"That is basically a transfer of money between passengers," Mr Clarke said.\n\n'
        "On Wednesday, Jacques Barrot, vice president of the European Commission, said that "
        "the changes were necessary.\n"
        '"The boom in air travel needs to be accompanied by protection of passengers."\n'
        '"This is a concrete example of how the Union benefits people," he added.\n'
    )
    fragment = (
        "The challenge comes from the International Air Transport Association (IATA), which "
        'has attacked the package as a "bad piece of legislation".'
    )
    assert extract_quotes(across)[0].speaker == "the judges"
    assert [q.speaker for q in extract_quotes(named_between)] == [
        "Clarke",
        "Jacques Barrot",
        "Jacques Barrot",
    ]
    assert "IATA" in (extract_quotes(fragment)[0].speaker or "")


def test_peerage_and_knighthood_titles_are_dropped() -> None:
    text = '"Stability is the key word," said Sir Digby Jones, the CBI director general.'
    assert extract_quotes(text)[0].speaker == "Digby Jones"


def test_speakers_found_from_context_are_marked_inferred() -> None:
    text = (
        '"We will rebuild the hospital," Health Minister Firas Abiad said. "It will take a'
        ' year."\n\nHe visited the site on Monday.\n\n"The equipment is gone," he said.'
    )
    named, run_on, pronoun = extract_quotes(text)
    assert (named.speaker, named.speaker_inferred) == ("Firas Abiad", False)
    assert (run_on.speaker, run_on.speaker_inferred) == ("Firas Abiad", True)
    assert (pronoun.speaker, pronoun.speaker_inferred) == ("Firas Abiad", True)
    assert named.attributed_to() == "Firas Abiad"
    assert pronoun.attributed_to() == "Firas Abiad (from context)"
    nobody = extract_quotes('"No entry after dark for anyone at all."')
    assert all(q.attributed_to() == "unattributed" and not q.speaker_inferred for q in nobody)


def test_nobody_is_no_speaker() -> None:
    (quote,) = extract_quotes('Nobody knows who wrote "no entry for anyone after dark here" there.')
    assert quote.speaker is None


def test_a_lone_determiner_is_checked_as_a_speaker_without_failing() -> None:
    from summarizer.attribution import _speaks_itself

    assert not _speaks_itself("One") and not _speaks_itself("The")
    assert _speaks_itself("a resident of the town") and _speaks_itself("Jim Smith")


def test_a_question_word_opening_the_sentence_is_no_speaker() -> None:
    text = (
        "Many people did not like the phrase. Why not just say: "
        "“They’ll go home the same way they came”?"
    )
    (quote,) = extract_quotes(text)
    assert quote.text.startswith("They’ll go home")
    assert quote.speaker != "Why"


def test_a_byline_after_a_dash_names_the_speaker() -> None:
    text = (
        "Readers shared their views of the debate.\n"
        "“He does not answer to anyone and respects no one at all.” ― Christina N Luis Olidem\n"
        "“It was the worst night of the whole campaign so far.” — Veronica Cruz.\n"
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Christina N Luis Olidem", "Veronica Cruz"]
    assert not any(q.speaker_inferred for q in quotes)


def test_words_quoted_inside_a_quote_stay_inside_it() -> None:
    text = (
        "“As a young woman, I’d rather live in what he calls “hell” than live in a world "
        "where he is president.” ― Adriana Rodarte\n"
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("As a young woman")
    assert quotes[0].text.endswith("where he is president.")
    assert quotes[0].speaker == "Adriana Rodarte"
