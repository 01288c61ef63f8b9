#!/usr/bin/env python3
"""Typeform vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Typeform: Typeform-Signature: sha256=<base64 HMAC-SHA256 of the body> --------------------
SECRET = "tf_6d0c5b2a9e8f7d1c4b3a"
EID = "LtWXD3crgy"
f = File("typeform")
opts = {"provider": "typeform", "secret": SECRET}
body = b'{"event_id":"LtWXD3crgy","event_type":"form_response","form_response":{"form_id":"lT4Z3j","answers":[]}}'
good = lambda key=0: ok("form_response", EID, None, key, f"typeform:{EID}")


def hdr(body=body, secret=SECRET):
    return {"Typeform-Signature": body_sig(hashlib.sha256, secret, body, enc="b64", prefix="sha256=")}


common_cases(f, opts, hdr, body, good, "Typeform-Signature")
h = {"Typeform-Signature": body_sig(hashlib.sha256, SECRET, body, enc="hex", prefix="sha256=")}
f.case("hex after sha256= (GitHub's encoding): malformed_header", opts, h, body, err("malformed_header"))
h = {"Typeform-Signature": body_sig(hashlib.sha256, SECRET, body, enc="b64")}
f.case("base64 without the sha256= prefix: malformed_header", opts, h, body, err("malformed_header"))
h = {"Typeform-Signature": "sha256=" + b64(mac(hashlib.sha256, SECRET.encode(), body))[:-1]}
f.case("base64 without its padding: malformed_header", opts, h, body, err("malformed_header"))
nb = '{"event_id":"01HZX9","event_type":"form_response","form_response":{"answers":[{"text":"Ünïcödé — 東京 ✓"}]}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, ok("form_response", "01HZX9", None, 0, "typeform:01HZX9"))
bad = b'{"event_id":12345,"event_type":"form_response","form_response":{}}'
f.case("event_id not a string: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
bad = b'{"event_id":"LtWXD3crgy","form_response":{}}'
f.case("no event_type: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
bad = b'{"event_id":"a","event_id":"b","event_type":"form_response"}'
f.case("duplicate event_id: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
f.write()
