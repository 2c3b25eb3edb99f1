"""The pieces every simulator shares: WSGI reading and answering (sandbox.wsgi) and the MP4
box reader (sandbox.mp4)."""

from __future__ import annotations

import io
import struct
import threading
from dataclasses import dataclass
from typing import Any

from postloom.sandbox import mp4, wsgi


def environ(body: bytes = b"", **extra: Any) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/v1/x",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8101",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
        **extra,
    }


def test_headers_by_lower_case_name_and_content_type_only_when_asked() -> None:
    env = environ(HTTP_X_API_KEY="k", HTTP_AUTHORIZATION="Bearer t", CONTENT_TYPE="text/plain")
    assert wsgi.request_headers(env) == {"x-api-key": "k", "authorization": "Bearer t"}
    assert wsgi.request_headers(env, "CONTENT_TYPE", "CONTENT_LENGTH") == {
        "x-api-key": "k",
        "authorization": "Bearer t",
        "content-type": "text/plain",
        "content-length": "0",
    }


def test_the_body_is_read_as_declared_and_capped() -> None:
    assert wsgi.read_body(environ(b"0123456789"), limit=4) == b"0123"
    assert wsgi.read_body(environ(b"0123456789")) == b"0123456789"
    assert wsgi.read_body(environ(b"", CONTENT_LENGTH="")) == b""


def test_only_a_json_object_is_a_json_body() -> None:
    assert wsgi.json_object(b'{"a": 1}') == {"a": 1}
    assert wsgi.json_object(b"[1, 2]") == {}
    assert wsgi.json_object(b"{not json") == {}
    assert wsgi.json_object(b"\xff\xfe") == {}
    assert wsgi.json_object(b"") == {}


def test_multipart_fields_and_files_apart() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nIced coffee\r\n'
        b'--b\r\nContent-Disposition: form-data; name="image[]"; filename="a.png"\r\n'
        b"Content-Type: image/png\r\n\r\n\x89PNG\r\n"
        b"--b\r\nContent-Disposition: form-data\r\n\r\nno name\r\n"
        b"--b--\r\n"
    )
    fields, files = wsgi.parse_multipart("multipart/form-data; boundary=b", body)
    assert fields == {"prompt": "Iced coffee"}
    assert files == [("image[]", "image/png", b"\x89PNG")]


def test_origin_and_query_as_the_client_sent_them() -> None:
    env = environ(HTTP_HOST="localhost:9000", QUERY_STRING="state=&code=c%201")
    assert wsgi.origin(env) == "http://localhost:9000"
    assert wsgi.origin(environ()) == "http://127.0.0.1:8101"
    assert wsgi.query_params(env) == {"state": "", "code": "c 1"}


def test_status_lines_also_for_codes_http_does_not_know() -> None:
    assert wsgi.status_line(429) == "429 Too Many Requests"
    assert wsgi.status_line(529) == "529 Overloaded"
    assert wsgi.status_line(599) == "599 Unknown"


def test_retry_after_in_whole_seconds_and_exact_milliseconds() -> None:
    assert wsgi.retry_after_headers(2.5) == [("retry-after", "3"), ("retry-after-ms", "2500")]
    assert wsgi.retry_after_headers(2.5, milliseconds=False) == [("retry-after", "3")]


def test_a_redirect_keeps_the_query_the_uri_has() -> None:
    assert wsgi.with_query("https://a.test/cb", "code=1") == "https://a.test/cb?code=1"
    assert wsgi.with_query("https://a.test/cb?x=2", "code=1") == "https://a.test/cb?x=2&code=1"


def test_send_puts_content_type_first_then_the_vendor_headers() -> None:
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> Any:
        started.append((status, headers))

    reply = wsgi.Reply(529, {"error": "busy"}, [("retry-after", "1")])
    assert wsgi.send(start_response, reply, ("id", "r")) == [b'{"error": "busy"}']
    headers = [("Content-Type", "application/json"), ("id", "r"), ("retry-after", "1")]
    assert started == [("529 Overloaded", headers)]


@dataclass
class _Switches:
    fail_times: int | None = None


def test_fail_times_counts_down_and_none_fails_always() -> None:
    lock = threading.Lock()
    twice = _Switches(fail_times=2)
    assert [wsgi.failing_now(twice, lock) for _ in range(4)] == [True, True, False, False]
    assert twice.fail_times == 0
    always = _Switches()
    assert [wsgi.failing_now(always, lock) for _ in range(3)] == [True, True, True]


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def test_mp4_boxes_in_order_with_64_bit_and_to_the_end_sizes() -> None:
    large = struct.pack(">I4sQ", 1, b"free", 16 + 3) + b"abc"
    to_end = struct.pack(">I4s", 0, b"mdat") + b"rest"
    data = _box(b"ftyp", b"isom") + large + to_end
    assert list(mp4.boxes(data)) == [(b"ftyp", b"isom"), (b"free", b"abc"), (b"mdat", b"rest")]


def test_a_box_with_an_impossible_size_ends_the_walk() -> None:
    data = _box(b"ftyp", b"isom") + struct.pack(">I4s", 4, b"moov") + _box(b"mdat", b"x")
    assert list(mp4.boxes(data)) == [(b"ftyp", b"isom"), (b"moov", b"")]
    assert mp4.duration(data) is None


def test_mp4_duration_from_mvhd_version_0_and_1() -> None:
    version0 = bytes(4) + bytes(8) + struct.pack(">II", 600, 7200) + bytes(80)
    version1 = b"\x01" + bytes(3) + bytes(16) + struct.pack(">IQ", 1000, 2500) + bytes(80)
    assert mp4.duration(_box(b"moov", _box(b"mvhd", version0))) == 12.0
    assert mp4.movie_duration(_box(b"mvhd", version1)) == 2.5
    assert mp4.movie_duration(_box(b"mvhd", bytes(10))) is None  # cut short
    assert mp4.duration(_box(b"ftyp", b"isom")) is None  # no moov at all
