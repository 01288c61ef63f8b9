#!/usr/bin/env python3
"""WorkOS vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- WorkOS: t=<ms>, v1=.. over {t}.{body} (t as sent), HMAC-SHA256 hex; 180 000 ms past-only ---
SECRET = "wk_secret_4bKp9Q2xZr7Lm3Nv8Ts1"
OLD = "wk_secret_old_0000000000000000"
TMS = TS * 1000 + 123


def v1(secret, t, body):
    return mac(hashlib.sha256, secret.encode(), f"{t}.".encode() + body).hex()


# SCHEMES.md section 6 (self-derived): t_ms = 1700000000000.
assert v1("hookguard_test_secret", 1700000000000, b'{"id":"evt_123","type":"test.event"}') == \
    "7b43122efb3b530477eefe5ae7f0434c95ee3e39a9202b0c24e9fc27e40d8685"

f = File("workos")
opts = {"provider": "workos", "secret": SECRET}
ID = "event_01HXJ9Z3QW8K2M4N6P8R0T2V4X"
body = ('{"id":"' + ID + '","event":"dsync.user.created","data":{"id":"directory_user_01FAEAJCR3ZBZ30D8BD1924TVG",'
        '"first_name":"Blair","last_name":"Lunchford"},"created_at":"2026-05-29T14:30:00.123Z"}').encode()
wok = lambda key=0, ts=TS, event="dsync.user.created", id=ID: ok(event, id, ts, key, f"workos:{id}")


def hdr(v):
    return {"WorkOS-Signature": v}


good = f"t={TMS}, v1={v1(SECRET, TMS, body)}"
f.case("valid (t in milliseconds, comma and space as WorkOS writes it)", opts, hdr(good), body, wok())
f.case("valid without the space", opts, hdr(good.replace(", ", ",")), body, wok())
f.case("one body byte changed", opts, hdr(good), body.replace(b"Blair", b"Blais"), err("signature_mismatch"))
f.case("wrong secret", opts, hdr(f"t={TMS}, v1={v1(OLD, TMS, body)}"), body, err("signature_mismatch"))
f.case("missing header", opts, {}, body, err("missing_header"))
f.case("no t= entry", opts, hdr(f"v1={v1(SECRET, TMS, body)}"), body, err("malformed_header"))
f.case("no v1= entry", opts, hdr(f"t={TMS}"), body, err("malformed_header"))
f.case("empty v1", opts, hdr(f"t={TMS}, v1="), body, err("malformed_header"))
f.case("short v1 (99999, as the SDK's test)", opts, hdr(f"t={TMS}, v1=99999"), body, err("malformed_header"))
f.case("signed as seconds: t is the raw millisecond string", opts, hdr(f"t={TMS}, v1={v1(SECRET, TS, body)}"), body,
       err("signature_mismatch"))
f.case("t changed by 1 ms: the raw t is signed", opts, hdr(f"t={TMS + 1}, v1={v1(SECRET, TMS, body)}"), body, err("signature_mismatch"))
f.case("stale: 181 s old", opts, hdr(good), body, err("timestamp_too_old"), now=TS + 181)
f.case("edge: exactly 180 s old (whole seconds)", opts, hdr(good), body, wok(), now=TS + 180)
f.case("future: 3600 s ahead passes (past-only, as workos-node)", opts, hdr(good), body, wok(), now=TS - 3600)
f.case("toleranceSeconds 600: 599 s old passes", {**opts, "toleranceSeconds": 600}, hdr(good), body, wok(), now=TS + 599)
f.case("rotation: second configured secret", {**opts, "secret": [OLD, SECRET]}, hdr(good), body, wok(key=1))
two = f"t={TMS}, v1={v1(OLD, TMS, body)}, v1={v1(SECRET, TMS, body)}"
f.case("only the second of two v1 signatures valid", opts, hdr(two), body, wok())
nb = ('{"id":"event_ü","event":"user.created","data":{"first_name":"Zoë","last_name":"Ünal — 東京"}}').encode()
f.case("non-ASCII body", opts, hdr(f"t={TMS}, v1={v1(SECRET, TMS, nb)}"), nb, wok(event="user.created", id="event_ü"))
noid = b'{"event":"user.created","data":{}}'
f.case("envelope without id: invalid_payload", opts, hdr(f"t={TMS}, v1={v1(SECRET, TMS, noid)}"), noid, err("invalid_payload"))
numev = b'{"id":"event_1","event":null}'
f.case("event not a string: invalid_payload", opts, hdr(f"t={TMS}, v1={v1(SECRET, TMS, numev)}"), numev, err("invalid_payload"))
f.write()
