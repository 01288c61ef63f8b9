#!/usr/bin/env python3
"""Zoom vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Zoom: v0=HMAC-SHA256 hex of v0:{ts}:{body} with the Secret Token; 300 s either side -----
SECRET = "wF4bL9x0QkqS1aZt3mPq7w"
OLD = "oldSecretToken5sX2d9Qm"


def v0(secret, ts, body):
    return "v0=" + mac(hashlib.sha256, secret.encode(), f"v0:{ts}:".encode() + body).hex()


# SCHEMES.md section 6 (self-derived): the template gives the listed values.
assert v0("hookguard_test_secret", 1700000000, b'{"id":"evt_123","type":"test.event"}') == \
    "v0=bfc063b3ef8c788fa1c496f8967f64860ae64de5138c92823eb33410621860d6"
assert mac(hashlib.sha256, b"hookguard_test_secret", b"qgg8vlvZRS6UYooatFL8Aw").hex() == \
    "97225c3f04f036a3db23fb86676e5f4529c22d1b3e437a55ecc10dd364340c56"

f = File("zoom")
opts = {"provider": "zoom", "secret": SECRET}


def hdr(body, ts=TS, secret=SECRET, sig=None):
    return {"x-zm-request-timestamp": str(ts), "x-zm-signature": sig or v0(secret, ts, body)}


body = (b'{"event":"meeting.started","event_ts":1780065000123,"payload":{"account_id":"AAAAAABBBB","object":'
        b'{"id":"1234567890","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting","type":2}}}')
zok = lambda key=0, ts=TS, event="meeting.started": ok(event, None, ts, key, None)
f.case("valid", opts, hdr(body), body, zok())
f.case("one body byte changed", opts, hdr(body), body.replace(b"My Meeting", b"My Meetinh"), err("signature_mismatch"))
f.case("wrong secret", opts, hdr(body, secret=OLD), body, err("signature_mismatch"))
f.case("missing signature header", opts, {"x-zm-request-timestamp": str(TS)}, body, err("missing_header"))
f.case("missing timestamp header", opts, {"x-zm-signature": v0(SECRET, TS, body)}, body, err("missing_header"))
f.case("no v0= prefix", opts, hdr(body, sig=v0(SECRET, TS, body)[3:]), body, err("malformed_header"))
f.case("short hex", opts, hdr(body, sig=v0(SECRET, TS, body)[:-2]), body, err("malformed_header"))
h = hdr(body); h["x-zm-request-timestamp"] = str(TS - 1)
f.case("timestamp changed: it is signed", opts, h, body, err("signature_mismatch"))
f.case("stale: 301 s old", opts, hdr(body), body, err("timestamp_too_old"), now=TS + 301)
f.case("edge: exactly 300 s old", opts, hdr(body), body, zok(), now=TS + 300)
f.case("future: 301 s ahead", opts, hdr(body), body, err("timestamp_in_future"), now=TS - 301)
f.case("edge: exactly 300 s ahead", opts, hdr(body), body, zok(), now=TS - 300)
f.case("toleranceSeconds 5100 (Zoom's retry window): 5100 s old passes", {**opts, "toleranceSeconds": 5100}, hdr(body), body,
       zok(), now=TS + 5100)
f.case("rotation: second configured secret", {**opts, "secret": [OLD, SECRET]}, hdr(body), body, zok(key=1))
nb = '{"event":"meeting.ended","payload":{"object":{"topic":"Réunion — 東京 🎉"}}}'.encode()
f.case("non-ASCII body", opts, hdr(nb), nb, zok(event="meeting.ended"))
uv = b'{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1780065000123,"event":"endpoint.url_validation"}'
f.case("endpoint.url_validation verifies as an ordinary (signed) event", opts, hdr(uv), uv, zok(event="endpoint.url_validation"))
f.case("dedupeByBodyHash: keyed on the body's SHA-256 (Zoom has no delivery id)", {**opts, "dedupeByBodyHash": True}, hdr(body), body,
       ok("meeting.started", None, TS, 0, "zoom:sha256:" + hashlib.sha256(body).hexdigest()))
noev = b'{"event_ts":1,"payload":{}}'
f.case("envelope without event: invalid_payload", opts, hdr(noev), noev, err("invalid_payload"))
numev = b'{"event":5,"payload":{}}'
f.case("event not a string: invalid_payload", opts, hdr(numev), numev, err("invalid_payload"))
form = b"event=meeting.started"
f.case("a form body: invalid_payload (Zoom sends JSON only)", opts, hdr(form), form, err("invalid_payload"))
# --- endpoint.url_validation (zoom/webhook-sample index.js): signed; answer JSON plainToken and
# --- encryptedToken = hex HMAC-SHA256(Secret Token, plainToken) -------------------------------
PT = "qgg8vlvZRS6UYooatFL8Aw"
enc = lambda secret: mac(hashlib.sha256, secret.encode(), PT.encode()).hex()
zanswer = lambda secret=SECRET: answer(json.dumps({"plainToken": PT, "encryptedToken": enc(secret)}, separators=(",", ":")),
                                       "application/json")
f.handshake("endpoint.url_validation: plainToken and its HMAC, JSON", opts, hdr(uv), uv, zanswer())
f.handshake("endpoint.url_validation, rotation: keyed with the secret that verified it", {**opts, "secret": [OLD, SECRET]},
            hdr(uv), uv, zanswer(SECRET))
f.handshake("endpoint.url_validation signed with the old secret: keyed with it", {**opts, "secret": [OLD, SECRET]},
            hdr(uv, secret=OLD), uv, zanswer(OLD))
f.handshake("endpoint.url_validation, wrong secret: signature_mismatch", opts, hdr(uv, secret=OLD), uv,
            err("signature_mismatch"))
f.handshake("endpoint.url_validation unsigned: missing_header", opts, {"x-zm-request-timestamp": str(TS)}, uv,
            err("missing_header"))
f.handshake("endpoint.url_validation 301 s ahead: timestamp_in_future", opts, hdr(uv), uv, err("timestamp_in_future"),
            now=TS - 301)
nopt = b'{"payload":{},"event":"endpoint.url_validation"}'
f.handshake("endpoint.url_validation without payload.plainToken: invalid_payload", opts, hdr(nopt), nopt,
            err("invalid_payload"))
f.handshake("meeting.started is no handshake", opts, hdr(body), body, NOT_A_HANDSHAKE)
f.write()
