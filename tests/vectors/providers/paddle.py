#!/usr/bin/env python3
"""Paddle Billing vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Paddle: ts=..;h1=.. over {ts}:{body}, HMAC-SHA256 hex, 5 s past-only (paddle-node-sdk) ---
SECRET = "pdl_ntfset_01h8x9k2m3n4p5q6r7s8t9v0wx_Zb3f0E8nq6CpV2yT4uLrXaKm"
OLD = "pdl_ntfset_01h0aaaaaaaaaaaaaaaaaaaaaa_oldOldOldOldOldOldOldOld"


def h1(secret, ts, body):
    return mac(hashlib.sha256, secret.encode(), f"{ts}:".encode() + body).hex()


# SCHEMES.md section 6 (self-derived) and the SDK's published vector.
assert h1("hookguard_test_secret", 1700000000, b'{"id":"evt_123","type":"test.event"}') == \
    "98878629848abd171aa21a9653f5eedeeb31c7a5151caf9d6dc30b58d468f10f"
assert h1("VALID_SECRET", 1698796800, b'{"data": ["1", "2"]}') == \
    "a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"

f = File("paddle")
opts = {"provider": "paddle", "secret": SECRET}
EVT = "evt_01h848pezaj15tkt3dsa36xe59"
body = ('{"event_id":"' + EVT + '","event_type":"transaction.completed","occurred_at":"2026-05-29T14:30:00.194676Z",'
        '"notification_id":"ntf_01h848pf2kbkz7j9fd1554029j","data":{"id":"txn_01h04vsbhqc62t8hmd4z3b578c","status":"completed"}}').encode()
pok = lambda key=0, ts=TS, event="transaction.completed", id=EVT: ok(event, id, ts, key, f"paddle:{id}")


def hdr(v):
    return {"Paddle-Signature": v}


good = f"ts={TS};h1={h1(SECRET, TS, body)}"
f.case("valid", opts, hdr(good), body, pok())
f.case("one body byte changed", opts, hdr(good), body.replace(b"completed", b"completee", 1), err("signature_mismatch"))
f.case("wrong secret", opts, hdr(f"ts={TS};h1={h1(OLD, TS, body)}"), body, err("signature_mismatch"))
f.case("missing header", opts, {}, body, err("missing_header"))
f.case("no ts= entry", opts, hdr(f"h1={h1(SECRET, TS, body)}"), body, err("malformed_header"))
f.case("no h1= entry (only an h2)", opts, hdr(f"ts={TS};h2={h1(SECRET, TS, body)}"), body, err("malformed_header"))
f.case("comma instead of semicolon: no h1 entry", opts, hdr(good.replace(";", ",")), body, err("malformed_header"))
f.case("non-hex h1", opts, hdr(f"ts={TS};h1=invalid_signature"), body, err("malformed_header"))
f.case("ts changed: the timestamp is signed", opts, hdr(f"ts={TS - 1};h1={h1(SECRET, TS, body)}"), body, err("signature_mismatch"))
f.case("stale: 6 s old (the SDK's 5 s)", opts, hdr(good), body, err("timestamp_too_old"), now=TS + 6)
f.case("edge: exactly 5 s old", opts, hdr(good), body, pok(), now=TS + 5)
f.case("future: 3600 s ahead passes (past-only, as the SDK)", opts, hdr(good), body, pok(), now=TS - 3600)
f.case("toleranceSeconds 300: 300 s old passes", {**opts, "toleranceSeconds": 300}, hdr(good), body, pok(), now=TS + 300)
f.case("toleranceSeconds 300: 301 s old refused", {**opts, "toleranceSeconds": 300}, hdr(good), body, err("timestamp_too_old"),
       now=TS + 301)
f.case("rotation: second configured secret", {**opts, "secret": [OLD, SECRET]}, hdr(good), body, pok(key=1))
two = f"ts={TS};h1={h1(OLD, TS, body)};h1={h1(SECRET, TS, body)}"
f.case("only the second of two h1 signatures valid", opts, hdr(two), body, pok())
f.case("an unknown h2 entry is ignored", opts, hdr(good + ";h2=RANDOM_HASH"), body, pok())
f.case("two ts entries: malformed", opts, hdr(good + f";ts={TS}"), body, err("malformed_header"))
nb = '{"event_id":"evt_ü","event_type":"customer.created","data":{"name":"Zoë Ünal — 東京"}}'.encode()
f.case("non-ASCII body", opts, hdr(f"ts={TS};h1={h1(SECRET, TS, nb)}"), nb, pok(event="customer.created", id="evt_ü"))
noid = b'{"event_type":"transaction.completed","notification_id":"ntf_1","data":{}}'
f.case("envelope without event_id: invalid_payload", opts, hdr(f"ts={TS};h1={h1(SECRET, TS, noid)}"), noid, err("invalid_payload"))
numt = b'{"event_id":"evt_1","event_type":["transaction.completed"]}'
f.case("event_type not a string: invalid_payload", opts, hdr(f"ts={TS};h1={h1(SECRET, TS, numt)}"), numt, err("invalid_payload"))

# PaddleHQ/paddle-node-sdk src/__tests__/notifications/webhooks-validator.node.test.ts (system time
# 2023-11-01T00:00:00Z = ts). Its bodies have no event_id/event_type, so a paddle verifier's
# envelope check refuses them after the MAC and the timestamp passed.
SDK = "published: PaddleHQ/paddle-node-sdk src/__tests__/notifications/webhooks-validator.node.test.ts"
sdk = {"provider": "paddle", "secret": "VALID_SECRET"}
T0 = 1698796800
b1 = b'{"data": ["1", "2"]}'
f.case(f"{SDK} 'Valid signature' (MAC passes; no envelope fields)", sdk,
       hdr(f"ts={T0};h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"), b1, err("invalid_payload"), now=T0)
f.case(f"{SDK} 'Valid signature with multiple hashes' (MAC passes; no envelope fields)", sdk,
       hdr(f"ts={T0};h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;"
           "h1=28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261;h2=RANDOM_HASH"),
       b'{"data": "value"}', err("invalid_payload"), now=T0)
f.case(f"{SDK} 'Invalid secret'", {**sdk, "secret": "INVALID_VALID_SECRET"},
       hdr(f"ts={T0};h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"), b1, err("signature_mismatch"), now=T0)
f.case(f"{SDK} 'Invalid timestamp'", sdk,
       hdr("ts=9876;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"), b1, err("signature_mismatch"), now=T0)
f.case(f"{SDK} 'Invalid data - has more space'", sdk,
       hdr(f"ts={T0};h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"), b'{ "data": [ "1", "2" ]}',
       err("signature_mismatch"), now=T0)
f.case(f"{SDK} 'Will reject if current time is more than 5seconds'", sdk,
       hdr(f"ts={T0};h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"), b1, err("timestamp_too_old"), now=T0 + 6)
f.case(f"{SDK} 'Missing TS and H1'", sdk, hdr("invalid_header"), b1, err("malformed_header"), now=T0)
f.case(f"{SDK} 'Missing TS'", sdk, hdr("h1=invalid_header"), b1, err("malformed_header"), now=T0)
f.case(f"{SDK} 'Missing H1'", sdk, hdr("ts=1234;h2=invalid_header"), b1, err("malformed_header"), now=T0)
f.write()
