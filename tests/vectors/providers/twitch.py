#!/usr/bin/env python3
"""Twitch EventSub vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
import calendar
import time

from vectorlib import *  # noqa: F401,F403

# --- Twitch: sha256=<hex> HMAC-SHA256 of {message id}{timestamp}{body}, no separators; -------
# --- the timestamp is RFC 3339 with nanoseconds, 600 s past-only ----------------------------
SECRET = "s3cre7-twitch-eventsub-secret"
MSG = "e76c6bd4-55c9-4987-8304-da1588d8988b"
f = File("twitch")
opts = {"provider": "twitch", "secret": SECRET}
TSTR = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(TS)) + ".634234626Z"
assert calendar.timegm(time.strptime(TSTR[:19], "%Y-%m-%dT%H:%M:%S")) == TS
body = (b'{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled","type":"channel.follow",'
        b'"version":"2","cost":0,"condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},'
        b'"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},'
        b'"created_at":"2026-05-29T14:00:00.000000000Z"},"event":{"user_id":"1234","user_login":"cool_user",'
        b'"broadcaster_user_id":"1337","followed_at":"2026-05-29T14:29:59.17106713Z"}}')
tok = lambda key=0, event="channel.follow", id=MSG: ok(event, id, TS, key, f"twitch:{id}")


def sig(secret=SECRET, id=MSG, ts=TSTR, b=body):
    return "sha256=" + mac(hashlib.sha256, secret.encode(), id.encode() + ts.encode() + b).hex()


def thdr(signature=None, id=MSG, ts=TSTR, event="channel.follow"):
    h = {"Twitch-Eventsub-Message-Id": id, "Twitch-Eventsub-Message-Timestamp": ts,
         "Twitch-Eventsub-Message-Signature": signature if signature is not None else sig(id=id, ts=ts),
         "Twitch-Eventsub-Message-Type": "notification", "Twitch-Eventsub-Subscription-Type": event}
    return h


f.case("valid", opts, thdr(), body, tok())
f.case("one body byte changed", opts, thdr(), body.replace(b"cool_user", b"cool_usex"), err("signature_mismatch"))
f.case("wrong secret", opts, thdr(sig(secret="not the secret")), body, err("signature_mismatch"))
h = thdr(); del h["Twitch-Eventsub-Message-Signature"]
f.case("missing signature header", opts, h, body, err("missing_header"))
h = thdr(); del h["Twitch-Eventsub-Message-Id"]
f.case("missing message id", opts, h, body, err("missing_header"))
h = thdr(); del h["Twitch-Eventsub-Message-Timestamp"]
f.case("missing timestamp", opts, h, body, err("missing_header"))
f.case("id changed: the id is signed", opts, thdr(sig(), id="other-id"), body, err("signature_mismatch"))
later = TSTR.replace(".634234626Z", ".634234627Z")
f.case("timestamp changed by a nanosecond: signed as sent", opts, thdr(sig(), ts=later), body, err("signature_mismatch"))
f.case("separators in the signed content do not verify", opts,
       thdr("sha256=" + mac(hashlib.sha256, SECRET.encode(), f"{MSG}.{TSTR}.".encode() + body).hex()), body, err("signature_mismatch"))
f.case("wrong prefix", opts, thdr(sig().replace("sha256=", "sha1=")), body, err("malformed_header"))
f.case("non-hex signature", opts, thdr("sha256=" + "zz" * 32), body, err("malformed_header"))
f.case("timestamp as unix seconds: malformed", opts, thdr(ts=str(TS)), body, err("malformed_header"))
f.case("timestamp with a space for T: malformed", opts, thdr(ts=TSTR.replace("T", " ")), body, err("malformed_header"))
f.case("stale: 601 s old", opts, thdr(), body, err("timestamp_too_old"), now=TS + 601)
f.case("edge: 600 s old (the fraction rounds down)", opts, thdr(), body, tok(), now=TS + 600)
f.case("future: a day ahead passes (past-only)", opts, thdr(), body, tok(), now=TS - 86400)
f.case("toleranceSeconds 60: 61 s old", {**opts, "toleranceSeconds": 60}, thdr(), body, err("timestamp_too_old"), now=TS + 61)
f.case("rotation: second configured secret", {**opts, "secret": ["old twitch secret", SECRET]}, thdr(), body, tok(key=1))
nb = '{"subscription":{"type":"channel.follow"},"event":{"user_name":"Zoë_Ünal_東京"}}'.encode()
f.case("non-ASCII body", opts, thdr(sig(b=nb)), nb, tok())
f.case("the event is the subscription-type header", opts, thdr(event="stream.online"), body, tok(event="stream.online"))
# SCHEMES.md section 6 (self-derived, not official): a consistency check of the template.
S6_BODY, S6_ID, S6_TS = b'{"id":"evt_123","type":"test.event"}', "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "2023-07-19T14:56:51.634234626Z"
S6 = "sha256=c3d83659aeb3dd4dda59d698bff82aaafbb143489b9bec56f66d78651a794474"
assert S6 == sig("hookguard_test_secret", S6_ID, S6_TS, S6_BODY)
S6_NOW = calendar.timegm(time.strptime(S6_TS[:19], "%Y-%m-%dT%H:%M:%S"))
f.case("SCHEMES.md section 6 self-derived vector", {"provider": "twitch", "secret": "hookguard_test_secret"},
       {"Twitch-Eventsub-Message-Id": S6_ID, "Twitch-Eventsub-Message-Timestamp": S6_TS, "Twitch-Eventsub-Message-Signature": S6},
       S6_BODY, ok(None, S6_ID, S6_NOW, 0, f"twitch:{S6_ID}"), now=S6_NOW + 1)
# --- webhook_callback_verification (dev.twitch.tv/docs/eventsub/handling-webhook-events):
# --- signed; answer the raw challenge, text/plain, 200 ------------------------------------------
CHAL = "pogchamp-kappa-360noscope-vohiyo"
vbody = (b'{"challenge":"' + CHAL.encode() + b'","subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4",'
         b'"status":"webhook_callback_verification_pending","type":"channel.follow","version":"2","cost":0,'
         b'"condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},'
         b'"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},'
         b'"created_at":"2026-05-29T14:00:00.000000000Z"}}')


def vhdr(secret=SECRET, kind="webhook_callback_verification"):
    h = thdr(signature=sig(secret=secret, b=vbody))
    h["Twitch-Eventsub-Message-Type"] = kind
    return h


f.handshake("webhook_callback_verification: the raw challenge, text/plain", opts, vhdr(), vbody, answer(CHAL))
f.handshake("webhook_callback_verification, wrong secret: signature_mismatch", opts, vhdr(secret="another-secret-000"),
            vbody, err("signature_mismatch"))
h = vhdr(); del h["Twitch-Eventsub-Message-Signature"]
f.handshake("webhook_callback_verification unsigned: missing_header", opts, h, vbody, err("missing_header"))
f.handshake("webhook_callback_verification 601 s old: timestamp_too_old", opts, vhdr(), vbody, err("timestamp_too_old"),
            now=TS + 601)
f.handshake("a notification is no handshake", opts, thdr(), body, NOT_A_HANDSHAKE)
f.handshake("a revocation is no handshake (delivered; a 2xx is all it needs)", opts, vhdr(kind="revocation"), vbody,
            NOT_A_HANDSHAKE)
h = thdr(); h["Twitch-Eventsub-Message-Type"] = "webhook_callback_verification"
f.handshake("verification without a challenge (a notification's body): invalid_payload", opts, h, body,
            err("invalid_payload"))
f.write()
