#!/usr/bin/env python3
"""Mailgun vectors, from Python's hmac (hex HMAC-SHA256 of signature.timestamp + signature.token).
Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

f = File("mailgun")
KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
TOKEN = "e0b5477167110d68991efc6b9f89f0a11066af27834600e123"
opts = {"provider": "mailgun", "secret": KEY}
sig = lambda ts=str(TS), token=TOKEN, key=KEY: mac(hashlib.sha256, key.encode(), (ts + token).encode()).hex()


def body(ts=json.dumps(str(TS)), token=TOKEN, s=None, event="delivered", extra=""):
    s = s if s is not None else sig(json.loads(ts) if ts.startswith('"') else ts, token)
    return (f'{{"signature":{{"token":"{token}","timestamp":{ts},"signature":"{s}"}},'
            f'"event-data":{{"event":"{event}","recipient":"alice@example.com"{extra}}}}}').encode()


good = lambda key=0, event="delivered", token=TOKEN: ok(event, token, None, key, f"mailgun:{token}", False)
f.case("valid (bodySigned false)", opts, {}, body(), good())
f.case("valid, timestamp as an integer", opts, {}, body(ts=str(TS)), good())
f.case("event-data is not signed: changing it still verifies", opts, {}, body(event="opened"), good(event="opened"))
f.case("the token is signed", opts, {}, body(s=sig(token="x" + TOKEN[1:])), err("signature_mismatch"))
f.case("the timestamp is signed", opts, {}, body(s=sig(ts=str(TS + 1))), err("signature_mismatch"))
f.case("wrong key", opts, {}, body(s=sig(key="key-other")), err("signature_mismatch"))
f.case("rotation: second configured key", {**opts, "secret": ["key-old", KEY]}, {}, body(), good(1))
f.case("rotation: a look-alike key (a prefix) first", {**opts, "secret": [KEY[:-1], KEY]}, {}, body(), good(1))
f.case("non-ASCII event data", opts, {}, body(extra=',"subject":"Größe — 東京 ✓"'), good())
nosig = f'{{"signature":{{"token":"{TOKEN}","timestamp":"{TS}"}},"event-data":{{"event":"delivered"}}}}'.encode()
f.case("no signature.signature: invalid_payload", opts, {}, nosig, err("invalid_payload"))
f.case("signature not hex: invalid_payload", opts, {}, body(s="zz" * 32), err("invalid_payload"))
f.case("signature.timestamp is an object: invalid_payload", opts, {}, body(ts='{"t":1}', s=sig()),
       err("invalid_payload"))
f.case("signature.timestamp is missing: invalid_payload", opts, {},
       f'{{"signature":{{"token":"{TOKEN}","signature":"{sig()}"}}}}'.encode(), err("invalid_payload"))
f.case("a legacy form body: invalid_payload", opts, {},
       f"timestamp={TS}&token={TOKEN}&signature={sig()}".encode(), err("invalid_payload"))
f.case("a duplicate signature key: invalid_payload", opts, {},
       body().replace(b'"signature":{', b'"signature":{"token":"x",', 1), err("invalid_payload"))
f.case("an event allow-list refuses others", {**opts, "events": ["failed"]}, {}, body(), err("event_not_allowed"))
f.case("an event allow-list admits its own", {**opts, "events": ["delivered"]}, {}, body(), good())
f.case("toleranceSeconds is refused: no timestamp applied", {**opts, "toleranceSeconds": 300}, {}, body(),
       err("invalid_config"))
f.case("the header option is refused", {**opts, "header": "x-mailgun"}, {}, body(), err("invalid_config"))
f.write()
