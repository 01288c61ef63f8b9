#!/usr/bin/env python3
"""Meta vectors, from Python's hmac. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Meta: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>, App Secret; body object ---
SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
f = File("meta")
opts = {"provider": "meta", "secret": SECRET}
body = b'{"entry":[{"time":1520383571,"changes":[{"field":"photos","value":{"verb":"update","object_id":"10211885744794461"}}],"id":"10210299214172187","uid":"10210299214172187"}],"object":"user"}'
good = lambda key=0, obj="user": ok(obj, None, None, key, None)


def hdr(body=body, secret=SECRET, sha1=False):
    h = {"Content-Type": "application/json",
         "X-Hub-Signature-256": body_sig(hashlib.sha256, secret, body, prefix="sha256=")}
    if sha1:
        h["X-Hub-Signature"] = body_sig(hashlib.sha1, secret, body, prefix="sha1=")
    return h


common_cases(f, opts, hdr, body, good, "X-Hub-Signature-256")
# Meta's docs: the signature is over the payload with non-ASCII escaped as \uXXXX, lower-case hex
# ("äöå should be escaped to \u00e4\u00f6\u00e5"): the bytes on the wire carry the escapes.
escaped = (b'{"object":"page","entry":[{"id":"102290129340398","changes":[{"field":"feed",'
           b'"value":{"message":"\\u00e4\\u00f6\\u00e5 \\u6771\\u4eac \\ud83d\\ude00"}}]}]}')
assert b"\\u00e4" in escaped and all(c < 0x80 for c in escaped)
f.case("non-ASCII escaped as \\uXXXX, signed over those bytes", opts, hdr(body=escaped), escaped, good(obj="page"))
decoded = json.dumps(json.loads(escaped), ensure_ascii=False, separators=(",", ":")).encode()
assert decoded != escaped
f.case("the same payload with the escapes decoded to UTF-8: signature_mismatch", opts, hdr(body=escaped), decoded,
       err("signature_mismatch"))
upper = escaped.replace(b"\\u00e4", b"\\u00E4")
f.case("upper-case escape hex is other bytes: signature_mismatch", opts, hdr(body=escaped), upper,
       err("signature_mismatch"))
h = hdr(sha1=True)
f.case("valid with a legacy sha1 header next to it", opts, h, body, good())
h = hdr(sha1=True); del h["X-Hub-Signature-256"]
f.case("only the legacy X-Hub-Signature sha1 header: missing_header (not read)", opts, h, body,
       err("missing_header"))
h = hdr(); h["X-Hub-Signature-256"] = h["X-Hub-Signature-256"].replace("sha256=", "")
f.case("hex without sha256=: malformed_header", opts, h, body, err("malformed_header"))
bad = b'{"entry":[],"object":{"type":"page"}}'
f.case("object not a string: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
bad = b'{"entry":[]}'
f.case("no object: invalid_payload", opts, hdr(body=bad), bad, err("invalid_payload"))
f.case("events allow-list: whatsapp only refuses a page event", {**opts, "events": ["whatsapp_business_account"]},
       hdr(body=escaped), escaped, err("event_not_allowed"))
f.write()
