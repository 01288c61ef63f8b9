#!/usr/bin/env python3
"""provider "custom" vectors, from Python's hmac: descriptors (docs/CUSTOM.md) that reproduce
real schemes, and the outcomes those schemes' rules give. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

f = File("custom")

# --- Stripe-like: t=..,v1=.. over {t}.{body}, hex HMAC-SHA256, secret as UTF-8, 300 s past-only ---
STRIPE = {"name": "Stripe-like", "header": "Stripe-Signature",
          "signatures": {"pairs": ",", "keys": ["v1"]}, "template": "{timestamp}.{body}",
          "timestamp": {"pair": "t", "window": "past-only"},
          "id": {"field": "id"}, "event": {"field": "type"}, "retries": True}
S1, S2 = "whsec_custom_stripe_like_secret", "whsec_custom_previous_secret"
opts = {"provider": "custom", "secret": S1, "scheme": STRIPE}
body = b'{"id":"evt_custom_1","object":"event","type":"invoice.paid","data":{"object":{}}}'
v1 = lambda secret, ts=TS, b=body: mac(hashlib.sha256, secret.encode(), f"{ts}.".encode() + b).hex()
sok = lambda key=0, ts=TS: ok("invoice.paid", "evt_custom_1", ts, key, "custom:evt_custom_1")
good = {"Stripe-Signature": f"t={TS},v1={v1(S1)}"}
f.case("stripe-like: valid", opts, good, body, sok())
f.case("stripe-like: one body byte changed", opts, good, body.replace(b"paid", b"paif"), err("signature_mismatch"))
f.case("stripe-like: wrong secret", opts, {"Stripe-Signature": f"t={TS},v1={v1(S2)}"}, body, err("signature_mismatch"))
f.case("stripe-like: missing header", opts, {}, body, err("missing_header"))
f.case("stripe-like: no t= pair", opts, {"Stripe-Signature": f"v1={v1(S1)}"}, body, err("malformed_header"))
f.case("stripe-like: t changed (signed)", opts, {"Stripe-Signature": f"t={TS + 1},v1={v1(S1)}"}, body, err("signature_mismatch"))
f.case("stripe-like: 301 s old", opts, good, body, err("timestamp_too_old"), now=TS + 301)
f.case("stripe-like: exactly 300 s old", opts, good, body, sok(), now=TS + 300)
f.case("stripe-like: an hour ahead passes (past-only)", opts, good, body, sok(), now=TS - 3600)
f.case("stripe-like: toleranceSeconds 600 overrides the descriptor's", {**opts, "toleranceSeconds": 600}, good, body, sok(), now=TS + 599)
f.case("stripe-like: rotation, second secret", {**opts, "secret": [S2, S1]}, good, body, sok(key=1))
f.case("stripe-like: only the second of two v1 valid", opts,
       {"Stripe-Signature": f"t={TS},v1={v1(S2)},v1={v1(S1)}"}, body, sok())
nid = b'{"object":"event","type":"invoice.paid"}'
f.case("stripe-like: envelope without the id field", opts, {"Stripe-Signature": f"t={TS},v1={v1(S1, b=nid)}"}, nid, err("invalid_payload"))

# --- Slack-like: v0=hex(HMAC-SHA256("v0:{ts}:{body}")), its own timestamp header, 300 s both ways ---
SLACK = {"name": "Slack-like", "header": "X-Slack-Signature", "prefix": "v0=",
         "template": "v0:{timestamp}:{body}", "timestamp": {"header": "X-Slack-Request-Timestamp"},
         "event": {"field": "type"}}
SS = "8f742231b10e8888abcd99yyyzzz85a5"
opts = {"provider": "custom", "secret": SS, "scheme": SLACK}
body = '{"type":"event_callback","text":"Grüße — 東京"}'.encode()
v0 = lambda ts=TS, b=body, secret=SS: "v0=" + mac(hashlib.sha256, secret.encode(), f"v0:{ts}:".encode() + b).hex()
hdr = lambda sig, ts=TS: {"X-Slack-Signature": sig, "X-Slack-Request-Timestamp": str(ts)}
lok = lambda ts=TS: ok("event_callback", None, ts, 0, None)
f.case("slack-like: valid (non-ASCII body)", opts, hdr(v0()), body, lok())
f.case("slack-like: wrong secret", opts, hdr(v0(secret="another")), body, err("signature_mismatch"))
f.case("slack-like: timestamp header missing", opts, {"X-Slack-Signature": v0()}, body, err("missing_header"))
f.case("slack-like: timestamp changed (signed)", opts, hdr(v0(), ts=TS + 1), body, err("signature_mismatch"))
f.case("slack-like: 301 s ahead", opts, hdr(v0()), body, err("timestamp_in_future"), now=TS - 301)
f.case("slack-like: 301 s old", opts, hdr(v0()), body, err("timestamp_too_old"), now=TS + 301)
f.case("slack-like: exactly 300 s ahead", opts, hdr(v0()), body, lok(), now=TS - 300)
f.case("slack-like: wrong prefix", opts, hdr("v1=" + v0()[3:]), body, err("malformed_header"))
f.case("slack-like: not hex", opts, hdr("v0=" + "zz" * 32), body, err("malformed_header"))

# --- Standard-Webhooks-like: v1,<b64> list over {id}.{ts}.{body}, whsec_ base64 key ---
SW = {"name": "SW-like", "header": "acme-signature", "encoding": "base64", "prefix": "v1,",
      "signatures": {"list": " "}, "template": "{id}.{timestamp}.{body}", "key": "whsec-base64",
      "timestamp": {"header": "acme-timestamp"}, "id": {"header": "acme-id"}, "event": {"field": "type"}}
WS = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
opts = {"provider": "custom", "secret": WS, "scheme": SW}
body = b'{"type":"user.created","data":{}}'
sw = lambda secret=WS, mid="msg_p5jXN8AQM9LWM0D4loKWxJek": "v1," + b64(mac(hashlib.sha256, whsec_key(secret), f"{mid}.{TS}.".encode() + body))
swh = lambda sig, mid="msg_p5jXN8AQM9LWM0D4loKWxJek": {"acme-id": mid, "acme-timestamp": str(TS), "acme-signature": sig}
swok = ok("user.created", "msg_p5jXN8AQM9LWM0D4loKWxJek", TS, 0, "custom:msg_p5jXN8AQM9LWM0D4loKWxJek")
f.case("sw-like: valid", opts, swh(sw()), body, swok)
f.case("sw-like: only the second of two signatures valid", opts, swh("v1," + b64(b"\0" * 32) + " " + sw()), body, swok)
f.case("sw-like: other versions are skipped", opts, swh("v2,abc " + sw()), body, swok)
f.case("sw-like: id header changed (signed)", opts, swh(sw(), mid="msg_other"), body, err("signature_mismatch"))
f.case("sw-like: id header missing", opts, {"acme-timestamp": str(TS), "acme-signature": sw()}, body, err("missing_header"))
f.case("sw-like: the secret's text as the key does not verify", opts,
       swh("v1," + b64(mac(hashlib.sha256, WS.encode(), f"msg_p5jXN8AQM9LWM0D4loKWxJek.{TS}.".encode() + body))), body, err("signature_mismatch"))

# --- HMAC-SHA512 base64 of a non-JSON body, unsigned millisecond timestamp, past-only 60 s ---
RAW = {"name": "Raw512", "header": "x-raw-mac", "algorithm": "hmac-sha512", "encoding": "base64",
       "timestamp": {"header": "x-raw-sent-ms", "unit": "ms", "toleranceSeconds": 60}, "bodyIsJson": False}
opts = {"provider": "custom", "secret": "raw-secret", "scheme": RAW}
body = b"a=1&b=2\xff"
r512 = b64(mac(hashlib.sha512, b"raw-secret", body))
ms = TS * 1000 + 999
rh = lambda ts=ms: {"x-raw-mac": r512, "x-raw-sent-ms": str(ts)}
f.case("raw512: valid, milliseconds judged in seconds (rounded down)", opts, rh(), body, ok(None, None, TS, 0, None))
f.case("raw512: the timestamp is not signed", opts, rh(ms + 1000), body, ok(None, None, TS + 1, 0, None))
f.case("raw512: 61 s old", opts, rh(), body, err("timestamp_too_old"), now=TS + 61)
f.case("raw512: exactly 60 s old", opts, rh(), body, ok(None, None, TS, 0, None), now=TS + 60)
f.case("raw512: seconds where milliseconds are expected are stale", opts, rh(TS), body, err("timestamp_too_old"))
f.case("raw512: a SHA-256 length MAC is malformed", opts,
       {"x-raw-mac": b64(mac(hashlib.sha256, b"raw-secret", body)), "x-raw-sent-ms": str(ms)}, body, err("malformed_header"))

# --- A static token in a header the descriptor names; the event from the body ---
TOKEN = {"name": "Tokenish", "auth": "token", "header": "X-Webhook-Token", "event": {"field": "event"}}
opts = {"provider": "custom", "secret": "tok_live_123", "scheme": TOKEN}
body = b'{"event":"order.created","data":{}}'
f.case("token: valid", opts, {"x-webhook-token": "tok_live_123"}, body, ok("order.created", None, None, 0, None))
f.case("token: the header option overrides the descriptor's", {**opts, "header": "x-other"}, {"x-other": "tok_live_123"}, body,
       ok("order.created", None, None, 0, None))
f.case("token: wrong token", opts, {"x-webhook-token": "tok_live_124"}, body, err("token_mismatch"))
f.case("token: missing header", opts, {}, body, err("missing_header"))
f.case("token: rotation, second token", {**opts, "secret": ["old", "tok_live_123"]}, {"x-webhook-token": "tok_live_123"}, body,
       ok("order.created", None, None, 1, None))

# --- DocuSign-like: base64 HMAC-SHA256 of the body in numbered headers, one per HMAC key ---
NUMBERED = {"name": "Numbered", "header": "X-Acme-Signature-", "encoding": "base64",
            "signatures": {"numbered": 3}, "event": {"field": "event"}}
K1, K2 = "numbered-key-one", "numbered-key-two"
opts = {"provider": "custom", "secret": K1, "scheme": NUMBERED}
body = '{"event":"envelope-completed","data":{"name":"Offre — été"}}'.encode()
nsig = lambda key, b=body: b64(mac(hashlib.sha256, key.encode(), b))
nok = lambda key=0: ok("envelope-completed", None, None, key, None)
f.case("numbered: valid in -1", opts, {"x-acme-signature-1": nsig(K1)}, body, nok())
f.case("numbered: only -3 valid (-1 and -2 from other keys)", opts,
       {"x-acme-signature-1": nsig(K2), "x-acme-signature-2": nsig("k3"), "x-acme-signature-3": nsig(K1)}, body, nok())
f.case("numbered: -4 is beyond the descriptor's 3 headers", opts, {"x-acme-signature-4": nsig(K1)}, body, err("missing_header"))
f.case("numbered: none sent", opts, {}, body, err("missing_header"))
f.case("numbered: every header from another key", opts,
       {"x-acme-signature-1": nsig(K2), "x-acme-signature-2": nsig("k3")}, body, err("signature_mismatch"))
f.case("numbered: rotation, second secret matches -2", {**opts, "secret": ["old", K1]},
       {"x-acme-signature-1": nsig(K2), "x-acme-signature-2": nsig(K1)}, body, nok(key=1))
f.case("numbered: one body byte changed", opts, {"x-acme-signature-1": nsig(K1)}, body.replace(b"completed", b"completes"),
       err("signature_mismatch"))
f.case("numbered: not base64", opts, {"x-acme-signature-1": "%%%"}, body, err("malformed_header"))

# --- Twitch-like: sha256= hex HMAC of {id}{timestamp}{body}, RFC 3339 timestamp header, 600 s past-only ---
RFC = {"name": "Rfc3339ish", "header": "X-Ev-Signature", "prefix": "sha256=", "template": "{id}{timestamp}{body}",
       "id": {"header": "X-Ev-Id"}, "event": {"header": "X-Ev-Type"},
       "timestamp": {"header": "X-Ev-Timestamp", "unit": "rfc3339", "window": "past-only", "toleranceSeconds": 600}}
RS = "rfc3339-secret"
opts = {"provider": "custom", "secret": RS, "scheme": RFC}
body = b'{"subscription":{"type":"channel.follow"},"event":{"user_name":"cool_user"}}'
TSTR = "2026-05-29T14:30:00.123456789Z"  # = TS + 0.123456789 s (TS is 2026-05-29T14:30:00Z)
assert TS == 1780065000
rhdr = lambda ts=TSTR, key=RS, mid="ev-1": {"X-Ev-Id": mid, "X-Ev-Timestamp": ts, "X-Ev-Type": "channel.follow",
                                           "X-Ev-Signature": "sha256=" + mac(hashlib.sha256, key.encode(), mid.encode() + ts.encode() + body).hex()}
rok = lambda key=0: ok("channel.follow", "ev-1", TS, key, "custom:ev-1")
f.case("rfc3339: valid (nanoseconds, rounded down to the second)", opts, rhdr(), body, rok())
f.case("rfc3339: an offset +02:00 is the same instant", opts, rhdr(ts="2026-05-29T16:30:00+02:00"), body, rok())
f.case("rfc3339: 601 s old", opts, rhdr(), body, err("timestamp_too_old"), now=TS + 601)
f.case("rfc3339: a day ahead passes (past-only)", opts, rhdr(), body, rok(), now=TS - 86400)
f.case("rfc3339: unix seconds are not RFC 3339", opts, rhdr(ts=str(TS)), body, err("malformed_header"))
f.case("rfc3339: the timestamp is signed as sent", opts,
       {**rhdr(), "X-Ev-Timestamp": "2026-05-29T14:30:00.12345679Z"}, body, err("signature_mismatch"))
f.case("rfc3339: February 30th is no date", opts, rhdr(ts="2026-02-30T14:30:00Z"), body, err("malformed_header"))

# --- Linear-like: hex HMAC-SHA256 of the body; the timestamp a millisecond number field of the body ---
FIELD = {"name": "Fieldish", "header": "X-Fd-Signature", "timestamp": {"field": "sentAt", "unit": "ms", "toleranceSeconds": 60},
         "event": {"field": "type"}}
FS = "field-secret"
opts = {"provider": "custom", "secret": FS, "scheme": FIELD}
fbody = lambda ms=TS * 1000 + 250: b'{"type":"Issue","sentAt":' + str(ms).encode() + b',"data":{}}'
fhdr = lambda b: {"X-Fd-Signature": mac(hashlib.sha256, FS.encode(), b).hex()}
fok = lambda ts=TS: ok("Issue", None, ts, 0, None)
f.case("field: valid", opts, fhdr(fbody()), fbody(), fok())
f.case("field: 61 s old", opts, fhdr(fbody()), fbody(), err("timestamp_too_old"), now=TS + 61)
f.case("field: 61 s ahead", opts, fhdr(fbody()), fbody(), err("timestamp_in_future"), now=TS - 61)
f.case("field: exactly 60 s old", opts, fhdr(fbody()), fbody(), fok(), now=TS + 60)
f.case("field: changed after signing (it is signed with the body)", opts, fhdr(fbody()), fbody(TS * 1000 + 251),
       err("signature_mismatch"))
nots = b'{"type":"Issue","data":{}}'
f.case("field: absent", opts, fhdr(nots), nots, err("invalid_payload"))
strts = b'{"type":"Issue","sentAt":"1780065000250"}'
f.case("field: a string, not a number", opts, fhdr(strts), strts, err("invalid_payload"))

# --- HTTP Basic credentials (user:password) in Authorization ---
BASIC = {"name": "Basicish", "auth": "basic", "event": {"field": "event"}, "id": {"field": "id"}}
CRED = "hooks:s3cr3t:with:colons"
opts = {"provider": "custom", "secret": CRED, "scheme": BASIC}
body = b'{"id":"evt_b1","event":"order.paid"}'
basic = lambda cred=CRED: {"Authorization": "Basic " + b64(cred.encode())}
bok = lambda key=0: ok("order.paid", "evt_b1", None, key, "custom:evt_b1")
f.case("basic: valid", opts, basic(), body, bok())
f.case("basic: the scheme name in any case", opts, {"Authorization": "basic " + b64(CRED.encode())}, body, bok())
f.case("basic: wrong password", opts, basic("hooks:s3cr3t:with:colon"), body, err("token_mismatch"))
f.case("basic: rotation, second credentials", {**opts, "secret": ["hooks:old", CRED]}, basic(), body, bok(key=1))
f.case("basic: missing Authorization", opts, {}, body, err("missing_header"))
f.case("basic: a Bearer token is not Basic", opts, {"Authorization": "Bearer " + b64(CRED.encode())}, body, err("malformed_header"))
f.case("basic: not base64", opts, {"Authorization": "Basic %%%"}, body, err("malformed_header"))
f.case("basic: no colon in the credentials", opts, {"Authorization": "Basic " + b64(b"hooks")}, body, err("malformed_header"))
f.case("config: basic credentials without a colon", {**opts, "secret": "hooks"}, basic(), body, err("invalid_config"))
f.case("config: numbered headers beyond the header slots", {"provider": "custom", "secret": "s",
       "scheme": {"name": "A", "header": "h", "signatures": {"numbered": 25}}}, {"h1": "00"}, b"{}", err("invalid_config"))

# --- Configuration errors ---
f.case("config: a descriptor with an unknown unit", {"provider": "custom", "secret": "s",
       "scheme": {"name": "A", "header": "h", "timestamp": {"header": "t", "unit": "us"}}}, {"h": "00"}, b"{}", err("invalid_config"))
f.case("config: custom without a descriptor", {"provider": "custom", "secret": "s"}, {"h": "00"}, b"{}", err("invalid_config"))
f.case("config: toleranceSeconds without a timestamp", {"provider": "custom", "secret": "s", "toleranceSeconds": 60,
       "scheme": {"name": "A", "header": "h"}}, {"h": "00"}, b"{}", err("invalid_config"))
f.case("config: a template without {body}", {"provider": "custom", "secret": "s",
       "scheme": {"name": "A", "header": "h", "template": "{timestamp}", "timestamp": {"header": "t"}}}, {"h": "00"}, b"{}", err("invalid_config"))
f.write()
