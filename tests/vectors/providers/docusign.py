#!/usr/bin/env python3
"""DocuSign Connect vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- DocuSign: X-DocuSign-Signature-1..N, base64 HMAC-SHA256 of the body, one per HMAC key; ---
# --- the key is the key string's UTF-8 bytes (it looks like base64: never decode it) ---------
KEY = "LcYvS0mrqkmw1dh/a2ArRlcdA2UYeFZzh5U3ajSV3qQ="
OLD = "nB8+0c3vYtq4PzJx1mW2s5Ee7Gh9Kk6LrUaDfVoIiQw="
f = File("docusign")
opts = {"provider": "docusign", "secret": KEY}
body = (b'{"event":"envelope-completed","apiVersion":"v2.1","uri":"/restapi/v2.1/accounts/'
        b'8f2d6a4e-93b1-4c7e-a2d5-0b6f1e3c9a71/envelopes/a3b9c6d2-7e1f-4a85-b0c4-d9e8f7a6b5c1",'
        b'"retryCount":0,"configurationId":10418889,"generatedDateTime":"2026-05-29T14:30:00.5860000Z",'
        b'"data":{"accountId":"8f2d6a4e-93b1-4c7e-a2d5-0b6f1e3c9a71","envelopeId":"a3b9c6d2-7e1f-4a85-b0c4-d9e8f7a6b5c1"}}')
dok = lambda key=0, event="envelope-completed": ok(event, None, None, key, None)


def sig(key, b=body):
    return b64(mac(hashlib.sha256, key.encode(), b))


def dhdr(*sigs, start=1):
    h = {"Content-Type": "application/json", "X-Authorization-Digest": "HMACSHA256"}
    for i, s in enumerate(sigs):
        h[f"X-DocuSign-Signature-{start + i}"] = s
    return h


f.case("valid", opts, dhdr(sig(KEY)), body, dok())
f.case("one body byte changed", opts, dhdr(sig(KEY)), body.replace(b"completed", b"completee"), err("signature_mismatch"))
f.case("wrong key", opts, dhdr(sig("not the key")), body, err("signature_mismatch"))
f.case("missing signature headers", opts, dhdr(), body, err("missing_header"))
f.case("malformed: not base64", opts, dhdr("not base64!"), body, err("malformed_header"))
f.case("malformed: hex instead of base64", opts, dhdr(mac(hashlib.sha256, KEY.encode(), body).hex()), body, err("malformed_header"))
f.case("two active keys: ours signs -2", opts, dhdr(sig(OLD), sig(KEY)), body, dok())
f.case("two active keys: ours signs -1", opts, dhdr(sig(KEY), sig(OLD)), body, dok())
f.case("rotation: the second configured key", {**opts, "secret": [OLD, KEY]}, dhdr(sig(KEY)), body, dok(key=1))
f.case("rotation: every header against every key", {**opts, "secret": ["third key", KEY]},
       dhdr(sig("a"), sig("b"), sig(KEY)), body, dok(key=1))
f.case("a gap in the numbering: only -3 present", opts, dhdr(sig(KEY), start=3), body, dok())
f.case("-24 is read", opts, dhdr(sig(KEY), start=24), body, dok())
f.case("-25 is not read", opts, dhdr(sig(KEY), start=25), body, err("missing_header"))
# Look-alike: the key base64-decoded (it ends in "=") does not verify.
decoded = b64(mac(hashlib.sha256, base64.b64decode(KEY), body))
f.case("look-alike: the key base64-decoded does not verify", opts, dhdr(decoded), body, err("signature_mismatch"))
nb = ('{"event":"recipient-completed","data":{"envelopeId":"e","recipient":"Zoë Ünal — 東京"}}').encode()
f.case("non-ASCII body", opts, dhdr(sig(KEY, nb)), nb, dok(event="recipient-completed"))
xml = b'<?xml version="1.0" encoding="utf-8"?><DocuSignEnvelopeInformation><EnvelopeStatus><Status>Completed</Status></EnvelopeStatus></DocuSignEnvelopeInformation>'
f.case("legacy XML body: MAC passes, then invalid_payload (JSON SIM only)", opts, dhdr(sig(KEY, xml)), xml, err("invalid_payload"))
noev = b'{"apiVersion":"v2.1","data":{}}'
f.case("envelope without event: invalid_payload", opts, dhdr(sig(KEY, noev)), noev, err("invalid_payload"))
numev = b'{"event":7,"data":{}}'
f.case("event not a string: invalid_payload", opts, dhdr(sig(KEY, numev)), numev, err("invalid_payload"))
f.case("toleranceSeconds: DocuSign signs no timestamp", {**opts, "toleranceSeconds": 300}, dhdr(sig(KEY)), body, err("invalid_config"))
# SCHEMES.md section 6 (self-derived, not official): the MAC matches (so the failure is the
# envelope's: that body has no "event"), a consistency check of the base64 template.
S6_BODY = b'{"id":"evt_123","type":"test.event"}'
S6 = "F4tYcDJiAZzkEIYu7FAqs14qhzKVZLiAouzGXLSDVXA="
assert S6 == sig("hookguard_test_secret", S6_BODY)
f.case("SCHEMES.md section 6 self-derived vector: MAC passes, then no event", {"provider": "docusign", "secret": "hookguard_test_secret"},
       dhdr(S6), S6_BODY, err("invalid_payload"))
f.write()
