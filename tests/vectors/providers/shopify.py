#!/usr/bin/env python3
"""Shopify vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Shopify: base64 HMAC-SHA256 of the body, X-Shopify-Hmac-Sha256 -------------------------
SH_SECRET = "shpss_0123456789abcdef0123456789abcdef"
WID = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"
f = File("shopify")
opts = {"provider": "shopify", "secret": SH_SECRET}
body = b'{"id":820982911946154508,"email":"jon@example.com","name":"#9999"}'
shok = lambda key=0, event="orders/create": ok(event, WID, None, key, f"shopify:{WID}")


def shhdr(body=body, secret=SH_SECRET, topic="orders/create"):
    return {"X-Shopify-Topic": topic, "X-Shopify-Webhook-Id": WID, "X-Shopify-Shop-Domain": "example.myshopify.com",
            "X-Shopify-Hmac-Sha256": b64(mac(hashlib.sha256, secret.encode(), body))}


f.case("valid", opts, shhdr(), body, shok())
f.case("one body byte changed", opts, shhdr(), body.replace(b"9999", b"9998"), err("signature_mismatch"))
f.case("wrong secret", opts, shhdr(secret="shpss_other"), body, err("signature_mismatch"))
h = shhdr(); del h["X-Shopify-Hmac-Sha256"]
f.case("missing signature header", opts, h, body, err("missing_header"))
h = shhdr(); del h["X-Shopify-Webhook-Id"]
f.case("missing webhook id", opts, h, body, err("missing_header"))
f.case("rotation: second configured secret", {**opts, "secret": ["shpss_old", SH_SECRET]}, shhdr(), body, shok(key=1))
nb = '{"id":1,"note":"Größe — 東京 ✓"}'.encode()
f.case("non-ASCII body", opts, shhdr(body=nb, topic="orders/updated"), nb, shok(event="orders/updated"))
h = shhdr(); h["X-Shopify-Hmac-Sha256"] = mac(hashlib.sha256, SH_SECRET.encode(), body).hex()
f.case("hex instead of base64: malformed_header", opts, h, body, err("malformed_header"))
f.case("toleranceSeconds is refused: no timestamp", {**opts, "toleranceSeconds": 300}, shhdr(), body, err("invalid_config"))
f.write()
