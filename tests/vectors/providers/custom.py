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

# --- Configuration errors ---
f.case("config: a descriptor with an unknown unit", {"provider": "custom", "secret": "s",
       "scheme": {"name": "A", "header": "h", "timestamp": {"header": "t", "unit": "us"}}}, {"h": "00"}, b"{}", err("invalid_config"))
f.case("config: custom without a descriptor", {"provider": "custom", "secret": "s"}, {"h": "00"}, b"{}", err("invalid_config"))
f.case("config: toleranceSeconds without a timestamp", {"provider": "custom", "secret": "s", "toleranceSeconds": 60,
       "scheme": {"name": "A", "header": "h"}}, {"h": "00"}, b"{}", err("invalid_config"))
f.case("config: a template without {body}", {"provider": "custom", "secret": "s",
       "scheme": {"name": "A", "header": "h", "template": "{timestamp}", "timestamp": {"header": "t"}}}, {"h": "00"}, b"{}", err("invalid_config"))
f.write()
