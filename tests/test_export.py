import csv
import io

from ingest.export import neutralize, to_csv
from ingest.schema import COLUMNS, Event
from tests.test_query import frame


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_is_the_contract_columns_and_lines_end_with_crlf():
    text = to_csv(frame(Event("2025-01-01", "statement", "x")))
    assert text.split("\r\n")[0] == ",".join(COLUMNS)
    assert text.endswith("\r\n")


def test_lists_are_joined_and_amounts_are_plain_numbers():
    (row,) = read(
        to_csv(
            frame(Event("2025-08-07", "bounty", "Reward", targets=("A", "B"), amount=50_000_000.0))
        )
    )
    assert row["targets"] == "A; B"
    assert row["amount"] == "50000000"
    assert row["currency"] == "USD"
    assert row["date_start"] == row["date_end"] == "2025-08-07"


def test_formula_like_cells_are_neutralized():
    (row,) = read(
        to_csv(
            frame(
                Event(
                    "2025-01-01",
                    "statement",
                    '=HYPERLINK("http://x","y")',
                    evidence="+1 and more",
                    source_title="@someone",
                    source_url="-x",
                )
            )
        )
    )
    assert row["title"] == '\'=HYPERLINK("http://x","y")'
    assert row["evidence"] == "'+1 and more"
    assert row["source_title"] == "'@someone"
    assert row["source_url"] == "'-x"
    assert neutralize("\tTab") == "'\tTab" and neutralize("\rx") == "'\rx"
    assert neutralize("plain") == "plain"


def test_quotes_commas_and_newlines_survive_rfc4180_quoting():
    (row,) = read(
        to_csv(
            frame(
                Event(
                    "2025-01-01", "statement", 'He said "no", twice', evidence="line one\nline two"
                )
            )
        )
    )
    assert row["title"] == 'He said "no", twice'
    assert row["evidence"] == "line one\nline two"
