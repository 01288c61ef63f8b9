#!/usr/bin/env python3
"""BoldSign vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- BoldSign: X-BoldSign-Signature: t=<unix>, s0=<hex>[, s1=<hex>] over {t}.{body}, ---------
# --- HMAC-SHA256 hex, the secret's UTF-8 bytes, 300 s either side ---------------------------
SECRET = "Bs7Q2xW9vLk3mN8pR4tY6uZ1aC5dE0fG"
OLD = "old-boldsign-secret-kept-while-rolling"
f = File("boldsign")
opts = {"provider": "boldsign", "secret": SECRET}
body = (b'{"event":{"id":"e4ca1621-bbc7-4c9a-9e81-81d107589690","created":1780065000,"eventType":"Completed",'
        b'"environment":"Test"},"data":{"object":"document","documentId":"8f59295d-0000-4000-8000-e6b4cd5a3b11","status":"Completed"}}')
bok = lambda key=0, ts=TS, event="Completed": ok(event, None, ts, key, None)


def s(secret, ts=TS, b=body):
    return mac(hashlib.sha256, secret.encode(), f"{ts}.".encode() + b).hex()


def bhdr(value, event="Completed"):
    return {"X-BoldSign-Signature": value, "X-BoldSign-Event": event}


good = f"t={TS}, s0={s(SECRET)}"
f.case("valid", opts, bhdr(good), body, bok())
f.case("valid without the space after the comma", opts, bhdr(good.replace(", ", ",")), body, bok())
f.case("one body byte changed", opts, bhdr(good), body.replace(b"Completed", b"Completee"), err("signature_mismatch"))
f.case("wrong secret", opts, bhdr(f"t={TS}, s0={s('nope')}"), body, err("signature_mismatch"))
f.case("missing header", opts, {"X-BoldSign-Event": "Completed"}, body, err("missing_header"))
f.case("no t= entry", opts, bhdr(f"s0={s(SECRET)}"), body, err("malformed_header"))
f.case("no s0= or s1= entry", opts, bhdr(f"t={TS}, v1={s(SECRET)}"), body, err("malformed_header"))
f.case("non-hex s0", opts, bhdr(f"t={TS}, s0=zz"), body, err("malformed_header"))
f.case("t changed: the timestamp is signed", opts, bhdr(f"t={TS + 1}, s0={s(SECRET)}"), body, err("signature_mismatch"))
f.case("rolled secret: s1 (old secret) matches our old secret",
       {**opts, "secret": OLD}, bhdr(f"t={TS}, s0={s(SECRET)}, s1={s(OLD)}"), body, bok())
f.case("rolled secret: only s1 valid for us, s0 from an unknown secret",
       opts, bhdr(f"t={TS}, s0={s('someone else')}, s1={s(SECRET)}"), body, bok())
f.case("rotation: second configured secret", {**opts, "secret": [OLD, SECRET]}, bhdr(good), body, bok(key=1))
f.case("stale: 301 s old", opts, bhdr(good), body, err("timestamp_too_old"), now=TS + 301)
f.case("edge: exactly 300 s old", opts, bhdr(good), body, bok(), now=TS + 300)
f.case("future: 301 s ahead (symmetric)", opts, bhdr(good), body, err("timestamp_in_future"), now=TS - 301)
f.case("edge: exactly 300 s ahead", opts, bhdr(good), body, bok(), now=TS - 300)
f.case("toleranceSeconds 900: 899 s old passes", {**opts, "toleranceSeconds": 900}, bhdr(good), body, bok(), now=TS + 899)
f.case("the event is the X-BoldSign-Event header", opts, bhdr(good, event="Verification"), body, bok(event="Verification"))
f.case("no event header: no event", opts, {"X-BoldSign-Signature": good}, body, ok(None, None, TS, 0, None))
nb = '{"event":{"eventType":"Signed"},"data":{"messageTitle":"Zoë Ünal — 東京"}}'.encode()
f.case("non-ASCII body", opts, bhdr(f"t={TS}, s0={s(SECRET, b=nb)}", event="Signed"), nb, bok(event="Signed"))
notjson = b"event=Completed"
f.case("not JSON: MAC passes, then invalid_payload", opts, bhdr(f"t={TS}, s0={s(SECRET, b=notjson)}"), notjson, err("invalid_payload"))
# SCHEMES.md section 6 (self-derived, not official): a consistency check of the template.
S6_BODY, S6_T = b'{"id":"evt_123","type":"test.event"}', 1700000000
S6 = "t=1700000000, s0=693d4226d556d949a71fbf909c652fcf4b8f616847c4b5529bce9aa91b1b12ea"
assert S6 == f"t={S6_T}, s0={s('hookguard_test_secret', ts=S6_T, b=S6_BODY)}"
f.case("SCHEMES.md section 6 self-derived vector", {"provider": "boldsign", "secret": "hookguard_test_secret"},
       {"X-BoldSign-Signature": S6}, S6_BODY, ok(None, None, S6_T, 0, None), now=S6_T)
# --- Verification (developers.boldsign.com/webhooks/setting-webhook): the Verify button's POST,
# --- event.eventType "Verification", must get HTTP 200 OK; verified like any event --------------
vb = (b'{"event":{"id":"7c872a5b-0000-4000-8000-92530a83a8b9","created":1780065000,"eventType":"Verification",'
      b'"clientId":"17c97f7a-0000-4000-8000-fef97b6544a7","environment":"Test"}}')
vsig = f"t={TS}, s0={s(SECRET, b=vb)}"
f.handshake("Verification: 200, empty", opts, bhdr(vsig, event="Verification"), vb, answer("", content_type=""))
f.handshake("Verification without the X-BoldSign-Event header: the signed eventType decides", opts,
            {"X-BoldSign-Signature": vsig}, vb, answer("", content_type=""))
f.handshake("Verification, wrong secret: signature_mismatch", opts, bhdr(f"t={TS}, s0={s('nope', b=vb)}", event="Verification"),
            vb, err("signature_mismatch"))
f.handshake("Verification unsigned: missing_header", opts, {"X-BoldSign-Event": "Verification"}, vb, err("missing_header"))
f.handshake("Verification 301 s old: timestamp_too_old", opts, bhdr(vsig, event="Verification"), vb,
            err("timestamp_too_old"), now=TS + 301)
f.handshake("a Completed event is no handshake", opts, bhdr(good), body, NOT_A_HANDSHAKE)
f.write()
