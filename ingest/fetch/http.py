"""The polite HTTP client: httpx with timeouts, retries with exponential backoff on 429,
5xx and connection errors (honouring Retry-After), a minimum interval between requests to
one host, conditional requests, a User-Agent naming the tool and a contact, a cap on the
body (read as a stream, never past the cap), and a limit on redirects.

``get`` never raises for a network or HTTP problem: it returns a ``Fetched`` whose
``error`` says what went wrong, so one failing source never stops the others. The only
exception is ``Stopped``: a stop was asked for (Ctrl-C in ``watch``), raised before a
request is sent or while waiting, never in the middle of one.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from .config import HttpSettings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# A whole response may take this many times the timeout (a server dripping bytes).
WHOLE_RESPONSE_FACTOR = 4


class Stopped(Exception):
    """A stop was asked for; the round ends between requests."""


class _Refused(Exception):
    """The response is refused (too large, too slow); the message says why."""


@dataclass
class Fetched:
    """What one request (with its retries) gave."""

    url: str  # as asked
    final_url: str = ""  # after redirects
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    attempts: int = 0
    error: str = ""
    elapsed: float = 0.0
    waits: list[float] = field(default_factory=list)  # seconds waited before each retry

    @property
    def ok(self) -> bool:
        return not self.error and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return not self.error and self.status == 304

    @property
    def size(self) -> int:
        return len(self.body or b"")


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


class HostPacer:
    """Keeps at least ``interval`` seconds between the end of one request to a host and
    the start of the next one."""

    def __init__(self, clock: Callable[[], float], sleep: Callable[[float], None]):
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, interval: float) -> float:
        """Sleep until the host may be asked again; returns the seconds slept."""
        with self._lock:
            last = self._last.get(host)
        delay = 0.0 if last is None else last + interval - self._clock()
        if delay > 0:
            self._sleep(delay)
            return delay
        return 0.0

    def done(self, host: str) -> None:
        with self._lock:
            self._last[host] = self._clock()


class PoliteClient:
    def __init__(
        self,
        user_agent: str,
        settings: HttpSettings | None = None,
        *,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings or HttpSettings()
        self.stop = stop or threading.Event()
        self._clock = clock
        self.pacer = HostPacer(clock, self._wait)
        self.requests = 0  # requests sent, retries included
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            transport=transport,
            trust_env=False,  # no proxy or netrc from the environment: fetch what is configured
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _wait(self, seconds: float) -> None:
        """Sleep, but end at once (raising Stopped) when a stop is asked for."""
        if self.stop.wait(seconds):
            raise Stopped()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        settings: HttpSettings | None = None,
    ) -> Fetched:
        s = settings or self.settings
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = Fetched(url=url)
        host = urlsplit(url).netloc.lower()
        started = self._clock()
        for attempt in range(1, s.retries + 2):
            if self.stop.is_set():
                raise Stopped()
            self.pacer.wait(host, s.min_interval)
            result.attempts = attempt
            retry, wait = self._attempt(url, headers, s, result)
            self.pacer.done(host)
            if not retry:
                break
            if attempt > s.retries:
                result.error = f"{result.error} (gave up after {attempt} attempts)"
                break
            backoff = min(s.backoff * 2 ** (attempt - 1), s.max_backoff)
            if wait is not None and wait > s.max_retry_after:
                result.error = (
                    f"{result.error}; the server asks to wait {wait:.0f} s (Retry-After), "
                    f"more than max_retry_after ({s.max_retry_after:.0f} s): left for the next round"
                )
                break
            delay = max(wait or 0.0, backoff)
            result.waits.append(delay)
            self._wait(delay)
        result.elapsed = self._clock() - started
        return result

    def _attempt(
        self, url: str, headers: dict[str, str], s: HttpSettings, result: Fetched
    ) -> tuple[bool, float | None]:
        """One request. Fills ``result``; returns (retry?, seconds the server asked to wait)."""
        self.requests += 1
        result.status, result.body, result.headers, result.error = None, None, {}, ""
        timeout = httpx.Timeout(s.timeout)
        try:
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                result.status = response.status_code
                result.final_url = str(response.url)
                result.headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code != 304:
                    result.body = self._read(response, s)
        except _Refused as exc:
            result.error = str(exc)
            result.body = None
            return False, None
        except httpx.TooManyRedirects:
            result.error = f"more than {s.max_redirects} redirects (a redirect loop?)"
            return False, None
        except httpx.TimeoutException as exc:
            phase = {
                httpx.ConnectTimeout: "to connect",
                httpx.ReadTimeout: "for the response",
                httpx.WriteTimeout: "to send the request",
                httpx.PoolTimeout: "for a connection",
            }.get(type(exc), "")
            result.error = f"timed out after {s.timeout:g} s waiting {phase}".rstrip()
            # A connection that never opened may open next time; a server that stalls
            # mid-answer is asked again only in the next round.
            return isinstance(exc, httpx.ConnectTimeout), None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            result.error = f"connection failed: {type(exc).__name__}: {exc}".rstrip(": ")
            return True, None
        except httpx.HTTPError as exc:  # invalid URL, unsupported scheme, decoding error
            result.error = f"request failed: {type(exc).__name__}: {exc}".rstrip(": ")
            return False, None
        status = result.status
        if status == 304 or 200 <= status < 300:
            return False, None
        reason = httpx.codes.get_reason_phrase(status)
        result.error = f"HTTP {status} {reason}".rstrip()
        if status in RETRY_STATUSES:
            return True, retry_after(result.headers.get("retry-after"))
        return False, None

    def _read(self, response: httpx.Response, s: HttpSettings) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > s.max_bytes:
            raise _Refused(
                f"response too large: {int(declared):,} bytes declared, the limit is "
                f"{s.max_bytes:,} (raise max_bytes for this source if it is expected)"
            )
        deadline = self._clock() + s.timeout * WHOLE_RESPONSE_FACTOR
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > s.max_bytes:
                raise _Refused(
                    f"response too large: more than {s.max_bytes:,} bytes; stopped reading "
                    "(raise max_bytes for this source if it is expected)"
                )
            if self._clock() > deadline:
                raise _Refused(
                    f"response too slow: not complete after "
                    f"{s.timeout * WHOLE_RESPONSE_FACTOR:g} s; stopped reading"
                )
            chunks.append(chunk)
        return b"".join(chunks)


def header_map(fetched: Fetched) -> dict[str, Any]:
    """The response headers kept with an archived body (cookies are not kept)."""
    return {k: v for k, v in fetched.headers.items() if k not in ("set-cookie", "cookie")}
