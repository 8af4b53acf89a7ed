"""Electrum server TLS with a local TLS server and certificates made here: a CA-signed
certificate is verified; a self-signed one is pinned on first use (in the wallet folder)
and a changed one refused with a clear message; anything else is refused."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import json
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import (
    CertificateChanged,
    CertificateRejected,
    ElectrumClient,
    ServerAddress,
)
from wallet.chain.server_pool import ServerPool
from wallet.chain.tls_pins import PINS_NAME, CertPins, Pin
from wallet.hashes import sha256


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject: str, key, issuer_name: str, issuer_key, *, ca: bool = False,
          ip: str | None = "127.0.0.1") -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer_name))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ip:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


class Certs:
    """A CA, server certificates signed by it, self-signed ones; files in `folder`."""

    def __init__(self, folder):
        self.folder = folder
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        self.ca = _cert("Test CA", self.ca_key, "Test CA", self.ca_key, ca=True, ip=None)
        self.cafile = self._write("ca.pem", self.ca.public_bytes(serialization.Encoding.PEM))
        self.n = 0

    def _write(self, name, data: bytes) -> str:
        path = self.folder / name
        path.write_bytes(data)
        return str(path)

    def context(self, kind: str) -> tuple[ssl.SSLContext, bytes]:
        """A server context presenting a new certificate: 'ca' (signed by our CA),
        'self' (self-signed) or 'stranger' (signed by an unknown CA); and its DER."""
        self.n += 1
        key = ec.generate_private_key(ec.SECP256R1())
        if kind == "ca":
            cert = _cert("127.0.0.1", key, "Test CA", self.ca_key)
        elif kind == "self":
            cert = _cert(f"electrum {self.n}", key, f"electrum {self.n}", key)
        else:
            other = ec.generate_private_key(ec.SECP256R1())
            cert = _cert("127.0.0.1", key, "Unknown CA", other)
        certfile = self._write(f"c{self.n}.pem", cert.public_bytes(serialization.Encoding.PEM))
        keyfile = self._write(f"k{self.n}.pem", key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(certfile, keyfile)
        return ctx, cert.public_bytes(serialization.Encoding.DER)


@pytest.fixture
def certs(tmp_path):
    return Certs(tmp_path)


class Tls:
    """One server address whose certificate the test swaps by restarting it."""

    def __init__(self, certs: Certs, pins: CertPins):
        self.certs, self.pins = certs, pins
        self.server: FakeElectrumServer | None = None
        self.port = 0

    async def serve(self, kind: str) -> bytes:
        await self.stop()
        ctx, der = self.certs.context(kind)
        self.server = FakeElectrumServer()
        await self.server.start(ssl_context=ctx, port=self.port)
        self.port = self.server.port
        return der

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()
            self.server = None

    async def connect(self) -> str:
        client = ElectrumClient(ServerAddress("127.0.0.1", self.port, True), timeout=5,
                                pins=self.pins, cafile=self.certs.cafile)
        await client.connect()
        try:
            return client.server_software
        finally:
            await client.close()


def run(coro):
    return asyncio.run(coro)


def test_a_ca_signed_certificate_is_verified_and_must_stay_so(certs, tmp_path):
    pins = CertPins(tmp_path / PINS_NAME)

    async def body():
        tls = Tls(certs, pins)
        try:
            await tls.serve("ca")
            assert await tls.connect() == "FakeX 1.0"
            assert pins.get(f"127.0.0.1:{tls.port}") == Pin("ca")
            await tls.serve("ca")  # a renewed CA-signed certificate: fine
            assert await tls.connect() == "FakeX 1.0"
            await tls.serve("self")  # someone in the middle with a self-signed one
            with pytest.raises(CertificateChanged, match="used to show a certificate signed by "
                                                         "a certificate authority"):
                await tls.connect()
            assert pins.get(f"127.0.0.1:{tls.port}") == Pin("ca")
        finally:
            await tls.stop()

    run(body())


def test_a_self_signed_certificate_is_pinned_on_first_use_and_a_change_refused(certs, tmp_path):
    path = tmp_path / PINS_NAME

    async def body():
        tls = Tls(certs, CertPins(path))
        try:
            der = await tls.serve("self")
            assert await tls.connect() == "FakeX 1.0"
            key = f"127.0.0.1:{tls.port}"
            assert json.loads(path.read_text()) == {key: {"kind": "pinned",
                                                          "sha256": sha256(der).hex()}}
            # a restart of Kite reads the pin back; the same certificate passes
            tls.pins = CertPins(path)
            assert await tls.connect() == "FakeX 1.0"
            before = path.read_bytes()
            await tls.serve("self")  # another self-signed certificate on the same server
            with pytest.raises(CertificateChanged) as e:
                await tls.connect()
            message = str(e.value)
            assert message.startswith(f"127.0.0.1:{tls.port}:s shows a different TLS "
                                      "certificate than the one Kite trusted on first use")
            assert f"remove {key} from server_certs.json in the wallet folder" in message
            assert path.read_bytes() == before  # the pin is kept, not replaced
            # the operator moves to a CA-signed certificate: accepted, remembered as such
            await tls.serve("ca")
            assert await tls.connect() == "FakeX 1.0"
            assert CertPins(path).get(key) == Pin("ca")
        finally:
            await tls.stop()

    run(body())


def test_a_certificate_from_an_unknown_authority_is_refused(certs, tmp_path):
    pins = CertPins(tmp_path / PINS_NAME)

    async def body():
        tls = Tls(certs, pins)
        try:
            await tls.serve("stranger")
            with pytest.raises(CertificateRejected, match="TLS certificate is refused: "
                                                          "unable to get local issuer"):
                await tls.connect()
            assert pins.get(f"127.0.0.1:{tls.port}") is None
        finally:
            await tls.stop()

    run(body())


def test_the_pool_skips_a_server_with_a_changed_certificate_and_says_why(certs, tmp_path):
    pins = CertPins(tmp_path / PINS_NAME)

    async def body():
        changed, good = Tls(certs, pins), Tls(certs, pins)
        try:
            await changed.serve("self")
            await changed.connect()
            await changed.serve("self")
            await good.serve("ca")
            refused = []
            pool = ServerPool([ServerAddress("127.0.0.1", changed.port, True),
                               ServerAddress("127.0.0.1", good.port, True)],
                              timeout=5, pins=pins, cafile=certs.cafile,
                              on_refused=lambda s, r: refused.append((s.port, r)),
                              backoff_start=0.01)
            for _ in range(60):  # the order is random: until the changed one was tried
                client = await pool.connect()
                assert client.server.port == good.port  # never the changed one
                await client.close()
                if refused:
                    break
            assert refused and all(p == changed.port for p, _ in refused)
            assert "different TLS certificate" in refused[0][1]
            assert not pool.banned
        finally:
            await changed.stop()
            await good.stop()

    run(body())
