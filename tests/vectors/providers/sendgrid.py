#!/usr/bin/env python3
"""SendGrid (Twilio SendGrid Event Webhook, signed) vectors, from the `cryptography` package's
ECDSA P-256/SHA-256 with RFC 6979 deterministic signatures. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- SendGrid: ECDSA P-256 / SHA-256 over {timestamp}{body}; base64 DER signature; the
# --- verification key as base64 SubjectPublicKeyInfo DER; 300 s either side; no body field read -
SCALAR = int.from_bytes(hashlib.sha256(b"hookguard sendgrid vectors: the account's key").digest(), "big") % P256_N
OTHER = int.from_bytes(hashlib.sha256(b"hookguard sendgrid vectors: another account").digest(), "big") % P256_N
SPKI = p256_spki(SCALAR)
KEY = b64(SPKI)
OTHER_KEY = b64(p256_spki(OTHER))
SIG_H, TS_H = "x-twilio-email-event-webhook-signature", "x-twilio-email-event-webhook-timestamp"

f = File("sendgrid")
opts = {"provider": "sendgrid", "publicKey": KEY}


def der(body, ts=TS, scalar=SCALAR):
    return p256_sign(scalar, str(ts).encode() + body)


def hdr(body, ts=TS, scalar=SCALAR, signature=None):
    return {SIG_H: signature if signature is not None else b64(der(body, ts, scalar)), TS_H: str(ts)}


def good(key=0, ts=TS, b=None):
    """A verified delivery: no event or id; replay protection keys on the signed bytes, the
    SHA-256 of the timestamp as sent followed by the body (sendgrid:signed:<hex>)."""
    b = body if b is None else b
    return ok(None, None, ts, key, "sendgrid:signed:" + hashlib.sha256(str(ts).encode() + b).hexdigest())

body = ('[{"email":"example@test.com","timestamp":1780064990,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",'
        '"event":"processed","category":["cat facts"],"sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==",'
        '"sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000"},'
        '{"email":"example@test.com","timestamp":1780064991,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",'
        '"event":"delivered","response":"250 OK","sg_event_id":"rWVYmVk90MjZJ9iohOBa3w==",'
        '"sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000"}]\r\n').encode()
r, s = der_rs(der(body))
# The genuine signature is low-S here, so n - s below is the high-S twin (asserted, not assumed).
assert s <= P256_N // 2, "pick another key or body: the genuine signature should be low-S"

f.case("valid", opts, hdr(body), body, good())
f.case("publicKey PEM-armoured", {**opts, "publicKey": spki_pem(SPKI)}, hdr(body), body, good())
f.case("high-S signature (s replaced by n - s): accepted, as node:crypto does",
       opts, hdr(body, signature=b64(der_sig(r, P256_N - s))), body, good())
f.case("one body byte changed", opts, hdr(body), body.replace(b"250 OK", b"250 OL"), err("signature_mismatch"))
f.case("signed by another key", opts, hdr(body, scalar=OTHER), body, err("signature_mismatch"))
h = hdr(body); h[TS_H] = str(TS + 1)
f.case("timestamp header changed: it is signed", opts, h, body, err("signature_mismatch"))
h = hdr(body); del h[SIG_H]
f.case("missing signature header", opts, h, body, err("missing_header"))
h = hdr(body); del h[TS_H]
f.case("missing timestamp header", opts, h, body, err("missing_header"))
f.case("signature not base64", opts, hdr(body, signature="not base64 !"), body, err("malformed_header"))

sig = der(body)
f.case("DER truncated (last byte dropped)", opts, hdr(body, signature=b64(sig[:-1])), body, err("malformed_header"))
f.case("DER with a trailing byte", opts, hdr(body, signature=b64(sig + b"\x00")), body, err("malformed_header"))
assert sig[1] < 0x80
long_form = sig[:1] + b"\x81" + sig[1:]
f.case("DER with a non-minimal length (0x81 long form)", opts, hdr(body, signature=b64(long_form)), body,
       err("malformed_header"))


def integer(n, pad=b""):
    b = pad + n.to_bytes((n.bit_length() + 8) // 8, "big")  # minimal, with a 00 when the high bit is set
    return b"\x02" + bytes([len(b)]) + b


def sequence(*parts):
    c = b"".join(parts)
    return b"\x30" + bytes([len(c)]) + c


assert sequence(integer(r), integer(s)) == sig
f.case("DER with an extra leading 00 on r", opts, hdr(body, signature=b64(sequence(integer(r, b"\x00"), integer(s)))),
       body, err("malformed_header"))
f.case("r = 0", opts, hdr(body, signature=b64(sequence(b"\x02\x01\x00", integer(s)))), body, err("malformed_header"))
f.case("stale: 301 s old", opts, hdr(body), body, err("timestamp_too_old"), now=TS + 301)
f.case("edge: exactly 300 s old", opts, hdr(body), body, good(), now=TS + 300)
f.case("future: 301 s ahead (symmetric)", opts, hdr(body), body, err("timestamp_in_future"), now=TS - 301)
f.case("rotation: the second configured public key", {**opts, "publicKey": [OTHER_KEY, KEY]}, hdr(body), body,
       good(key=1))
f.case("secret instead of publicKey: invalid_config", {"provider": "sendgrid", "secret": KEY}, hdr(body), body,
       err("invalid_config"))
f.case("publicKey not base64: invalid_config", {**opts, "publicKey": "not base64 !"}, hdr(body), body,
       err("invalid_config"))


def _p384():
    from cryptography.hazmat.primitives.asymmetric import ec
    return ec.SECP384R1()


def _ed25519_spki():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    return ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32))).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


f.case("publicKey a P-384 SubjectPublicKeyInfo: invalid_config", {**opts, "publicKey": b64(p256_spki(SCALAR, _p384()))},
       hdr(body), body, err("invalid_config"))
f.case("publicKey an Ed25519 SubjectPublicKeyInfo: invalid_config", {**opts, "publicKey": b64(_ed25519_spki())},
       hdr(body), body, err("invalid_config"))
# The last byte of y changed: the point (x, y') is not on the curve (checked below).
off = SPKI[:-1] + bytes([SPKI[-1] ^ 1])
p = 2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1
x, y = int.from_bytes(off[-64:-32], "big"), int.from_bytes(off[-32:], "big")
assert (y * y - (x ** 3 - 3 * x + 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B)) % p != 0
f.case("publicKey a point not on the curve: invalid_config", {**opts, "publicKey": b64(off)}, hdr(body), body,
       err("invalid_config"))
notjson = b"not json at all"
f.case("a body that is not JSON verifies (SendGrid's body is not read)", opts, hdr(notjson), notjson, good(b=notjson))
f.write("Python cryptography, ECDSA P-256 RFC 6979")
