#!/usr/bin/env python3
"""GitHub vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- GitHub: sha256= HMAC-SHA256 hex of the body; legacy sha1= HMAC-SHA1 -------------------
GH_SECRET = "It's a Secret to Everybody"
GUID = "72d3162e-cc78-11e3-81ab-4c9367dc0958"
f = File("github")
opts = {"provider": "github", "secret": GH_SECRET}
body = b'{"zen":"Design for failure.","hook_id":12345678}\n'
gok = lambda key=0, event="ping": ok(event, GUID, None, key, f"github:{GUID}")


def ghdr(body=body, secret=GH_SECRET, sha1=True, sha256=True, event="ping"):
    h = {"X-GitHub-Event": event, "X-GitHub-Delivery": GUID}
    if sha256:
        h["X-Hub-Signature-256"] = "sha256=" + mac(hashlib.sha256, secret.encode(), body).hex()
    if sha1:
        h["X-Hub-Signature"] = "sha1=" + mac(hashlib.sha1, secret.encode(), body).hex()
    return h


f.case("valid (both headers)", opts, ghdr(), body, gok())
f.case("valid (sha256 only)", opts, ghdr(sha1=False), body, gok())
f.case("legacy: sha1 header only", opts, ghdr(sha256=False), body, gok())
h = ghdr(); h["X-Hub-Signature"] = "sha1=" + "00" * 20
f.case("a bad sha1 next to a good sha256: only sha256 counts", opts, h, body, gok())
h = ghdr(); h["X-Hub-Signature-256"] = "sha256=" + "00" * 32
f.case("a bad sha256 next to a good sha1: rejected", opts, h, body, err("signature_mismatch"))
f.case("one body byte changed", opts, ghdr(), body.replace(b"failure", b"failurf"), err("signature_mismatch"))
f.case("wrong secret", opts, ghdr(secret="not it"), body, err("signature_mismatch"))
f.case("missing signature headers", opts, ghdr(sha1=False, sha256=False), body, err("missing_header"))
h = ghdr(); del h["X-GitHub-Delivery"]
f.case("missing X-GitHub-Delivery", opts, h, body, err("missing_header"))
f.case("rotation: second configured secret", {**opts, "secret": ["old one", GH_SECRET]}, ghdr(), body, gok(key=1))
f.case("rotation via the sha1 header", {**opts, "secret": ["old one", GH_SECRET]}, ghdr(sha256=False), body, gok(key=1))
nb = '{"action":"opened","issue":{"title":"Ünïcödé — 東京 ✓"}}'.encode()
f.case("non-ASCII body", opts, ghdr(body=nb, event="issues"), nb, gok(event="issues"))
form = b"payload=%7B%22zen%22%3A%22Design+for+failure.%22%7D"
f.case("form-encoded body: MAC passes, then invalid_payload (JSON hooks only)", opts, ghdr(body=form), form, err("invalid_payload"))
h = ghdr(); h["X-Hub-Signature-256"] = h["X-Hub-Signature-256"].upper().replace("SHA256=", "sha256=")
f.case("upper-case hex", opts, h, body, gok())
h = ghdr(); h["X-Hub-Signature-256"] = h["X-Hub-Signature-256"].replace("sha256=", "sha1=")
f.case("wrong prefix", opts, h, body, err("malformed_header"))
# --- ping: no special answer (a 2xx): handshake() returns null and it is delivered ------------
f.handshake("ping is no handshake: delivered like any event", opts, ghdr(), body, NOT_A_HANDSHAKE)
f.handshake("ping with a wrong secret: still no handshake (verify refuses it)", opts, ghdr(secret="nope"), body,
            NOT_A_HANDSHAKE)
f.write()
