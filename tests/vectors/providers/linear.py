#!/usr/bin/env python3
"""Linear vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Linear: Linear-Signature = hex HMAC-SHA256 of the body; the body's webhookTimestamp ------
# --- (ms, covered by the MAC) within 60 s either side ----------------------------------------
SECRET = "lin_wh_8cC2d9F3e7A1b5K0m4N6p2Q8r3S9t1U"
DELIVERY = "234d1a4e-b617-4388-90fe-adc3633d6b72"
f = File("linear")
opts = {"provider": "linear", "secret": SECRET}


def body_at(ms, extra=b""):
    return (b'{"action":"create","type":"Issue","data":{"id":"2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9",'
            b'"title":"Checkout fails on Safari"},"url":"https://linear.app/acme/issue/ENG-72",'
            b'"createdAt":"2026-05-29T14:29:59.084Z","webhookTimestamp":' + str(ms).encode() + extra + b'}')


body = body_at(TS * 1000 + 250)
lok = lambda key=0, ts=TS, event="Issue": ok(event, DELIVERY, ts, key, f"linear:{DELIVERY}")


def lhdr(b=body, secret=SECRET, event="Issue"):
    return {"Linear-Signature": mac(hashlib.sha256, secret.encode(), b).hex(),
            "Linear-Delivery": DELIVERY, "Linear-Event": event}


f.case("valid", opts, lhdr(), body, lok())
f.case("one body byte changed", opts, lhdr(), body.replace(b"Safari", b"Safarj"), err("signature_mismatch"))
f.case("webhookTimestamp changed: it is signed with the body", opts, lhdr(), body_at(TS * 1000 + 251), err("signature_mismatch"))
f.case("wrong secret", opts, lhdr(secret="not it"), body, err("signature_mismatch"))
h = lhdr(); del h["Linear-Signature"]
f.case("missing signature header", opts, h, body, err("missing_header"))
h = lhdr(); del h["Linear-Delivery"]
f.case("missing Linear-Delivery", opts, h, body, err("missing_header"))
h = lhdr(); h["Linear-Signature"] = "sha256=" + h["Linear-Signature"]
f.case("a prefix is not Linear's", opts, h, body, err("malformed_header"))
f.case("stale: 61 s old", opts, lhdr(), body, err("timestamp_too_old"), now=TS + 61)
f.case("edge: 60 s old (in whole seconds)", opts, lhdr(), body, lok(), now=TS + 60)
f.case("future: 61 s ahead (symmetric)", opts, lhdr(), body, err("timestamp_in_future"), now=TS - 61)
f.case("edge: 60 s ahead", opts, lhdr(), body, lok(), now=TS - 60)
f.case("toleranceSeconds 600: 599 s old passes", {**opts, "toleranceSeconds": 600}, lhdr(), body, lok(), now=TS + 599)
f.case("rotation: second configured secret", {**opts, "secret": ["old linear secret", SECRET]}, lhdr(), body, lok(key=1))
nots = b'{"action":"create","type":"Issue","data":{}}'
f.case("no webhookTimestamp: invalid_payload (the SDK would skip the check)", opts, lhdr(nots), nots, err("invalid_payload"))
strts = b'{"type":"Issue","webhookTimestamp":"' + str(TS * 1000).encode() + b'"}'
f.case("webhookTimestamp as a string: invalid_payload", opts, lhdr(strts), strts, err("invalid_payload"))
frac = b'{"type":"Issue","webhookTimestamp":' + str(TS * 1000).encode() + b'.5}'
f.case("webhookTimestamp with a fraction: invalid_payload", opts, lhdr(frac), frac, err("invalid_payload"))
dup = body_at(TS * 1000, b',"webhookTimestamp":' + str(TS * 1000).encode())
f.case("webhookTimestamp twice: invalid_payload", opts, lhdr(dup), dup, err("invalid_payload"))
secs = body_at(TS)
f.case("webhookTimestamp in seconds is read as milliseconds: far too old", opts, lhdr(secs), secs, err("timestamp_too_old"))
nb = ('{"type":"Comment","data":{"body":"Zoë Ünal — 東京 ✓"},"webhookTimestamp":' + str(TS * 1000) + '}').encode()
f.case("non-ASCII body", opts, lhdr(nb, event="Comment"), nb, lok(event="Comment"))
f.case("the event is the Linear-Event header", opts, lhdr(event="Project"), body, lok(event="Project"))
f.write()
