#!/usr/bin/env python3
"""GitLab vectors. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- GitLab: the secret token as sent in X-Gitlab-Token; Idempotency-Key; X-Gitlab-Event --------
TOKEN = "glwt-8c1f0e7d6b5a4c3e2f1d"
KEY = "f1e2d3c4-b5a6-4798-8a9b-0c1d2e3f4a5b"
f = File("gitlab")
opts = {"provider": "gitlab", "secret": TOKEN}
body = b'{"object_kind":"push","ref":"refs/heads/master","checkout_sha":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","project":{"id":15}}'
good = lambda key=0, event="Push Hook": ok(event, KEY, None, key, f"gitlab:{KEY}")


def hdr(body=body, secret=TOKEN, event="Push Hook"):
    return {"Content-Type": "application/json", "User-Agent": "GitLab/17.4.0", "X-Gitlab-Event": event,
            "X-Gitlab-Instance": "https://gitlab.example.com", "X-Gitlab-Event-UUID": "0b1c2d3e-aaaa-4bbb-8ccc-ddddeeeeffff",
            "Idempotency-Key": KEY, "X-Gitlab-Token": secret}


common_cases(f, opts, hdr, body, good, "X-Gitlab-Token", id_header="Idempotency-Key", token=True)
f.case("a token covers no body: a changed body still passes the token", opts, hdr(),
       body.replace(b"master", b"mastex"), good())
f.case("token one character short: token_mismatch", opts, hdr(secret=TOKEN[:-1]), body, err("token_mismatch"))
h = hdr(); h["X-Gitlab-Token"] = TOKEN.upper()
f.case("token compared exactly (case matters): token_mismatch", opts, h, body, err("token_mismatch"))
h = hdr(); h["Authorization"] = h.pop("X-Gitlab-Token")
f.case("the token in another header: missing_header", opts, h, body, err("missing_header"))
f.case("header option naming X-Gitlab-Token is still refused (fixed header)", {**opts, "header": "X-Gitlab-Token"},
       hdr(), body, err("invalid_config"))
h = hdr(); del h["X-Gitlab-Event"]
f.case("no X-Gitlab-Event: verified, event unknown", opts, h, body, ok(None, KEY, None, 0, f"gitlab:{KEY}"))
h = hdr(event="Merge Request Hook")
f.case("events allow-list", {**opts, "events": ["Push Hook"]}, h, body, err("event_not_allowed"))
# GitLab's signing token sends Standard Webhooks headers instead; the gitlab provider reads only
# the secret token.
sw = {"webhook-id": KEY, "webhook-timestamp": str(TS),
      "webhook-signature": "v1," + b64(mac(hashlib.sha256, b"0123456789abcdef0123456789abcdef", f"{KEY}.{TS}.".encode() + body))}
f.case("a signing-token delivery (Standard Webhooks headers) is not this provider's: missing_header", opts, sw, body,
       err("missing_header"))
nb = '{"object_kind":"issue","object_attributes":{"title":"Ünïcödé — 東京 ✓"}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb, event="Issue Hook"), nb, good(event="Issue Hook"))
f.write()
