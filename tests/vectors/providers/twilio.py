#!/usr/bin/env python3
"""Twilio vectors, from Python's hmac (twilio-python request_validator.py's rules: URL + sorted
params, HMAC-SHA1 base64, port forms, bodySHA256). Run: python3 tests/vectors/providers/generate.py"""
from urllib.parse import quote_plus
from vectorlib import *  # noqa: F401,F403

TOKEN = "12345"
URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
f = File("twilio")
opts = {"provider": "twilio", "secret": TOKEN}
good = lambda key=0: ok(None, None, None, key, None, True)


def form(pairs):
    return "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs).encode()


def sig(url, pairs, token=TOKEN):
    s = url
    names = sorted(set(k for k, _ in pairs))
    for n in names:
        for v in sorted(set(v for k, v in pairs if k == n)):
            s += n + v
    return b64(mac(hashlib.sha1, token.encode(), s.encode()))


PARAMS = [("CallSid", "CA1234567890ABCDE"), ("Digits", "1234"), ("From", "+14158675309"),
          ("To", "+18005551212"), ("Caller", "+14158675309")]
body = form(PARAMS)
hdr = lambda s: {"X-Twilio-Signature": s}

# Published: twilio/twilio-python tests/unit/test_request_validator.py.
P = "published: twilio/twilio-python tests/unit/test_request_validator.py"
assert sig(URL, PARAMS) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="
f.case(f"{P} test_validation", opts, hdr("RSOYDt4T1cUTdK1PDd93/VVr8B8="), body, good(), url=URL)
f.case(f"{P} test_validation_removes_port_on_https", opts, hdr("RSOYDt4T1cUTdK1PDd93/VVr8B8="), body, good(),
       url=URL.replace(".com", ".com:1234"))
assert sig(URL.replace(".com", ".com:1234").replace("https", "http"), PARAMS) == "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="
f.case(f"{P} test_validation_removes_port_on_http", opts, hdr("Zmvh+3yNM1Phv2jhDCwEM3q5ebU="), body, good(),
       url=URL.replace(".com", ".com:1234").replace("https", "http"))
assert sig(URL.replace(".com", ".com:443"), PARAMS) == "kvajT1Ptam85bY51eRf/AJRuM3w="
f.case(f"{P} test_validation_adds_port_on_https", opts, hdr("kvajT1Ptam85bY51eRf/AJRuM3w="), body, good(), url=URL)
assert sig(URL.replace("https", "http").replace(".com", ".com:80"), PARAMS) == "0ZXoZLH/DfblKGATFgpif+LLRf4="
f.case(f"{P} test_validation_adds_port_on_http", opts, hdr("0ZXoZLH/DfblKGATFgpif+LLRf4="), body, good(),
       url=URL.replace("https", "http"))
DUP = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234"), ("Digits", "1234")]
assert sig(URL, DUP) == "IK+Dwps556ElfBT0I3Rgjkr1wJU="
f.case(f"{P} test_compute_signature_duplicate_query_dict (keys and values sorted, duplicates once)", opts,
       hdr("IK+Dwps556ElfBT0I3Rgjkr1wJU="), form(DUP), good(), url=URL)
JBODY = b'{"property": "value", "boolean": true}'
JH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
assert hashlib.sha256(JBODY).hexdigest() == JH
JURL = URL + "&bodySHA256=" + JH
assert b64(mac(hashlib.sha1, TOKEN.encode(), JURL.encode())) == "a9nBmqA0ju/hNViExpshrM61xv4="
f.case(f"{P} test_validation_of_body_succeeds", opts, hdr("a9nBmqA0ju/hNViExpshrM61xv4="), JBODY, good(), url=JURL)

# Our own cases.
f.case("one body byte changed (a parameter value)", opts, hdr(sig(URL, PARAMS)), body.replace(b"1234", b"1235"),
       err("signature_mismatch"), url=URL)
f.case("another URL", opts, hdr(sig(URL, PARAMS)), body, err("signature_mismatch"), url=URL + "&x=1")
f.case("wrong token", opts, hdr(sig(URL, PARAMS, "54321")), body, err("signature_mismatch"), url=URL)
f.case("missing signature header", opts, {}, body, err("missing_header"), url=URL)
f.case("no url call option: invalid_config", opts, hdr(sig(URL, PARAMS)), body, err("invalid_config"))
f.case("a relative url: invalid_config", opts, hdr(sig(URL, PARAMS)), body, err("invalid_config"),
       url="/myapp.php?foo=1&bar=2")
f.case("a url with a space: invalid_config", opts, hdr(sig(URL, PARAMS)), body, err("invalid_config"),
       url="https://mycompany.com/my app.php")
f.case("signature not base64: malformed_header", opts, hdr("not*base64"), body, err("malformed_header"), url=URL)
f.case("a SHA-256 sized base64 signature: malformed_header", opts,
       hdr(b64(mac(hashlib.sha256, TOKEN.encode(), URL.encode()))), body, err("malformed_header"), url=URL)
f.case("rotation: second configured token", {**opts, "secret": ["old-token", TOKEN]}, hdr(sig(URL, PARAMS)), body,
       good(1), url=URL)
f.case("rotation: a look-alike token (a prefix) first", {**opts, "secret": [TOKEN[:-1], TOKEN]},
       hdr(sig(URL, PARAMS)), body, good(1), url=URL)
NA = [("Body", "Größe — 東京 ✓"), ("From", "+14158675309")]
f.case("non-ASCII parameter values (UTF-8, percent-encoded in the form)", opts, hdr(sig(URL, NA)), form(NA), good(),
       url=URL)
f.case("an empty body: the URL alone", opts, hdr(sig(URL, [])), b"", good(), url=URL)
f.case("JSON body with a wrong bodySHA256: signature_mismatch", opts,
       hdr(b64(mac(hashlib.sha1, TOKEN.encode(), (URL + "&bodySHA256=" + "0" * 64).encode()))), JBODY,
       err("signature_mismatch"), url=URL + "&bodySHA256=" + "0" * 64)
f.case("JSON body without bodySHA256: invalid_payload", opts, hdr(sig(URL, [])), JBODY, err("invalid_payload"),
       url=URL)
f.case("a broken form escape: invalid_payload", opts, hdr(sig(URL, [])), b"Body=%zz", err("invalid_payload"), url=URL)
f.case("toleranceSeconds is refused: no timestamp", {**opts, "toleranceSeconds": 300}, hdr(sig(URL, PARAMS)), body,
       err("invalid_config"), url=URL)
f.case("the header option is refused", {**opts, "header": "x-twilio-signature"}, hdr(sig(URL, PARAMS)), body,
       err("invalid_config"), url=URL)
f.case("the method does not matter (GET: URL only)", opts, hdr(sig(URL, [])), b"", good(), url=URL, method="GET")
f.write()
