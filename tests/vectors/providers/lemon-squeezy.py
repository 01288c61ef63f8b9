#!/usr/bin/env python3
"""Lemon Squeezy vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Lemon Squeezy: X-Signature: <hex HMAC-SHA256 of the body>; X-Event-Name --------------------
SECRET = "ls-signing-secret-42"
f = File("lemon-squeezy")
opts = {"provider": "lemon-squeezy", "secret": SECRET}
body = b'{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1","attributes":{"total":1199}}}'
good = lambda key=0, event="order_created": ok(event, None, None, key, None)


def hdr(body=body, secret=SECRET, event="order_created"):
    return {"Content-Type": "application/json", "X-Event-Name": event,
            "X-Signature": body_sig(hashlib.sha256, secret, body)}


common_cases(f, opts, hdr, body, good, "X-Signature")
h = hdr(); h["X-Signature"] = "sha256=" + h["X-Signature"]
f.case("a sha256= prefix is not Lemon Squeezy's: malformed_header", opts, h, body, err("malformed_header"))
h = hdr(); h["X-Signature"] = b64(mac(hashlib.sha256, SECRET.encode(), body))
f.case("base64 instead of hex: malformed_header", opts, h, body, err("malformed_header"))
h = hdr(); h["X-Signature"] = h["X-Signature"][:-2]
f.case("hex one byte short: malformed_header", opts, h, body, err("malformed_header"))
h = hdr(); del h["X-Event-Name"]
f.case("no X-Event-Name: verified, event unknown", opts, h, body, ok(None, None, None, 0, None))
f.case("dedupeByBodyHash: the body's SHA-256 is the replay key", {**opts, "dedupeByBodyHash": True}, hdr(), body,
       ok("order_created", None, None, 0, "lemon-squeezy:sha256:" + hashlib.sha256(body).hexdigest()))
nb = '{"meta":{"event_name":"order_created"},"data":{"attributes":{"user_name":"Zoë Ångström — 東京"}}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, good())
f.write()
