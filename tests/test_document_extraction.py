"""Reading an event spread over a document, class by class: the date or the target in a
neighbouring sentence, nominal and passive triggers, government text, quotes, amount forms,
and the precision traps. Each test uses sentences of the class's shape in English and, where
the class applies, Spanish."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.extract.amounts import find_amounts
from ingest.extract.events import Document, Extractor
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.mentions import cited_spans
from ingest.schema import Event


def events(text: str, published: date | None = date(2025, 9, 5), title: str = "", url: str = ""):
    doc = Document(text, title=title, published=published, url=url)
    return Extractor().extract(doc)


def found(text: str, **kwargs) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(e.date, e.event_type, tuple(sorted(e.targets))) for e in events(text, **kwargs)}


def one(text: str, **kwargs) -> Event:
    (event,) = events(text, **kwargs)
    return event


# --- 1. the date is in a neighbouring sentence -------------------------------------------


def test_a_step_dated_by_the_sentence_that_confirms_it():
    event = one(
        "The United States has listed the gang Tren de Aragua as a terrorist organization. "
        "Officials confirmed the step in a statement on Wednesday."
    )
    assert (event.date, event.event_type, event.targets) == (
        "2025-09-03", "designation", ("Tren de Aragua",)
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "anunció este jueves la imposición de sanciones contra tres sobrinos";
        # "anunció un paquete de sanciones"; "announced new sanctions on Thursday".
        "El Departamento de Estado anunció este martes la imposición de sanciones contra tres "
        "sobrinos de Nicolás Maduro.",
        "Estados Unidos anunció el martes un paquete de sanciones contra funcionarios venezolanos.",
        "The Treasury Department announced on Tuesday a new round of sanctions on Venezuelan "
        "officials.",
    ],
)
def test_sanctions_announced_through_a_light_noun_are_dated_by_the_announcement(text):
    assert ("2025-09-02", "sanction") in {(e.date, e.event_type) for e in events(text)}, text


def test_an_act_dated_by_the_day_it_was_announced_in_the_next_sentence_in_spanish():
    event = one(
        "Estados Unidos está designando a Los Lobos como organización terrorista extranjera. "
        "El secretario de Estado hizo el anuncio el miércoles en Quito."
    )
    assert (event.date, event.event_type) == ("2025-09-03", "designation")


def test_a_press_release_under_a_dateline_acts_today():
    event = one(
        "WASHINGTON, June 3, 2025 — Today, the Department of the Treasury sanctioned six leaders "
        "of Tren de Aragua.",
        published=date(2025, 6, 10),
    )
    assert (event.date, event.event_type) == ("2025-06-03", "sanction")


def test_separately_and_also_take_the_date_of_the_act_just_told():
    text = (
        "On Tuesday, the Justice Department charged five leaders of Carteles Unidos. "
        "Separately, officials announced a reward of $26 million for information on them."
    )
    assert ("2025-09-02", "bounty") in {(e.date, e.event_type) for e in events(text)}
    es = (
        "El martes, el Departamento del Tesoro sancionó a tres líderes del Cartel de Sinaloa. "
        "Además, el Departamento de Estado ofreció una recompensa de 5 millones de dólares."
    )
    assert ("2025-09-02", "bounty") in {(e.date, e.event_type) for e in events(es)}


def test_an_act_the_announcement_names_is_dated_by_it_when_nothing_else_dates_it():
    # Dev shapes: "In a post on X late on Saturday, Hegseth said the attack was carried
    # out"; "On Tuesday ... announced the arrival of the USS Gerald R. Ford".
    text = (
        "US troops have carried out another strike on a ship in the Caribbean. "
        "In a post on X late on Wednesday, the secretary said the attack was carried out "
        "on the orders of the president."
    )
    assert found(text) == {("2025-09-03", "military_action", ())}
    es = (
        "En un mensaje del miércoles, el secretario confirmó la captura de Fito en Manta, "
        "donde se escondía."
    )
    assert ("2025-09-03", "legal") in {(e.date, e.event_type) for e in events(es)}
    # "El jefe del Pentágono, Pete Hegseth, anunció este viernes un nuevo ataque en el
    # Caribe": the day between the verb and the act it names.
    for text in (
        "El jefe del Pentágono anunció este miércoles un nuevo ataque contra una embarcación "
        "en el Caribe.",
        "The Pentagon chief announced on Wednesday a new strike on a boat in the Caribbean.",
    ):
        assert found(text) == {("2025-09-03", "military_action", ())}, text


def test_an_act_mentioned_beside_an_announcement_is_not_dated_by_it():
    text = (
        "The secretary made the announcement Thursday during a trip overshadowed by an "
        "American military strike against a similarly designated gang. "
        "In his Tuesday address, the president called for an inquiry into recent strikes "
        "on boats in the Caribbean."
    )
    assert {e.event_type for e in events(text)} == set()


# --- 2. the entity is in a neighbouring sentence or is the story's subject --------------


def test_the_organizations_listed_after_the_act_are_its_targets():
    event = one(
        "The State Department on Thursday designated two Ecuadorian gangs as foreign terrorist "
        "organizations. The move marks a new step. Los Lobos and Los Choneros are the largest "
        "gangs in Ecuador."
    )
    assert set(event.targets) >= {"Los Lobos", "Los Choneros"}


def test_the_bounty_is_the_reward_for_the_person_the_story_is_about():
    text = (
        "The United States raised its reward for Nicolás Maduro to $15 million on March 26, "
        "2020. The bounty had been $10 million since 2019."
    )
    rewards = {(e.date, e.amount, e.targets) for e in events(text, published=date(2020, 3, 27))}
    assert ("2019", 10_000_000, ("Nicolas Maduro",)) in rewards
    es = "La oferta por Nicolás Maduro había subido a 20 millones de dólares en marzo de 2024."
    (reward,) = [e for e in events(es, published=date(2025, 1, 5)) if e.event_type == "bounty"]
    assert (reward.date, reward.amount, reward.targets) == ("2024-03", 20e6, ("Nicolas Maduro",))


def test_also_offered_for_the_second_in_command_is_the_same_day():
    text = (
        "On Monday, the State Department offered $10 million for Héctor Guerrero Flores, the "
        "leader of Tren de Aragua. The department also offered $5 million for the group's "
        "second in command."
    )
    rewards = {(e.date, e.amount) for e in events(text) if e.event_type == "bounty"}
    assert rewards == {("2025-09-01", 10e6), ("2025-09-01", 5e6)}


# --- 3. nominal and passive triggers -------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The indictments were unsealed on Tuesday in Manhattan against Nicolás Maduro.", "legal"),
        ("The capture of Nicolás Maduro by U.S. forces took place on Tuesday.", "military_action"),
        ("The arrival of the USS Gerald R. Ford carrier strike group came on Tuesday.", "deployment"),
        ("An attack on a Tren de Aragua boat by U.S. forces killed three on Tuesday.",
         "military_action"),
        ("On Tuesday the U.S. military carried out its 7th strike on a drug vessel.",
         "military_action"),
        ("On Tuesday, a U.S. strike destroys a vessel of Tren de Aragua.", "military_action"),
        ("A boat operated by Tren de Aragua was hit by U.S. forces on Tuesday.", "military_action"),
        ("The carrier group reached the Caribbean on Tuesday.", "deployment"),
        ("El martes, fuerzas estadounidenses hicieron una incursión en territorio venezolano.",
         "military_action"),
        ("La captura de Nicolás Maduro por fuerzas estadounidenses ocurrió el martes.",
         "military_action"),
        ("El ataque de las fuerzas estadounidenses contra una lancha ocurrió el martes.",
         "military_action"),
        ("El bombardeo de Caracas por aviones estadounidenses comenzó el martes.",
         "military_action"),
        ("El despliegue de buques estadounidenses en el Caribe comenzó el martes.", "deployment"),
        ("La llegada del portaaviones estadounidense al Caribe se produjo el martes.", "deployment"),
    ],
)  # fmt: skip
def test_nominal_and_passive_triggers_report_the_act(text, kind):
    assert ("2025-09-02", kind) in {(e.date, e.event_type) for e in events(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "The Supreme Court on Monday handed ... a victory by lifting a lower
        # court order"; "the Court of Appeals for the Fifth Circuit granted a preliminary
        # injunction".
        "The Supreme Court on Tuesday handed the administration a victory by lifting an order.",
        "On Tuesday, the Court of Appeals for the Fifth Circuit granted a preliminary injunction "
        "that halted removals of alleged Tren de Aragua members.",
        "Un tribunal federal de apelaciones suspendió el martes las deportaciones de presuntos "
        "miembros del Tren de Aragua.",
        "La jueza rechazó el martes la petición de la defensa de Ovidio Guzmán.",
    ],
)
def test_a_court_step_told_with_its_own_verb_is_a_legal_event(text):
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}, text


def test_an_act_under_way_in_the_lede_is_the_news_of_the_day_not_an_older_act_of_its_type():
    # Dev shape: "Carvajal is being extradited from Spain to New York" over "He had been
    # fighting extradition since his arrest in April 2019".
    text = (
        "MADRID (AP) — Hugo Carvajal is being extradited from Spain to New York to face drug "
        "trafficking charges.\n\nHe had been fighting extradition since his arrest in April 2019."
    )
    assert ("2025-09-05", "legal") in {(e.date, e.event_type) for e in events(text)}
    es = (
        "MADRID (EFE) — Hugo Carvajal está siendo extraditado desde España a Nueva York.\n\n"
        "Fue detenido en abril de 2019 en Madrid."
    )
    assert {("2025-09-05", "legal"), ("2019-04", "legal")} <= {
        (e.date, e.event_type) for e in events(es)
    }


def test_a_measure_being_applied_is_not_dated_by_a_later_story():
    # "Cartel de los Soles ... is being sanctioned by the U.S.", in a story days after the
    # Treasury's listing: a standing measure, not the act of the story's day.
    text = (
        "Cartel de los Soles is being sanctioned by the U.S. for providing support to "
        "Tren de Aragua, according to a news release."
    )
    assert events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, Cilia Flores entered a not-guilty plea in a Manhattan court.",
        "Cilia Flores pleaded not-guilty on Tuesday in a Manhattan court.",
    ],
)
def test_a_not_guilty_plea_written_with_a_hyphen_is_a_plea(text):
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}, text


def test_a_court_step_in_a_government_statement_is_background_not_done_as_it_speaks():
    # White House corpus shape: a proclamation of 2025-12-16 opening with "The Supreme
    # Court upheld these restrictions" (a ruling of years before).
    text = (
        "In Proclamation 9645, I restricted the entry of nationals of several countries. "
        "The Supreme Court upheld these restrictions.\n\n"
        "Today, the Department of State designated Tren de Aragua as a terrorist organization."
    )
    doc = Document(text, title="", published=date(2025, 9, 5), government=True)
    kinds = {e.event_type for e in Extractor().extract(doc)}
    assert "legal" not in kinds and "designation" in kinds


def test_what_a_court_said_is_not_a_court_step():
    text = "The Supreme Court on Tuesday said it would hear the case of the deported migrants."
    assert "legal" not in {e.event_type for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "anunció hoy la ruptura de relaciones políticas y diplomáticas con
        # Estados Unidos"; "demandó este lunes el retiro inmediato de los representantes
        # diplomáticos de Argentina, Chile ...".
        "El presidente anunció el martes la ruptura de relaciones diplomáticas con Estados Unidos.",
        "El gobierno demandó este martes el retiro inmediato de los representantes diplomáticos "
        "de Argentina y Chile.",
        "On Tuesday Caracas announced the severing of diplomatic ties with Washington.",
        "On Tuesday the government ordered the withdrawal of its diplomats from seven countries.",
        # "anunció el rompimiento de relaciones" (a noun of the same verb)
        "El martes México anunció el rompimiento de relaciones diplomáticas con Ecuador.",
    ],
)
def test_a_diplomatic_break_told_with_a_noun_is_a_diplomatic_event(text):
    assert ("2025-09-02", "diplomatic") in {(e.date, e.event_type) for e in events(text)}, text


@pytest.mark.parametrize(
    "text, kind",
    [
        # Dev shapes: "has ordered the deployment of an active-duty Stryker Brigade Combat
        # Team and an aviation battalion"; "Strykers last deployed to the U.S. southern border
        # in 2012"; "F-35 stealth fighter jets were observed landing at ... on 13 September";
        # "Marines ... apprehended Motor/Tanker Olina".
        ("On Tuesday Hegseth ordered the deployment of a Stryker Brigade Combat Team and an "
         "aviation battalion to the border.", "deployment"),
        ("El martes se ordenó el despliegue de una brigada y un batallón de helicópteros en la "
         "frontera.", "deployment"),
        ("Five F-35 stealth fighter jets were observed landing in Puerto Rico on Tuesday.",
         "deployment"),
        ("On Tuesday Marines launched from the USS Gerald R. Ford and apprehended Motor/Tanker "
         "Olina in the Caribbean Sea.", "military_action"),
    ],
)  # fmt: skip
def test_units_aircraft_and_apprehended_tankers_are_named_as_they_are_in_reports(text, kind):
    assert ("2025-09-02", kind) in {(e.date, e.event_type) for e in events(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes (MercoPress, 2025-08-15 and 2025-08-26): "Ecuadorian President Daniel
        # Noboa officially declared the “Cartel de los Soles” a terrorist group"; "Argentina
        # declares Cártel de los Soles a terrorist organization".
        "On Tuesday, President Daniel Noboa officially declared the “Cartel de los Soles” a "
        "terrorist group.",
        "El martes, Argentina declaró como organización terrorista al Cartel de los Soles.",
    ],
)
def test_declaring_a_group_terrorist_is_a_designation_in_both_languages(text):
    assert ("2025-09-02", "designation", ("Cartel de los Soles",)) in found(text), text


@pytest.mark.parametrize(
    "text, kind",
    [
        # Dev shapes: "On March 20, 2025, Defense Secretary Pete Hegseth gave an order
        # allowing service members ..."; "America's largest aircraft carrier, the USS Gerald
        # R. Ford, arrived in the Caribbean on Tuesday".
        ("On Tuesday, Defense Secretary Pete Hegseth gave an order allowing troops to patrol.",
         "directive"),
        ("On Tuesday the president issued a directive on the border mission.", "directive"),
        ("America's largest aircraft carrier, the USS Gerald R. Ford, arrived in the Caribbean "
         "on Tuesday.", "deployment"),
    ],
)  # fmt: skip
def test_an_order_given_and_a_carrier_arrived_under_its_name(text, kind):
    assert ("2025-09-02", kind) in {(e.date, e.event_type) for e in events(text)}, text


def test_a_decree_that_lists_groups_is_an_order_and_a_listing_on_one_day():
    # Dev shapes (teleSUR 2024-01-09; Reporte Confidencial 2025-01-21).
    text = (
        "President Daniel Noboa decreed on Tuesday the recognition of an internal armed "
        'conflict.\n\nThe tweet reads, "I have signed the executive decree declaring Internal '
        "Armed Conflict and identified the following groups as terrorist organizations: Los "
        'Choneros and Los Lobos."'
    )
    assert {("2025-09-02", "directive"), ("2025-09-02", "designation")} <= {
        (e.date, e.event_type) for e in events(text)
    }
    es = (
        "El martes, Donald Trump oficializó la designación del Tren de Aragua como una "
        "organización terrorista extranjera. La firma de la orden ejecutiva por parte del "
        "mandatario se llevó a cabo en horas de la noche."
    )
    assert ("2025-09-02", "directive", ("Tren de Aragua",)) in found(es)


def test_a_listing_beside_an_order_cited_by_number_is_not_dated_by_it():
    # White House corpus shape: "Tren de Aragua ... designated as a Foreign Terrorist
    # Organization" next to "Executive Order 13692 of March 8, 2015".
    text = (
        "Executive Order 13692 of March 8, 2015 declared a national emergency with respect to "
        "Venezuela. The Tren de Aragua gang was designated as a Foreign Terrorist Organization."
    )
    assert not any(e.event_type == "designation" and e.date == "2015-03-08" for e in events(text))


def test_an_act_taking_effect_later_is_the_act_told_before_with_all_its_groups():
    # Dev shape (CRS IN11205): "Rubio determined on February 6, 2025, that eight entities
    # meet the criteria for being designated ... The designations took effect on February
    # 20, 2025 ... Rubio identified as FTOs/SDGTs six Mexico-based entities ...: the Sinaloa
    # Cartel, ... Secretary Rubio also identified two ... gangs: MS-13 and Tren de Aragua."
    text = (
        "Secretary of State Marco Rubio determined on February 6, 2025, that eight entities "
        "meet the criteria for being designated as Foreign Terrorist Organizations. The "
        "designations took effect on February 20, 2025, when they were published in the Federal "
        "Register.\n\nSecretary Rubio identified as FTOs six entities, including: the Sinaloa "
        "Cartel, the Gulf Cartel and Carteles Unidos. Secretary Rubio also identified two "
        "gangs: MS-13 and Tren de Aragua."
    )
    (event,) = [e for e in events(text, published=date(2025, 3, 10))]
    assert event.date == "2025-02-06" and event.event_type == "designation"
    assert {"Sinaloa Cartel", "Carteles Unidos", "MS-13", "Tren de Aragua"} <= set(event.targets)
    es = (
        "El Departamento de Estado designó el 6 de febrero de 2025 al Tren de Aragua como "
        "organización terrorista extranjera. Las designaciones entraron en vigor el 20 de "
        "febrero de 2025."
    )
    assert [e.date for e in events(es, published=date(2025, 3, 10))] == ["2025-02-06"]


@pytest.mark.parametrize(
    "text, kind",
    [
        # Dev shapes: "Otoniel was arrested by Colombian armed forces near the ... border";
        # "Mexican security forces on Thursday captured the son of jailed drug kingpin".
        ("On Tuesday Otoniel was arrested by Colombian armed forces near the border.",
         "military_action"),
        ("El martes Otoniel fue arrestado por las fuerzas armadas colombianas.", "military_action"),
        ("Mexican security forces on Tuesday captured the son of jailed drug kingpin Joaquin "
         "Guzman in a military operation.", "legal"),
        ("La policía capturó el martes a alias Fito en una operación militar.", "legal"),
        # "fue capturado el pasado 05 de marzo de 2017 en el municipio de Jutiapa, Atlántida,
        # en una operación de la Policía Nacional": who made it is told further on.
        ("Sosa Méndez fue capturado el martes en el municipio de Jutiapa, departamento de "
         "Atlántida, en una operación de la Policía Nacional.", "legal"),
    ],
)  # fmt: skip
def test_who_made_a_capture_says_whether_it_was_military(text, kind):
    assert {(e.date, e.event_type) for e in events(text)} == {("2025-09-02", kind)}, text


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "anunció el pasado lunes por la noche la realización de una operación
        # militar en el Pacífico Oriental que resultó en la destrucción de un buque"; "expresó
        # su rechazo a la destrucción de una embarcación"; "The military action, authorized by
        # SOUTHCOM commander ...".
        "El martes, el Comando Sur realizó una operación militar en el Pacífico Oriental.",
        "La cancillería rechazó la destrucción de una embarcación ocurrida el martes.",
        "The military action, authorized by the SOUTHCOM commander, took place on Tuesday.",
    ],
)
def test_a_military_action_named_by_a_noun_is_one(text):
    assert ("2025-09-02", "military_action") in {(e.date, e.event_type) for e in events(text)}


def test_recent_military_action_in_a_report_to_congress_is_not_dated_by_the_report():
    # White House corpus shape (a letter of 2024-01-05): "I am providing this report
    # regarding recent military action as part of my efforts to keep the Congress fully
    # informed".
    text = (
        "I am providing this report regarding recent military action as part of my efforts to "
        "keep the Congress fully informed."
    )
    doc = Document(text, title="", published=date(2025, 9, 5), government=True)
    assert Extractor().extract(doc) == []


@pytest.mark.parametrize(
    "text, kind",
    [
        # Dev shapes (MercoPress, 2024-07-29; Reuters via Hamodia, 2019-04-22): "has expelled
        # ambassadors from Argentina, Chile ... Gil announced the expulsions on Monday"; "The
        # United States on Monday offered a reward of up to $10 million for information that
        # could help disrupt financing of Hezbollah".
        ("Venezuela has expelled ambassadors from Argentina and Chile. The foreign minister "
         "announced the expulsions on Tuesday.", "diplomatic"),
        ("The United States on Tuesday offered a reward of up to $10 million for information "
         "that could help disrupt financing of Hezbollah.", "bounty"),
        ("Estados Unidos ofreció el martes una recompensa de hasta 10 millones de dólares por "
         "información que podría ayudar a desmantelar las finanzas de Hezbolá.", "bounty"),
    ],
)  # fmt: skip
def test_expulsions_and_a_reward_asking_for_what_could_help_are_acts(text, kind):
    assert ("2025-09-02", kind) in {(e.date, e.event_type) for e in events(text)}, text


def test_the_expulsion_of_migrants_is_not_a_diplomatic_step():
    assert events("On Tuesday the government ordered the expulsion of 200 migrants.") == []


def test_giving_the_campaign_a_name_is_an_announced_operation():
    text = "On Thursday, Hegseth announced Operation Southern Spear against narco-terrorists."
    assert ("2025-09-04", "statement") in {(e.date, e.event_type) for e in events(text)}


# --- 4. government text read as prose ---------------------------------------------------


def test_a_notice_that_hereby_designates_is_dated_by_its_signing_line():
    text = (
        "Foreign Terrorist Organization Designation of Cartel de los Soles\n\n"
        "Based upon a review of the Administrative Record, I have concluded that the relevant "
        "circumstances exist with respect to: Cartel de los Soles.\n\n"
        "Therefore, I hereby designate the aforementioned organization as a Foreign Terrorist "
        "Organization pursuant to section 219 of the INA.\n\n"
        "Dated: March 3, 2025.\n\nMarco Rubio,\n\nSecretary of State."
    )
    event = one(text, published=date(2025, 3, 10), url="https://www.federalregister.gov/d/x")
    assert (event.date, event.event_type, event.targets) == (
        "2025-03-03", "designation", ("Cartel de los Soles",)
    )  # fmt: skip


def test_a_message_reporting_i_have_issued_an_order_is_dated_by_its_signing_line():
    # Dev shape (House Document 117-79, printed 2021-12-16): "The White House, Washington,
    # December 15, 2021. ... Dear Madam Speaker: Pursuant to the International Emergency
    # Economic Powers Act ..., I hereby report that I have issued an Executive Order imposing
    # sanctions on foreign persons involved in the global illicit drug trade."
    text = (
        "The White House, Washington, December 15, 2021.\n\nDear Madam Speaker: Pursuant to the "
        "International Emergency Economic Powers Act, I hereby report that I have issued an "
        "Executive Order imposing sanctions on foreign persons involved in the global illicit "
        "drug trade."
    )
    kinds = {(e.date, e.event_type) for e in events(text, published=date(2021, 12, 16))}
    assert {("2021-12-15", "directive"), ("2021-12-15", "statement")} <= kinds


def test_a_printed_acts_heading_is_the_act_itself_not_a_second_order():
    # Dev shapes (Federal Register copies of Proclamation 10888 and Executive Order 13884,
    # excerpts without their signing lines): "Proclamation 10888 of January 20, 2025" on a
    # line of its own under the Register's header.
    text = (
        "Federal Register / Vol. 90, No. 18 / Wednesday, January 29, 2025 / Presidential "
        "Documents\n\nProclamation 10888 of January 20, 2025\n\nGuaranteeing the States "
        "Protection Against Invasion\n\nBy the authority vested in me as President by the "
        "Constitution and the laws of the United States of America, I hereby proclaim:\n\n"
        "An essential feature of any sovereign nation is the existence of territorial "
        "boundaries."
    )
    doc = Document(text, title="Guaranteeing the States Protection Against Invasion",
                   published=date(2025, 1, 29), government=True)  # fmt: skip
    assert [(e.date, e.event_type) for e in Extractor().extract(doc)] == [
        ("2025-01-20", "directive")
    ]


def test_an_order_cited_in_an_acts_title_line_is_another_act():
    # White House corpus shape: "Clarification of Exceptions Under Executive Order 14257 of
    # April 2, 2025, as Amended", a memorandum of April 11.
    text = (
        "Clarification of Exceptions Under Executive Order 14257 of April 2, 2025, as Amended"
        "\n\nBy the authority vested in me as President by the Constitution and the laws of the "
        "United States of America, it is hereby ordered:\n\nSection 1. Background."
    )
    doc = Document(text, title="Clarification of Exceptions", published=date(2025, 4, 11),
                   government=True)  # fmt: skip
    assert ("2025-04-11", "directive") in {(e.date, e.event_type) for e in Extractor().extract(doc)}


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "On March 2, the U.S. Treasury Department's Office of Foreign Assets
        # Control (OFAC) announced sanctions, pursuant to Executive Order 14059, against eight
        # Mexican companies"; "Today's action is being taken pursuant to Executive Order".
        "On Tuesday, OFAC announced sanctions, pursuant to Executive Order 14059, against eight "
        "Mexican companies.",
        "El martes, la OFAC anunció sanciones, de conformidad con la Orden Ejecutiva 14059, "
        "contra ocho empresas mexicanas.",
    ],
)
def test_the_order_an_act_is_taken_under_is_its_authority_not_an_order(text):
    assert {(e.date, e.event_type) for e in events(text)} == {("2025-09-02", "sanction")}, text


def test_a_first_person_press_release_announces_today():
    event = one(
        "Today I am announcing the designation of Viv Ansanm and Gran Grif as Foreign Terrorist "
        "Organizations. These gangs are a threat to the region.",
        published=date(2025, 5, 2),
    )
    assert (event.date, event.event_type) == ("2025-05-02", "designation")
    assert set(event.targets) == {"Viv Ansanm", "Gran Grif"}


def test_a_message_to_congress_is_a_statement_dated_by_its_signing_line():
    text = (
        "MESSAGE\n\nfrom\n\nTHE PRESIDENT OF THE UNITED STATES\n\n"
        "To the Congress of the United States:\n\nI have sent to the Federal Register the "
        "enclosed notice continuing the national emergency with respect to Venezuela declared "
        "in Executive Order 13692 of March 8, 2015.\n\nDonald J. Trump.\n\n"
        "The White House, February 27, 2025."
    )
    kinds = found(text, published=date(2025, 3, 3))
    assert ("2025-02-27", "statement", ("Venezuela",)) in kinds
    # The order it cites is an act of its own, of its own date.
    assert ("2015-03-08", "directive", ("Venezuela",)) in kinds


# --- 5. quotes and reported speech ------------------------------------------------------


def test_today_in_a_quote_is_the_day_it_was_said():
    text = (
        "President Trump signed an order on the border on Monday. \u201cThe order I sign today "
        "ends that,\u201d he said on Monday."
    )
    dates = {
        e.date for e in events(text, published=date(2025, 9, 5)) if e.event_type == "directive"
    }
    assert dates == {"2025-09-01"}


def test_yesterday_in_a_quote_counts_from_the_announcement_in_spanish():
    text = (
        "El secretario Hegseth anunció este martes nuevos ataques. \u201cAyer, el Departamento de "
        "Guerra llevó a cabo tres ataques contra lanchas en el Pacífico\u201d, indicó Hegseth."
    )
    assert {(e.date, e.event_type) for e in events(text, published=date(2025, 10, 29))} == {
        ("2025-10-27", "military_action")
    }


# --- 6. amount forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, value",
    [
        ("a $20-million reward", "en", 20e6),
        ("una recompensa de US$50 millones", "es", 50e6),
        ("a reward of 50 million dollars", "en", 50e6),
        ("a $50m bounty", "en", 50e6),
        ("una recompensa de cincuenta millones de dólares", "es", 50e6),
        ("a reward of twenty-five million dollars", "en", 25e6),
    ],
)
def test_amount_forms(text, language, value):
    assert [a.value for a in find_amounts(text, language)] == [value]


def test_a_reward_in_hyphenated_millions_keeps_its_full_amount():
    event = one("On Tuesday the State Department offered a $20-million reward for Nicolás Maduro.")
    assert (event.amount, event.currency) == (20_000_000, "USD")


# --- 7. precision traps -----------------------------------------------------------------


# The lede of a real report (NTN24, 2025-08-13): the reward was announced days before the
# minister's Tuesday; "a cambio de información o captura" is what the reward asks for.
_REWARD_DENOUNCED = (
    "El canciller del régimen venezolano, Yván Gil, convocó este martes a embajadores y "
    'diplomáticos para denunciar lo que tilda como "show risible" y "actos terroristas" tras el '
    "anuncio de la millonaria recompensa ofrecida por el gobierno de Estados Unidos, a cambio de "
    "información o captura de Nicolás Maduro.\n\nPara Gil, la recompensa de 50 millones de "
    "dólares esconde una supuesta amenaza militar por parte del gobierno de Donald Trump."
)


@pytest.mark.parametrize(
    "text",
    [
        _REWARD_DENOUNCED,
        "The Venezuelan government protested on Tuesday after the State Department offered a "
        "reward of $50 million for Maduro.",
    ],
)
def test_an_act_after_after_is_not_dated_by_the_clause_it_follows(text):
    assert not any(e.date == "2025-09-02" or e.event_type == "bounty" for e in events(text)), text


@pytest.mark.parametrize(
    "text",
    [
        # Dev shape (Martí Noticias, 2025-11-17): "El Gobierno de Estados Unidos declarará el
        # próximo 24 de noviembre como Organización Terrorista Extranjera al Cartel de los Soles".
        "El Gobierno de Estados Unidos declarará el próximo 24 de septiembre como Organización "
        "Terrorista Extranjera al Cartel de los Soles.",
        # White House corpus shape: "the national emergency declared in Executive Order 13303
        # ... must continue in effect beyond May 22, 2023" in a notice of May 16.
        "For this reason, the national emergency declared in Executive Order 13303 must continue "
        "in effect beyond September 22, 2025.",
    ],
)
def test_nothing_is_dated_after_the_day_the_document_was_written(text):
    assert all(e.date <= "2025-09-05" for e in events(text)), text


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: '"[He] is currently charged in the United States for his role in
        # directing a cartel-related murder-for-hire ... in 2013"'; "está acusado en varios
        # autos de procesamiento en Estados Unidos".
        "He is currently charged in the United States for his role in a murder in Texas in 2013.",
        "Zambada está acusado desde 2009 en varios autos de procesamiento en Estados Unidos.",
    ],
)
def test_a_standing_charge_is_not_a_step_in_the_case(text):
    assert "legal" not in {e.event_type for e in events(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "Former Honduras President Juan Orlando Hernandez was found guilty on
        # Friday of drug trafficking conspiracy"; Spanish "declarado culpable".
        "Former Honduras President Juan Orlando Hernandez was found guilty on Tuesday of drug "
        "trafficking conspiracy by a U.S. jury.",
        "El expresidente Juan Orlando Hernández fue declarado culpable el martes por un jurado.",
    ],
)
def test_a_verdict_of_guilty_is_a_court_step(text):
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}, text


def test_sanctioned_before_the_things_sanctions_are_on_describes_them():
    # Dev shape (Department of War, 2026-01-09): "conducted a predawn action in support of
    # Trump's proclamation targeting sanctioned vessels ... by seizing two suspicious oil
    # tankers".
    text = (
        "Also this week, the War Department conducted a predawn action in support of the "
        "proclamation targeting sanctioned vessels by seizing two suspicious oil tankers."
    )
    assert {e.event_type for e in events(text)} == {"military_action"}


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "Testifying in his own defense on March 5, Hernandez denied ... taking
        # bribes from the traffickers, including convicted Mexican kingpin Joaquin Guzman";
        # "several convicted traffickers testified".
        "Testifying on Tuesday, Hernandez denied taking bribes from traffickers, including "
        "convicted Mexican kingpin Joaquin Guzman.",
        "On Tuesday several convicted traffickers testified that they had bribed Hernandez.",
    ],
)
def test_convicted_before_a_noun_describes_it(text):
    assert "legal" not in {e.event_type for e in events(text)}, text


def test_an_extradition_in_the_present_is_still_news():
    assert ("2025-09-02", "legal") in {
        (e.date, e.event_type)
        for e in events("On Tuesday, Carvajal is extradited from Spain to the United States.")
    }


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes (State Department reward releases and their reports): "desde la
        # creación del PNR en 1986, y el Departamento de Estado ha pagado más de 135 millones
        # de dólares en recompensas"; "the Narcotics Rewards Program (NRP) since the NRP's
        # inception in 1986"; "como parte de su Programa de Recompensas por Narcotráfico".
        "Desde la creación del Programa de Recompensas en 1986, el Departamento de Estado ha "
        "pagado más de 135 millones de dólares en recompensas.",
        "More than 75 traffickers have been brought to justice under the Narcotics Rewards "
        "Program since its inception in 1986, and the Department has paid more than $135 "
        "million in rewards.",
    ],
)
def test_a_rewards_programme_and_what_it_paid_are_not_a_reward_offered(text):
    assert "bounty" not in {e.event_type for e in events(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes: "Esta reciente acción se suma a una serie de ataques iniciados a
        # principios de septiembre"; "The United States forces have carried out strikes on at
        # least 10 alleged drug-smuggling vessels ... since early September"; "its campaign of
        # airstrikes against vessels in the Caribbean Sea".
        "Esta reciente acción se suma a una serie de ataques iniciados a principios de "
        "septiembre en el Pacífico Oriental.",
        "US forces have carried out strikes on at least 10 alleged drug-smuggling vessels in "
        "early September.",
        "In August the administration began its campaign of airstrikes against vessels in the "
        "Caribbean Sea.",
    ],
)
def test_a_series_or_campaign_of_strikes_is_a_summary_not_one_strike(text):
    assert "military_action" not in {e.event_type for e in events(text)}, text


def test_the_toll_of_a_summary_is_not_an_act():
    # Dev shape: "... have carried out strikes on at least 10 alleged drug-smuggling vessels
    # -- nine boats and a semi-submersible -- since early September, killing at least 43".
    text = (
        "The United States forces have carried out strikes on at least 10 alleged "
        "drug-smuggling vessels -- nine boats and a semi-submersible -- since early September, "
        "killing at least 43 people, according to a tally compiled by the news agency AFP."
    )
    assert events(text) == []


def test_a_date_before_an_acts_noun_dates_that_act_not_the_one_told_before():
    # Dev shape (AFP via Jamaica Observer, 2026-02-06): "It was the second reported US
    # strike on an alleged drug boat in the region since the January 3 capture of
    # Venezuelan leader Nicolas Maduro".
    text = (
        "It was the second reported US strike on an alleged drug boat in the region since the "
        "January 3 capture of Venezuelan leader Nicolas Maduro, who had said the US campaign of "
        "strikes was aimed at regime change."
    )
    doc = Document(text, title="", published=date(2026, 2, 6))
    ((capture, frame),) = Extractor().explain(doc).events
    assert capture.date == "2026-01-03" and capture.event_type == "military_action"
    assert "Nicolas Maduro" in capture.targets
    assert frame is not None and frame.lead.trigger.text == "capture of"
    es = (
        "Fue el segundo ataque estadounidense contra una lancha desde la captura del 3 de enero "
        "de Nicolás Maduro por fuerzas estadounidenses."
    )
    assert ("2026-01-03", "military_action") in {
        (e.date, e.event_type) for e in events(es, published=date(2026, 2, 6))
    }


@pytest.mark.parametrize(
    "text, kind",
    [
        # Dev shapes: "the command said that on Feb. 20, at the direction of SOUTHCOM
        # commander ..., Joint Task Force Southern Spear conducted a 'lethal kinetic strike'";
        # "cabe destacar que la madrugada de este martes, el gobierno colombiano extraditó".
        ("In a statement posted Friday, the command said that on Tuesday, at the direction of "
         "its commander, the task force conducted a lethal kinetic strike on a vessel.",
         "military_action"),
        ("Cabe destacar que la madrugada de este martes, el gobierno colombiano extraditó a "
         "alias Pipe Tuluá a Estados Unidos.", "legal"),
    ],
)  # fmt: skip
def test_a_date_that_opens_what_was_said_dates_the_act_said(text, kind):
    assert ("2025-09-02", kind) in {(e.date, e.event_type) for e in events(text)}, text


def test_the_act_a_count_starts_from_is_its_own_event_with_its_own_date():
    # Dev shape (Noroeste, 2026-01-23): "Estados Unidos ejecutó este viernes un ataque contra
    # una embarcación ... El ataque ... constituyó la primera acción de este tipo desde la
    # captura del Presidente de Venezuela, Nicolás Maduro, el pasado 3 de enero."
    text = (
        "Estados Unidos ejecutó este viernes un ataque contra una embarcación en el Pacífico "
        "Oriental. El ataque, ordenado por el secretario de Guerra, constituyó la primera acción "
        "de este tipo desde la captura del Presidente de Venezuela, Nicolás Maduro, el pasado 3 "
        "de enero."
    )
    got = {(e.date, e.event_type) for e in events(text, published=date(2026, 1, 23))}
    assert got == {("2026-01-23", "military_action"), ("2026-01-03", "military_action")}


@pytest.mark.parametrize(
    "text",
    [
        # Dev shapes (Taipei Times, 2025-07-22): "A letter filed by the US Department of
        # Justice on Sunday said that Macias was due to appear in a federal court yesterday
        # 'for an arraignment'"; "agreed in a Quito court last week to be extradited to the
        # US"; (BNO News) "a change-of-plea hearing scheduled for July 9".
        "A letter said that Macias was due to appear in a federal court on Tuesday for an "
        "arraignment on the superseding indictment.",
        "Macias agreed in a Quito court on Tuesday to be extradited to the US to face charges.",
        "Fito aceptó el martes ante un tribunal de Quito para ser extraditado a Estados Unidos.",
        "Maduro is scheduled to appear in a Manhattan federal court on Tuesday for his "
        "arraignment.",
    ],
)
def test_a_court_step_set_for_later_or_still_to_come_is_not_taken(text):
    assert "legal" not in {e.event_type for e in events(text)}, text


def test_an_act_dated_inside_its_after_phrase_keeps_its_date():
    text = "Tras el ataque contra una lancha, ocurrido el martes, el Pentágono dijo que no hubo sobrevivientes."
    assert ("2025-09-02", "military_action") in {(e.date, e.event_type) for e in events(text)}
    text = "On Tuesday, after months of talks, the State Department designated Tren de Aragua."
    assert ("2025-09-02", "designation") in {(e.date, e.event_type) for e in events(text)}


def test_the_capture_a_reward_asks_for_is_not_a_capture():
    text = _REWARD_DENOUNCED.replace(
        " tras el anuncio de la millonaria recompensa ofrecida por el gobierno de Estados Unidos,",
        ", que Estados Unidos ofreció",
    )
    assert "military_action" not in {e.event_type for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The raids have grown more frequent, five this month and 30 dead since spring.",
        "The U.S. military has carried out seven such strikes in the Caribbean since September.",
        "Hegseth said the boat belonged to Tren de Aragua, a foreign terrorist organization.",
        "Tren de Aragua, a designated terrorist organization, operates in several countries.",
        "Washington warned that it could strike cartel targets on land in the coming weeks.",
        "Los ataques se han vuelto más frecuentes desde septiembre, con más de 20 muertos.",
        "La banda, una organización terrorista extranjera designada, opera en la región.",
    ],
)
def test_summaries_passing_mentions_and_hedges_are_not_events(text):
    assert events(text) == [], text


def test_a_month_in_one_clause_does_not_date_the_act_of_another():
    text = (
        "The build-up that began in June continued, and the Navy struck a Tren de Aragua boat "
        "on Tuesday."
    )
    dates = {(e.date, e.event_type) for e in events(text)}
    assert dates == {("2025-09-02", "military_action")}


def test_the_same_act_told_twice_in_a_document_is_one_event():
    text = (
        "The State Department designated Barrio 18 as a Foreign Terrorist Organization on "
        "Tuesday. The designation of Barrio 18 takes effect on Thursday, September 4."
    )
    assert [(e.date, e.event_type) for e in events(text)] == [("2025-09-02", "designation")]


# --- 8. which act a date belongs to -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Maduro pleaded not guilty to the charges on Monday, two days after U.S. forces "
            "captured him in Caracas.",
            date(2026, 1, 5),
            ("2026-01-03", "military_action"),
        ),
        (
            "Alias Otoniel comparece este jueves ante una jueza en Nueva York, un día después de "
            "haber sido extraditado a Estados Unidos.",
            date(2022, 5, 5),
            ("2022-05-04", "legal"),
        ),
        (
            # "... Monday, two days after the Trump administration seized him and his wife in a
            # military operation": the act named nine words after the offset.
            "Maduro will make his first appearance in a federal courtroom Monday, two days after "
            "the Trump administration seized him and his wife in a military operation.",
            date(2026, 1, 4),
            ("2026-01-03", "military_action"),
        ),
    ],
)
def test_an_act_told_as_the_anchor_of_an_offset_is_that_many_days_earlier(
    text, published, expected
):
    assert expected in {(e.date, e.event_type) for e in events(text, published=published)}


@pytest.mark.parametrize(
    "text",
    [
        "Trump announced Wednesday that Navy ships are being moved toward Venezuela after a U.S. "
        "drug indictment against Nicolás Maduro.",
        "El gobierno anunció el miércoles nuevas medidas tras la acusación formal contra "
        "Nicolás Maduro por narcotráfico.",
    ],
)
def test_an_act_that_the_main_clause_follows_does_not_take_its_day(text):
    assert not [e for e in events(text, published=date(2020, 4, 2)) if e.event_type == "legal"]


@pytest.mark.parametrize(
    "text",
    [
        "His guilty plea marks the end of a career that began when he first planted marijuana "
        "in Sinaloa in 1969.",
        "La condena cierra una carrera que comenzó cuando sembró marihuana en Sinaloa en 1969.",
    ],
)
def test_a_date_in_a_relative_clause_about_something_else_is_not_the_acts(text):
    assert not [e for e in events(text, published=date(2025, 8, 25)) if e.date == "1969"]


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "Tras el ataque, ocurrido el lunes, el Pentágono dijo que autoridades mexicanas "
            "asumieron el rescate del sobreviviente de la lancha.",
            date(2025, 10, 29),
            "2025-10-27",
        ),
        (
            "The strike on the boat, which took place on Monday, was confirmed by the Pentagon "
            "on Wednesday, officials said.",
            date(2025, 10, 29),
            "2025-10-27",
        ),
    ],
)
def test_a_date_after_took_place_is_the_acts_own_even_near_a_verb_of_saying(text, published, day):
    assert (day, "military_action") in {
        (e.date, e.event_type) for e in events(text, published=published)
    }


@pytest.mark.parametrize(
    "text",
    [
        "Since 2017, Oseguera has been named in several U.S. indictments for drug trafficking.",
        "Desde 2017, Oseguera acumula acusaciones formales en Estados Unidos por narcotráfico.",
    ],
)
def test_the_start_of_a_period_of_acts_does_not_date_them(text):
    assert not events(text, published=date(2024, 12, 4))


@pytest.mark.parametrize(
    "text",
    [
        "La designación fue anunciada en medio del despliegue militar iniciado en agosto en el "
        "Caribe.",
        "The sanctions were announced amid the military deployment launched in August in the "
        "Caribbean.",
    ],
)
def test_a_date_right_after_another_acts_word_is_that_acts(text):
    kinds = {(e.date, e.event_type) for e in events(text, published=date(2025, 11, 24))}
    assert ("2025-08", "deployment") in kinds
    assert not {k for k in kinds if k[1] != "deployment"}


def test_a_date_that_opens_what_was_said_belongs_to_what_was_said():
    text = (
        "El comunicado recordó que en julio las autoridades de Ecuador y Estados Unidos "
        "cooperaron en la extradición de alias Fito, líder de Los Choneros."
    )
    assert ("2025-07", "legal") in {
        (e.date, e.event_type) for e in events(text, published=date(2025, 9, 4))
    }


# --- 9. the act dated by the words around it ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "El Gobierno de Colombia llamó a consultas al embajador en Estados Unidos. La "
            "ministra de Exteriores ha informado este lunes de la nueva medida.",
            date(2025, 10, 20),
            ("2025-10-20", "diplomatic"),
        ),
        (
            "El presidente Daniel Noboa declara como grupo terrorista al Cartel de los Soles. La "
            "decisión, anunciada la tarde del jueves 14 de agosto, sigue la línea de Washington.",
            date(2025, 8, 15),
            ("2025-08-14", "designation"),
        ),
    ],
)
def test_the_decision_announced_on_a_day_dates_the_act_told_before(text, published, expected):
    assert expected in {(e.date, e.event_type) for e in events(text, published=published)}


@pytest.mark.parametrize(
    "text",
    [
        "Versión Final– Caracas, 10 de enero de 2025-. Estados Unidos anunció un paquete de "
        "sanciones contra funcionarios del gobierno de Nicolás Maduro.",
        "lunes 20 de enero de 2020\n\nEl Gobierno de Honduras informó la designación como "
        "organización terrorista del grupo libanés Hezbolá.",
    ],
)
def test_a_report_under_its_own_date_line_tells_its_lede_as_of_that_day(text):
    (event,) = events(text, published=date(2025, 1, 12))
    assert event.date in ("2025-01-10", "2020-01-20")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The U.S. blacklisted Venezuela's central bank on Wednesday.", "sanction"),
        ("Estados Unidos llamó a consultas urgentes el jueves a su encargado de negocios en "
         "Bogotá.", "diplomatic"),
        ("The Secretary of State recalled our Chargé d'Affaires from Bogotá on Thursday.",
         "diplomatic"),
        ("La Asamblea Nacional aprobó el martes declarar persona non grata a la primera ministra "
         "de Trinidad y Tobago.", "diplomatic"),
        ("El juez dictó sentencia la tarde de este jueves a Genaro García Luna.", "legal"),
        ("TT is under a state of emergency called in July by the government.", "directive"),
        ("La policía capturó el miércoles a alias Fito, cabecilla de Los Choneros.", "legal"),
        ("The Supreme Court on Monday ruled in favor of the administration.", "legal"),
        ("U.S. forces struck a boat in the Caribbean. The attack on Tuesday killed three people "
         "on board the vessel, the Pentagon said.", "military_action"),
        ("La tensión creció tras la llegada el domingo a la capital trinitense del USS Gravely, "
         "un destructor con misiles.", "deployment"),
    ],
)  # fmt: skip
def test_more_words_for_known_kinds_of_act(text, kind):
    assert kind in {e.event_type for e in events(text, published=date(2025, 10, 3))}


@pytest.mark.parametrize(
    "text",
    [
        "Colombia's president asked on Jan. 11 to suspend the arrest orders against eight "
        "members of the Gulf Clan.",
        "El fiscal pidió el 11 de enero levantar las órdenes de captura contra miembros del "
        "Clan del Golfo.",
        "After months of threats, Trump accused Petro on Sunday of being a drug leader.",
        "Trump acusó el domingo a Gustavo Petro de ser un líder del narcotráfico.",
        "Por eso, no se subió ningún decreto ejecutivo el lunes, aclaró la vocera.",
    ],
)
def test_warrants_accusations_and_denied_acts_are_not_events(text):
    assert not events(text, published=date(2025, 10, 20))


# --- 10. targets and acts kept apart ---------------------------------------------------


def test_counted_groups_are_the_organizations_named_after_not_other_names():
    text = (
        "The United States is designating two Ecuadorian gangs as foreign terrorist "
        "organizations, Secretary of State Marco Rubio announced Thursday. The Defense "
        "Department warned President Nicolás Maduro's government against further actions.\n\n"
        "Los Lobos and Los Choneros are Ecuadorian gangs blamed for much of the violence."
    )
    (event,) = [e for e in events(text, published=date(2025, 9, 4))
                if e.event_type == "designation"]  # fmt: skip
    assert {"Los Lobos", "Los Choneros"} <= set(event.targets)
    assert "Nicolas Maduro" not in event.targets


def test_charges_and_an_arrest_on_different_days_are_two_court_steps():
    text = (
        "Federal prosecutors on Thursday announced charges against 13 leaders of MS-13. Four of "
        "them were expelled from Mexico and arrested by the FBI in Houston on Wednesday."
    )
    assert {("2023-02-23", "legal"), ("2023-02-22", "legal")} <= {
        (e.date, e.event_type) for e in events(text, published=date(2023, 2, 23))
    }


def test_he_points_back_to_the_person_the_story_is_about():
    text = (
        "The State Department raised its reward for Nemesio Oseguera Cervantes to $15 million "
        "on Wednesday. In April 2022, he was charged with running a criminal enterprise."
    )
    charged = [e for e in events(text, published=date(2024, 12, 4)) if e.event_type == "legal"]
    assert [(e.date, e.targets) for e in charged] == [("2022-04", ("Nemesio Oseguera Cervantes",))]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. government is formally designating eight Latin American crime organizations "
        "as foreign terrorist organizations. The designation was published in the February 20 "
        "edition of the Federal Register.",
        "Estados Unidos designó a Tren de Aragua como organización terrorista. La designación "
        "fue publicada el 20 de febrero en el Registro Federal.",
    ],
)
def test_the_designation_after_a_terrorist_listing_is_that_listing(text):
    assert ("2025-02-20", "designation") in {
        (e.date, e.event_type) for e in events(text, published=date(2025, 3, 7))
    }


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "La vocera destacó que la extradición de alias Fito se concretó en menos de un mes "
            "desde su recaptura el pasado 25 de junio.",
            date(2025, 7, 21),
            ("2025-06-25", "legal"),
        ),
        (
            "Maduro was arraigned in Manhattan on Monday, after his arrest on Saturday, January 3.",
            date(2026, 1, 6),
            ("2026-01-03", "legal"),
        ),
    ],
)
def test_a_second_court_step_with_its_own_date_is_its_own_act(text, published, expected):
    assert expected in {(e.date, e.event_type) for e in events(text, published=published)}


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "México anunció este jueves la extradición de 29 de sus más notorios "
            "narcotraficantes a Estados Unidos.",
            date(2025, 2, 28),
            "2025-02-27",
        ),
        (
            "Colombia announced on Wednesday the extradition of alias Otoniel to the United "
            "States.",
            date(2022, 5, 5),
            "2022-05-04",
        ),
    ],
)
def test_a_court_step_announced_as_the_verbs_object_is_done_that_day(text, published, day):
    assert (day, "legal") in {(e.date, e.event_type) for e in events(text, published=published)}


def test_what_a_spokeswoman_highlighted_on_a_day_is_not_dated_by_it():
    text = (
        "La vocera del Gobierno destacó este lunes, 21 de julio, que la extradición de alias "
        "Fito se concretó en menos de un mes."
    )
    assert not events(text, published=date(2025, 7, 21))


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "El presidente Daniel Noboa emitió, este 9 de enero de 2024, un decreto ejecutivo. "
            "Este nuevo decreto dispone identificar a los siguientes grupos como «organizaciones "
            "terroristas»: Choneros, Lobos y Tiguerones.",
            date(2024, 1, 10),
        ),
        (
            "President Daniel Noboa signed an executive decree on January 9, 2024, that "
            "identified the following groups as terrorist organizations: Choneros, Lobos and "
            "Tiguerones.",
            date(2024, 1, 10),
        ),
    ],
)
def test_a_decree_that_lists_groups_as_terrorist_is_a_designation_that_day(text, published):
    designations = [e for e in events(text, published=published) if e.event_type == "designation"]
    assert [(e.date, {"Los Choneros", "Los Lobos"} <= set(e.targets)) for e in designations] == [
        ("2024-01-09", True)
    ]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "OTTAWA, Feb. 20, 2025 - Today, the Minister announced that the Government has listed "
            "three organizations as terrorist entities.\n\nThe three entities listed today are:\n\n"
            "- Tren de Aragua\n- La Mara Salvatrucha\n- Cártel de Sinaloa\n\nThese entities "
            "carry out terrorist activity.",
            date(2025, 2, 20),
        ),
        (
            "QUITO, 20 de febrero de 2025.- Hoy el Gobierno declaró organizaciones terroristas a "
            "tres grupos.\n\nLos grupos son:\n\n- Tren de Aragua\n- La Mara Salvatrucha\n"
            "- Cártel de Sinaloa\n\nSus bienes serán congelados.",
            date(2025, 2, 20),
        ),
    ],
)
def test_every_item_of_a_bulleted_list_of_names_is_a_target(text, published):
    (event,) = events(text, published=published)
    assert (event.date, event.event_type, set(event.targets)) == (
        "2025-02-20", "designation", {"Tren de Aragua", "MS-13", "Sinaloa Cartel"}
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Last week, President Trump announced his intentions to designate Mexican cartels as "
        "foreign terrorist organizations.",
        "Earlier this year, two senators sent a letter to the President urging him to designate "
        "Tren de Aragua as a terrorist organization.",
        "La semana pasada, el presidente anunció su intención de designar a los cárteles como "
        "organizaciones terroristas.",
    ],
)
def test_an_intention_or_a_plea_to_act_is_not_the_act(text):
    assert not events(text)


@pytest.mark.parametrize(
    "text",
    [
        "On February 6, 2025, the Secretary of State identified eight cartels as FTOs—the end "
        "of a process set in motion by Executive Order 14157 of January 20, 2025.",
        "The Secretary designated eight cartels as FTOs on February 6, 2025, carrying out a "
        "January 20, 2025, executive order.",
    ],
)
def test_the_date_of_a_cited_order_belongs_to_the_order_alone(text):
    by_type = {e.event_type: e.date for e in events(text)}
    assert by_type == {"designation": "2025-02-06", "directive": "2025-01-20"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "A court halted removals based on President Trump's March 14 proclamation, "
            "“Invocation of the Alien Enemies Act Regarding the Invasion of the United States "
            "by Tren de Aragua.”",
            date(2025, 9, 4),
            ("2025-03-14", ("Tren de Aragua",)),
        ),
        (
            "The process began with Executive Order 14157 of January 20, 2025, on “Designating "
            "Cartels and Other Organizations as Foreign Terrorist Organizations.”",
            date(2025, 2, 25),
            ("2025-01-20", ("Drug cartels",)),
        ),
    ],
)
def test_a_cited_act_is_dated_before_its_name_and_its_quoted_title_names_its_targets(
    text, published, expected
):
    (event,) = events(text, published=published)
    assert (event.event_type, (event.date, event.targets)) == ("directive", expected)


@pytest.mark.parametrize(
    "text",
    [
        "On January 22, 2025, President Trump issued E.O. 14175, “Designation of Ansar Allah as "
        "a Foreign Terrorist Organization.”",
        "On January 22, 2025, President Trump signed an Executive Order “Blocking Property of "
        "the Government of Venezuela.”",
    ],
)
def test_the_words_of_an_acts_quoted_title_are_its_name_not_acts(text):
    assert [(e.date, e.event_type) for e in events(text)] == [("2025-01-22", "directive")]


def test_orders_taken_pursuant_to_a_national_emergency_concern_its_country():
    text = (
        "On March 8, 2015, the President issued Executive Order 13692, declaring a national "
        "emergency with respect to the situation in Venezuela.\n\nThe President took additional "
        "steps pursuant to this national emergency in Executive Order 13808 of August 24, 2017; "
        "and Executive Order 13850 of November 1, 2018."
    )
    found_orders = {e.date: e.targets for e in events(text, published=date(2022, 3, 3))}
    assert found_orders == {
        "2015-03-08": ("Venezuela",), "2017-08-24": ("Venezuela",), "2018-11-01": ("Venezuela",)
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "Three B-52 bombers took off from Louisiana on Wednesday and flew for hours near the "
            "coast of Venezuela.",
            date(2025, 10, 16),
            "2025-10-15",
        ),
        (
            "This Sunday, five F-35B fighter jets landed in Puerto Rico.",
            date(2025, 9, 15),
            "2025-09-14",
        ),
        (
            "Dos bombarderos B-52 sobrevolaron el miércoles la costa de Venezuela.",
            date(2025, 10, 16),
            "2025-10-15",
        ),
    ],
)
def test_combat_aircraft_flown_or_landed_somewhere_are_a_deployment(text, published, day):
    assert [(e.date, e.event_type) for e in events(text, published=published)] == [
        (day, "deployment")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Before today, the Treasury Department had imposed sanctions on at least 22 officials "
        "of Venezuela.",
        "Hasta el jueves, el Tesoro había sancionado a 22 funcionarios de Venezuela.",
    ],
)
def test_a_date_that_bounds_a_period_does_not_date_the_act(text):
    assert not events(text, published=date(2020, 3, 26))


@pytest.mark.parametrize(
    "text",
    [
        "Today, the Department of Homeland Security announced the arrest of 68 Tren de Aragua "
        "members in less than a week.",
        "Hoy, Estados Unidos informó que ha sancionado a 40 miembros del Tren de Aragua en los "
        "últimos meses.",
    ],
)
def test_acts_counted_over_a_period_are_a_summary(text):
    assert not events(text)


@pytest.mark.parametrize(
    "text",
    [
        "Noticias – Caracas, 10 de enero de 2025-. Mientras Maduro juraba en la Asamblea, Estados "
        "Unidos anunció un paquete de sanciones contra funcionarios venezolanos, subiendo la "
        "recompensa por Diosdado Cabello a 25 millones de dólares.",
        "Wire – Caracas, January 10, 2025-. As Maduro was sworn in, the United States imposed "
        "sanctions on eight Venezuelan officials, raising the reward for Diosdado Cabello "
        "to $25 million.",
    ],
)
def test_a_second_act_governed_by_its_own_verb_is_dated_like_the_first(text):
    by_type = {e.event_type: e for e in events(text, published=date(2025, 1, 10))}
    assert by_type["bounty"].date == by_type["sanction"].date == "2025-01-10"
    assert "Diosdado Cabello" in by_type["bounty"].targets


def test_statements_are_not_a_designating_verb_for_a_quoted_label():
    text = (
        "Este domingo, los militares rechazaron las declaraciones del pasado jueves de la fiscal, "
        "quien acusó a Maduro de utilizar «organizaciones terroristas extranjeras como el Cartel "
        "de los Soles»."
    )
    assert not [e for e in events(text, published=date(2025, 8, 10))
                if e.event_type == "designation"]  # fmt: skip


def test_a_list_of_cited_orders_separated_by_commas_is_one_order_each():
    text = (
        "The President took additional steps pursuant to this national emergency in Executive "
        "Order 13469 of February 13, 2008, Executive Order 13572 of April 29, 2011, and "
        "Executive Order 13606 of April 22, 2012."
    )
    dates = sorted(e.date for e in events(text, published=date(2022, 3, 3)))
    assert dates == ["2008-02-13", "2011-04-29", "2012-04-22"]
    # "February 13, 2008, Executive Order 13572" is not a date told before the second order.
    assert len(cited_spans(text)) == 3


@pytest.mark.parametrize(
    "text",
    [
        # "Perú rompió este lunes relaciones diplomáticas con México": the day between the
        # verb and its object, as in "declaró este jueves al grupo como organización terrorista".
        "Perú rompió este martes relaciones diplomáticas con México.",
        "Perú rompió el martes relaciones diplomáticas con México.",
        "Perú rompió relaciones diplomáticas con México este martes.",
    ],
)
def test_a_day_told_between_the_verb_and_relations_still_makes_a_diplomatic_break(text):
    assert found(text) == {("2025-09-02", "diplomatic", ("Mexico",))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Este mismo día, el Gobierno de Honduras también ha declarado a Hezbolá como un
        # grupo terrorista", after a sentence dated "este lunes".
        (
            "Colombia adoptó el martes la lista de Estados Unidos. Este mismo día, el Gobierno "
            "de Honduras también ha declarado a Hezbolá como un grupo terrorista.",
            ("2025-09-02", "designation", ("Hezbollah",)),
        ),
        (
            "Colombia adopted the US list on Tuesday. That same day, Honduras declared "
            "Hezbollah a terrorist group.",
            ("2025-09-02", "designation", ("Hezbollah",)),
        ),
    ],
)
def test_the_same_day_as_the_act_told_before_dates_the_next_act(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "President Trump issued an executive order late Monday placing a full economic
        # embargo ..., and his administration warned Russia and China that if they continue
        # to support him, they may never get back their billions"; a fact sheet's "signed an
        # Executive Order imposing tariffs ..., and establishing a process for the potential
        # imposition of similar tariffs".
        (
            "President Trump issued an executive order on Tuesday placing an embargo on the "
            "Venezuelan government, and his administration warned that if Russia continues to "
            "support it, it may lose its loans.",
            "directive",
        ),
        (
            "El presidente firmó el martes un decreto que impone un embargo a Venezuela, y su "
            "gobierno advirtió que si Rusia sigue apoyándolo podría perder sus préstamos.",
            "directive",
        ),
    ],
)
def test_a_hedge_in_a_clause_coordinated_after_the_act_does_not_hedge_the_act(text, kind):
    assert ("2025-09-02", kind) in {(e.date, e.event_type) for e in events(text)}


def test_a_hedge_before_the_coordination_still_hedges_the_act():
    assert (
        events(
            "The president could issue an executive order on Tuesday placing an embargo on the "
            "country, and his administration warned Russia."
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # "El Gobierno dispuso este martes la incorporación de la organización criminal
        # transnacional conocida como “Cártel de los Soles” al Registro Público de Personas y
        # Entidades vinculadas a Actos de Terrorismo"; "incluidos en el Registro ... de
        # Terrorismo"; "added seven trans-national criminal organizations to the list of
        # terrorist organizations".
        (
            "El Gobierno dispuso este martes la incorporación del “Cártel de los Soles” al "
            "Registro Público de Personas y Entidades vinculadas a Actos de Terrorismo.",
            "Cartel de los Soles",
        ),
        (
            "El Gobierno argentino anunció el martes que Los Lobos fueron incluidos en el "
            "registro nacional de organizaciones terroristas.",
            "Los Lobos",
        ),
        (
            "On Tuesday, the minister added the Tren de Aragua gang to the list of terrorist "
            "entities under the Criminal Code.",
            "Tren de Aragua",
        ),
    ],
)
def test_an_entry_in_a_terrorism_list_or_register_is_a_designation(text, target):
    assert ("2025-09-02", "designation", (target,)) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        # "El petrolero, sometido a sanciones desde hacía años, fue asaltado por fuerzas
        # estadounidenses el miércoles en el Caribe"; "embarcaciones acusadas de transportar
        # drogas fueron atacadas"; as "the tanker ... was seized" in English.
        "El petrolero, sometido a sanciones desde hacía años, fue asaltado por fuerzas "
        "estadounidenses el martes en el Caribe.",
        "El martes, cuatro embarcaciones acusadas de transportar drogas fueron atacadas en el "
        "Pacífico.",
        "On Tuesday, the tanker, under sanctions for years, was seized by US forces in the "
        "Caribbean.",
    ],
)
def test_a_vessel_told_as_attacked_or_seized_in_the_passive_is_a_military_action(text):
    assert {(e.date, e.event_type) for e in events(text)} == {("2025-09-02", "military_action")}


@pytest.mark.parametrize(
    "text",
    [
        "El petrolero, sometido a sanciones desde hacía años, navegaba el martes hacia Cuba.",
        "On Tuesday he said companies that buy the oil will be subject to U.S. sanctions.",
        "On Tuesday the tanker, subject to sanctions since 2019, left the port.",
    ],
)
def test_what_something_is_subject_to_is_not_a_sanction_imposed(text):
    assert [e for e in events(text) if e.event_type == "sanction"] == []


@pytest.mark.parametrize(
    "text",
    [
        # "On January 5, Maduro and his wife appeared before the federal court for the
        # Southern District of New York"; "appeared before U.S. Magistrate Judge Christina
        # Bryan Thursday".
        "On Tuesday, Maduro appeared before the federal court for the Southern District of "
        "New York.",
        "El martes, el exgeneral compareció ante un juez federal en Nueva York.",
    ],
)
def test_an_appearance_before_a_court_is_a_court_step(text):
    assert {(e.date, e.event_type) for e in events(text)} == {("2025-09-02", "legal")}


@pytest.mark.parametrize(
    "text",
    [
        # "landed in Houston Wednesday and appeared before U.S. Magistrate Judge Christina
        # Bryan Thursday": Wednesday is the landing's.
        "He landed in Houston Monday and was sent to the United States Tuesday.",
        "Llegó a Bogotá el lunes y fue extraditado a Estados Unidos el martes.",
    ],
)
def test_a_date_before_and_another_verb_belongs_to_that_verb(text):
    assert {(e.date, e.event_type) for e in events(text)} == {("2025-09-02", "legal")}


@pytest.mark.parametrize(
    "text",
    [
        # "El portaaviones más grande del Pentágono, el USS Gerald R. Ford, junto con su grupo
        # de ataque ..., arribó este martes a Latinoamérica"; "el USS Gerald R. Ford
        # (CVN-78), cruzó esta semana el Estrecho de Gibraltar".
        "El portaaviones más grande del Pentágono, el USS Gerald R. Ford, junto con su grupo "
        "de ataque, arribó este martes a Latinoamérica.",
        "El portaaviones USS Gerald R. Ford (CVN-78) cruzó el martes el Estrecho de Gibraltar "
        "rumbo al Caribe.",
    ],
)
def test_a_carrier_told_arriving_or_crossing_in_spanish_is_a_deployment(text):
    assert {(e.date, e.event_type) for e in events(text)} == {("2025-09-02", "deployment")}


def test_an_arrival_that_had_been_announced_on_a_day_is_not_dated_by_the_announcement():
    # "La llegada de este buque ... había sido anunciada el jueves por el gobierno".
    text = (
        "La llegada de este buque, así como de una unidad de marines, había sido anunciada el "
        "martes por el gobierno de Trinidad y Tobago."
    )
    assert [e for e in events(text) if e.event_type == "deployment"] == []


@pytest.mark.parametrize(
    "text",
    [
        # "Bajo las órdenes que firmo hoy, también designaremos a los cárteles como
        # organizaciones terroristas extranjeras"; "declararé una emergencia nacional".
        "Bajo las órdenes que firmo hoy, también designaremos a los cárteles como "
        "organizaciones terroristas extranjeras.",
        "El martes el presidente dijo: sancionaré a los líderes del Cartel de Sinaloa.",
        "El martes el ministro afirmó que declarará a Los Lobos como grupo terrorista.",
    ],
)
def test_a_spanish_future_in_any_person_is_not_the_act(text):
    assert events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # "Ismael Zambada García, o “El Mayo”, ..., y Joaquín Guzmán López ... fueron
        # arrestados hoy en El Paso, Texas": the plural participles of the trigger verbs.
        "Ismael Zambada y Joaquín Guzmán López fueron arrestados el martes en El Paso.",
        "Dos hermanas fueron arrestadas el martes en El Paso por narcotráfico.",
        "Los dos capos fueron extraditados el martes a Estados Unidos.",
    ],
)
def test_plural_spanish_participles_are_triggers_too(text):
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "La determinación que hoy anuncio de retirar la denuncia del Tratado de
        # Extradición"; "en cumplimiento del Tratado de Extradición firmado entre México y
        # Estados Unidos".
        "El martes la presidenta retiró la denuncia del Tratado de Extradición con Estados Unidos.",
        "On Tuesday the president withdrew from the extradition treaty with the United States.",
    ],
)
def test_an_extradition_treaty_is_a_name_not_an_extradition(text):
    assert [e for e in events(text) if e.event_type == "legal"] == []


@pytest.mark.parametrize(
    "text",
    [
        # "La entrega se realizó el viernes 19 de diciembre de 2025, en cumplimiento del
        # Tratado de Extradición"; "el traslado de alias Fito comenzó pasado el mediodía".
        "La FGR extraditó a dos hombres. La entrega se realizó el martes en el aeropuerto.",
        "El traslado de alias Fito a Nueva York se realizó el martes.",
    ],
)
def test_a_hand_over_told_with_its_noun_is_a_court_step(text):
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "President Daniel Noboa decreed this Tuesday the recognition of ... an internal
        # armed conflict ... 'I have signed the executive decree declaring Internal Armed
        # Conflict and identified the following ... groups as terrorist organizations ...:
        # ..., Choneros, ..., Lobos'"; "decretó este martes ... En el texto del decreto, el
        # Gobierno califica como 'terroristas ...' a 22 organizaciones. En la lista están ...".
        'President Daniel Noboa decreed this Tuesday an internal armed conflict. "I have '
        "signed the executive decree and identified the following groups as terrorist "
        'organizations: Choneros, Lobos and Tiguerones."',
        "El presidente Daniel Noboa decretó este martes la existencia de un conflicto armado "
        "interno. En el texto del decreto, el Gobierno califica como terroristas a 22 "
        "organizaciones. En la lista están Choneros, Lobos y Tiguerones.",
    ],
)
def test_a_decree_that_lists_groups_as_terrorist_is_directed_at_them(text):
    directives = [
        e for e in events(text, published=date(2024, 1, 10)) if e.event_type == "directive"
    ]
    assert [(e.date, {"Los Choneros", "Los Lobos"} <= set(e.targets)) for e in directives] == [
        ("2024-01-09", True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "A senior member of the Mexican Sinaloa drug cartel who was charged in 2012 has been
        # extradited to the United States and will appear in court in Texas on Wednesday ...,
        # the US Justice Department said on Tuesday."
        (
            "A senior member of the Sinaloa Cartel who was charged in 2012 has been extradited "
            "to the United States and will appear in court on Saturday, the Justice Department "
            "said on Tuesday.",
            {("2012", "legal"), ("2025-09-02", "legal")},
        ),
        (
            "Un líder del Cártel de Sinaloa que fue detenido en 2012 fue extraditado a Estados "
            "Unidos el martes.",
            {("2012", "legal"), ("2025-09-02", "legal")},
        ),
    ],
)
def test_the_main_verb_after_a_dated_relative_clause_is_its_own_act(text, expected):
    assert {(e.date, e.event_type) for e in events(text)} == expected


def test_a_strike_told_with_its_own_verb_is_its_own_act_not_the_one_before():
    # "The US military carried out another strike in the eastern Pacific late last month,
    # killing two alleged drug traffickers", after the strike of Thursday.
    text = (
        "The US military said on Thursday it killed two alleged drug traffickers in a strike "
        "on a boat in the eastern Pacific. The US military carried out another strike in the "
        "eastern Pacific late last month, killing two alleged drug traffickers."
    )
    assert {(e.date, e.event_type) for e in events(text, published=date(2026, 2, 6))} == {
        ("2026-02-05", "military_action"),
        ("2026-01", "military_action"),
    }


def test_a_list_of_cited_spanish_decrees_is_one_decree_each():
    # The Spanish form of "Executive Order 13469 of February 13, 2008, Executive Order ...":
    # "la Ley de Ministerios (t.o. por Decreto N° 438 de 1992), el Decreto Nº 1235 del 5 de
    # octubre de 2001, el Decreto 918 del 12 de junio de 2012 modificado por los Decretos N°
    # 489 del 16 de julio de 2019 y N° 496 del 5 de junio de 2024".
    text = (
        "VISTO la Ley de Ministerios N° 22.520 (t.o. por Decreto N° 438 de 1992), el Decreto "
        "Nº 1235 del 5 de octubre de 2001, el Decreto 918 del 12 de junio de 2012 modificado "
        "por los Decretos N° 489 del 16 de julio de 2019 y N° 496 del 5 de junio de 2024; y"
    )
    directives = [
        e for e in events(text, published=date(2025, 2, 13)) if e.event_type == "directive"
    ]
    assert sorted(e.date for e in directives) == [
        "1992", "2001-10-05", "2012-06-12", "2019-07-16", "2024-06-05"
    ]  # fmt: skip
    # A law cited by its number alone, and a list's "y N° ..." with no decree before it, are
    # no decrees.
    assert (
        events("La Ley N° 25.632 y N° 496 del 5 de junio de 2024.", published=date(2025, 2, 13))
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        # "El Consejo de Seguridad colombiano además ha decidido excluir de la lista de
        # organizaciones terroristas a las FARC"; as "removed from the FTO list".
        "El martes el Consejo de Seguridad decidió excluir de la lista de organizaciones "
        "terroristas a las FARC.",
        "On Tuesday the FARC was removed from the terrorist list.",
    ],
)
def test_a_group_taken_off_a_terrorist_list_is_a_delisting(text):
    assert ("2025-09-02", "delisting") in {(e.date, e.event_type) for e in events(text)}


def test_a_sentence_passed_on_a_named_person_is_a_court_step():
    # "Estados Unidos condenó al guatemalteco Waldemar Lorenzana-Lima a 23 años de cárcel ...,
    # informó este lunes el Departamento de Justicia": "al" before the person.
    text = (
        "Estados Unidos condenó al guatemalteco Waldemar Lorenzana-Lima a 23 años de cárcel, "
        "informó este martes el Departamento de Justicia."
    )
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "Por este hecho, además, se activó un fuerte operativo policial"; "murieron durante un
        # operativo de la policía estatal brasileña".
        "El martes se activó un fuerte operativo policial en Guayaquil.",
        "El martes murieron diez hombres durante un operativo de la policía estatal.",
    ],
)
def test_a_police_operation_is_police_work_not_a_military_action(text):
    assert {(e.date, e.event_type) for e in events(text)} == {("2025-09-02", "legal")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Apenas un día después de que EE.UU. anunciara la destrucción del quinto bote ..., dos
        # bombarderos B-52H ... volaron este miércoles cerca del territorio venezolano": the
        # day the offset counts from is told after the act, in the main clause.
        (
            "Apenas un día después de que EE.UU. anunciara la destrucción del quinto bote en el "
            "Caribe, dos bombarderos volaron este miércoles cerca de Venezuela.",
            ("2025-09-02", "military_action"),
        ),
        (
            "Just two days after the Navy carried out another strike on a boat, two bombers flew "
            "on Thursday near Venezuela.",
            ("2025-09-02", "military_action"),
        ),
        # "... llegó al Aeropuerto MacArthur ... del pasado domingo 20 de julio. La extradición
        # de Fito se concretó 25 días después de su recaptura en un búnker": the day is the
        # sentence's before.
        (
            "Fito fue extraditado y llegó a Nueva York el pasado miércoles 3 de septiembre. La "
            "extradición se concretó 25 días después de su recaptura en un búnker.",
            ("2025-08-09", "legal"),
        ),
    ],
)
def test_an_act_an_offset_counts_from_is_dated_by_the_day_of_the_clause_or_sentence_beside(
    text, expected
):
    assert expected in {(e.date, e.event_type) for e in events(text, published=date(2025, 9, 5))}


@pytest.mark.parametrize(
    "text",
    [
        # "six Mexico crime organizations including the Sinaloa cartel, Jalisco New
        # Generation, Gulf, Northeast, La Nueva Familia Michoacana and Carteles Unidos";
        # "la inclusión de los carteles de Sinaloa, Jalisco Nueva Generación, Noroeste, Golfo,
        # Nueva Familia Michoacana y Unidos en su listado de grupos terroristas".
        "On Tuesday the US designated the Sinaloa cartel, Jalisco New Generation, Gulf, "
        "Northeast, La Nueva Familia Michoacana and Carteles Unidos as terrorist organizations.",
        "El martes Estados Unidos formalizó la inclusión de los carteles de Sinaloa, Jalisco "
        "Nueva Generación, Noreste, Golfo, Nueva Familia Michoacana y Unidos en su listado de "
        "grupos terroristas.",
    ],
)
def test_a_list_that_names_the_cartel_head_noun_once_names_each_cartel(text):
    (event,) = [e for e in events(text) if e.event_type == "designation"]
    assert event.date == "2025-09-02"
    assert {
        "Sinaloa Cartel",
        "Cartel de Jalisco Nueva Generacion",
        "Cartel del Golfo",
        "Cartel del Noreste",
        "La Nueva Familia Michoacana",
        "Carteles Unidos",
    } <= set(event.targets)


def test_a_capitalized_word_after_cartels_is_a_cartel_only_if_the_gazetteer_knows_it():
    text = "On Tuesday the US sanctioned the cartels, Trump said, and Mexico protested."
    assert {t for e in events(text) for t in e.targets} <= {"Drug cartels", "Mexico"}


@pytest.mark.parametrize(
    "text",
    [
        # "Otro país que calificó al Tren de Aragua como un grupo terrorista fue el gobierno de
        # Canadá. ... David McGuinty ... informó el 20 de febrero sobre la medida en Ottawa".
        "La ministra habló con la prensa. Dijo que el país está más seguro.\n\nOtro país que "
        "calificó al Tren de Aragua como un grupo terrorista fue Canadá. En la declaración "
        "también incluyeron a la MS-13.\n\nEl ministro informó el martes sobre la medida en "
        "Ottawa.",
        "The minister spoke to reporters. She said the country was safer.\n\nCanada listed "
        "the Tren de Aragua gang as a terrorist entity.\n\nThe minister announced the move on "
        "Tuesday in Ottawa.",
    ],
)
def test_a_step_is_dated_by_a_later_announcement_that_names_it(text):
    assert ("2025-09-02", "designation") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Este lunes 21 de julio se desarrolla su primera audiencia ante la Corte Federal de
        # Brooklyn"; "Torres Maruffo will make his initial appearance in federal court in El
        # Paso, Texas, on Wednesday, the statement said" (still to come: no event).
        (
            "Este martes se desarrolla su primera audiencia ante la Corte Federal de Brooklyn.",
            {("2025-09-02", "legal")},
        ),
        # "Durante una audiencia llevada a cabo este viernes 11 de julio de 2025, Guzmán López
        # admitió ser responsable de cuatro cargos"
        (
            "Durante una audiencia llevada a cabo este martes, Guzmán López admitió los cargos.",
            {("2025-09-02", "legal")},
        ),
        (
            "He will make his initial appearance in federal court in El Paso on Saturday, the "
            "statement said.",
            set(),
        ),
    ],
)
def test_a_first_hearing_told_with_its_noun_is_a_court_step_when_it_has_happened(text, expected):
    assert {(e.date, e.event_type) for e in events(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "On November 14, Secretary of War Hughes announced the launch of a large-scale
        # military operation": the announcement, not a military action of its own.
        (
            "On Tuesday, the Secretary of War announced the launch of a large-scale military "
            "operation in the Caribbean.",
            {("2025-09-02", "statement")},
        ),
        # "The next day, America sent a strike team with its newest and largest aircraft
        # carrier"; "On October 24, USA sent supersonic bombers B-1 to the coast of Venezuela".
        (
            "On Monday, the US sent supersonic bombers B-1 to the coast of Venezuela. The next "
            "day, America sent a strike team with its newest and largest aircraft carrier.",
            {("2025-09-01", "deployment"), ("2025-09-02", "deployment")},
        ),
        # but "Hegseth launched Operation Southern Spear, a military campaign": launched
        (
            "On Tuesday, Defense Secretary Pete Hegseth launched Operation Southern Spear, a "
            "military campaign against drug cartels.",
            {("2025-09-02", "military_action")},
        ),
        # "the carrier strike group's redeployment": a unit, not a strike
        (
            "On Tuesday the admiral praised the carrier strike group.",
            set(),
        ),
        # "President Obama had removed the designation in 2015", as "revoked the designation"
        (
            "President Obama had removed the designation in 2015.",
            {("2015", "delisting")},
        ),
    ],
)
def test_announced_operations_strike_units_ships_sent_and_removed_designations(text, expected):
    assert {(e.date, e.event_type) for e in events(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "La Marina de EE. UU. interceptó e incautó un segundo buque petrolero"
        ("El martes la Marina incautó un segundo buque petrolero frente a Venezuela.",
         {("2025-09-02", "military_action")}),
        # "Estoy ordenando un bloqueo total y completo de todos los petroleros sancionados":
        # sanctioned tankers, not sanctions imposed
        ("El martes se vio que todos los petroleros sancionados siguen en puerto.", set()),
        # "Maduro señaló el 23 de enero que rompía relaciones con el gobierno norteamericano"
        ("Maduro señaló el 2 de septiembre que rompía relaciones con el gobierno de Colombia.",
         {("2025-09-02", "diplomatic")}),
    ],
)  # fmt: skip
def test_spanish_word_forms_of_seizures_sanctioned_things_and_breaks(text, expected):
    assert {(e.date, e.event_type) for e in events(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The Department of State has imposed visa restrictions on 50 immediate family members
        # of Nicaraguan legislators" (a release of that day)
        (
            "On Tuesday the Department of State imposed visa restrictions on 50 family members "
            "of Nicaraguan officials.",
            {("2025-09-02", "sanction")},
        ),
        # "The State Department is also taking steps to impose new visa restrictions": not yet
        (
            "On Tuesday the State Department said it is taking steps to impose new visa "
            "restrictions.",
            set(),
        ),
        # "In these last two months alone, the regime has arrested 32 political opponents"
        (
            "On Tuesday the report said that in these last two months alone the regime "
            "arrested 32 opponents.",
            set(),
        ),
    ],
)
def test_visa_bans_imposed_are_sanctions_and_arrests_over_months_a_summary(text, expected):
    assert {(e.date, e.event_type) for e in events(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The US Justice Department announced indictments Thursday, March 26, of ... Maduro
        # ... [two paragraphs of context] ... Separately, the State Department announced a
        # $15-million reward for the arrest of Maduro"
        (
            "The Justice Department announced indictments on Tuesday against Nicolas Maduro.\n\n"
            "Officials said he led a cocaine trafficking group.\n\n"
            "The attorney general said tonnes of cocaine were shipped.\n\n"
            "Separately, the State Department announced a $15-million reward for the arrest of "
            "Maduro.",
            ("2025-09-02", "bounty"),
        ),
        (
            "El martes el Tesoro anunció sanciones contra el Cártel de Sinaloa.\n\n"
            "Dentro de las medidas se contempla la congelación de bienes.\n\n"
            "Además, se ofrece una recompensa de cinco millones de dólares por información.",
            ("2025-09-02", "bounty"),
        ),
    ],
)
def test_an_act_opening_with_separately_goes_with_the_act_told_last(text, expected):
    assert expected in {(e.date, e.event_type) for e in events(text)}


def test_an_act_in_an_after_phrase_does_not_go_with_the_act_told_last():
    text = (
        "El martes el Tesoro anunció sanciones contra el Cártel de Sinaloa.\n\n"
        "Además, estos hechos ocurrieron tras el despliegue de buques de guerra en el Caribe."
    )
    assert "deployment" not in {e.event_type for e in events(text)}


def test_a_plea_changed_to_guilty_is_a_court_step():
    # "Sinaloa drug cartel cofounder Ismael "El Mayo" Zambada changed his plea to guilty"
    text = "On Tuesday, Sinaloa cartel cofounder Ismael Zambada changed his plea to guilty."
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}


def test_a_capture_the_lede_reports_as_said_is_dated_by_the_report():
    # "President Trump said the country's leader, Nicolás Maduro, had been captured" in the
    # lede of a report of that Saturday.
    text = (
        "US forces struck Caracas in a military operation. President Trump said the country's leader, Nicolas "
        "Maduro, had been captured."
    )
    assert ("2026-01-03", "military_action") in {
        (e.date, e.event_type) for e in events(text, published=date(2026, 1, 3))
    }


@pytest.mark.parametrize(
    "text",
    [
        # "el Departamento de Estado prepara esta designación bajo leyes que implican ..."
        "El martes se supo que el Departamento de Estado prepara la designación del Tren de "
        "Aragua como organización terrorista.",
        "On Tuesday officials said the State Department is preparing the designation of the "
        "Tren de Aragua as a terrorist organization.",
    ],
)
def test_a_step_being_prepared_is_not_taken(text):
    assert [e for e in events(text) if e.event_type == "designation"] == []


def test_a_relative_clause_between_dashes_ends_at_the_dash():
    # "Trump designated Cuba as a state sponsor of terrorism — that triggers economic
    # sanctions — shortly before he left office in 2021": 2021 is the act's, not the
    # relative clause's.
    text = (
        "Trump designated Cuba as a state sponsor of terrorism — that triggers economic "
        "sanctions — shortly before he left office in 2021."
    )
    assert ("2021", "designation") in {(e.date, e.event_type) for e in events(text)}


def test_a_transfer_counted_by_its_prisoners_may_name_where_and_when_first():
    # "México ya había enviado a ese país en febrero a 29 de sus más notorios capos"
    text = "México ya había enviado a ese país en febrero a 29 de sus más notorios capos."
    assert ("2025-02", "legal") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "Trump invocó la Ley de Enemigos Extranjeros ... y ordenó el arresto y la expulsión
        # inmediata de todos los ciudadanos venezolanos considerados miembros"
        "El martes el presidente ordenó el arresto de todos los miembros del Tren de Aragua.",
        "On Tuesday the president ordered the arrest of all members of the Tren de Aragua.",
    ],
)
def test_an_order_to_arrest_is_not_an_arrest(text):
    assert [e for e in events(text) if e.event_type == "legal"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "In a letter dated 26 January and sent to ten House and Senate committees, the State
        # Department outlined a phased plan"
        (
            "In a letter dated 26 August and sent to ten House and Senate committees, the "
            "State Department outlined a plan.",
            ("2025-08-26", "statement"),
        ),
        # "En su polémico mensaje enviado esta semana a varios comités del Congreso, Donald
        # Trump afirmó que ..."
        (
            "En su mensaje enviado esta semana a varios comités del Congreso, Trump afirmó "
            "que el país está en un conflicto armado.",
            ("2025-W36", "statement"),
        ),
        # "Según personas familiarizadas con la notificación enviada el 23 de abril, el
        # Departamento de Estado prepara esta designación": what the notice says is not a
        # hedge on it
        (
            "El gobierno ha notificado al Congreso su intención de designar al Tren de Aragua. "
            "Según fuentes, la notificación enviada el 2 de septiembre prepara la designación.",
            ("2025-09-02", "statement"),
        ),
    ],
)
def test_a_notice_to_congress_told_by_its_letter_or_message_is_an_act(text, expected):
    assert expected in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "El presidente ... declaró que los cárteles de la droga ... son combatientes
        # ilegales ... En su mensaje enviado esta semana ..., afirmó que Estados Unidos está
        # ahora en un conflicto armado con estos grupos."
        (
            "Trump declaró que los cárteles de la droga son combatientes ilegales. En su "
            "mensaje enviado esta semana al Congreso, afirmó que el país está en un conflicto "
            "armado con estos grupos.",
            ("2025-W36", "statement", ("Drug cartels",)),
        ),
        # "We are also designating the respective leaders of those organizations"
        (
            "Analysts met in the capital to discuss security. The talks lasted three days.\n\n"
            "Officials described the Tren de Aragua and the Sinaloa Cartel. On Tuesday the "
            "State Department sanctioned the leaders of those organizations.",
            ("2025-09-02", "sanction", ("Sinaloa Cartel", "Tren de Aragua")),
        ),
    ],
)
def test_these_groups_are_the_groups_named_just_before(text, expected):
    assert expected in found(text)


def test_these_groups_are_not_a_subject_that_is_not_groups():
    # "para detener el contrabando de fentanilo ... Washington designó a esos grupos"
    text = (
        "Trump pidió detener el contrabando de fentanilo. El martes, Washington sancionó a "
        "esos grupos."
    )
    assert ("2025-09-02", "sanction", ()) in found(text)


def test_a_cited_act_takes_no_targets_from_what_its_citing_sentence_points_back_to():
    # "(b) Existing sanctions on Venezuela, including those imposed in Executive Order 13692,
    # Executive Order 13808 of August 24, 2017 ..." in an order about Tren de Aragua.
    text = (
        "The Tren de Aragua is a gang that operates from Venezuela.\n\n"
        "Existing sanctions on Venezuela, including those imposed in Executive Order 13808 of "
        "August 24, 2017, remain in effect."
    )
    assert found(text) == {("2017-08-24", "directive", ())}


@pytest.mark.parametrize(
    "text",
    [
        # "El gobierno de Donald Trump anunció esta tarde que ofrecerá una recompensa de US$ 50
        # millones", "Matthew Miller, anunció el 11 de julio que el país ofrecerá una
        # recompensa de hasta 12 millones de dólares"
        "El Departamento de Estado anunció el martes que ofrecerá una recompensa de hasta 12 "
        "millones de dólares por información sobre el Tren de Aragua.",
        "The State Department announced on Tuesday it will offer a reward of up to $12 "
        "million for information on the Tren de Aragua.",
    ],
)
def test_a_reward_announced_as_one_that_will_be_offered_is_offered(text):
    assert ("2025-09-02", "bounty", ("Tren de Aragua",)) in found(text)


def test_a_reward_still_to_be_announced_is_not_offered():
    text = "The State Department will offer a reward for information on the Tren de Aragua."
    assert [e for e in events(text) if e.event_type == "bounty"] == []


@pytest.mark.parametrize(
    "text",
    [
        # "Gerald R. Ford, the embarked Carrier Air Wing 8 and its escorts were tasked on Oct.
        # 24 to transit from the Mediterranean Sea"
        "The aircraft carrier and its escorts were tasked on Tuesday to transit from the "
        "Mediterranean Sea to the Caribbean.",
        # "President Donald Trump ordered the Gerald R. Ford to the Caribbean three weeks ago"
        "On Tuesday President Trump ordered the carrier USS Gerald R. Ford to the Caribbean.",
    ],
)
def test_an_order_that_sends_ships_is_a_deployment(text):
    assert ("2025-09-02", "deployment") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "MEXICO CITY: Mexico has sent 29 drug cartel figures ... Those sent to the US
        # Thursday were brought from prisons across Mexico"
        "Mexico has sent 29 drug cartel figures to the United States.\n\n"
        "Those sent to the US on Thursday were brought from prisons across Mexico.",
        "México ha entregado a Estados Unidos a 29 capos de los cárteles.\n\n"
        "Los 29 capos fueron entregados el jueves a Estados Unidos.",
    ],
)
def test_an_act_the_lede_tells_in_the_perfect_is_the_one_the_body_dates(text):
    legal = {e.date for e in events(text) if e.event_type == "legal"}
    assert legal == {"2025-09-04"}


@pytest.mark.parametrize(
    "text",
    [
        # "anunció esta madrugada la captura de Nicolás Maduro y su esposa"
        "On Saturday US forces captured Nicolas Maduro and his wife in Caracas.",
        # "el mandatario venezolano fue extraído del Palacio de Miraflores junto a su esposa,
        # Cilia Flores, y trasladado en un avión"
        "El sábado fuerzas de Estados Unidos capturaron a Nicolás Maduro en Caracas. El "
        "mandatario fue extraído del palacio junto a su esposa, Cilia Flores.",
        # "Los Estados Unidos capturaron tanto a Maduro como a su mujer este sábado después de
        # un ataque aéreo en el país." (an air strike makes the capture a military one)
        "Los Estados Unidos capturaron tanto a Maduro como a su mujer este sábado después de "
        "un ataque aéreo en el país.",
    ],
)
def test_the_spouse_told_with_a_person_an_act_takes_is_a_target_too(text):
    (capture,) = [e for e in events(text, published=date(2026, 1, 5))
                  if e.event_type == "military_action"]  # fmt: skip
    assert (capture.date, set(capture.targets)) == (
        "2026-01-03",
        {"Nicolas Maduro", "Cilia Flores"},
    )


def test_a_spouse_not_told_is_not_a_target():
    text = "On Saturday US forces captured Nicolas Maduro in Caracas."
    assert found(text, published=date(2026, 1, 5)) == {
        ("2026-01-03", "military_action", ("Nicolas Maduro",))
    }


def test_a_gazetteer_spouse_must_be_an_entry_of_it():
    with pytest.raises(ValueError, match="spouse 'Someone Else' is not an entry"):
        Gazetteer([{"name": "A Person", "kind": "person", "spouse": "Someone Else"}])


@pytest.mark.parametrize(
    "text",
    [
        # "The U.S. on Friday officially designated a powerful gang coalition in Haiti as a
        # foreign terrorist organization, raising concerns the move could deepen the
        # country's humanitarian crisis"
        "The U.S. on Tuesday designated the Tren de Aragua as a foreign terrorist "
        "organization, raising concerns the move could deepen the crisis.",
        "Estados Unidos designó el martes al Tren de Aragua como organización terrorista, "
        "generando temores de que la medida podría agravar la crisis.",
    ],
)
def test_the_fears_an_act_stirs_are_not_a_hedge_on_it(text):
    assert ("2025-09-02", "designation", ("Tren de Aragua",)) in found(text)


def test_a_group_the_act_tells_without_its_name_is_the_one_the_next_sentence_names():
    # "... designated a powerful gang coalition in Haiti as a foreign terrorist organization
    # ... The Viv Ansanm coalition, which means "Living Together," joins a list ..."
    text = (
        "The U.S. on Tuesday designated a powerful gang coalition in Haiti as a foreign "
        "terrorist organization.\n\n"
        "The Viv Ansanm coalition, which means Living Together, joins a list of criminal "
        "organizations under that category."
    )
    (event,) = events(text)
    assert "Viv Ansanm" in event.targets


@pytest.mark.parametrize(
    "text",
    [
        # "Chief Judge James Boasberg issued a temporary restraining order on deportations
        # under the wartime law on Saturday night."
        "Chief Judge James Boasberg issued a temporary restraining order on deportations on "
        "Tuesday night.",
        "On Tuesday the Fifth Circuit granted a preliminary injunction that halted removals.",
        "El martes un juez federal dictó una medida cautelar que frena las deportaciones.",
    ],
)
def test_a_restraining_order_or_injunction_a_court_issues_is_a_court_step(text):
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "Sanctions against the Venezuelan oil firm ... were placed by the Treasury
        # Department's financial intelligence and enforcement agency Monday, as the
        # administration of President Donald Trump aims to take action against the regime."
        "Sanctions against the Tren de Aragua were placed by the Treasury on Tuesday, as the "
        "administration aims to take action against the gang.",
        "El Tesoro impuso el martes sanciones contra el Tren de Aragua, mientras el gobierno "
        "busca frenar a la banda.",
    ],
)
def test_a_hedge_in_a_clause_of_circumstance_after_the_act_is_that_clauses(text):
    assert ("2025-09-02", "sanction", ("Tren de Aragua",)) in found(text)


def test_ships_sent_may_be_named_in_apposition_before_their_kind():
    # "The United States is sending the USS Gerald R. Ford, its main aircraft carrier, to
    # the Caribbean as part of the military pressure campaign against Venezuela."
    text = (
        "On Tuesday the United States began sending the USS Gerald R. Ford, its main "
        "aircraft carrier, to the Caribbean."
    )
    assert ("2025-09-02", "deployment") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "El Departamento de Estado ... informó este 15 de septiembre que el presidente Donald
        # Trump determinó que Colombia, junto con Afganistán, Bolivia, Birmania y Venezuela,
        # “ha fallado demostrablemente” en sus obligaciones"
        "El Departamento de Estado informó el martes que el presidente determinó que Colombia, "
        "junto con Bolivia y Venezuela, “ha fallado demostrablemente” en sus obligaciones.",
        "On Tuesday the State Department said the President determined that Colombia and "
        "Venezuela have failed demonstrably to meet their obligations.",
    ],
)
def test_a_determination_that_countries_failed_demonstrably_is_directed_at_them(text):
    (event,) = [e for e in events(text) if e.event_type == "directive"]
    assert event.date == "2025-09-02"
    assert {"Colombia", "Venezuela"} <= set(event.targets)


@pytest.mark.parametrize(
    "text",
    [
        # "Tensions between the United States and Venezuela reached a new high on Monday,
        # November 24, 2025, in the Caribbean. In a clear show of military force, a US Air
        # Force B-52H Stratofortress strategic bomber, escorted by F/A-18 Super Hornet
        # fighters, flew over international waters very close to the Venezuelan coast"
        "Tensions reached a new high on Tuesday, September 2, 2025, in the Caribbean. In a "
        "show of force, a B-52 bomber flew over international waters near the coast.",
        "La tensión llegó a un nuevo máximo el martes 2 de septiembre de 2025 en el Caribe. "
        "En una demostración de fuerza, bombarderos B-52 sobrevolaron aguas internacionales.",
    ],
)
def test_an_act_right_after_a_first_sentence_that_sets_the_day_is_of_that_day(text):
    assert ("2025-09-02", "deployment") in {
        (e.date, e.event_type) for e in events(text, published=date(2025, 9, 3))
    }


def test_a_first_sentence_that_tells_an_act_does_not_date_the_next_one():
    text = (
        "The Treasury sanctioned the Tren de Aragua on Tuesday, September 2, 2025. A B-52 "
        "bomber flew over international waters near the coast."
    )
    found_types = {(e.date, e.event_type) for e in events(text, published=date(2025, 9, 3))}
    assert ("2025-09-02", "deployment") not in found_types


@pytest.mark.parametrize(
    ("text", "published", "not_expected"),
    [
        # "He is the first Ecuadoran extradited by his nation since a new measure was written
        # into law last year, after a referendum"
        (
            "On Sunday Macias was extradited to the United States. He is the first Ecuadoran "
            "extradited by his nation since a new measure was written into law last year.",
            date(2025, 7, 22),
            ("2024", "legal"),
        ),
        # "Con este bombardeo, suman 30 las acciones conocidas contra embarcaciones desde el
        # inicio de la campaña estadounidense a principios de septiembre"
        (
            "El Comando Sur informó el lunes sobre una nueva acción contra una embarcación en el "
            "Pacífico. Con este bombardeo, suman 30 las acciones desde el inicio de la campaña a "
            "principios de septiembre.",
            date(2025, 12, 29),
            ("2025-09", "military_action"),
        ),
    ],
)
def test_a_date_in_a_since_clause_after_the_act_is_where_a_period_starts(
    text, published, not_expected
):
    assert not_expected not in {(e.date, e.event_type) for e in events(text, published=published)}


def test_an_arrest_told_later_does_not_redate_the_extradition_the_lede_tells():
    # "Venezuela's former spy chief ... is being extradited from Spain to New York ... He had
    # been fighting extradition since his arrest in April 2019."
    text = (
        "Hugo Carvajal is being extradited from Spain to New York.\n\n"
        "His arrest in April 2019 followed a long investigation."
    )
    legal = {e.date for e in events(text, published=date(2023, 7, 19)) if e.event_type == "legal"}
    assert legal == {"2023-07-19", "2019-04"}


@pytest.mark.parametrize(
    "text",
    [
        # "El jurado emitió su veredicto el pasado 8 de marzo."
        "El jurado emitió su veredicto el pasado martes.",
        # "El juez Kevin Castel dictaminó la sentencia el 26 de junio de 2024."
        "El juez Kevin Castel dictaminó la sentencia el martes.",
        "On Tuesday the jury returned a guilty verdict against the former president.",
    ],
)
def test_a_verdict_or_a_sentence_told_with_its_noun_is_a_court_step(text):
    assert ("2025-09-02", "legal") in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "Washington, 2 de mayo. (Europe Press) – Las autoridades de los Estados Unidos han
        # decidido implementar sanciones ... Ambas han sido designadas por el gobierno
        # estadounidense como organizaciones terroristas"
        "Washington, 5 de septiembre. (EFE) – Las autoridades han decidido aplicar medidas "
        "contra dos pandillas. Viv Ansanm y Gran Grif han sido designadas por el gobierno "
        "como organizaciones terroristas.",
        "Washington, September 5. (Reuters) – Officials met in the capital to discuss the "
        "gangs. Viv Ansanm and Gran Grif have been designated by the government as terrorist "
        "organizations.",
    ],
)
def test_a_date_line_of_its_own_does_not_use_up_the_lede(text):
    assert ("2025-09-05", "designation", ("Gran Grif", "Viv Ansanm")) in found(text)


def test_these_organizations_in_a_later_sentence_of_the_act_point_back_to_the_groups_named():
    # "... a dos notorias pandillas criminales operando en Haití, conocidas como Gran Grif y
    # Viv Ansanm. Estas organizaciones han sido designadas como terroristas ... La
    # designación pone de relieve la preocupación internacional por la ingobernabilidad"
    text = (
        "Washington, 5 de septiembre. (EFE) – Las autoridades han decidido aplicar medidas "
        "a dos pandillas de Haití, conocidas como Gran Grif y Viv Ansanm. Estas "
        "organizaciones han sido designadas como terroristas. La designación pone de relieve "
        "la crisis en Haití."
    )
    (event,) = [e for e in events(text) if e.event_type == "designation"]
    assert {"Gran Grif", "Viv Ansanm"} <= set(event.targets)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "El Gobierno emitió un comunicado este martes en el que da 72 horas de plazo al
        # personal diplomático de EE.UU. para abandonar el país."
        (
            "El Gobierno emitió un comunicado este martes en el que da 72 horas de plazo al "
            "personal diplomático de EE.UU. para abandonar el país.",
            ("2025-09-02", "diplomatic", ("United States",)),
        ),
        # "desde que el país suramericano rompiera relaciones con Washington, el pasado 23 de
        # enero"
        (
            "Pasaron 45 días desde que Venezuela rompiera relaciones con EE.UU., el pasado 23 "
            "de enero.",
            ("2025-01-23", "diplomatic", ("United States",)),
        ),
        # ... "rompiera relaciones con Washington": the capital for its government
        (
            "La decisión llega después de que el país rompiera relaciones con Washington el "
            "pasado 23 de enero.",
            ("2025-01-23", "diplomatic", ("United States",)),
        ),
    ],
)
def test_diplomats_given_hours_to_leave_and_relations_broken_target_the_country(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "pero el 26 de mayo de 2022 lo detuvieron en el Aeropuerto Internacional de Tocumen"
        ("El 26 de mayo de 2022 lo detuvieron en el aeropuerto de Tocumen.", "2022-05-26"),
        # "Homero Guerra Moreno, de 48 años de edad, quien recibió condena el miércoles"
        ("El acusado, de 48 años de edad, recibió condena el martes en Texas.", "2025-09-02"),
        # "Al expresidente lo declararon culpable de tres delitos ... el pasado 8 de marzo"
        ("Al expresidente lo declararon culpable de tres delitos el pasado martes.", "2025-09-02"),
        # "fue sentenciado a 27 años de prisión por posesión de drogas sintéticas con la
        # intención de distribuirlas": the charge, not a hedge
        (
            "El martes un miembro del cártel fue sentenciado a 27 años de prisión por posesión "
            "de drogas con la intención de distribuirlas.",
            "2025-09-02",
        ),
    ],
)
def test_spanish_word_forms_of_arrests_sentences_and_verdicts(text, expected):
    assert (expected, "legal") in {(e.date, e.event_type) for e in events(text)}


def test_the_office_that_sanctions_is_not_the_act_the_verb_after_it_tells():
    # "The U.S. Treasury's Office of Foreign Assets Control (OFAC) has sanctioned Colombian
    # President Gustavo Petro": told in the lede in the perfect, dated by the report
    text = (
        "The Treasury's Office of Foreign Assets Control (OFAC) has sanctioned the leaders "
        "of the Tren de Aragua."
    )
    assert ("2025-09-05", "sanction", ("Tren de Aragua",)) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        # "Both organizations are designated as foreign terrorist organizations known for
        # trafficking narcotics"
        "On Tuesday five fugitives were expelled to San Antonio. The Tren de Aragua and the "
        "Sinaloa Cartel are designated as foreign terrorist organizations.",
        # "contra cinco presuntos altos líderes de Cárteles Unidos, una violenta organización
        # criminal ..., que ha sido designada por EE. UU. como una organización terrorista"
        "El martes la fiscalía acusó a cinco líderes del Tren de Aragua, una banda que ha "
        "sido designada por EE. UU. como organización terrorista extranjera.",
    ],
)
def test_a_listing_told_as_what_a_group_is_is_not_an_act(text):
    assert "designation" not in {e.event_type for e in events(text)}


def test_a_date_in_a_since_phrase_does_not_date_an_act_told_after_its_comma():
    # "el Programa de Recompensas por Narcóticos ha pagado más de 170 millones de dólares
    # desde su creación hace 39 años, logrando la captura o condena de más de 90 traficantes"
    text = (
        "El programa ha pagado más de 170 millones de dólares desde su creación hace 39 años, "
        "logrando la captura de más de 90 traficantes."
    )
    assert [e for e in events(text) if e.event_type == "legal"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "El Gobierno de EE.UU. anunció este jueves que esta semana prohibió la entrada al
        # país a 340 venezolanos" / "hemos impuesto 340 nuevas restricciones de visados"
        (
            "El Gobierno anunció este jueves que el martes prohibió la entrada al país a 340 "
            "venezolanos.",
            ("2025-09-02", "sanction"),
        ),
        # "una orden de decomiso emitida el 26 de noviembre por un juez"
        (
            "La Guardia Costera actuó con base en una orden de decomiso emitida el martes por "
            "un juez federal.",
            ("2025-09-02", "legal"),
        ),
    ],
)
def test_visa_bans_and_seizure_warrants_in_spanish(text, expected):
    assert expected in {(e.date, e.event_type) for e in events(text)}


def test_the_start_of_extradition_proceedings_is_not_an_extradition():
    # "El proceso de extradición empezó el 5 de marzo y tras varios recursos judiciales ..."
    text = "El proceso de extradición empezó el martes y tras varios recursos terminó."
    assert [e for e in events(text) if e.event_type == "legal"] == []


def test_the_parts_of_an_action_the_lede_announces_are_of_its_day():
    # "El Departamento de Justicia ... anunció este jueves una ofensiva legal y financiera
    # ... El DOJ presentó cargos penales, el Departamento del Tesoro impuso sanciones
    # económicas ..., y el Departamento de Estado ofreció una recompensa de $26 millones"
    text = (
        "El Departamento de Justicia anunció el martes una ofensiva legal y financiera contra "
        "cinco líderes del Tren de Aragua.\n\n"
        "El DOJ presentó cargos penales, el Tesoro impuso sanciones económicas y el "
        "Departamento de Estado ofreció una recompensa de 26 millones de dólares."
    )
    assert {"legal", "sanction", "bounty"} <= {
        e.event_type for e in events(text) if e.date == "2025-09-02"
    }


def test_a_day_told_with_a_disclosure_dates_the_disclosure_not_the_strike_it_tells_of():
    # "Secretary of War Pete Hegseth disclosed new information on Saturday about the Trump
    # administration's initial military strike targeting a suspected drug-smuggling vessel"
    text = (
        "Secretary of War Pete Hegseth disclosed new information on Thursday about the first "
        "military strike on a vessel off the coast of Venezuela."
    )
    assert ("2025-09-04", "military_action") not in {(e.date, e.event_type) for e in events(text)}


def test_a_day_told_with_an_appearance_on_a_show_dates_the_appearance():
    # "Hegseth warned in an appearance on “Fox & Friends” on Wednesday that a deadly U.S.
    # military strike on a boat ... was the start of a campaign": Wednesday is the warning's
    text = (
        "Hegseth warned in an appearance on a morning show on Thursday that a deadly military "
        "strike on a boat in the Caribbean was the start of a campaign."
    )
    assert ("2025-09-04", "military_action") not in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Trump impuso un bloqueo para impedir que los petroleros sancionados transportaran
        # crudo venezolano en diciembre"
        (
            "Trump impuso un bloqueo para impedir que los petroleros sancionados transportaran "
            "crudo venezolano en agosto.",
            ("2025-08", "directive"),
        ),
        # "«Estoy ordenando un bloqueo total y completo ...», dijo Trump el martes."
        (
            "«Estoy ordenando un bloqueo total y completo de los petroleros sancionados», dijo "
            "Trump el martes sobre Venezuela.",
            ("2025-09-02", "directive"),
        ),
    ],
)
def test_a_blockade_ordered_or_imposed_in_spanish_is_a_directive(text, expected):
    assert expected in {(e.date, e.event_type) for e in events(text)}


@pytest.mark.parametrize(
    "text",
    [
        # "The news that President Trump is poised to declare certain dangerous Mexican drug
        # cartels as Foreign Terrorist Organizations is a huge development"
        "On Tuesday officials said President Trump is poised to designate the Sinaloa Cartel "
        "as a foreign terrorist organization.",
        "El martes se supo que el presidente está a punto de designar al Cártel de Sinaloa "
        "como organización terrorista.",
        # "which is that designating cartels as terrorists is the step necessary to make
        # Mexico stronger"
        "On Tuesday he said that designating the Sinaloa Cartel as a terrorist organization "
        "is the step necessary to protect the border.",
    ],
)
def test_an_act_about_to_be_taken_or_argued_for_as_an_idea_is_not_taken(text):
    assert [e for e in events(text) if e.event_type == "designation"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a quienes las autoridades estadounidenses identificaron como narcoterroristas
        # vinculados a organizaciones calificadas como terroristas": a label for the dead
        (
            "El ataque del martes dejó dos muertos, a quienes las autoridades identificaron "
            "como narcoterroristas vinculados a organizaciones calificadas como terroristas.",
            set(),
        ),
        # "el Gobierno de Honduras también ha declarado a Hezbolá como un grupo “terrorista”"
        (
            "El martes el Gobierno de Honduras declaró a Hezbolá como un grupo “terrorista”.",
            {("2025-09-02", ("Hezbollah",))},
        ),
    ],
)
def test_a_spanish_listing_lists_the_object_before_como(text, expected):
    assert {(e.date, e.targets) for e in events(text) if e.event_type == "designation"} == expected
