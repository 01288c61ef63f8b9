#!/usr/bin/env python3
"""Slack vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from urllib.parse import quote_plus

from vectorlib import *  # noqa: F401,F403

# --- Slack: v0=HMAC-SHA256 hex of v0:{ts}:{body}; 300 s either side; JSON events or forms -----
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
OLD = "e1b2c3d4e5f60718293a4b5c6d7e8f90"


def v0(secret, ts, body):
    return "v0=" + mac(hashlib.sha256, secret.encode(), f"v0:{ts}:".encode() + body).hex()


# SCHEMES.md section 6 (self-derived): the same template gives the listed value.
assert v0("hookguard_test_secret", 1700000000, b'{"id":"evt_123","type":"test.event"}') == \
    "v0=bfc063b3ef8c788fa1c496f8967f64860ae64de5138c92823eb33410621860d6"

f = File("slack")
opts = {"provider": "slack", "secret": SECRET}


def hdr(body, ts=TS, secret=SECRET, sig=None):
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": sig or v0(secret, ts, body)}


EV = "Ev0PV52K25"
event = ('{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T0001","api_app_id":"A0001","event":{"type":"app_mention",'
         '"user":"U061F7AUR","text":"<@U0LAN0Z89> is it everything a river should be?","ts":"1515449522.000016",'
         '"channel":"C0LAN2Q65","event_ts":"1515449522000016"},"type":"event_callback","event_id":"' + EV + '",'
         '"event_time":1515449522}').encode()
eok = lambda key=0, ts=TS: ok("event_callback", EV, ts, key, f"slack:{EV}")


def form_ok(body, ts=TS):
    return ok(None, None, ts, 0, "slack:sha256:" + hashlib.sha256(body).hexdigest())


f.case("valid Events API event", opts, hdr(event), event, eok())
f.case("one body byte changed", opts, hdr(event), event.replace(b"river", b"rivet"), err("signature_mismatch"))
f.case("wrong secret", opts, hdr(event, secret=OLD), event, err("signature_mismatch"))
f.case("missing signature header", opts, {"X-Slack-Request-Timestamp": str(TS)}, event, err("missing_header"))
f.case("missing timestamp header", opts, {"X-Slack-Signature": v0(SECRET, TS, event)}, event, err("missing_header"))
f.case("no v0= prefix", opts, hdr(event, sig=v0(SECRET, TS, event)[3:]), event, err("malformed_header"))
f.case("a v1= prefix", opts, hdr(event, sig="v1=" + v0(SECRET, TS, event)[3:]), event, err("malformed_header"))
f.case("non-hex signature", opts, hdr(event, sig="v0=" + "zz" * 32), event, err("malformed_header"))
f.case("non-integer timestamp", opts, {"X-Slack-Request-Timestamp": f"{TS}.5", "X-Slack-Signature": v0(SECRET, f"{TS}.5", event)},
       event, err("malformed_header"))
h = hdr(event); h["X-Slack-Request-Timestamp"] = str(TS + 1)
f.case("timestamp changed: it is signed", opts, h, event, err("signature_mismatch"), now=TS + 1)
f.case("stale: 301 s old", opts, hdr(event), event, err("timestamp_too_old"), now=TS + 301)
f.case("edge: exactly 300 s old", opts, hdr(event), event, eok(), now=TS + 300)
f.case("future: 301 s ahead (symmetric, as the SDK's abs())", opts, hdr(event), event, err("timestamp_in_future"), now=TS - 301)
f.case("edge: exactly 300 s ahead", opts, hdr(event), event, eok(), now=TS - 300)
f.case("toleranceSeconds 600: 599 s old passes", {**opts, "toleranceSeconds": 600}, hdr(event), event, eok(), now=TS + 599)
f.case("rotation: second configured secret", {**opts, "secret": [OLD, SECRET]}, hdr(event), event, eok(key=1))
nb = '{"type":"event_callback","event_id":"Ev0ü","event":{"type":"message","text":"Zoë Ünal — 東京 🎉"}}'.encode()
f.case("non-ASCII body", opts, hdr(nb), nb, ok("event_callback", "Ev0ü", TS, 0, "slack:Ev0ü"))
uv = b'{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}'
f.case("url_verification verifies as an ordinary event (no event_id: no dedupe)", opts, hdr(uv), uv,
       ok("url_verification", None, TS, 0, None))
f.case("events allow-list without url_verification refuses it", {**opts, "events": ["event_callback"]}, hdr(uv), uv,
       err("event_not_allowed"))
notype = b'{"event_id":"Ev1","event":{"type":"message"}}'
f.case("JSON without type: invalid_payload", opts, hdr(notype), notype, err("invalid_payload"))
numid = b'{"type":"event_callback","event_id":7}'
f.case("event_id not a string: invalid_payload", opts, hdr(numid), numid, err("invalid_payload"))
broken = b'{"type":"event_callback",'
f.case("a body starting with { is JSON: broken JSON is invalid_payload", opts, hdr(broken), broken, err("invalid_payload"))
dup = b'{"type":"event_callback","event_id":"Ev1","event_id":"Ev2"}'
f.case("duplicate event_id: invalid_payload", opts, hdr(dup), dup, err("invalid_payload"))

# Slash commands: a form body, signed the same way (the docs' own example is in published.json).
cmd = ("token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&channel_id=C2147483705&channel_name=test"
       "&user_id=U2147483697&user_name=Steve&command=%2Fweather&text=94070&response_url="
       + quote_plus("https://hooks.slack.com/commands/1234/5678") + "&trigger_id=13345224609.738474920.8088930838d88f008e0").encode()
f.case("slash command (form body): verifies, no event or id, body-hash dedupe", opts, hdr(cmd), cmd, form_ok(cmd))
f.case("slash command: one byte changed", opts, hdr(cmd), cmd.replace(b"94070", b"94071"), err("signature_mismatch"))
f.case("slash command with an events allow-list: no event, refused", {**opts, "events": ["event_callback"]}, hdr(cmd), cmd,
       err("event_not_allowed"))
inter = ("payload=" + quote_plus('{"type":"block_actions","user":{"id":"U0CA5"},"trigger_id":"12466734323.1395872398",'
                                '"actions":[{"action_id":"approve","value":"ok ✓"}]}')).encode()
f.case("interactivity (JSON in a payload form field): verifies as a form", opts, hdr(inter), inter, form_ok(inter))
for name, body in [("a % without two hex digits", b"token=x&text=100%"),
                   ("a bad escape %zz", b"token=x&text=%zz"),
                   ("invalid UTF-8 (escaped)", b"token=x&text=%C3%28"),
                   ("invalid UTF-8 (raw)", b"token=x&text=\xff"),
                   ("a field named twice", b"token=x&text=a&text=b")]:
    f.case(f"form with {name}: MAC passes, then invalid_payload", opts, hdr(body), body, err("invalid_payload"))
f.case("dedupeByBodyHash: invalid_config (Slack events carry event_id; forms dedupe on the body anyway)",
       {**opts, "dedupeByBodyHash": True}, hdr(event), event, err("invalid_config"))
# --- url_verification (api.slack.com/events/url_verification): signed; answer the challenge in
# --- plain text, 200 ----------------------------------------------------------------------------
CH = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
uv = ('{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"' + CH + '","type":"url_verification"}').encode()
f.handshake("url_verification: the challenge, text/plain", opts, hdr(uv), uv, answer(CH))
f.handshake("url_verification with an events allow-list: still answered", {**opts, "events": ["event_callback"]},
            hdr(uv), uv, answer(CH))
f.handshake("url_verification, wrong secret: signature_mismatch", opts, hdr(uv, secret=OLD), uv,
            err("signature_mismatch"))
f.handshake("url_verification unsigned: missing_header", opts, {"Content-Type": "application/json"}, uv,
            err("missing_header"))
f.handshake("url_verification 301 s old: timestamp_too_old", opts, hdr(uv), uv, err("timestamp_too_old"), now=TS + 301)
f.handshake("url_verification, rotation: second secret", {**opts, "secret": [OLD, SECRET]}, hdr(uv), uv, answer(CH))
uni = '{"type":"url_verification","challenge":"chällenge \\u6771 \\ud83c\\udf89"}'.encode()
f.handshake("url_verification: the challenge as JSON decodes it", opts, hdr(uni), uni,
            answer(json.loads(uni)["challenge"]))
bare = b'{"type":"url_verification","token":"x"}'
f.handshake("url_verification without a challenge: invalid_payload", opts, hdr(bare), bare, err("invalid_payload"))
num = b'{"type":"url_verification","challenge":5}'
f.handshake("url_verification, challenge not a string: invalid_payload", opts, hdr(num), num, err("invalid_payload"))
f.handshake("an event_callback is no handshake", opts, hdr(event), event, NOT_A_HANDSHAKE)
cmd = b"command=%2Fweather&text=94070"
f.handshake("a slash command form is no handshake", opts, hdr(cmd), cmd, NOT_A_HANDSHAKE)
f.handshake("a GET is no handshake", opts, hdr(uv), uv, NOT_A_HANDSHAKE, method="GET")
f.write()
