#!/usr/bin/env python3
"""Calendly vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Calendly: t=..,v1=.. over {t}.{body}, HMAC-SHA256 hex; 180 s either side (hookguard's) ---
SECRET = "cAlEnDlY_signing_key_3f9a1c7e5b2d8f40"
OLD = "cAlEnDlY_old_signing_key_0000000000"


def v1(secret, ts, body):
    return mac(hashlib.sha256, secret.encode(), f"{ts}.".encode() + body).hex()


# SCHEMES.md section 6 (self-derived).
assert v1("hookguard_test_secret", 1700000000, b'{"id":"evt_123","type":"test.event"}') == \
    "693d4226d556d949a71fbf909c652fcf4b8f616847c4b5529bce9aa91b1b12ea"

f = File("calendly")
opts = {"provider": "calendly", "secret": SECRET}
body = (b'{"created_at":"2026-05-29T14:30:00.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA",'
        b'"event":"invitee.created","payload":{"email":"test@example.com","name":"John Doe","status":"active"}}')
cok = lambda key=0, ts=TS, event="invitee.created": ok(event, None, ts, key, None)


def hdr(v):
    return {"Calendly-Webhook-Signature": v}


good = f"t={TS},v1={v1(SECRET, TS, body)}"
f.case("valid", opts, hdr(good), body, cok())
f.case("one body byte changed", opts, hdr(good), body.replace(b"John", b"Joho"), err("signature_mismatch"))
f.case("wrong secret", opts, hdr(f"t={TS},v1={v1(OLD, TS, body)}"), body, err("signature_mismatch"))
f.case("missing header", opts, {}, body, err("missing_header"))
f.case("no t= entry", opts, hdr(f"v1={v1(SECRET, TS, body)}"), body, err("malformed_header"))
f.case("no v1= entry", opts, hdr(f"t={TS},v0={v1(SECRET, TS, body)}"), body, err("malformed_header"))
f.case("non-hex v1", opts, hdr(f"t={TS},v1=" + "g" * 64), body, err("malformed_header"))
f.case("t changed: the timestamp is signed", opts, hdr(f"t={TS + 1},v1={v1(SECRET, TS, body)}"), body, err("signature_mismatch"))
f.case("stale: 181 s old", opts, hdr(good), body, err("timestamp_too_old"), now=TS + 181)
f.case("edge: exactly 180 s old", opts, hdr(good), body, cok(), now=TS + 180)
f.case("future: 181 s ahead (symmetric: the safe choice)", opts, hdr(good), body, err("timestamp_in_future"), now=TS - 181)
f.case("edge: exactly 180 s ahead", opts, hdr(good), body, cok(), now=TS - 180)
f.case("toleranceSeconds 600: 599 s old passes", {**opts, "toleranceSeconds": 600}, hdr(good), body, cok(), now=TS + 599)
f.case("rotation: second configured secret", {**opts, "secret": [OLD, SECRET]}, hdr(good), body, cok(key=1))
two = f"t={TS},v1={v1(OLD, TS, body)},v1={v1(SECRET, TS, body)}"
f.case("only the second of two v1 signatures valid", opts, hdr(two), body, cok())
nb = '{"event":"invitee.canceled","payload":{"name":"Zoë Ünal — 東京","cancellation":{"reason":"Désolé"}}}'.encode()
f.case("non-ASCII body", opts, hdr(f"t={TS},v1={v1(SECRET, TS, nb)}"), nb, cok(event="invitee.canceled"))
f.case("dedupeByBodyHash: keyed on the body's SHA-256 (no delivery id)", {**opts, "dedupeByBodyHash": True}, hdr(good), body,
       ok("invitee.created", None, TS, 0, "calendly:sha256:" + hashlib.sha256(body).hexdigest()))
noev = b'{"created_at":"2026-05-29T14:30:00.000000Z","payload":{}}'
f.case("envelope without event: invalid_payload", opts, hdr(f"t={TS},v1={v1(SECRET, TS, noev)}"), noev, err("invalid_payload"))
f.write()
