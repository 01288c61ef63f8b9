#!/usr/bin/env python3
"""Discord vectors (interactions and webhook events), from the `cryptography` package's Ed25519.
Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Discord: Ed25519 over {x-signature-timestamp}{body}; hex signature; the application's public
# --- key in hex; 300 s either side; the body is a JSON object ----------------------------------
SEED = bytes(range(0x40, 0x60))                        # the application's key pair (fixed seed)
OTHER_SEED = hashlib.sha256(b"discord: another application").digest()
PK = ed25519_public(SEED).hex()
OTHER_PK = ed25519_public(OTHER_SEED).hex()
APP = "1257029838172139520"

f = File("discord")
opts = {"provider": "discord", "publicKey": PK}


def sig(body, ts=TS, seed=SEED):
    return ed25519_sign(seed, str(ts).encode() + body)


def hdr(body, ts=TS, seed=SEED, signature=None):
    return {"x-signature-ed25519": (signature if signature is not None else sig(body, ts, seed).hex()),
            "x-signature-timestamp": str(ts)}


def good(key=0, ts=TS, b=None):
    """A verified delivery: no event or id; replay protection keys on the signed bytes, the
    SHA-256 of the timestamp as sent followed by the body (discord:signed:<hex>)."""
    b = body if b is None else b
    return ok(None, None, ts, key, "discord:signed:" + hashlib.sha256(str(ts).encode() + b).hexdigest())

body = ('{"app_permissions":"442368","application_id":"' + APP + '","channel_id":"1257041281361526844",'
        '"data":{"id":"1257043076288520222","name":"ping","type":1},"guild_id":"1257041281361526841",'
        '"id":"1257044212342591571","locale":"en-US","token":"aW50ZXJhY3Rpb246MTI1NzA0NDIxMjM0MjU5MTU3MTpx",'
        '"type":2,"version":1}').encode()

f.case("valid (an APPLICATION_COMMAND interaction)", opts, hdr(body), body, good())
f.case("upper-case hex signature", opts, hdr(body, signature=sig(body).hex().upper()), body, good())
changed = body.replace(b'"name":"ping"', b'"name":"pinh"')
f.case("one body byte changed", opts, hdr(body), changed, err("signature_mismatch"))
f.case("signed by another application's key", opts, hdr(body, seed=OTHER_SEED), body, err("signature_mismatch"))
h = hdr(body); h["x-signature-timestamp"] = str(TS + 1)
f.case("timestamp header changed: it is signed", opts, h, body, err("signature_mismatch"))
h = hdr(body); del h["x-signature-ed25519"]
f.case("missing x-signature-ed25519", opts, h, body, err("missing_header"))
h = hdr(body); del h["x-signature-timestamp"]
f.case("missing x-signature-timestamp", opts, h, body, err("missing_header"))
good_hex = sig(body).hex()
f.case("signature not hex", opts, hdr(body, signature="zz" + good_hex[2:]), body, err("malformed_header"))
f.case("signature of 126 hex characters (63 bytes)", opts, hdr(body, signature=good_hex[:126]), body,
       err("malformed_header"))
f.case("signature of 130 hex characters (65 bytes)", opts, hdr(body, signature=good_hex + "00"), body,
       err("malformed_header"))
f.case("non-canonical signature (S + L, still 64 bytes): refused", opts,
       hdr(body, signature=ed25519_noncanonical(sig(body)).hex()), body, err("signature_mismatch"))
f.case("stale: 301 s old", opts, hdr(body), body, err("timestamp_too_old"), now=TS + 301)
f.case("edge: exactly 300 s old", opts, hdr(body), body, good(), now=TS + 300)
f.case("future: 301 s ahead (symmetric)", opts, hdr(body), body, err("timestamp_in_future"), now=TS - 301)
f.case("rotation: the second configured public key", {**opts, "publicKey": [OTHER_PK, PK]}, hdr(body), body, good(key=1))
f.case("secret instead of publicKey: invalid_config", {"provider": "discord", "secret": PK}, hdr(body), body,
       err("invalid_config"))
f.case("publicKey not hex: invalid_config", {**opts, "publicKey": "zz" + PK[2:]}, hdr(body), body, err("invalid_config"))
f.case("publicKey of 62 hex characters: invalid_config", {**opts, "publicKey": PK[:62]}, hdr(body), body,
       err("invalid_config"))

# Small-order public keys: a verifier that accepts them accepts forged signatures. For the
# identity (01 00..00), R = identity and S = 0 satisfy [S]B = R + [k]A for every message. For the
# order-8 point c717…037a, the same forgery holds when k = SHA-512(R || A || M) mod L is a
# multiple of 8: the body's nonce is the first that makes it so (found here, deterministically).
IDENTITY = "01" + "00" * 31
ORDER8 = "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"
FORGED = bytes.fromhex(IDENTITY) + bytes(32)
f.case("small-order public key (the identity), forged signature: invalid_config", {**opts, "publicKey": IDENTITY},
       hdr(body, signature=FORGED.hex()), body, err("invalid_config"))
for nonce in range(1000):
    forged_body = ('{"application_id":"' + APP + '","id":"' + str(nonce) + '","type":2,"version":1}').encode()
    k = int.from_bytes(hashlib.sha512(FORGED[:32] + bytes.fromhex(ORDER8) + str(TS).encode() + forged_body).digest(),
                       "little") % ED25519_L
    if k % 8 == 0:
        break
else:
    raise SystemExit("no nonce found")
f.case("small-order public key (order 8), forged signature: invalid_config", {**opts, "publicKey": ORDER8},
       hdr(forged_body, signature=FORGED.hex()), forged_body, err("invalid_config"))
# A point encoded non-canonically: y = p + 3 (p = 2^255 - 19) decodes to the point with y = 3,
# which is on the curve (x^2 = (y^2 - 1) / (d y^2 + 1) is a square) and of large order; only
# the canonical encoding of a key is accepted.
P25519 = 2**255 - 19
_d = (-121665 * pow(121666, -1, P25519)) % P25519
_x2 = (9 - 1) * pow(_d * 9 + 1, -1, P25519) % P25519
assert pow(_x2, (P25519 - 1) // 2, P25519) == 1, "y = 3 is on the curve"
NONCANONICAL = (P25519 + 3).to_bytes(32, "little").hex()
f.case("publicKey encoded non-canonically (y = p + 3): invalid_config", {**opts, "publicKey": NONCANONICAL},
       hdr(body), body, err("invalid_config"))
f.case("both secret and publicKey: invalid_config", {**opts, "secret": "a-shared-secret"}, hdr(body), body,
       err("invalid_config"))
nb = ('{"application_id":"' + APP + '","data":{"name":"grüße","options":[{"name":"text","value":"Zoë — 東京 🎉"}]},'
      '"id":"1257044212342591572","type":2,"version":1}').encode()
f.case("non-ASCII body", opts, hdr(nb), nb, good(b=nb))
notjson = b"type=1"
f.case("a body that is not JSON: signature passes, then invalid_payload", opts, hdr(notjson), notjson,
       err("invalid_payload"))
array = b'[{"type":1}]'
f.case("a JSON array, not an object: invalid_payload", opts, hdr(array), array, err("invalid_payload"))

# --- Handshakes: the interactions endpoint's PING (answer {"type":1}) and the webhook events
# --- endpoint's PING (answer 204, empty) --------------------------------------------------------
iping = ('{"application_id":"' + APP + '","id":"1257044212342591573","token":"aW50ZXJhY3Rpb246cGluZw",'
         '"type":1,"version":1}').encode()
wping = ('{"version":1,"application_id":"' + APP + '","type":0}').encode()
wevent = ('{"version":1,"application_id":"' + APP + '","type":1,"event":{"type":"APPLICATION_AUTHORIZED",'
          '"timestamp":"2026-05-29T14:30:00.000000+00:00","data":{"integration_type":0,'
          '"scopes":["applications.commands"],"user":{"id":"80351110224678912","username":"nelly"}}}}').encode()
f.case("webhook event (APPLICATION_AUTHORIZED)", opts, hdr(wevent), wevent, good(b=wevent))
f.handshake("interactions PING: answered {\"type\":1}", opts, hdr(iping), iping, answer('{"type":1}', "application/json"))
f.handshake("interactions PING, rotation: second public key", {**opts, "publicKey": [OTHER_PK, PK]}, hdr(iping), iping,
            answer('{"type":1}', "application/json"))
f.handshake("webhook events PING: 204, empty, no content-type", opts, hdr(wping), wping,
            {"ok": True, "response": response("", content_type=None, status=204)})
f.handshake("a webhook event is no handshake", opts, hdr(wevent), wevent, NOT_A_HANDSHAKE)
f.handshake("an APPLICATION_COMMAND interaction is no handshake", opts, hdr(body), body, NOT_A_HANDSHAKE)
f.handshake("interactions PING, another key's signature: signature_mismatch", opts, hdr(iping, seed=OTHER_SEED), iping,
            err("signature_mismatch"))
f.handshake("interactions PING 301 s old: timestamp_too_old", opts, hdr(iping), iping, err("timestamp_too_old"),
            now=TS + 301)
f.write("Python cryptography, Ed25519")
