#!/usr/bin/env python3
"""Vercel vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Vercel: x-vercel-signature: <hex HMAC-SHA1 of the body>; body type; no id, no timestamp ----
SECRET = "vercel_webhook_secret_Yb2kQ9"
f = File("vercel")
opts = {"provider": "vercel", "secret": SECRET}
body = (b'{"id":"evt_6GmjPqGr1pW4","type":"deployment.succeeded","createdAt":1780065000000,'
        b'"payload":{"deployment":{"id":"dpl_2qV3xJk8mN5pR7tW","url":"acme-web-6k2n.vercel.app"},"target":"production"},'
        b'"region":"iad1"}')
# No id Vercel's own code reads: the result has none, and replay protection keys on the body hash.
good = lambda key=0, event="deployment.succeeded": ok(event, None, None, key, None)


def hdr(body=body, secret=SECRET):
    return {"Content-Type": "application/json", "x-vercel-signature": body_sig(hashlib.sha1, secret, body)}


common_cases(f, opts, hdr, body, good, "x-vercel-signature")
h = {"x-vercel-signature": body_sig(hashlib.sha256, SECRET, body)}
f.case("a SHA-256 MAC (64 hex digits) is not Vercel's: malformed_header", opts, h, body, err("malformed_header"))
h = {"x-vercel-signature": body_sig(hashlib.sha1, SECRET, body, prefix="sha1=")}
f.case("a sha1= prefix is not Vercel's: malformed_header", opts, h, body, err("malformed_header"))
h = {"x-vercel-signature": body_sig(hashlib.sha1, SECRET, body).upper()}
f.case("upper-case hex of the right MAC verifies", opts, h, body, good())
h = {"x-vercel-signature": body_sig(hashlib.sha1, SECRET, body)[:-1] + "g"}
f.case("a non-hex digit: malformed_header", opts, h, body, err("malformed_header"))
reser = b'{"id": "evt_6GmjPqGr1pW4", "type": "deployment.succeeded"}'
h = hdr(body=b'{"id":"evt_6GmjPqGr1pW4","type":"deployment.succeeded"}')
f.case("re-serialised JSON (spaces added) does not verify: signature_mismatch", opts, h, reser, err("signature_mismatch"))
bad = b'{"id":"evt_1","type":7,"payload":{}}'
f.case("type not a string: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
bad = b'{"id":"evt_1","payload":{}}'
f.case("no type: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
bad = b'["deployment.succeeded"]'
f.case("a JSON array, not an object: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
nb = '{"id":"evt_2","type":"project.created","payload":{"project":{"name":"Café — 東京 ✓"}}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, good(event="project.created"))
f.write()
