#!/usr/bin/env python3
"""Standard Webhooks v1a (Ed25519) vectors, and v1a mixed with v1 (HMAC-SHA256), from the
`cryptography` package's Ed25519 and Python's hmac. The HMAC-only (v1) cases are in
../own-edge-cases.json's generator and svix.py. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Standard Webhooks: {id}.{ts}.{body}; "v1a,<base64 Ed25519>" and "v1,<base64 HMAC>" tokens,
# --- space-separated; whpk_ public keys, whsk_ secret keys (the seed), whsec_ HMAC secrets -----
SEED = hashlib.sha256(b"hookguard standard-webhooks vectors: the sender's key").digest()
OTHER_SEED = hashlib.sha256(b"hookguard standard-webhooks vectors: another sender").digest()
PK, OTHER_PK = whpk(SEED), whpk(OTHER_SEED)
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OTHER_SECRET = "whsec_" + b64(b"another standard-webhooks secret")
MSG = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"

f = File("standard-webhooks")
opts = {"provider": "standard-webhooks", "publicKey": PK}
both = {**opts, "secret": SECRET}
body = (b'{"type":"contact.created","timestamp":"2026-05-29T14:30:00.000Z",'
        b'"data":{"id":"1f81eb52-5198-4599-803e-771906343485","type":"contact","fullName":"John Smith"}}')


def signed(id, ts, body):
    return f"{id}.{ts}.".encode() + body


def v1a(seed=SEED, id=MSG, ts=TS, body=body):
    return "v1a," + b64(ed25519_sign(seed, signed(id, ts, body)))


def v1(secret=SECRET, id=MSG, ts=TS, body=body):
    return "v1," + b64(mac(hashlib.sha256, whsec_key(secret), signed(id, ts, body)))


def hdr(sig, id=MSG, ts=TS):
    return {"webhook-id": id, "webhook-timestamp": str(ts), "webhook-signature": sig}


good = lambda key=0, ts=TS: ok("contact.created", MSG, ts, key, f"standard-webhooks:{MSG}")

f.case("v1a valid", opts, hdr(v1a()), body, good())
f.case("v1a after a v1 token (another sender's secret): the v1 token is skipped", opts,
       hdr(v1(OTHER_SECRET) + " " + v1a()), body, good())
f.case("secret and publicKey, a v1 token for another secret then the v1a one: keyIndex 1", both,
       hdr(v1(OTHER_SECRET) + " " + v1a()), body, good(key=1))
f.case("secret and publicKey, header only v1a: keyIndex 1 (secrets count first)", both, hdr(v1a()), body, good(key=1))
f.case("secret and publicKey, header only v1: keyIndex 0", both, hdr(v1()), body, good(key=0))
f.case("only publicKey configured, header only v1 tokens: malformed_header", opts, hdr(v1() + " " + v1(OTHER_SECRET)),
       body, err("malformed_header"))
f.case("only secret configured, header only v1a: malformed_header", {"provider": "standard-webhooks", "secret": SECRET},
       hdr(v1a()), body, err("malformed_header"))
f.case("a v1a token that is not base64", opts, hdr("v1a,not*base64!"), body, err("malformed_header"))
short = "v1a," + b64(ed25519_sign(SEED, signed(MSG, TS, body))[:63])
f.case("a v1a token of 63 bytes", opts, hdr(short), body, err("malformed_header"))
f.case("one body byte changed", opts, hdr(v1a()), body.replace(b"John", b"Jahn"), err("signature_mismatch"))
f.case("signed by another key", opts, hdr(v1a(OTHER_SEED)), body, err("signature_mismatch"))
h = hdr(v1a()); h["webhook-id"] = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4X"
f.case("webhook-id changed: it is signed", opts, h, body, err("signature_mismatch"))
nc = "v1a," + b64(ed25519_noncanonical(ed25519_sign(SEED, signed(MSG, TS, body))))
f.case("non-canonical signature (S + L, still 64 bytes): refused", opts, hdr(nc), body, err("signature_mismatch"))
f.case("rotation: the second configured public key", {**opts, "publicKey": [OTHER_PK, PK]}, hdr(v1a()), body,
       good(key=1))
f.case("rotation with a secret: keyIndex = 1 secret + index 1", {**both, "publicKey": [OTHER_PK, PK]}, hdr(v1a()), body,
       good(key=2))
f.case("only the second of two v1a tokens valid", opts, hdr(v1a(OTHER_SEED) + " " + v1a()), body, good())
f.case("publicKey given a whsk_ secret key: invalid_config", {**opts, "publicKey": whsk(SEED)}, hdr(v1a()), body,
       err("invalid_config"))
f.case("whpk_ of 31 bytes: invalid_config", {**opts, "publicKey": "whpk_" + b64(ed25519_public(SEED)[:31])},
       hdr(v1a()), body, err("invalid_config"))
f.case("publicKey without the whpk_ prefix (bare base64), like whsec_", {**opts, "publicKey": PK[len("whpk_"):]},
       hdr(v1a()), body, good())
f.case("neither secret nor publicKey: invalid_config", {"provider": "standard-webhooks"}, hdr(v1a()), body,
       err("invalid_config"))
f.case("stale: 301 s old", opts, hdr(v1a()), body, err("timestamp_too_old"), now=TS + 301)
f.case("edge: exactly 300 s old", opts, hdr(v1a()), body, good(), now=TS + 300)
f.case("future: 301 s ahead (symmetric)", opts, hdr(v1a()), body, err("timestamp_in_future"), now=TS - 301)
f.write("Python cryptography, Ed25519; Python hmac")
