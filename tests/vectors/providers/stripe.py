#!/usr/bin/env python3
"""Stripe vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Stripe: t=..,v1=.. over {t}.{body}, HMAC-SHA256 hex, whsec_ as UTF-8, 300 s past-only ----
STRIPE_SECRET = "whsec_test_secret_1234567890abcdef"
STRIPE_OLD = "whsec_old_rolled_secret_0987654321"


def stripe_v1(secret, ts, body):
    return mac(hashlib.sha256, secret.encode(), f"{ts}.".encode() + body).hex()


f = File("stripe")
opts = {"provider": "stripe", "secret": STRIPE_SECRET}
body = b'{"id":"evt_1NqZ2bLkdIwHu7ix0Ozq6p1X","object":"event","type":"payment_intent.succeeded","data":{"object":{}}}'
EVT = "evt_1NqZ2bLkdIwHu7ix0Ozq6p1X"
sok = lambda key=0, ts=TS, event="payment_intent.succeeded", id=EVT: ok(event, id, ts, key, f"stripe:{id}")


def shdr(v, ts=TS):
    return {"Stripe-Signature": v}


good = f"t={TS},v1={stripe_v1(STRIPE_SECRET, TS, body)}"
f.case("valid", opts, shdr(good), body, sok())
f.case("valid with a v0 entry ignored", opts, shdr(good + ",v0=" + "00" * 32), body, sok())
f.case("one body byte changed", opts, shdr(good), body.replace(b"succeeded", b"succeedee"), err("signature_mismatch"))
f.case("wrong secret", opts, shdr(f"t={TS},v1={stripe_v1(STRIPE_OLD, TS, body)}"), body, err("signature_mismatch"))
f.case("missing header", opts, {}, body, err("missing_header"))
f.case("no t= entry", opts, shdr(f"v1={stripe_v1(STRIPE_SECRET, TS, body)}"), body, err("malformed_header"))
f.case("no v1= entry", opts, shdr(f"t={TS},v0={stripe_v1(STRIPE_SECRET, TS, body)}"), body, err("malformed_header"))
f.case("t changed: the timestamp is signed", opts, shdr(f"t={TS + 1},v1={stripe_v1(STRIPE_SECRET, TS, body)}"), body, err("signature_mismatch"))
f.case("stale: 301 s old", opts, shdr(good), body, err("timestamp_too_old"), now=TS + 301)
f.case("edge: exactly 300 s old", opts, shdr(good), body, sok(), now=TS + 300)
f.case("future: 3600 s ahead passes (past-only, as stripe-node)", opts, shdr(good), body, sok(), now=TS - 3600)
f.case("toleranceSeconds 600: 599 s old passes", {**opts, "toleranceSeconds": 600}, shdr(good), body, sok(), now=TS + 599)
f.case("rotation: second configured secret", {**opts, "secret": [STRIPE_OLD, STRIPE_SECRET]}, shdr(good), body, sok(key=1))
two = f"t={TS},v1={stripe_v1(STRIPE_OLD, TS, body)},v1={stripe_v1(STRIPE_SECRET, TS, body)}"
f.case("only the second of two v1 signatures valid", opts, shdr(two), body, sok())
f.case("spaces after the commas are tolerated", opts, shdr(two.replace(",", ", ")), body, sok())
nb = '{"id":"evt_ü","object":"event","type":"customer.created","data":{"object":{"name":"Zoë Ünal — 東京"}}}'.encode()
f.case("non-ASCII body", opts, shdr(f"t={TS},v1={stripe_v1(STRIPE_SECRET, TS, nb)}"), nb, sok(event="customer.created", id="evt_ü"))
# Look-alike: decoding the whsec_ secret as base64 (Svix's way) must not verify.
svix_way = hmac.new(whsec_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), f"{TS}.".encode() + body, hashlib.sha256).hexdigest()
f.case("look-alike: a whsec_ secret base64-decoded (Svix's way) does not verify",
       {**opts, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}, shdr(f"t={TS},v1={svix_way}"), body, err("signature_mismatch"))
utf8_way = stripe_v1("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", TS, body)
f.case("the same whsec_ secret as UTF-8 text verifies", {**opts, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
       shdr(f"t={TS},v1={utf8_way}"), body, sok())
nid = b'{"object":"event","type":"payment_intent.succeeded"}'
f.case("envelope without id: invalid_payload", opts, shdr(f"t={TS},v1={stripe_v1(STRIPE_SECRET, TS, nid)}"), nid, err("invalid_payload"))
numid = b'{"id":42,"type":"payment_intent.succeeded"}'
f.case("id not a string: invalid_payload", opts, shdr(f"t={TS},v1={stripe_v1(STRIPE_SECRET, TS, numid)}"), numid, err("invalid_payload"))
f.case("non-hex v1: malformed_header", opts, shdr(f"t={TS},v1=zz"), body, err("malformed_header"))
f.write()
