#!/usr/bin/env python3
"""Documenso vectors. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Documenso: the secret as configured in X-Documenso-Secret; body event ----------------------
SECRET = "dcs_7f3a9e1c5b2d8f4a6c0e"
f = File("documenso")
opts = {"provider": "documenso", "secret": SECRET}
body = b'{"event":"DOCUMENT_COMPLETED","payload":{"id":10,"title":"Sales Agreement.pdf","status":"COMPLETED"},"createdAt":"2026-05-29T14:30:01.000Z"}'
good = lambda key=0, event="DOCUMENT_COMPLETED": ok(event, None, None, key, None)


def hdr(body=body, secret=SECRET):
    return {"Content-Type": "application/json", "X-Documenso-Secret": secret}


common_cases(f, opts, hdr, body, good, "X-Documenso-Secret", token=True)
f.case("no secret configured on Documenso's side: an empty header never matches", opts, hdr(secret=""), body,
       err("token_mismatch"))
f.case("a token covers no body: a changed body still passes the token", opts, hdr(),
       body.replace(b"COMPLETED\"}", b"COMPLETEX\"}"), good())
bad = b'{"event":7,"payload":{}}'
f.case("event not a string: invalid_payload", opts, hdr(), bad, err("invalid_payload"))
bad = b'{"payload":{}}'
f.case("no event: invalid_payload", opts, hdr(), bad, err("invalid_payload"))
f.case("dedupeByBodyHash", {**opts, "dedupeByBodyHash": True}, hdr(), body,
       ok("DOCUMENT_COMPLETED", None, None, 0, "documenso:sha256:" + hashlib.sha256(body).hexdigest()))
nb = '{"event":"DOCUMENT_SIGNED","payload":{"title":"Contrato — São Paulo 東京"}}'.encode()
f.case("non-ASCII body", opts, hdr(), nb, good(event="DOCUMENT_SIGNED"))
f.write()
