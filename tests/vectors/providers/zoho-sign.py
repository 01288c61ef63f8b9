#!/usr/bin/env python3
"""Zoho Sign vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Zoho Sign: X-ZS-WEBHOOK-SIGNATURE: <base64 HMAC-SHA256 of the payload> ---------------------
SECRET = "thisisthesamplekeyfortestingpurposes"
f = File("zoho-sign")
opts = {"provider": "zoho-sign", "secret": SECRET}
body = b'{"requests":{"request_name":"Test Name"},"notifications":{"operation_type":"RequestSigningSuccess"}}'
good = lambda key=0: ok(None, None, None, key, None)


def hdr(body=body, secret=SECRET):
    return {"Content-Type": "application/json", "X-ZS-WEBHOOK-SIGNATURE": body_sig(hashlib.sha256, secret, body, enc="b64")}


common_cases(f, opts, hdr, body, good, "X-ZS-WEBHOOK-SIGNATURE")
# Published: the help article's sample, exactly as the page prints it (the payload begins with
# "{{", so it is not JSON: the MAC passes, then invalid_payload).
PUB = b'{{"requests":{"request_name":"Test Name"},"notifications":{"operation_type":"RequestSigningSuccess"}}'
PUB_SIG = "drbSrM4H816RYKpZiRBLddUa0yHaTrwjtY04sIZFZus="
assert body_sig(hashlib.sha256, SECRET, PUB, enc="b64") == PUB_SIG
f.case("published: help.zoho.com securing-zoho-sign-webhooks-with-hmac-authentication (payload as printed)", opts,
       {"X-ZS-WEBHOOK-SIGNATURE": PUB_SIG}, PUB, err("invalid_payload"))
f.case("published signature against the payload without its stray brace: signature_mismatch", opts,
       {"X-ZS-WEBHOOK-SIGNATURE": PUB_SIG}, body, err("signature_mismatch"))
# The page's formula text reads "HMAC SHA-256(payload+secret_key)"; its own sample is not that.
h = {"X-ZS-WEBHOOK-SIGNATURE": b64(mac(hashlib.sha256, SECRET.encode(), body + SECRET.encode()))}
f.case("HMAC over payload+secret (the formula's wording): signature_mismatch", opts, h, body,
       err("signature_mismatch"))
h = {"X-ZS-WEBHOOK-SIGNATURE": body_sig(hashlib.sha256, SECRET, body)}
f.case("hex instead of base64: malformed_header", opts, h, body, err("malformed_header"))
reordered = b'{"notifications":{"operation_type":"RequestSigningSuccess"},"requests":{"request_name":"Test Name"}}'
f.case("the same JSON with its keys reordered: signature_mismatch", opts, hdr(), reordered,
       err("signature_mismatch"))
nb = '{"requests":{"request_name":"Contrat — Société Générale 東京"},"notifications":{"operation_type":"RequestCompleted"}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, good())
f.write()
