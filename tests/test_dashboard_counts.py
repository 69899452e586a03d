"""Counts per bucket: month and year events spread over their days (no false spikes on
every 1 January and every 1st), counts adding up to the events in view."""

from datetime import date

import numpy as np

from dashboard.counts import bucket_bounds, bucket_for, bucket_starts, spread_counts


def day(iso: str) -> int:
    return (date.fromisoformat(iso) - date(1970, 1, 1)).days


def test_year_and_month_events_are_spread_over_their_days_not_counted_on_the_first():
    # One event known to the day every day of 2024, twelve known to the month, one to the year.
    starts = [day("2024-01-01") + i for i in range(366)]
    ends = list(starts)
    for m in range(1, 13):
        first = date(2024, m, 1)
        last = date(2024 + m // 12, m % 12 + 1, 1)
        starts.append(day(first.isoformat()))
        ends.append(day(last.isoformat()) - 1)
    starts.append(day("2024-01-01"))
    ends.append(day("2024-12-31"))
    s, e = np.array(starts), np.array(ends)
    lane = np.zeros(len(s), dtype=np.int64)
    _, months = spread_counts(s, e, lane, 1, day("2024-01-01"), day("2024-12-31"), "month")
    per_month = months[0]
    days_in = np.array([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    # Each month: its days, its month event, and its share of the year event.
    assert np.allclose(per_month, days_in + 1 + days_in / 366)
    assert np.isclose(per_month[0], per_month[2])  # January (31 days) holds no more than March
    assert np.isclose(per_month.sum(), len(s))  # every event counted once, in parts

    _, days = spread_counts(s, e, lane, 1, day("2024-02-27"), day("2024-03-02"), "day")
    # No spike on the 1st: 1 day event + 1/29 or 1/31 of a month + 1/366 of the year each day.
    expected = [1 + 1 / 29 + 1 / 366] * 3 + [1 + 1 / 31 + 1 / 366] * 2
    assert np.allclose(days[0], expected)


def test_counts_keep_lanes_apart_and_drop_what_is_outside_the_window():
    s = np.array([day("2025-01-05"), day("2025-01-06"), day("2026-01-01")])
    e = s.copy()
    lane = np.array([0, 1, 1])
    starts, z = spread_counts(s, e, lane, 2, day("2025-01-01"), day("2025-01-31"), "week")
    assert z.shape == (2, len(starts))
    assert z[0].sum() == 1 and z[1].sum() == 1  # the 2026 event is outside


def test_buckets_follow_the_window_and_a_bucket_knows_its_days():
    assert (bucket_for(30), bucket_for(400), bucket_for(3000)) == ("day", "week", "month")
    assert bucket_bounds(day("2025-08-07"), "week") == (day("2025-08-04"), day("2025-08-10"))
    assert bucket_bounds(day("2024-02-10"), "month") == (day("2024-02-01"), day("2024-02-29"))
    assert bucket_bounds(day("2025-12-31"), "month") == (day("2025-12-01"), day("2025-12-31"))
    assert bucket_starts(day("2025-08-07"), day("2025-08-20"), "week")[0] == day("2025-08-04")
