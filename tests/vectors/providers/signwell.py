#!/usr/bin/env python3
"""SignWell vectors, from Python's hmac (the docs' Python: hex HMAC-SHA256 of type@time keyed
with the webhook id). Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

f = File("signwell")
WID = "wh_5b1f3c2d-8e4a-4c6b-9d0e-1f2a3b4c5d6e"
opts = {"provider": "signwell", "secret": WID}
sig = lambda type_="document_completed", t=TS, key=WID: mac(hashlib.sha256, key.encode(),
                                                            (type_ + "@" + str(t)).encode()).hex()


def body(type_="document_completed", t=str(TS), s=None, name="Service Agreement"):
    s = s if s is not None else sig(type_, json.loads(t))
    return (f'{{"event":{{"type":"{type_}","time":{t},"hash":"{s}"}},'
            f'"data":{{"object":{{"id":"c3b5e3c1","name":"{name}"}}}}}}').encode()


good = lambda key=0, event="document_completed": ok(event, None, None, key, None, False)
assert sig("document_completed", 1700000000, "wh_abc") == "b6c3103c9e3bf2001f6a2d56b1540c268b380413e6c62ba909e829ae80efe98a"
f.case("valid (bodySigned false)", opts, {}, body(), good())
f.case("SCHEMES.md section 6 self-derived (key wh_abc)", {**opts, "secret": "wh_abc"}, {},
       body(t="1700000000", s="b6c3103c9e3bf2001f6a2d56b1540c268b380413e6c62ba909e829ae80efe98a"), good())
f.case("data is not signed: changing it still verifies", opts, {}, body(name="Other"), good())
f.case("the type is signed", opts, {}, body(s=sig("document_sent")), err("signature_mismatch"))
f.case("the time is signed", opts, {}, body(s=sig(t=TS + 1)), err("signature_mismatch"))
f.case("wrong webhook id", opts, {}, body(s=sig(key="wh_other")), err("signature_mismatch"))
f.case("rotation: second configured id", {**opts, "secret": ["wh_old", WID]}, {}, body(), good(1))
f.case("rotation: a look-alike id (a prefix) first", {**opts, "secret": [WID[:-1], WID]}, {}, body(), good(1))
f.case("non-ASCII data", opts, {}, body(name="Größe — 東京 ✓"), good())
f.case("upper-case hex hash", opts, {}, body(s=sig().upper()), good())
f.case("time as a string: its text is signed", opts, {}, body(t=json.dumps(str(TS)), s=sig()), good())
f.case("time is a fraction: invalid_payload", opts, {}, body(t="1.5", s=sig()), err("invalid_payload"))
f.case("no event.hash: invalid_payload", opts, {},
       f'{{"event":{{"type":"document_completed","time":{TS}}}}}'.encode(), err("invalid_payload"))
f.case("not JSON: invalid_payload", opts, {}, b"event=document_completed", err("invalid_payload"))
f.case("event is not an object: invalid_payload", opts, {}, b'{"event":"document_completed"}', err("invalid_payload"))
f.case("an event allow-list refuses others", {**opts, "events": ["document_sent"]}, {}, body(),
       err("event_not_allowed"))
f.case("toleranceSeconds is refused", {**opts, "toleranceSeconds": 300}, {}, body(), err("invalid_config"))
f.write()
