#!/usr/bin/env python3
"""Jira vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Jira Cloud admin webhooks: X-Hub-Signature: sha256=<hex>; body webhookEvent -------------
SECRET = "jira-admin-webhook-secret-7d2f"
WID = "3bd8a5c0-6e2f-4d1a-9b7c-5f0e1d2c3b4a"
f = File("jira")
opts = {"provider": "jira", "secret": SECRET}
body = b'{"timestamp":1780065000000,"webhookEvent":"jira:issue_created","issue":{"id":"10002","key":"PROJ-3"}}'
good = lambda key=0, event="jira:issue_created": ok(event, WID, None, key, f"jira:{WID}")


def hdr(body=body, secret=SECRET):
    return {"X-Atlassian-Webhook-Identifier": WID, "X-Atlassian-Webhook-Flow": "Primary",
            "X-Hub-Signature": body_sig(hashlib.sha256, secret, body, prefix="sha256=")}


common_cases(f, opts, hdr, body, good, "X-Hub-Signature", id_header="X-Atlassian-Webhook-Identifier")
h = hdr(); h["X-Hub-Signature-256"] = h.pop("X-Hub-Signature")
f.case("X-Hub-Signature-256 is not Jira's header: missing_header", opts, h, body, err("missing_header"))
h = hdr(); h["X-Hub-Signature"] = "method=signature"
f.case("wrong prefix: malformed_header", opts, h, body, err("malformed_header"))
nb = b'{"webhookEvent":"jira:issue_created","issue":{"id":"10002"}}'
h = hdr(body=b'{"webhookEvent":1,"issue":{"id":"10002"}}')
f.case("webhookEvent not a string: invalid_payload", opts, h, b'{"webhookEvent":1,"issue":{"id":"10002"}}',
       err("invalid_payload"))
nf = b'{"issue":{"id":"10002"}}'
f.case("no webhookEvent: invalid_payload", opts, hdr(body=nf), nf, err("invalid_payload"))
nb = '{"webhookEvent":"comment_created","comment":{"body":"Größe — 東京 ✓"}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, good(event="comment_created"))
f.case("events allow-list: another event is refused", {**opts, "events": ["comment_created"]}, hdr(), body,
       err("event_not_allowed"))
f.write()
