"""Speakers in US wire and network copy: ranks, bodies, documents and particles.

Each case is a sentence pattern met in CNN and Al Jazeera reporting that once gave the
wrong speaker (a rank cut at its full stop, a chief executive for "the company", "As" for
the clause's subject).
"""

from __future__ import annotations

from summarizer.quotes import extract_quotes
from summarizer.speaker_features import ArticleContext


def speakers(text: str) -> list[str | None]:
    return [quote.speaker for quote in extract_quotes(text)]


def test_an_abbreviated_rank_after_the_verb_keeps_the_name() -> None:
    text = (
        "“These victims and their families are certainly in our thoughts today,” said state "
        "police commissioner Col. Christopher Paris."
    )
    assert speakers(text) == ["Christopher Paris"]


def test_special_agent_in_charge_is_one_rank() -> None:
    text = (
        "“It is surprising, but all the details of that will come out in the investigation,” "
        "FBI Special Agent in Charge Kevin Rojek said in a news conference."
    )
    assert speakers(text) == ["Kevin Rojek"]


def test_emphasized_before_the_name_tags_the_quote() -> None:
    text = (
        "“988 is available to everyone,” emphasized Andrea Palm, deputy secretary of the US "
        "Department of Health and Human Services."
    )
    assert speakers(text) == ["Andrea Palm"]


def test_a_team_named_with_digits_speaks() -> None:
    text = (
        "He played for the Philadelphia 76ers for four seasons.\n\n"
        "“Our condolences go out to the Bryant family,” the 76ers added."
    )
    assert speakers(text) == ["the 76ers"]


def test_the_company_is_not_its_chief_executive() -> None:
    text = (
        "“Consumers are even more financially stretched,” Noel Geoffroy, the company’s chief "
        "executive, said on an earnings call.\n\n"
        "The strain has resulted in “tighter household financial conditions,” the company said."
    )
    assert speakers(text) == ["Noel Geoffroy", "the company"]


def test_the_bureau_is_not_the_man_it_investigates() -> None:
    text = (
        "The FBI has asked a court for a warrant to search the devices of researcher Chris "
        "Roberts.\n\nThe bureau says Roberts “had the ability and willingness to use the "
        "equipment to access the system.”"
    )
    (speaker,) = speakers(text)
    assert speaker is not None and "Roberts" not in speaker


def test_an_email_speaks_for_its_sender_again_later() -> None:
    text = (
        "Nullbulge, the hacktivist group, claimed responsibility for the breach. In an email "
        "on Monday to CNN, the group claimed it gained access through a man with Slack access."
        "\n\n“The user was aware we had them, he tried to kick us out once,” the email said."
        "\n\nCNN could not independently verify the claims. Disney did not comment on the "
        "leak. The company has faced criticism over its approach to artificial intelligence "
        "in the past year, and writers and actors have protested against it. Artificial "
        "intelligence was a major sticking point in negotiations during the strikes.\n\n"
        "The hackers said they leaked the data because making demands would be futile.\n\n"
        "“If we said hello, they would instantly lock down and try to take us out,” the "
        "email said."
    )
    assert speakers(text) == ["the group", "the group"]


def test_a_name_particle_stays_inside_the_name() -> None:
    text = (
        "In a statement shared with CNN on Wednesday, Daniel del Olmo, president of Sage "
        "Hospitality Group, touted the company’s record of hiring diverse candidates.\n\n"
        "“While we cannot disclose further details as it relates to this specific matter, we "
        "want to assure you that discrimination will never be tolerated,” he said."
    )
    assert speakers(text) == ["Daniel del Olmo"]


def test_as_opening_a_clause_is_no_speaker_and_the_teller_goes_on() -> None:
    text = (
        "Dr. Jim Sweetland, a retired emergency room doctor, attempted to administer CPR.\n\n"
        "As he was leaving the rally, a combat vet stopped Sweetland and said, “Brother, "
        "there’s blood on your face, here’s some water,” the doctor recalled.\n\n"
        "“That was another American reaching out to help me after I tried to help,” he said."
    )
    first, second = speakers(text)
    assert first == "a combat vet"
    assert second == "Jim Sweetland"


def test_a_no_break_space_read_as_latin1_is_no_speaker() -> None:
    text = (
        "Zeev Elkin, Jerusalem affairs minister (Likud)\n\n"
        "Elkin has said Netanyahu was \"wrong\"Â\u00a0to have opened the door to a Palestinian "
        "state and, in an interview in 2013, explained: \"Whoever objects to the solution does "
        "not need to present an alternative.\""
    )
    assert "Â" not in speakers(text)
    assert speakers(text)[-1] == "Elkin"


def test_an_appositive_between_spaced_hyphens() -> None:
    text = (
        "Aside from comparing Palestinians to monkeys, Bennett - the former head of the Yesha "
        "Council, which represents Israel's settlements - told the New Yorker in 2013: \"I "
        "will do everything in my power to make sure they never get a state.\""
    )
    assert speakers(text) == ["Bennett"]


def test_a_body_named_after_its_kind_speaks_for_a_second_quote() -> None:
    text = (
        "International development organization BRAC said flooding in the country is "
        "“becoming more dangerous” with “huge losses to livelihoods, biodiversity and "
        "infrastructure.”"
    )
    assert speakers(text)[-1] == "BRAC"


def test_a_sentence_adverb_is_no_speaker_and_the_letter_states() -> None:
    text = "Importantly, the letter states that “no virtual voting will begin before August 1.”"
    assert speakers(text) == ["the letter"]


def test_a_double_barrelled_surname_after_said() -> None:
    text = (
        "The DOC said it was working closely with local communities.\n\n“It is important to "
        "ensure appropriate respect for this taoka is shown,” said Nadia Wesley-Smith the "
        "chair of Te Rūnanga ō Ōtakou."
    )
    assert speakers(text) == ["Nadia Wesley-Smith"]


def test_a_post_from_a_team_is_the_teams() -> None:
    text = (
        "A post from the 76ers called Bryant “a local basketball icon, whose legacy on the "
        "court transcended his journey.”"
    )
    assert speakers(text) == ["the 76ers"]


def test_a_statement_after_someone_else_spoke_is_not_the_first_bodys() -> None:
    text = (
        "In a statement, Chelsea said it “finds all forms of discriminatory behaviour "
        "completely unacceptable” and has launched an internal disciplinary procedure.\n\n"
        "In addition, the French Football Federation (FFF) said it will file a legal "
        "complaint over the chant.\n\n“The President of the FFF, Phillipe Diallo, condemns in "
        "the strongest terms the unacceptable racist remarks,” the statement read."
    )
    assert speakers(text)[-1] != "Chelsea"


def test_two_abbreviated_ranks_in_an_appositive() -> None:
    text = (
        "“We are investigating the incident,” a spokesperson for the IDF, Lt. Col. Nadav "
        "Shoshani, said."
    )
    assert speakers(text) == ["Nadav Shoshani"]


def test_a_hyphenated_title_is_dropped_and_a_bracketed_acronym_unwrapped() -> None:
    assert speakers(
        "“The situation is catastrophic,” UNRWA Commissioner-General Philippe Lazzarini "
        "wrote on X."
    ) == ["Philippe Lazzarini"]
    assert speakers(
        "“The situation is catastrophic,” the UN agency for Palestinian refugees (UNRWA) said."
    ) == ["UNRWA"]


def test_officials_counted_but_not_named_are_anonymous() -> None:
    (quote,) = extract_quotes(
        "“The talks are at a critical stage,” two Israeli officials familiar with the matter "
        "told CNN."
    )
    assert quote.speaker == "two Israeli officials familiar with the matter" and quote.anonymous


def test_a_force_named_with_its_country() -> None:
    text = "“The enemy attacked with 40 drones overnight,” Ukraine’s air force said on Telegram."
    assert speakers(text) == ["Ukraine’s air force"]


def test_the_ministry_is_the_one_named_before() -> None:
    text = (
        "The Gaza health ministry said 40 people were killed. “Most of the victims are women "
        "and children,” the ministry said."
    )
    assert speakers(text) == ["Gaza health ministry"]
    # With no ministry named before, it stays as written.
    text = "Smith met the minister. “The strike targeted militants in the area,” the ministry said."
    assert speakers(text) == ["the ministry"]


def test_posted_on_x_after_the_quote_but_not_a_statement_posted() -> None:
    text = (
        "“How can mediation succeed when one party assassinates the negotiator on the other "
        "side?” Qatar’s Prime Minister Mohammed bin Abdulrahman Al-Thani, a mediator in the "
        "talks, posted on X on Wednesday."
    )
    assert speakers(text) == ["Mohammed bin Abdulrahman Al-Thani"]
    text = (
        "Australian senator Ralph Babet said the pair “should be immediately removed from the "
        "country” in a statement posted on X."
    )
    assert "a statement" not in speakers(text)


def test_calling_it_names_the_speaker_not_the_agency_reporting_it() -> None:
    text = (
        "Palestinian Authority President Mahmoud Abbas condemned the killing calling it “a "
        "cowardly act and a dangerous development,” according to the WAFA news agency."
    )
    assert speakers(text) == ["Mahmoud Abbas"]


def test_the_owner_of_a_statement_speaks() -> None:
    text = (
        "Iranian Supreme Leader Ali Khamenei’s first statement on the matter said of Israel, "
        "“You killed our dear guest in our house and now have paved the way for your harsh "
        "punishment.”"
    )
    assert speakers(text) == ["Ali Khamenei"]


def test_a_video_shows_someone_saying() -> None:
    text = (
        "Another video shows journalist Wadi Shehandeh addressing a crowd, saying: “By "
        "targeting us as media professionals, they want this coverage to stop.”"
    )
    assert speakers(text) == ["Wadi Shehandeh"]


def test_a_body_named_in_an_appositive_before_its_verb() -> None:
    text = (
        "The world’s largest union for journalists, the International Federation of "
        "Journalists, also criticized the strike, in a post on X: “We are running out of "
        "words to condemn this massacre.”"
    )
    assert speakers(text) == ["International Federation of Journalists"]


def test_a_quote_left_open_goes_on_in_the_next_paragraph_whatever_the_ranker_says() -> None:
    text = (
        "Yuval Green, a reservist, told CNN that homes were burned for revenge. Green said he "
        "left his unit in protest.\n\n"
        "Responding to Green’s allegations, the IDF stated: “The actions of the IDF are "
        "subject to Israeli law and international law.\n\n"
        "“In some cases, IDF forces are required to act to remove a threat posed to them from "
        "buildings.”"
    )
    assert speakers(text)[-2:] == ["IDF", "IDF"]


def test_a_name_before_an_unnamed_description_is_the_speaker() -> None:
    text = (
        "Speaking to local media in Dhaka, Shah Monjurul Hoque, a lawyer representing "
        "students said that the Supreme Court “gave a final solution to this quota system.”"
    )
    assert speakers(text) == ["Shah Monjurul Hoque"]


def test_continued_to_is_no_verb_of_saying_and_a_weekday_is_no_name() -> None:
    text = (
        "US Secretary of State Antony Blinken on Friday said that the breakout time “is now "
        "probably one or two weeks” as Tehran has continued to develop its nuclear program."
    )
    assert speakers(text) == ["Antony Blinken"]


def test_a_bodys_name_is_no_persons_name() -> None:
    from summarizer.speakers import is_person_name

    assert not is_person_name("Emergency Management")
    assert not is_person_name("Kids Online Task Force")
    assert is_person_name("Nim Kidd")


def test_adding_goes_on_with_the_sentences_subject() -> None:
    text = (
        "PBS News, whose logo was featured in the video, issued a statement describing the "
        "video as a “deepfake,” adding, “PBS News did not authorize the use of this video and "
        "we do not condone altering news video.”"
    )
    assert speakers(text) == ["PBS News"]
    text = (
        "The US state department raised the travel advisory level for Bangladesh on Saturday, "
        "urging people to “not travel” due to “civil unrest, crime and terrorism.”"
    )
    assert speakers(text) == ["The US state department"]


def test_according_to_after_a_quote_reports_the_words_of_the_sender() -> None:
    text = (
        "Ogstad sent direct messages to Maricopa County officials, including: “You did it! "
        "Now you are finished. You will all be executed for your crimes,” and “You are stupid "
        "if you think your lives are safe,” according to the plea agreement and a statement "
        "Thursday from the US Justice Department."
    )
    assert speakers(text) == ["Ogstad", "Ogstad"]


def test_an_opening_prepositional_phrase_is_no_subject() -> None:
    text = (
        "With that in mind, Biden set himself up as a leader returning power to the people, "
        "implicitly referencing Washington’s farewell address by saying, “Kings and dictators "
        "do not rule. The people do.”"
    )
    assert speakers(text) == ["Biden"]


def test_the_airport_speaks_and_it_is_the_group_a_report_was_according_to() -> None:
    text = (
        "In an update, the airport said flights were “gradually resuming” after the temporary "
        "suspension of air traffic “due to a police operation.”\n"
        "Six protesters glued themselves to a taxiway, according to activist group Oil Kills.\n"
        "“The sun hasn’t risen yet, but air traffic in Germany has already been brought to a "
        "standstill,” it said on X."
    )
    assert speakers(text) == ["the airport", "Oil Kills"]


def test_initials_in_a_name_after_said() -> None:
    text = (
        "“I’ve done a lot of hiring in my life,” said Illinois Gov. J.B. Pritzker, who’s among "
        "those being vetted."
    )
    assert speakers(text) == ["J.B. Pritzker"]


def test_a_month_after_a_first_name_is_a_surname() -> None:
    text = (
        "The moment the good news came over the radio was exciting, Wolfe County Search and "
        "Rescue Chief John May told CNN.\n“An inexperienced hiker in a wilderness area for 14 "
        "days without food or water, nobody really expected to find him alive,” he said.\n"
        "Finding out Hern was alive changed the tone of the operation, May said.\n“That extra "
        "boost of energy kind of kicked in when we heard that he was alive,” he said."
    )
    first, second = speakers(text)
    assert first == "John May"
    assert second in ("John May", "May")  # his surname, as the text calls him there


def test_detective_ranks_do_not_end_the_sentence() -> None:
    text = (
        "A clerk stole the ticket, authorities said.\n\n“If you scratch off the front bar "
        "code, it will tell you if it’s a winner,” Lt. Det. Steve Craig told WTVF.\n\n"
        "Patel then placed the ticket in the trash, authorities said.\n\n“Mr. Patel is then "
        "seen later in the video celebrating,” Det. Dennis Ward said in the news release."
    )
    assert speakers(text) == ["Steve Craig", "Dennis Ward"]


def test_a_long_capitalised_role_after_said_ends_in_the_name() -> None:
    text = (
        "CNN experts offered similar analysis.\n\n“There were a number of ways to avoid "
        "this,” said CNN Chief Law Enforcement and Intelligence Analyst John Miller, “but "
        "even if you forgive that, there were options.”"
    )
    assert speakers(text) == ["John Miller", "John Miller"]


def test_vice_president_is_not_cut_to_president() -> None:
    # "president" alone would resolve to "former President Donald Trump", named just before.
    text = (
        "Harris visited the headquarters. She spoke against former President Donald Trump."
        "\n\nThe vice president said in her statement Monday that she will travel the country "
        "“talking to Americans about everything. I fully intend to defeat Donald Trump.”"
    )
    assert speakers(text) == ["The vice president"]


def test_one_of_a_group_speaks_unnamed() -> None:
    text = (
        "Ben Crump spoke to reporters on Monday.\n\nAs they speak in her living room, the "
        "deputies note the pot on the lit stove and one says, “we don’t need a fire while "
        "we’re here.” Massey gets up."
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "one of the deputies"
    assert quote.anonymous


def test_a_first_name_with_an_appositive_is_a_person() -> None:
    text = (
        "Brat green went viral.\n\nStephanie, a Charli XCX fan based in New York, created the "
        "Instagram account in June.\n\n“It’s just so fun,” she told CNN over email. “Every "
        "time I’m with a friend walking on the street someone stops.”"
    )
    assert speakers(text) == ["Stephanie", "Stephanie"]


def test_a_given_names_gender_is_not_outvoted_by_a_misread_pronoun() -> None:
    # "Sonya" is a "she" by her given name: pronoun votes that read "Massey ... he" (a
    # sentence pair misread, or a "he said" the rules gave her) must not take her out of
    # the candidates for "she says".
    text = (
        "Body-camera footage showing the fatal police shooting of Sonya Massey was released "
        "Monday.\n\n“I rebuke you in the name of Jesus,” she says in response."
    )
    quotes = extract_quotes(text)
    context = ArticleContext(text, quotes)
    context.pronoun_votes["Sonya Massey"] = {"he": 3}
    assert "Sonya Massey" in [c.name for c in context.candidates(0)]
    # Where no title or given name says so, the votes still decide.
    context.genders.pop("Sonya Massey")
    assert "Sonya Massey" not in [c.name for c in context.candidates(0)]


def test_a_titled_name_with_a_long_appositive_before_said() -> None:
    # Not "Covid", the last capitalised word before "said".
    text = (
        "Experts agree.\n\n“Large numbers of new infections are still translating into a huge "
        "number of persons with long Covid,” Dr. Daniel Griffin, an infectious disease "
        "specialist at Columbia University who treats people with long Covid, said in an email."
    )
    assert speakers(text) == ["Daniel Griffin"]


def test_a_part_someone_plays_is_not_a_speaker() -> None:
    text = (
        "Bob Newhart died on Thursday. Born George Robert Newhart in Oak Park, Newhart was "
        "first an accountant.\n\nHis performance as Papa Elf in the 2003 comedy “Elf,” he "
        "believed, was his best.\n\n“My agent sent me the script and I fell in love with it,” "
        "he said."
    )
    assert speakers(text)[-1] in ("Bob Newhart", "Newhart")
    assert "Born George Robert Newhart" not in speakers(text)


def test_a_time_phrase_opened_by_just_is_no_subject() -> None:
    text = (
        "Vance spoke.\n\nJust last month, Vance himself alluded to the evolution of his views, "
        "telling the New York Times’ Ross Douthat: “The people on the left, I would say, whose "
        "politics I’m open to — it’s the Bernie Bros.”"
    )
    assert speakers(text) == ["Vance"]


def test_the_leader_described_is_the_one_in_focus() -> None:
    text = (
        "Israeli Prime Minister Benjamin Netanyahu met Joe Biden.\n\nNetanyahu has repeatedly "
        "rejected the idea. A day after speaking with Biden in a phone conversation in January, "
        "the Israeli leader posted on X, “I will not compromise on full Israeli security "
        "control.”"
    )
    assert speakers(text)[0] in ("Benjamin Netanyahu", "Netanyahu")


def test_a_name_met_after_the_tag_pronoun_is_not_its_antecedent() -> None:
    text = (
        "George Clooney wrote an op-ed for the New York Times.\n\nSo when he wrote that the "
        "Biden he saw at the fundraiser, which also included former President Barack Obama, "
        "“was not the Joe Biden of 2010,” it was a startling admission."
    )
    assert speakers(text) == ["George Clooney"]
