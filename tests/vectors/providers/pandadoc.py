#!/usr/bin/env python3
"""PandaDoc vectors, from Python's hmac (hex HMAC-SHA256 of the body in ?signature=).
Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

f = File("pandadoc")
KEY = "f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6"
BASE = "https://example.com/webhook-handler/"
BODY = b'[{"event":"document_state_changed","data":{"id":"msFYActMfJHqNTKH8YSvF1","status":"document.completed"}}]'
opts = {"provider": "pandadoc", "secret": KEY}
sig = lambda body=BODY, key=KEY: mac(hashlib.sha256, key.encode(), body).hex()
url = lambda s=None, base=BASE: base + "?signature=" + (s if s is not None else sig())
good = lambda key=0: ok(None, None, None, key, None, True)
f.case("valid", opts, {}, BODY, good(), url=url())
f.case("valid, the signature after another parameter", opts, {}, BODY, good(),
       url=BASE + "?source=pd&signature=" + sig())
f.case("upper-case hex", opts, {}, BODY, good(), url=url(sig().upper()))
f.case("one body byte changed", opts, {}, BODY.replace(b"completed", b"completes"), err("signature_mismatch"), url=url())
f.case("wrong key", opts, {}, BODY, err("signature_mismatch"), url=url(sig(key="other")))
f.case("no signature parameter: missing_header", opts, {}, BODY, err("missing_header"), url=BASE)
f.case("two signature parameters: malformed_header", opts, {}, BODY, err("malformed_header"),
       url=url() + "&signature=" + sig())
f.case("signature not hex: malformed_header", opts, {}, BODY, err("malformed_header"), url=url("zz" * 32))
f.case("signature too short: malformed_header", opts, {}, BODY, err("malformed_header"), url=url(sig()[:-2]))
f.case("no url call option: invalid_config", opts, {}, BODY, err("invalid_config"))
f.case("rotation: second configured key", {**opts, "secret": ["old-key", KEY]}, {}, BODY, good(1), url=url())
f.case("rotation: a look-alike key (a prefix) first", {**opts, "secret": [KEY[:-1], KEY]}, {}, BODY, good(1), url=url())
nb = '[{"event":"recipient_completed","data":{"name":"Größe — 東京 ✓"}}]'.encode()
f.case("non-ASCII body", opts, {}, nb, good(), url=url(sig(nb)))
f.case("toleranceSeconds is refused: no timestamp", {**opts, "toleranceSeconds": 300}, {}, BODY, err("invalid_config"),
       url=url())
f.write()
