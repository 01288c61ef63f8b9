#!/usr/bin/env python3
"""Dropbox Sign vectors, from Python's hmac (hex HMAC-SHA256 of event_time + event_type keyed with
the API key), in JSON and multipart/form-data bodies built here. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

f = File("dropbox-sign")
# The SDKs' test API key (hellosign/dropbox-sign-ruby spec/event_callback_helper_spec.rb).
KEY = "324e3b0840f065eb51f3fd63231d0d33daa35d4ed10d27718839e81737065782"
opts = {"provider": "dropbox-sign", "secret": KEY}
sig = lambda t="1348177752", e="signature_request_sent", key=KEY: mac(hashlib.sha256, key.encode(),
                                                                       (t + e).encode()).hex()


def event_json(t="1348177752", e="signature_request_sent", h=None, title="Title"):
    h = h if h is not None else sig(t, e)
    return (f'{{"account_guid":"63522885f9261e2b04eea043933ee7313eb674fd","event":{{"event_time":"{t}",'
            f'"event_type":"{e}","event_hash":"{h}","event_metadata":{{"related_signature_id":'
            f'"ad4d8a769b555fa5ef38691465d426682bf2c992"}}}},"signature_request":{{"title":"{title}"}}}}').encode()


B = "----hookguardBoundary7MA4YWxkTrZu0gW"
CT = {"Content-Type": f"multipart/form-data; boundary={B}"}


def multipart(parts, boundary=B, close=True):
    out = b""
    for name, value in parts:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").encode() + value + b"\r\n"
    return out + (f"--{boundary}--\r\n".encode() if close else b"")


# Every accepted callback is answered 200 "Hello API Event Received" (otherwise retried).
ACK = response("Hello API Event Received")
good = lambda key=0, event="signature_request_sent": ok(event, None, None, key, None, False, ACK)
# Published: the SDKs' fixtures (hellosign/dropbox-sign-ruby test_fixtures/EventCallbackHelper_*Callbacks.json).
P = "published: hellosign/dropbox-sign-ruby test_fixtures/EventCallbackHelper_AccountCallbacks.json"
for e, h in [("unknown_error", "c574f5d3090c2936360b4e36cf6835cf3e2206b84fdc6347e6b28ca721ae1371"),
             ("account_confirmed", "6dc5b7aad93cf54915e0089d6c31d61b3833f66f51459171c69f8fa211308848"),
             ("signature_request_sent", "08d45a6b7677492b78be030cef18cfeaece8fe67e163cc8e526ee638ad483756")]:
    assert sig(e=e) == h
    f.case(f"{P} {e}", opts, {"Content-Type": "application/json"}, event_json(e=e, h=h), good(event=e))
    f.case(f"{P} {e}, as the multipart json field", opts, CT, multipart([("json", event_json(e=e, h=h))]),
           good(event=e))
    f.case(f"{P} {e}, the reversed key fails (as the SDK's spec)", {**opts, "secret": KEY[::-1]}, {},
           event_json(e=e, h=h), err("signature_mismatch"))
f.case("the rest of the body is not signed: changing it still verifies", opts, {}, event_json(title="Other"), good())
f.case("the event type is signed", opts, {}, event_json(h=sig(e="signature_request_signed")), err("signature_mismatch"))
f.case("wrong API key", opts, {}, event_json(h=sig(key="k")), err("signature_mismatch"))
f.case("rotation: second configured key", {**opts, "secret": ["old-api-key", KEY]}, {}, event_json(), good(1))
f.case("rotation: a look-alike key (a prefix) first", {**opts, "secret": [KEY[:-1], KEY]}, {}, event_json(), good(1))
f.case("non-ASCII body", opts, {}, event_json(title="Größe — 東京 ✓"), good())
f.case("multipart with another field first", opts, CT,
       multipart([("other", b"x"), ("json", event_json())]), good())
f.case("multipart with a quoted boundary", opts, {"Content-Type": f'multipart/form-data; boundary="{B}"'},
       multipart([("json", event_json())]), good())
f.case("multipart without the json field: invalid_payload", opts, CT, multipart([("other", event_json())]),
       err("invalid_payload"))
f.case("multipart naming json twice: invalid_payload", opts, CT,
       multipart([("json", event_json()), ("json", event_json(title="X"))]), err("invalid_payload"))
f.case("multipart without its close delimiter: invalid_payload", opts, CT,
       multipart([("json", event_json())], close=False), err("invalid_payload"))
f.case("multipart with another boundary than Content-Type's: invalid_payload", opts, CT,
       multipart([("json", event_json())], boundary="other"), err("invalid_payload"))
f.case("multipart without a Content-Type: invalid_payload", opts, {}, multipart([("json", event_json())]),
       err("invalid_payload"))
f.case("multipart with LF line breaks: invalid_payload", opts, CT,
       multipart([("json", event_json())]).replace(b"\r\n", b"\n"), err("invalid_payload"))
f.case("event_hash not hex: invalid_payload", opts, {}, event_json(h="zz" * 32), err("invalid_payload"))
f.case("no event_hash: invalid_payload", opts, {}, b'{"event":{"event_time":"1","event_type":"x"}}',
       err("invalid_payload"))
f.case("an event allow-list refuses others", {**opts, "events": ["account_confirmed"]}, {}, event_json(),
       err("event_not_allowed"))
f.case("toleranceSeconds is refused", {**opts, "toleranceSeconds": 300}, {}, event_json(), err("invalid_config"))
f.write()
