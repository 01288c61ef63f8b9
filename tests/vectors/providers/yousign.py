#!/usr/bin/env python3
"""Yousign vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Yousign: X-Yousign-Signature-256: sha256=<hex HMAC-SHA256 of the body>; event_id/event_name -
SECRET = "ys_webhook_secret_key_5c2e9a"
EID = "b6c63685-c556-4a30-8fe9-b6f2b187d936"
f = File("yousign")
opts = {"provider": "yousign", "secret": SECRET}
body = (b'{"event_id":"b6c63685-c556-4a30-8fe9-b6f2b187d936","event_name":"signature_request.activated",'
        b'"event_time":"1670855889","subscription_id":"webhook-subscription-id","sandbox":false,'
        b'"data":{"signature_request":{"id":"xxx-xxx","status":"approval"}}}')
good = lambda key=0, name="signature_request.activated", eid=EID: ok(name, eid, None, key, f"yousign:{eid}")


def hdr(body=body, secret=SECRET, retry="0"):
    return {"Content-Type": "application/json", "User-Agent": "Yousign Webhook Bot", "X-Yousign-Retry": retry,
            "X-Yousign-Issued-At": "2022-12-12T14:38:09+00:00",
            "X-Yousign-Signature-256": body_sig(hashlib.sha256, secret, body, prefix="sha256=")}


common_cases(f, opts, hdr, body, good, "X-Yousign-Signature-256")
f.case("a retry (X-Yousign-Retry: 2) has the same event_id, so the same replay key", opts, hdr(retry="2"), body,
       good())
h = hdr(); h["X-Yousign-Issued-At"] = "not a time"
f.case("X-Yousign-Issued-At is not in the MAC and is not judged", opts, h, body, good())
h = hdr(); h["X-Yousign-Signature-256"] = h["X-Yousign-Signature-256"][len("sha256="):]
f.case("hex without sha256=: malformed_header", opts, h, body, err("malformed_header"))
bad = b'{"event_id":"e1","event_name":null,"data":{}}'
f.case("event_name null: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
bad = b'{"event_name":"signer.done","data":{}}'
f.case("no event_id: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
nb = '{"event_id":"e-2","event_name":"signer.done","data":{"signer":{"info":{"first_name":"Élodie","last_name":"Müller-東京"}}}}'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, good(name="signer.done", eid="e-2"))
f.write()
