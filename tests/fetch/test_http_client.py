"""The polite client on its own: pacing, Retry-After, the User-Agent, stopping."""

from __future__ import annotations

import socket
import threading

import pytest

from ingest.fetch.config import HttpSettings
from ingest.fetch.http import HostPacer, PoliteClient, Stopped, retry_after
from tests.fetch.server import Reply


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_pacer_keeps_the_minimum_interval_per_host_and_not_across_hosts():
    clock = FakeClock()
    pacer = HostPacer(clock, clock.sleep)
    assert pacer.wait("a.gov", 2.0) == 0.0
    pacer.done("a.gov")
    clock.now += 0.5
    assert pacer.wait("a.gov", 2.0) == pytest.approx(1.5)
    pacer.done("a.gov")
    assert pacer.wait("b.gov", 2.0) == 0.0  # another host is not held back
    clock.now += 5
    assert pacer.wait("a.gov", 2.0) == 0.0
    assert clock.slept == [pytest.approx(1.5)]


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after("soon") is None and retry_after(None) is None


def test_requests_to_one_host_are_spaced_by_min_interval(server):
    server.route("/a", Reply(body=b"a"))
    settings = HttpSettings(min_interval=0.3, retries=0)
    with PoliteClient("policy-timeline/test (+mailto:a@example.org)", settings) as client:
        client.get(server.base + "/a")
        client.get(server.base + "/a")
    first, second = server.requests_to("/a")
    assert second.at - first.at >= 0.3
    assert first.headers["user-agent"] == "policy-timeline/test (+mailto:a@example.org)"


def test_backoff_doubles_between_retries_and_gives_up_after_the_last(server):
    server.route("/busy", Reply(status=503, body=b"busy"))
    settings = HttpSettings(retries=3, backoff=0.01, max_backoff=1, min_interval=0)
    with PoliteClient("ua", settings) as client:
        fetched = client.get(server.base + "/busy")
    assert fetched.attempts == 4 and len(server.requests_to("/busy")) == 4
    assert fetched.waits == pytest.approx([0.01, 0.02, 0.04])
    assert fetched.error == "HTTP 503 Service Unavailable (gave up after 4 attempts)"


def test_a_retry_after_beyond_the_limit_is_left_for_the_next_round(server):
    server.route("/later", Reply(status=429, headers={"Retry-After": "3600"}))
    settings = HttpSettings(retries=3, backoff=0.01, max_retry_after=60, min_interval=0)
    with PoliteClient("ua", settings) as client:
        fetched = client.get(server.base + "/later")
    assert fetched.attempts == 1
    assert "asks to wait 3600 s (Retry-After)" in fetched.error


def test_a_client_errors_4xx_is_not_retried(server):
    server.route("/gone", Reply(status=410, body=b"gone"))
    with PoliteClient("ua", HttpSettings(min_interval=0)) as client:
        fetched = client.get(server.base + "/gone")
    assert (fetched.status, fetched.attempts, fetched.body) == (410, 1, b"gone")


def test_a_connection_refused_is_retried_then_reported():
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with PoliteClient("ua", HttpSettings(retries=1, backoff=0.01, min_interval=0)) as client:
        fetched = client.get(f"http://127.0.0.1:{port}/x")
    assert fetched.attempts == 2 and fetched.status is None
    assert fetched.error.startswith("connection failed: ConnectError")


def test_a_stop_asked_during_a_backoff_ends_the_wait_at_once(server):
    server.route("/busy", Reply(status=503))
    stop = threading.Event()
    settings = HttpSettings(retries=3, backoff=30, min_interval=0)
    server.on_request = lambda _seen: stop.set()
    with PoliteClient("ua", settings, stop=stop) as client, pytest.raises(Stopped):
        client.get(server.base + "/busy")
    assert len(server.requests_to("/busy")) == 1
