#!/usr/bin/env python3
"""Intercom vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Intercom: X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>; body id and topic ------------
SECRET = "intercom_client_secret_3e1f"
NID = "notif_78c122d0-23ba-11e4-9464-79b01267cc2e"
f = File("intercom")
opts = {"provider": "intercom", "secret": SECRET}
body = (b'{"type":"notification_event","id":"notif_78c122d0-23ba-11e4-9464-79b01267cc2e","topic":"user.created",'
        b'"app_id":"a86dr8yl","data":{"type":"notification_event_data","item":{"type":"user","id":"530370b477ad7120001d"}}}')
good = lambda key=0, topic="user.created", nid=NID: ok(topic, nid, None, key, f"intercom:{nid}")


def hdr(body=body, secret=SECRET):
    return {"User-Agent": "intercom-parrot-service-client/1.0", "Content-Type": "application/json",
            "X-Hub-Signature": body_sig(hashlib.sha1, secret, body, prefix="sha1=")}


common_cases(f, opts, hdr, body, good, "X-Hub-Signature")
h = {"X-Hub-Signature": body_sig(hashlib.sha256, SECRET, body, prefix="sha256=")}
f.case("a sha256= signature is not Intercom's: malformed_header", opts, h, body, err("malformed_header"))
h = {"X-Hub-Signature": body_sig(hashlib.sha256, SECRET, body, prefix="sha1=")}
f.case("a SHA-256 MAC under sha1= (wrong length): malformed_header", opts, h, body, err("malformed_header"))
h = {"X-Hub-Signature-256": body_sig(hashlib.sha256, SECRET, body, prefix="sha256=")}
f.case("only GitHub's -256 header: missing_header", opts, h, body, err("missing_header"))
bad = b'{"type":"notification_event","id":42,"topic":"user.created"}'
f.case("id not a string: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
bad = b'{"type":"notification_event","id":"notif_1"}'
f.case("no topic: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
nb = '{"type":"notification_event","id":"notif_2","topic":"conversation.user.created","data":{"item":{"body":"Olá — 東京 ✓"}}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, good(topic="conversation.user.created", nid="notif_2"))
# --- ping: no special answer (a 2xx): handshake() returns null and it is delivered ------------
ping = (b'{"type":"notification_event","id":"notif_ping_0001","topic":"ping","app_id":"a86dr8yl",'
        b'"data":{"type":"notification_event_data","item":{"type":"ping","message":"something something interzen"}}}')
f.case("ping verifies as a notification", opts, hdr(body=ping), ping, good(topic="ping", nid="notif_ping_0001"))
f.handshake("ping is no handshake: delivered like any notification", opts, hdr(body=ping), ping, NOT_A_HANDSHAKE)
f.write()
