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
# --- Verification Requests (developers.facebook.com/docs/graph-api/webhooks/getting-started): a GET
# --- with hub.mode=subscribe, hub.challenge, hub.verify_token; answer the challenge if the token --
# --- is the configured verifyToken ---------------------------------------------------------------
VT = "meatyhamhock"
vopts = {**opts, "verifyToken": VT}
from urllib.parse import quote_plus  # noqa: E402


def vurl(token=VT, challenge="1158201444", mode="subscribe"):
    q = [("hub.mode", mode), ("hub.challenge", challenge), ("hub.verify_token", token)]
    return "https://edge.example/webhooks/meta?" + "&".join(f"{k}={quote_plus(v)}" for k, v in q if v is not None)


f.handshake("hub.challenge GET: the challenge, text/plain", vopts, {}, b"", answer("1158201444"), method="GET", url=vurl())
f.handshake("hub.challenge GET, wrong verify token: token_mismatch", vopts, {}, b"", err("token_mismatch"), method="GET",
            url=vurl(token=VT + "x"))
f.handshake("hub.challenge GET, a prefix of the verify token: token_mismatch", vopts, {}, b"", err("token_mismatch"),
            method="GET", url=vurl(token=VT[:-1]))
f.handshake("hub.challenge GET without hub.verify_token: token_mismatch", vopts, {}, b"", err("token_mismatch"),
            method="GET", url=vurl(token=None))
f.handshake("hub.challenge GET without hub.challenge: invalid_payload", vopts, {}, b"", err("invalid_payload"),
            method="GET", url=vurl(challenge=None))
sp = "my verify/token+ä"
f.handshake("hub.challenge GET, a verify token with encoded characters", {**opts, "verifyToken": sp}, {}, b"",
            answer("42"), method="GET", url=vurl(token=sp, challenge="42"))
f.handshake("hub.challenge GET, no verifyToken configured: invalid_config", opts, {}, b"", err("invalid_config"),
            method="GET", url=vurl())
f.handshake("hub.mode=unsubscribe is no handshake", vopts, {}, b"", NOT_A_HANDSHAKE, method="GET", url=vurl(mode="unsubscribe"))
f.handshake("a GET without a query is no handshake", vopts, {}, b"", NOT_A_HANDSHAKE, method="GET",
            url="https://edge.example/webhooks/meta")
f.handshake("a signed POST notification is no handshake", vopts, hdr(), body, NOT_A_HANDSHAKE, url=vurl())
f.handshake("verifyToken on another provider is refused", {"provider": "github", "secret": "s", "verifyToken": VT}, {},
            b"", err("invalid_config"), method="GET", url=vurl())
f.case("verifyToken does not change how notifications verify", vopts, hdr(), body, good())
f.write()
