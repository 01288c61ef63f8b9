#!/usr/bin/env python3
"""Sentry vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Sentry: Sentry-Hook-Signature: <hex HMAC-SHA256 of the body>; Request-ID; resource header --
SECRET = "5a2c8f1e9d7b4a3c6e0f2d1b8a7c9e4f3b2a1d0c9e8f7a6b5c4d3e2f1a0b9c8d"
RID = "c6b0a9f1-2e3d-4c5b-8a7f-9e0d1c2b3a4f"
f = File("sentry")
opts = {"provider": "sentry", "secret": SECRET}
# Compact JSON, as JSON.stringify writes it (the docs' sample hashes that).
body = b'{"action":"created","installation":{"uuid":"a8e5d37a"},"data":{"issue":{"id":"1170820242","title":"TypeError"}},"actor":{"type":"application","id":"sentry","name":"Sentry"}}'
good = lambda key=0, event="issue": ok(event, RID, None, key, f"sentry:{RID}")


def hdr(body=body, secret=SECRET, resource="issue"):
    return {"Content-Type": "application/json", "Request-ID": RID, "Sentry-Hook-Resource": resource,
            "Sentry-Hook-Timestamp": str(TS), "Sentry-Hook-Signature": body_sig(hashlib.sha256, secret, body)}


common_cases(f, opts, hdr, body, good, "Sentry-Hook-Signature", id_header="Request-ID")
pretty = json.dumps(json.loads(body), indent=2).encode()
f.case("the same JSON re-serialised (pretty-printed): signature_mismatch", opts, hdr(), pretty,
       err("signature_mismatch"))
h = hdr(); h["Sentry-Hook-Timestamp"] = "1"
f.case("Sentry-Hook-Timestamp is not in the MAC and is not judged", opts, h, body, good())
h = hdr(); h["Sentry-Hook-Signature"] = "sha256=" + h["Sentry-Hook-Signature"]
f.case("a sha256= prefix is not Sentry's: malformed_header", opts, h, body, err("malformed_header"))
nb = '{"action":"created","data":{"comment":"Ünïcödé — 東京 ✓"}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb, resource="comment"), nb, good(event="comment"))
f.write()
