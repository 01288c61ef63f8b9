#!/usr/bin/env python3
"""Svix, Clerk and Resend vectors (one file each), from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Svix family: {id}.{ts}.{body}, HMAC-SHA256, base64, "v1," tokens, whsec_ base64 key ----
SVIX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SVIX_OLD = "whsec_" + b64(b"an older svix key, 32 bytes long")
MSG = "msg_p5jXN8AQM9LWM0D4loKWxJek"


def svix_sig(secret, id, ts, body):
    return "v1," + b64(mac(hashlib.sha256, whsec_key(secret), f"{id}.{ts}.".encode() + body))


for provider in ["svix", "clerk", "resend"]:
    f = File(provider)
    opts = {"provider": provider, "secret": SVIX_SECRET}
    body = b'{"type":"user.created","data":{"id":"user_29w83sxmDNGwOuEthce5gg56FcC"}}'
    okx = lambda key=0, ts=TS, event="user.created": ok(event, MSG, ts, key, f"{provider}:{MSG}")

    def hdr(body=body, ts=TS, sig=None, prefix="svix", id=MSG, secret=SVIX_SECRET):
        return {f"{prefix}-id": id, f"{prefix}-timestamp": str(ts),
                f"{prefix}-signature": sig or svix_sig(secret, id, ts, body)}

    f.case("valid", opts, hdr(), body, okx())
    f.case("valid with webhook-* headers (white-labelled)", opts, hdr(prefix="webhook"), body, okx())
    mixed = {"svix-id": MSG, "webhook-timestamp": str(TS), "svix-signature": svix_sig(SVIX_SECRET, MSG, TS, body)}
    f.case("each header falls back on its own (svix-id, webhook-timestamp)", opts, mixed, body, okx())
    f.case("one body byte changed", opts, hdr(), body.replace(b"user_29", b"user_39"), err("signature_mismatch"))
    f.case("wrong secret", opts, hdr(secret=SVIX_OLD), body, err("signature_mismatch"))
    h = hdr(); del h["svix-signature"]
    f.case("missing signature header", opts, h, body, err("missing_header"))
    h = hdr(); del h["svix-id"]
    f.case("missing id header", opts, h, body, err("missing_header"))
    f.case("stale: 301 s old", opts, hdr(), body, err("timestamp_too_old"), now=TS + 301)
    f.case("edge: exactly 300 s old", opts, hdr(), body, okx(), now=TS + 300)
    f.case("future: 301 s ahead (symmetric)", opts, hdr(), body, err("timestamp_in_future"), now=TS - 301)
    f.case("rotation: old secret second in the list", {**opts, "secret": [SVIX_OLD, SVIX_SECRET]}, hdr(), body, okx(key=1))
    two = svix_sig(SVIX_OLD, MSG, TS, body) + " " + svix_sig(SVIX_SECRET, MSG, TS, body)
    f.case("only the second of two signatures valid", opts, hdr(sig=two), body, okx())
    f.case("a v1a token is skipped, the v1 one counts", opts,
           hdr(sig="v1a,bm90IGFuIGVkMjU1MTkgc2lnbmF0dXJl " + svix_sig(SVIX_SECRET, MSG, TS, body)), body, okx())
    nb = '{"type":"email.sent","data":{"subject":"Grüße — 東京 ✓"}}'.encode()
    f.case("non-ASCII body", opts, hdr(body=nb), nb, okx(event="email.sent"))
    # Look-alike secret: the same whsec_ string used as UTF-8 (Stripe's way) must not verify.
    wrong = "v1," + b64(mac(hashlib.sha256, SVIX_SECRET.encode(), f"{MSG}.{TS}.".encode() + body))
    f.case("look-alike: whsec_ used as UTF-8 text (Stripe's way) does not verify", opts, hdr(sig=wrong), body, err("signature_mismatch"))
    unpadded = "whsec_" + b64(b"sixteen byte key").rstrip("=")
    f.case("secret without base64 padding is tolerated", {**opts, "secret": unpadded}, hdr(secret=unpadded), body, okx())
    f.case("body is not JSON: invalid_payload after the MAC", opts, hdr(body=b"not json"), b"not json", err("invalid_payload"))
    f.write()
