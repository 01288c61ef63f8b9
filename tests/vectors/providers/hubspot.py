#!/usr/bin/env python3
"""HubSpot v3 vectors, from Python's hmac (method + decoded URI + body + ms timestamp, base64
HMAC-SHA256, 5 minutes past-only). Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

f = File("hubspot")
SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
URL = "https://www.example.com/webhook_uri"
BODY = b'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]'
TS_MS = TS * 1000
opts = {"provider": "hubspot", "secret": SECRET}
DECODE = {"%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'", "%28": "(",
          "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";"}


def decoded(url):
    out, i = "", 0
    while i < len(url):
        esc = url[i:i + 3].upper()
        if esc in DECODE:
            out += DECODE[esc]
            i += 3
        else:
            out += url[i]
            i += 1
    return out


def sig(method="POST", url=URL, body=BODY, ts=str(TS_MS), secret=SECRET):
    return b64(mac(hashlib.sha256, secret.encode(), method.encode() + decoded(url).encode() + body + ts.encode()))


def hdr(ts=TS_MS, **kw):
    return {"X-HubSpot-Signature-v3": sig(ts=str(ts), **kw), "X-HubSpot-Request-Timestamp": str(ts)}


good = lambda key=0, ts=TS: ok(None, None, ts, key, None, True)
f.case("valid", opts, hdr(), BODY, good(), url=URL)
f.case("valid, method given", opts, hdr(), BODY, good(), url=URL, method="POST")
f.case("a GET with an empty body", opts, hdr(method="GET", body=b""), b"", good(), url=URL, method="GET")
f.case("the method is signed: POST-signed, GET given", opts, hdr(), BODY, err("signature_mismatch"), url=URL,
       method="GET")
f.case("one body byte changed", opts, hdr(), BODY.replace(b"62515", b"62516"), err("signature_mismatch"), url=URL)
f.case("wrong secret", opts, hdr(secret="zzzz"), BODY, err("signature_mismatch"), url=URL)
f.case("another URL", opts, hdr(), BODY, err("signature_mismatch"), url=URL + "?x=1")
EURL = "https://www.example.com/webhook_uri?email=jane%40example.com&path=%2Fa%2fb&sp=%20x%3a"
assert decoded(EURL) == "https://www.example.com/webhook_uri?email=jane@example.com&path=/a/b&sp=%20x:"
f.case("the URI's listed escapes are decoded before signing (%20 is not)", opts, hdr(url=EURL), BODY, good(),
       url=EURL)
f.case("signed over the undecoded URI: signature_mismatch", opts,
       {"X-HubSpot-Signature-v3": b64(mac(hashlib.sha256, SECRET.encode(),
                                          b"POST" + EURL.encode() + BODY + str(TS_MS).encode())),
        "X-HubSpot-Request-Timestamp": str(TS_MS)}, BODY, err("signature_mismatch"), url=EURL)
h = hdr(); del h["X-HubSpot-Signature-v3"]
f.case("missing signature header", opts, h, BODY, err("missing_header"), url=URL)
h = hdr(); del h["X-HubSpot-Request-Timestamp"]
f.case("missing timestamp header", opts, h, BODY, err("missing_header"), url=URL)
f.case("no url call option: invalid_config", opts, hdr(), BODY, err("invalid_config"))
f.case("an unusable method: invalid_config", opts, hdr(), BODY, err("invalid_config"), url=URL, method="PO ST")
f.case("seconds, not milliseconds, signed: 56 years old", opts, hdr(ts=TS), BODY, err("timestamp_too_old"), url=URL)
f.case("stale: 301 s old", opts, hdr(ts=(NOW - 301) * 1000), BODY, err("timestamp_too_old"), url=URL)
f.case("edge: exactly 300 s old (inclusive)", opts, hdr(ts=(NOW - 300) * 1000), BODY, good(ts=NOW - 300), url=URL)
f.case("future by an hour: accepted (past-only, as the SDK)", opts, hdr(ts=(NOW + 3600) * 1000), BODY,
       good(ts=NOW + 3600), url=URL)
f.case("toleranceSeconds 600 accepts 500 s old", {**opts, "toleranceSeconds": 600}, hdr(ts=(NOW - 500) * 1000), BODY,
       good(ts=NOW - 500), url=URL)
f.case("rotation: second configured secret", {**opts, "secret": ["old-secret", SECRET]}, hdr(), BODY, good(1), url=URL)
f.case("rotation: a look-alike secret (a prefix) first", {**opts, "secret": [SECRET[:-1], SECRET]}, hdr(), BODY,
       good(1), url=URL)
nb = '[{"eventId":2,"propertyValue":"Größe — 東京 ✓"}]'.encode()
f.case("non-ASCII body", opts, hdr(body=nb), nb, good(), url=URL)
h = hdr(); h["X-HubSpot-Signature-v3"] = "%%%"
f.case("signature not base64: malformed_header", opts, h, BODY, err("malformed_header"), url=URL)
h = {"X-HubSpot-Signature-v3": sig(ts="17e11"), "X-HubSpot-Request-Timestamp": "17e11"}
f.case("timestamp not digits (signed as sent): malformed_header", opts, h, BODY, err("malformed_header"), url=URL)
f.write()
