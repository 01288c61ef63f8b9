#!/usr/bin/env python3
"""Bitbucket vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Bitbucket Cloud: X-Hub-Signature: sha256=<hex> HMAC-SHA256 of the body; X-Request-UUID --
SECRET = "bb_4f9c2e7a1d3b5c8e0a6f"
RID = "8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d"
f = File("bitbucket")
opts = {"provider": "bitbucket", "secret": SECRET}
body = b'{"push":{"changes":[{"new":{"type":"branch","name":"main"}}]},"repository":{"full_name":"team/repo"}}'
good = lambda key=0, event="repo:push": ok(event, RID, None, key, f"bitbucket:{RID}")


def hdr(body=body, secret=SECRET, event="repo:push"):
    h = {"X-Event-Key": event, "X-Hook-UUID": "{d9e2c1b0-aaaa-4bbb-8ccc-0123456789ab}", "X-Request-UUID": RID,
         "X-Attempt-Number": "1", "X-Hub-Signature": body_sig(hashlib.sha256, secret, body, prefix="sha256=")}
    return h


common_cases(f, opts, hdr, body, good, "X-Hub-Signature", id_header="X-Request-UUID")
h = hdr(); h["X-Hub-Signature"] = h["X-Hub-Signature"].replace("sha256=", "sha1=")
f.case("sha1= prefix: malformed_header (only sha256= is sent)", opts, h, body, err("malformed_header"))
h = hdr(); h["X-Hub-Signature-256"] = h.pop("X-Hub-Signature")
f.case("GitHub's -256 header name is not Bitbucket's: missing_header", opts, h, body, err("missing_header"))
h = hdr(); h["X-Hub-Signature"] = h["X-Hub-Signature"][len("sha256="):]
f.case("hex without the sha256= prefix: malformed_header", opts, h, body, err("malformed_header"))
h = hdr(); h["X-Hub-Signature"] = "sha256=" + h["X-Hub-Signature"][len("sha256="):].upper()
f.case("upper-case hex", opts, h, body, good())
h = hdr(); h["X-Hub-Signature"] = "sha256=" + "zz" * 32
f.case("bad hex: malformed_header", opts, h, body, err("malformed_header"))
h = hdr(); del h["X-Event-Key"]
f.case("no X-Event-Key: verified, event unknown", opts, h, body, ok(None, RID, None, 0, f"bitbucket:{RID}"))
nb = '{"pullrequest":{"title":"Ünïcödé — 東京 ✓"},"repository":{"full_name":"team/repo"}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb, event="pullrequest:created"), nb, good(event="pullrequest:created"))
f.write()
