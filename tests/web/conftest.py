"""Local stand-ins for the internet: a scriptable HTTP(S) server on 127.0.0.1, a fake DNS and a
log of every outgoing connection that fails the test on any address but 127.0.0.1."""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Reply:
    """What the local server answers on one path. An iterable body is sent chunked."""

    status: int = 200
    body: bytes | Callable[[], Iterable[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line


@dataclass
class Seen:
    path: str
    headers: dict[str, str]  # names in lower case


class LocalHttpServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 answering each path with a scripted Reply.

    Unknown paths (robots.txt included, unless set) get a 404.
    """

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.replies: dict[str, Reply] = {}
        self.seen: list[Seen] = []
        self.sni: list[str | None] = []  # TLS server names clients asked for
        self.stopping = threading.Event()
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.port = self._httpd.server_address[1]
        self.scheme = "https" if tls else "http"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def reply(self, path: str, reply: Reply) -> None:
        self.replies[path] = reply

    def page(
        self,
        path: str,
        body: str | bytes = "<html><body>Kopi Senja</body></html>",
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        **headers: str,
    ) -> None:
        if content_type is not None:
            headers["Content-Type"] = content_type
        data = body.encode() if isinstance(body, str) else body
        self.reply(path, Reply(status=status, body=data, headers=headers))

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.reply(path, Reply(status=status, headers={"Location": location}))

    def robots(self, text: str) -> None:
        self.page("/robots.txt", text, content_type="text/plain")

    def paths(self) -> list[str]:
        return [seen.path for seen in self.seen]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up early is what many tests are about


def _handler_for(server: LocalHttpServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.seen.append(Seen(self.path, headers))
            reply = server.replies.get(self.path) or Reply(404, b"not found")
            if server.stopping.wait(reply.delay):
                return
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                self.close_connection = True  # the client gave up, as it should have

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if isinstance(reply.body, bytes):
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in reply.body():
                if server.stopping.is_set():
                    return
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture
def local_http_server() -> Iterator[LocalHttpServer]:
    server = LocalHttpServer()
    server.start()
    yield server
    server.stop()


@dataclass
class TlsFiles:
    ca: Path  # trust this to trust the server
    cert: Path  # for the names given to make_tls_files
    key: Path


def make_tls_files(folder: Path, *names: str) -> TlsFiles:
    """A throwaway CA and a server certificate it signed for ``names``."""
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Postloom test CA")])
    ca = _certificate(ca_name, ca_name, ca_key, ca_key, is_ca=True)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    cert = _certificate(subject, ca_name, key, ca_key, is_ca=False, names=names)
    files = TlsFiles(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
    files.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files


def _certificate(
    subject: x509.Name,
    issuer: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    signing_key: ec.EllipticCurvePrivateKey,
    is_ca: bool,
    names: Iterable[str] = (),
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        # Python 3.13 verifies strictly (VERIFY_X509_STRICT): both key identifiers are needed.
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()), False
        )
    )
    if is_ca:
        usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
        builder = builder.add_extension(usage, critical=True)
    else:
        san = x509.SubjectAlternativeName([x509.DNSName(name) for name in names])
        builder = builder.add_extension(san, critical=False)
    return builder.sign(signing_key, hashes.SHA256())


@pytest.fixture
def local_https_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LocalHttpServer]:
    """An HTTPS server on 127.0.0.1 with a certificate for shop.example only, trusted through
    SSL_CERT_FILE (which the fetcher honours, like the sandbox's local CA)."""
    files = make_tls_files(tmp_path, "shop.example")
    monkeypatch.setenv("SSL_CERT_FILE", str(files.ca))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(files.cert, files.key)
    server = LocalHttpServer(tls=context)

    def remember_sni(_socket: Any, name: str | None, _context: ssl.SSLContext) -> None:
        server.sni.append(name)

    context.sni_callback = remember_sni
    server.start()
    yield server
    server.stop()


class FakeDns:
    """Replaces socket.getaddrinfo: names answer from ``answers``, anything else does not
    resolve, so no test can look up a real host. IP literals pass through to the real resolver
    (socket.create_connection resolves them too), without touching the network."""

    def __init__(self) -> None:
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []
        self._real = socket.getaddrinfo

    def add(self, name: str, *addresses: str) -> None:
        self.answers[name] = [list(addresses)]

    def rebind(self, name: str, *answers: list[str]) -> None:
        """Answer the first lookup with answers[0], the next with answers[1], and so on."""
        self.answers[name] = list(answers)

    def getaddrinfo(
        self, host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0
    ) -> list[Any]:
        if _is_ip(host):
            return self._real(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        count = self.lookups.count(host)
        self.lookups.append(host)
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answers = self.answers[host]
        return [_addrinfo(address, int(port)) for address in answers[min(count, len(answers) - 1)]]


def _is_ip(host: Any) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _addrinfo(address: str, port: int) -> tuple[Any, ...]:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> FakeDns:
    dns = FakeDns()
    monkeypatch.setattr(socket, "getaddrinfo", dns.getaddrinfo)
    return dns


@pytest.fixture
def connection_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every (host, port) a test connects to; anything but 127.0.0.1 fails the test at once."""
    log: list[tuple[str, int]] = []
    real = socket.create_connection

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        log.append(address)
        if address[0] != "127.0.0.1":
            raise AssertionError(f"a test tried to connect to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return log
