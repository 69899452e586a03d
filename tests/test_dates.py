from datetime import date

import pytest

from ingest.extract.dates import DateResolver

FRIDAY = date(2025, 8, 8)


def resolve(
    text: str, published: date | None = FRIDAY, language: str = "en"
) -> list[tuple[str, str | None]]:
    resolver = DateResolver(published, language)
    out = []
    for sentence in text.split(" | "):
        out += [(m.phrase, m.value.iso if m.value else None) for m in resolver.find(sentence)]
    return out


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("on Feb. 20, 2025", "2025-02-20"),
        ("on February 20, 2025", "2025-02-20"),
        ("on Sept. 4, 2025", "2025-09-04"),
        ("on 20 February 2025", "2025-02-20"),
        ("on 2025-02-20", "2025-02-20"),
        ("on 02/20/2025", "2025-02-20"),
        ("in March 2020", "2020-03"),
        ("in March of 2020", "2020-03"),
        ("in 2024", "2024"),
        ("on Feb. 20", "2025-02-20"),
        ("on Dec. 30", "2024-12-30"),  # past tense: the most recent December 30
    ],
)
def test_absolute_dates_in_common_english_forms(text, iso):
    ((phrase, found),) = resolve(text)
    assert found == iso and phrase in text


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("el 20 de febrero de 2025", "2025-02-20"),
        ("en enero de 2025", "2025-01"),
        ("el 5 de marzo", "2025-03-05"),
        ("el 20/02/2025", "2025-02-20"),
    ],
)
def test_absolute_dates_in_spanish(text, iso):
    (found,) = resolve(text, language="es")
    assert found[1] == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("On Thursday, the reward was raised.", "2025-08-07"),  # the seed article's case
        ("On Friday, the reward was raised.", "2025-08-08"),  # the report's own day
        ("Last Friday, the reward was raised.", "2025-08-01"),
        ("The vote will take place on Tuesday.", "2025-08-12"),  # future tense points forward
        ("Yesterday, officials met.", "2025-08-07"),
        ("Today, officials met.", "2025-08-08"),
        ("Last week, officials met.", "2025-W31"),
        ("Last month, officials met.", "2025-07"),
        ("Earlier this year, officials met.", "2025"),
        ("El jueves, la recompensa subió.", "2025-08-07"),
        ("La semana pasada, el Tesoro sancionó.", "2025-W31"),
        ("Ayer, el Tesoro sancionó.", "2025-08-07"),
        ("El próximo lunes anunciará sanciones.", "2025-08-11"),
    ],
)
def test_relative_dates_resolve_against_the_publication_date(text, iso):
    found = resolve(text)
    assert found and found[0][1] == iso


def test_anaphora_counts_from_the_date_mentioned_just_before():
    assert resolve("Signed on Feb. 20, 2025. | Two days later, it was published.") == [
        ("Feb. 20, 2025", "2025-02-20"),
        ("Two days later", "2025-02-22"),
    ]
    assert resolve("Published on March 15, 2025. | Signed a day earlier.")[-1] == (
        "a day earlier",
        "2025-03-14",
    )
    assert resolve("Struck on Sept. 2, 2025. | The next day, troops moved.")[-1] == (
        "The next day",
        "2025-09-03",
    )
    assert resolve(
        "Capturado el 3 de enero de 2026. | Dos días después, compareció.", language="es"
    )[-1] == ("Dos días después", "2026-01-05")


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        # Dev shapes: "Trump ordered the Gerald R. Ford to the Caribbean three weeks ago";
        # "called on the Department of Justice three years ago".
        ("He ordered the carrier to the Caribbean three weeks ago.", "en", "2025-W29"),
        ("The raid took place two days ago.", "en", "2025-08-06"),
        ("The program began three years ago.", "en", "2022"),
        ("El decreto se firmó hace dos semanas.", "es", "2025-W30"),
        ("La captura ocurrió hace tres días.", "es", "2025-08-05"),
    ],
)
def test_a_time_ago_counts_back_from_the_publication_date(text, language, iso):
    assert resolve(text, language=language)[-1][1] == iso


@pytest.mark.parametrize(
    "text",
    [
        # Dev shape: "(He was extradited to U.S. custody about a year ago.)"
        "He was extradited to U.S. custody about a year ago.",
        "About two weeks ago he was arrested.",
        "He was charged more than three years ago.",
        "Fue extraditado hace unos dos años.",
        "Seventy-five years ago, the Universal Declaration of Human Rights was adopted.",
    ],
)
def test_a_rough_time_ago_is_not_a_date(text):
    assert resolve(text, language="es" if "hace" in text else "en") == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # Dev shapes: "declarado culpable en el mes de marzo del año 2021"; "detenido en
        # octubre del año pasado"; "en enero de este año".
        ("Fue declarado culpable en el mes de marzo del año 2021.", "2021-03"),
        ("Fue detenido el 3 de marzo del año 2021.", "2021-03-03"),
        ("Fue detenido en marzo del año 2019.", "2019-03"),
        ("Fue detenido en octubre del año pasado.", "2024-10"),
    ],
)
def test_a_spanish_month_with_del_ano_takes_that_year(text, iso):
    assert resolve(text, language="es")[-1][1] == iso


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        # "El 25 de julio de este año la OFAC incluyó a Alex Saab" (a report of September
        # 2019) was read as the day and then, apart, the year; "del año pasado" was lost and
        # the day dated to the current year.
        ("El 25 de julio de este año la OFAC incluyó a Alex Saab.", "es", "2025-07-25"),
        ("El 3 de enero del año pasado fue detenido.", "es", "2024-01-03"),
        ("El 3 de enero del presente año fue detenido.", "es", "2025-01-03"),
        ("He was arrested on July 25 last year.", "en", "2024-07-25"),
        ("He was arrested on Sept. 4 of last year.", "en", "2024-09-04"),
        ("He was arrested on 4 March this year.", "en", "2025-03-04"),
    ],
)
def test_a_day_of_this_year_or_last_year_is_one_date_in_that_year(text, language, iso):
    ((phrase, found),) = resolve(text, language=language)  # one mention, not two
    assert found == iso and phrase in text


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        # "extradited to the United States in September 2023 after being captured by Mexican
        # authorities earlier that year"; "deported ... in 2013 but ... sneaked back later
        # that year".
        ("He was extradited in September 2023 after his capture earlier that year.", "en", "2023"),
        ("He was deported in March 2013 and came back later that month.", "en", "2013-03"),
        ("He was deported in 2013 and came back later that month.", "en", "2013"),
        ("Fue detenido en marzo de 2021 y extraditado a finales de ese año.", "es", "2021"),
        ("Fue detenido en marzo de 2021 y extraditado ese mismo año.", "es", "2021"),
        # "Fue extraditado en septiembre del mismo año": that month of the year told before
        ("Fue capturado en 2023 y extraditado en septiembre del mismo año.", "es", "2023-09"),
        ("He was captured in 2023 and extradited in September of that year.", "en", "2023-09"),
    ],
)
def test_that_year_and_that_month_count_from_the_date_told_before(text, language, iso):
    assert resolve(text, language=language)[-1][1] == iso


def test_overnight_after_a_verb_is_the_night_ending_on_the_reports_day():
    # "One of the world's most notorious drug lords was extradited overnight from Colombia to
    # Brooklyn" (a report of 2022-05-05); not "a successful overnight joint operation".
    assert resolve("He was extradited overnight from Colombia to Brooklyn.") == [
        ("overnight", "2025-08-08")
    ]
    assert resolve("The strikes happened overnight.") == [("overnight", "2025-08-08")]
    assert resolve("It followed a successful overnight joint military operation.") == []


def test_anaphora_split_by_a_line_break_or_two_spaces_still_resolves():
    assert resolve("Struck on Sept. 2, 2025, and the next  day troops moved.")[-1] == (
        "the next  day",
        "2025-09-03",
    )
    assert resolve("Struck on Sept. 2, 2025, and the day\nbefore troops moved.")[-1] == (
        "the day\nbefore",
        "2025-09-01",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The reward was $50 million.",
        "under Section 219 of the act",
        "under Title 10 of the U.S. Code",
        "fentanyl kills 100,000 Americans every year",
        "the secretary must report within 14 days",
        "lawyers have 24 hours to respond",
        "Theresa May said the policy may change",
        "officials may designate more groups",
        "Según la sección 219, unos 100.000 estadounidenses mueren",
    ],
)
def test_numbers_that_are_not_dates_never_become_dates(text):
    assert resolve(text) == []


def test_a_cited_documents_date_is_not_an_event_date():
    assert resolve("relies on Executive Order 13224 of September 23, 2001") == []


def test_without_a_publication_date_relative_dates_stay_unresolved():
    resolver = DateResolver(None, "en")
    (mention,) = resolver.find("On Thursday, the Treasury sanctioned two financiers.")
    assert mention.value is None
    assert resolver.unresolved == ["Thursday"]
    (absolute,) = resolver.find("On Feb. 20, 2025, it happened.")
    assert absolute.value is not None and absolute.value.iso == "2025-02-20"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "anunció el martes que ofrecerá una recompensa": the Tuesday is the announcement's
        ("El Departamento de Estado anunció el martes que ofrecerá una recompensa.", "2025-09-02"),
        ("The State Department announced on Tuesday it will offer a reward.", "2025-09-02"),
        # ... while a date after a verb in the future is the coming one
        ("The State Department will announce on Tuesday a reward.", "2025-09-09"),
    ],
)
def test_a_weekday_right_after_a_past_verb_is_that_verbs_even_before_a_future_one(
    sentence, expected
):
    resolver = DateResolver(date(2025, 9, 5), "es" if sentence.startswith("El") else "en")
    assert [m.value.iso for m in resolver.find(sentence)] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The next day, the Treasury acted; the day before, the State Department had.",
        "On the same day the order was signed, and that same year the group was designated.",
        "the following day | The night before | on that same day | THE PREVIOUS DAY",
        "The  following\tday the strike came, on the\nsame day as the raid in the same month.",
        "That day, the president said the case was on the agenda for the next week.",
    ],
)
def test_start_words_that_only_open_anaphora_find_what_the_full_pattern_finds(sentence):
    # "the", "that" and "on" are tried only before the word an anaphor needs after them.
    from ingest.extract.dates import _PATTERN, _candidates

    assert [m.group() for m in _candidates(sentence)] == [
        m.group() for m in _PATTERN.finditer(sentence)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two days later, a week ago, an hour after, a principios de marzo, a la semana.",
        "Hace dos años, tres semanas después, un mes antes, una vez, uno de ellos, A DAY LATER.",
        "In March, in early 2025, in 2024, in the end; en enero, en el mes de abril, en 2023.",
        "El pasado lunes, el mes pasado, el año pasado, el mismo día, el día anterior, el 5.",
        "Del martes, al día siguiente, al próximo viernes, la semana pasada, la próxima semana.",
        "Esta mañana, esta semana, este mes, este mismo día, ese mismo año, esta ley.",
        "Earlier that year, earlier this month, later that month, later on.",
        "On 2025-07-17, 09/15/2025, 20 February 2025, 5 de marzo, 3 days later, $25 million, 400.",
        "Sección 219, 14 días después, 2 semanas antes, 10 años, 12 de la noche, 30 muertos.",
    ],
)
def test_start_words_tried_only_before_their_next_words_find_what_the_full_pattern_finds(
    sentence,
):
    # Figures and the commonest start words are tried only before what the forms need
    # after them ("a week", "el pasado lunes", "20 de", "2025-"); the same matches result.
    from ingest.extract.dates import _PATTERN, _candidates

    assert [m.group() for m in _candidates(sentence)] == [
        m.group() for m in _PATTERN.finditer(sentence)
    ]
