#!/usr/bin/env python3
"""Square vectors, from Python's hmac (WebhooksHelper: base64 HMAC-SHA256 of URL + body).
Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

f = File("square")
P = "published: square/square-nodejs-sdk tests/integration/webhooks.test.ts"
KEY = "Ibxx_5AKakO-3qeNVR61Dw"
URL = "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9"
BODY = (b'{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-'
        b'18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-'
        b'407e-b46e-3231809b1129"}}')
EID = "ac3ac95b-f97d-458c-a6e6-18981597e05f"
opts = {"provider": "square", "secret": KEY}
sig = lambda url=URL, body=BODY, key=KEY: b64(mac(hashlib.sha256, key.encode(), url.encode() + body))
hdr = lambda s: {"x-square-hmacsha256-signature": s}
good = lambda key=0, event="webhooks.test_notification", eid=EID: ok(event, eid, None, key, f"square:{eid}", True)
assert sig() == "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4="
f.case(f"{P} validation pass", opts, hdr("GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4="), BODY, good(), url=URL)
f.case(f"{P} fails on notification url mismatch", opts, hdr(sig()), BODY, err("signature_mismatch"),
       url="https://webhook.site/79a4f3a-dcfa-49ee-bac5-9d0edad886b9")
f.case(f"{P} fails on invalid signature key", {**opts, "secret": "MCmhFRxGX82xMwg5FsaoQA"}, hdr(sig()), BODY,
       err("signature_mismatch"), url=URL)
f.case(f"{P} fails on invalid signature header", opts, hdr("1z2n3DEJJiUPKcPzQo1ftvbxGdw="), BODY,
       err("malformed_header"), url=URL)
f.case(f"{P} fails on request body mismatch", opts, hdr(sig()), BODY.replace(b"2022-07-13", b"2022-06-13"),
       err("signature_mismatch"), url=URL)
pretty = b'{\n    "merchant_id": "MLEFBHHSJGVHD",\n    "type": "webhooks.test_notification"\n}'
f.case(f"{P} fails on request body formatted", opts, hdr(sig()), pretty, err("signature_mismatch"), url=URL)
# The SDK's other two bodies have no event_id/type: their MAC passes, then the envelope check refuses them.
for name, body, s in [("unescaped chars", b'{"data":{"type":"webhooks","id":"fake_id"}}',
                       "W3FlCNk5IA3ZQ2LHTWoajvzfaDu/OwY2tNHIHC3IUOA="),
                      ("escaped characters", b'{"data":{"type":"webhooks","id":">id<"}}',
                       "Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U=")]:
    assert sig("https://webhook.site/webhooks", body, "signature-key") == s
    f.case(f"{P} signature {name} (MAC passes; no type/event_id: invalid_payload)",
           {**opts, "secret": "signature-key"}, hdr(s), body, err("invalid_payload"), url="https://webhook.site/webhooks")
f.case("missing signature header", opts, {}, BODY, err("missing_header"), url=URL)
f.case("no url call option: invalid_config", opts, hdr(sig()), BODY, err("invalid_config"))
f.case("rotation: second configured key", {**opts, "secret": ["old-key", KEY]}, hdr(sig()), BODY, good(1), url=URL)
f.case("rotation: a look-alike key (a prefix) first", {**opts, "secret": [KEY[:-1], KEY]}, hdr(sig()), BODY, good(1),
       url=URL)
nb = '{"merchant_id":"M","type":"payment.created","event_id":"e-1","data":{"note":"Größe — 東京 ✓"}}'.encode()
f.case("non-ASCII body", opts, hdr(sig(body=nb)), nb, good(event="payment.created", eid="e-1"), url=URL)
f.case("hex instead of base64: malformed_header", opts,
       hdr(mac(hashlib.sha256, KEY.encode(), URL.encode() + BODY).hex()), BODY, err("malformed_header"), url=URL)
nt = b'{"merchant_id":"M","type":7,"event_id":"e-1"}'
f.case("type is not a string: invalid_payload", opts, hdr(sig(body=nt)), nt, err("invalid_payload"), url=URL)
f.case("toleranceSeconds is refused: no timestamp", {**opts, "toleranceSeconds": 300}, hdr(sig()), BODY,
       err("invalid_config"), url=URL)
f.write()
