#!/usr/bin/env python3
"""Writes own-edge-cases.json: hookguard's own vectors, in the shared vectors' format.

Signatures are computed here with Python's hmac (an implementation independent of ours). Run it
after changing a case; the output is committed so the tests never depend on Python.
"""
import base64, hashlib, hmac, json, os

SECRET = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07"
TOKEN = "tok_4b1d9f0e6a2c8e7d5f3a1b9c"
TS = 1780065000
BODY = (b'{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","api_version":"2026-05-28",'
        b'"created_at":"2026-05-29T14:30:00.000Z","data":{"id":"cm5x9abc123"}}')
INSPAKT_BODY = b'{"webhookId":"whk_01TEST","teamId":"team_01TEST","event":"envelope.sent","data":{"envelopeId":"env_01hx","name":"Service Agreement"}}'


def sig(body, secret=SECRET):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def ins_headers(body, **over):
    h = {
        "X-InSigner-Event": "document.completed",
        "X-InSigner-Signature": sig(body),
        "X-InSigner-Delivery-Id": "dlv_7f3a9c2e41b84d0f",
        "X-InSigner-Timestamp": str(TS),
    }
    for k, v in over.items():
        k = k.replace("_", "-")
        if v is None:
            h.pop(k, None)
        else:
            h[k] = v
    return h


def ok(event="document.completed", id="dlv_7f3a9c2e41b84d0f", ts=TS, key=0, **extra):
    return {"ok": True, "event": event, "id": id, "timestamp": ts, "keyIndex": key, **extra}


def err(code):
    return {"ok": False, "code": code}


cases = []


def case(name, body, headers, expect, options=None, now=TS + 2):
    c = {"name": name, "options": options or {"provider": "insigner", "secret": SECRET, "toleranceSeconds": 300},
         "now": now, "headers": headers}
    try:
        c["body_utf8"] = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    c["body_base64"] = base64.b64encode(body).decode()
    c["expect"] = expect
    cases.append(c)


INS = {"provider": "insigner", "secret": SECRET, "toleranceSeconds": 300}
INSP = {"provider": "inspakt", "header": "X-Inspakt-Webhook-Token", "secret": TOKEN}

# Raw bytes, not text: a correctly signed non-UTF-8 body passes the MAC, then fails as payload.
nonutf8 = b'{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","data":"\xff\xfe"}'
case("signed non-UTF-8 body: MAC passes, then invalid_payload", nonutf8, ins_headers(nonutf8), err("invalid_payload"))
case("non-UTF-8 body with another body's signature", nonutf8, ins_headers(nonutf8, **{"X-InSigner-Signature": sig(BODY)}), err("signature_mismatch"))
dup = b'{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","id":"dlv_other"}'
case("duplicate id field in the signed body", dup, ins_headers(dup), err("invalid_payload"))
dup_esc = b'{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","\\u0065vent":"document.declined"}'
case("duplicate event field spelled with an escape", dup_esc, ins_headers(dup_esc), err("invalid_payload"))
num_id = b'{"id":12345,"event":"document.completed"}'
case("id is a number", num_id, ins_headers(num_id, **{"X-InSigner-Delivery-Id": None}), err("invalid_payload"))
arr = b'[{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed"}]'
case("top-level array", arr, ins_headers(arr), err("invalid_payload"))
deep = b'{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","data":' + b"[" * 5000 + b"]" * 5000 + b"}"
case("nesting 5000 deep inside data is valid JSON (walked without recursion)", deep, ins_headers(deep), ok())
unclosed = b'{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","data":' + b"[" * 5000 + b"}"
case("unclosed nesting 5000 deep is invalid_payload, not a crash", unclosed, ins_headers(unclosed), err("invalid_payload"))
case("body over maxBodyBytes", BODY, ins_headers(BODY), err("body_too_large"), {**INS, "maxBodyBytes": 100})
case("body exactly at maxBodyBytes", BODY, ins_headers(BODY), ok(), {**INS, "maxBodyBytes": len(BODY)})
case("event not in the allow-list", BODY, ins_headers(BODY), err("event_not_allowed"), {**INS, "events": ["document.declined"]})
case("event in the allow-list", BODY, ins_headers(BODY), ok(), {**INS, "events": ["document.declined", "document.completed"]})
case("signature header padded with spaces", BODY, ins_headers(BODY, **{"X-InSigner-Signature": "  " + sig(BODY) + "\t"}), ok())
case("signature with trailing garbage", BODY, ins_headers(BODY, **{"X-InSigner-Signature": sig(BODY) + "00"}), err("malformed_header"))
case("SHA256= prefix in upper case", BODY, ins_headers(BODY, **{"X-InSigner-Signature": sig(BODY).replace("sha256=", "SHA256=")}), err("malformed_header"))
case("signature header with a NUL", BODY, ins_headers(BODY, **{"X-InSigner-Signature": sig(BODY) + "\x00"}), err("malformed_header"))
case("event header with an embedded line feed (header injection)", BODY, ins_headers(BODY, **{"X-InSigner-Event": "document.completed\nX-Injected: 1"}), err("malformed_header"))
case("delivery id header with DEL", BODY, ins_headers(BODY, **{"X-InSigner-Delivery-Id": "dlv_7f3a9c2e41b84d0f\x7f"}), err("malformed_header"))
case("timestamp header with a tab inside is not digits", BODY, ins_headers(BODY, **{"X-InSigner-Timestamp": "1780065\t000"}), err("malformed_header"))
case("empty signature header", BODY, ins_headers(BODY, **{"X-InSigner-Signature": ""}), err("malformed_header"))
for label, ts in [("leading plus", "+1780065000"), ("negative", "-1"), ("fraction", "1780065000.5"),
                  ("20 digits", "99999999999999999999"), ("milliseconds-like but integer", "1780065000000")]:
    expect = err("timestamp_in_future") if label.startswith("milli") else err("malformed_header")
    case(f"timestamp {label}", BODY, ins_headers(BODY, **{"X-InSigner-Timestamp": ts}), expect)
case("timestamp i64::MAX: future, no overflow", BODY, ins_headers(BODY, **{"X-InSigner-Timestamp": "9223372036854775807"}), err("timestamp_in_future"))
case("timestamp 0: too old, no overflow", BODY, ins_headers(BODY, **{"X-InSigner-Timestamp": "0"}), err("timestamp_too_old"), {**INS, "toleranceSeconds": 2592000})
case("event header differs only in case", BODY, ins_headers(BODY, **{"X-InSigner-Event": "Document.Completed"}), err("header_body_mismatch"))
case("three secrets, the third matches", BODY, ins_headers(BODY), ok(key=2), {**INS, "secret": ["a" * 64, "b" * 64, SECRET]})
case("tolerance 0 and the same second", BODY, ins_headers(BODY), ok(), {**INS, "toleranceSeconds": 0}, now=TS)
case("tolerance 0 and one second later", BODY, ins_headers(BODY), err("timestamp_too_old"), {**INS, "toleranceSeconds": 0}, now=TS + 1)
# Lone UTF-16 surrogate escapes: JSON.stringify("cut 😀".slice(0, 5)) and Python's json.dumps
# write "\ud83d". Valid JSON: accepted where hookguard only validates; refused (invalid_payload)
# in a field it extracts, since no text can hold it and replacing it would make ids collide.
def env(data_json, id_json=b'"dlv_7f3a9c2e41b84d0f"'):
    return (b'{"id":' + id_json + b',"event":"document.completed","api_version":"2026-05-28",'
            b'"created_at":"2026-05-29T14:30:00.000Z","data":' + data_json + b'}')
for label, data in [
    ("a lone high surrogate in data (text cut inside an emoji)", b'{"reason":"Terms in section 4 \\ud83d"}'),
    ("a lone low surrogate in data", b'{"reason":"\\ude00 x"}'),
    ("a high surrogate followed by a non-surrogate escape in data", b'["\\ud83d\\u0041"]'),
    ("two high surrogates then a low one in data", b'["\\ud83d\\ud83d\\ude00"]'),
    ("lone surrogates in nested keys, duplicated", b'{"\\ud83d":1,"\\ud83d":2,"x\\udfff":{"id":"\\ud800"}}'),
    ("upper-case lone surrogate escape in data", b'"\\uD83D"'),
]:
    body = env(data)
    assert json.loads(body.decode())  # Python accepts it, as JSON.parse does
    case(f"surrogates: {label}", body, ins_headers(body), ok())
body = env(b'{}').replace(b'"api_version"', b'"\\ud800":1,"api_version"')
case("surrogates: a top-level key with a lone surrogate (skipped)", body, ins_headers(body), ok())
body = env(b'{}', b'"dlv_\\ud83d"')
case("surrogates: a lone surrogate in the signed id is invalid_payload", body,
     ins_headers(body, **{"X-InSigner-Delivery-Id": None}), err("invalid_payload"))
body = env(b'{}').replace(b'"event":"document.completed"', b'"event":"document.completed\\udc00"')
case("surrogates: a lone surrogate in the signed event is invalid_payload", body,
     ins_headers(body, **{"X-InSigner-Event": None}), err("invalid_payload"))
body = env(b'{}', b'"dlv_\\ud83d\\ude00"')
case("surrogates: a paired escape in the signed id decodes to the character", body,
     ins_headers(body, **{"X-InSigner-Delivery-Id": None}), ok(id="dlv_\U0001F600", dedupeKey="insigner:dlv_\U0001F600"))
body = b'{"webhookId":"whk_01TEST","teamId":"team_\\udbff","event":"envelope.sent","data":{}}'
case("surrogates: inspakt teamId with a lone surrogate is invalid_payload", body, {"X-Inspakt-Webhook-Token": TOKEN}, err("invalid_payload"), INSP)
body = b'{"webhookId":"whk_01TEST","teamId":"team_01TEST","event":"envelope.sent","data":{"name":"\\ud83d"}}'
case("surrogates: inspakt data with a lone surrogate passes", body, {"X-Inspakt-Webhook-Token": TOKEN},
     {"ok": True, "event": "envelope.sent", "id": None, "timestamp": None, "keyIndex": 0}, INSP)
# maxEventAgeSeconds: the signed created_at bounds a delivery's age (a replayer can refresh the
# unsigned timestamp header, not created_at). Expected outcomes are computed here with Python's
# datetime and a regex for the accepted shape, independently of hookguard's parser.
import re
from datetime import datetime, timezone

RETRY_WINDOW = 60 + 300 + 1800 + 7200 + 18000 + 36000 + 64800 + 86400  # inSigner's, from the first attempt
FLOOR = RETRY_WINDOW + 86400  # the smallest maxEventAgeSeconds: the retry window plus a day's margin
assert (RETRY_WINDOW, FLOOR) == (214560, 300960)
MAX_AGE = 345600  # 4 days, above the floor
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})", re.ASCII)


def created_unix(text):
    """Unix seconds (rounded down) for the strict RFC 3339 form, or None when refused."""
    if not isinstance(text, str) or not RFC3339.fullmatch(text):
        return None
    date, time = text[:10], text[11:19]
    zone = text[19:].split("Z")[0] if "Z" in text else text[-6:]
    try:
        base = datetime.strptime(date + " " + time, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:  # not a real date, hour 24, minute or second 60
        return None
    offset = 0
    if not text.endswith("Z"):
        oh, om = int(zone[1:3]), int(zone[4:6])
        if oh > 23 or om > 59:
            return None
        offset = (oh * 60 + om) * 60 * (-1 if zone[0] == "-" else 1)
    return int(base.timestamp()) - offset


def iso(ts):
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def with_created(created_json):
    return (b'{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","api_version":"2026-05-28",'
            + (b'"created_at":' + created_json + b',' if created_json is not None else b'')
            + b'"data":{"id":"cm5x9abc123"}}')


AGE = {**INS, "maxEventAgeSeconds": MAX_AGE}


def age_case(name, created, now, options=AGE, expect=None):
    body = with_created(json.dumps(created).encode() if created is not None else None)
    if expect is None:
        c = created_unix(created)
        tolerance = options.get("toleranceSeconds", 300)
        expect = err("invalid_payload") if c is None else (
            err("timestamp_too_old") if now - c > options["maxEventAgeSeconds"] else
            err("timestamp_in_future") if c - now > tolerance else ok(ts=now))
    # The unsigned timestamp header is always fresh (refreshed by a replayer, or genuinely new).
    case("maxEventAgeSeconds: " + name, body, ins_headers(body, **{"X-InSigner-Timestamp": str(now)}), expect, options, now=now)


assert iso(TS) == "2026-05-29T14:30:00.000Z"
age_case("created_at well within the bound", iso(TS), TS + 1000)
age_case("created_at exactly maxEventAgeSeconds old", iso(TS), TS + MAX_AGE)
age_case("created_at one second over (a replay with a refreshed timestamp header)", iso(TS), TS + MAX_AGE + 1)
age_case("a fraction does not make an event at the bound too old", "2026-05-29T14:30:00.999Z", TS + MAX_AGE)
age_case("+05:30 offset exactly at the bound", "2026-05-29T20:00:00+05:30", TS + MAX_AGE)
age_case("+05:30 offset one second over", "2026-05-29T20:00:00+05:30", TS + MAX_AGE + 1)
age_case("-05:00 offset one second over", "2026-05-29T09:30:00-05:00", TS + MAX_AGE + 1)
age_case("-05:00 offset read as later than UTC (within)", "2026-05-29T09:31:00-05:00", TS + MAX_AGE + 1)
# A created_at ahead of now is clock skew up to toleranceSeconds, like the timestamp header;
# further ahead it is timestamp_in_future (else it could outlive the replay memory).
age_case("created_at exactly toleranceSeconds in the future (clock skew) is accepted", iso(TS + 300), TS)
age_case("created_at toleranceSeconds + 1 s in the future is timestamp_in_future", iso(TS + 301), TS)
age_case("created_at ten days in the future is timestamp_in_future", iso(TS + 10 * 86400), TS)
age_case("created_at a fraction past the tolerance rounds down: accepted", "2026-05-29T14:35:00.999Z", TS)
age_case("created_at +05:30 offset one second past the tolerance", "2026-05-29T20:05:01+05:30", TS)
age_case("created_at 9999-12-31: in the future, no overflow", "9999-12-31T23:59:59Z", TS)
age_case("created_at within a wide tolerance in the future is accepted", iso(TS + 86400), TS,
         options={**AGE, "toleranceSeconds": 86400})
age_case("created_at one second past a wide tolerance", iso(TS + 86401), TS, options={**AGE, "toleranceSeconds": 86400})
age_case("created_at 2000-02-29 (leap day) is too old", "2000-02-29T12:00:00Z", TS)
for label, text in [
    ("no time zone", "2026-05-29T14:30:00.000"),
    ("February 30", "2026-02-30T14:30:00.000Z"),
    ("February 29 in a non-leap year", "2026-02-29T14:30:00Z"),
    ("1900-02-29 (a century, not a leap year)", "1900-02-29T14:30:00Z"),
    ("a space instead of T", "2026-05-29 14:30:00Z"),
    ("hour 24", "2026-05-29T24:00:00Z"),
    ("minute 60", "2026-05-29T14:60:00Z"),
    ("a leap second", "2026-06-30T23:59:60Z"),
    ("lower-case t and z", "2026-05-29t14:30:00.000z"),
    ("lower-case z", "2026-05-29T14:30:00.000z"),
    ("offset +25:00", "2026-05-29T14:30:00+25:00"),
    ("offset without a colon", "2026-05-29T14:30:00+0530"),
    ("trailing junk", "2026-05-29T14:30:00.000Zjunk"),
    ("a trailing space", "2026-05-29T14:30:00.000Z "),
    ("a 10-digit fraction", "2026-05-29T14:30:00.0123456789Z"),
    ("an empty fraction", "2026-05-29T14:30:00.Z"),
    ("unix seconds as a string", "1780065000"),
    ("an empty string", ""),
    ("a five-digit year", "20260-05-29T14:30:00Z"),
]:
    assert created_unix(text) is None, text
    age_case("malformed created_at: " + label, text, TS + 2)
assert created_unix("2026-05-29T14:30:00.123456789Z") == TS
age_case("a 9-digit fraction is accepted", "2026-05-29T14:30:00.123456789Z", TS + 2)
age_case("missing created_at", None, TS + 2, expect=err("invalid_payload"))
body = with_created(b"1780065000")
case("maxEventAgeSeconds: created_at a number", body, ins_headers(body), err("invalid_payload"), AGE)
body = with_created(b"null")
case("maxEventAgeSeconds: created_at null", body, ins_headers(body), err("invalid_payload"), AGE)
body = with_created(b'"2026-05-29T14:30:00\\ud83dZ"')
case("maxEventAgeSeconds: created_at with a lone surrogate", body, ins_headers(body), err("invalid_payload"), AGE)
body = with_created(b'"2026-05-29T14:30:00.000Z","created_at":"2000-01-01T00:00:00Z"')
case("maxEventAgeSeconds: created_at given twice", body, ins_headers(body), err("invalid_payload"), AGE)
body = with_created(b'"2026-05-29T14:30:00.000Z"')
case("maxEventAgeSeconds: checks run after the signature (stale and unsigned: signature_mismatch)", body,
     ins_headers(body, **{"X-InSigner-Signature": sig(b"another body"), "X-InSigner-Timestamp": str(TS + MAX_AGE + 1)}),
     err("signature_mismatch"), AGE, now=TS + MAX_AGE + 1)
body = with_created(b'"2000-01-01T00:00:00Z"')
case("without maxEventAgeSeconds an old created_at changes nothing", body, ins_headers(body), ok())
body = with_created(b'"not a date"')
case("without maxEventAgeSeconds created_at is not read", body, ins_headers(body), ok())
case("maxEventAgeSeconds on Inspakt (no signed event time) is invalid_config", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": TOKEN},
     err("invalid_config"), {**INSP, "maxEventAgeSeconds": MAX_AGE})
body = with_created(b'"2026-05-29T14:30:00.000Z"')
case("maxEventAgeSeconds one second below the floor (retry window + 1 day) is invalid_config", body, ins_headers(body),
     err("invalid_config"), {**INS, "maxEventAgeSeconds": FLOOR - 1})
case("maxEventAgeSeconds exactly the floor (inSigner's retry window + 1 day)", body, ins_headers(body), ok(), {**INS, "maxEventAgeSeconds": FLOOR})
case("maxEventAgeSeconds exactly inSigner's nominal retry window (no margin) is invalid_config", body, ins_headers(body),
     err("invalid_config"), {**INS, "maxEventAgeSeconds": RETRY_WINDOW})
case("maxEventAgeSeconds below toleranceSeconds is invalid_config", body, ins_headers(body),
     err("invalid_config"), {**INS, "toleranceSeconds": 2592000, "maxEventAgeSeconds": 2591999})
case("maxEventAgeSeconds equal to a toleranceSeconds above the floor", body, ins_headers(body),
     ok(), {**INS, "toleranceSeconds": 2592000, "maxEventAgeSeconds": 2592000})
case("maxEventAgeSeconds over ten years is invalid_config", body, ins_headers(body),
     err("invalid_config"), {**INS, "maxEventAgeSeconds": 10 * 365 * 86400 + 1})
case("maxEventAgeSeconds of a week in milliseconds is invalid_config", body, ins_headers(body),
     err("invalid_config"), {**INS, "maxEventAgeSeconds": 7 * 86400 * 1000})
case("maxEventAgeSeconds negative is invalid_config", body, ins_headers(body),
     err("invalid_config"), {**INS, "maxEventAgeSeconds": -1})
case("maxEventAgeSeconds a string is invalid_config", body, ins_headers(body),
     err("invalid_config"), {**INS, "maxEventAgeSeconds": "259200"})
# Configuration errors.
case("tolerance over 30 days", BODY, ins_headers(BODY), err("invalid_config"), {**INS, "toleranceSeconds": 2592001})
case("header option on inSigner", BODY, ins_headers(BODY), err("invalid_config"), {**INS, "header": "X-Token"})
case("unknown option (typo)", BODY, ins_headers(BODY), err("invalid_config"), {"provider": "insigner", "secret": SECRET, "toleranceSecond": 300})
case("unknown provider", BODY, ins_headers(BODY), err("invalid_config"), {"provider": "insigner2", "secret": SECRET})
case("secret with a trailing newline", BODY, ins_headers(BODY), err("invalid_config"), {"provider": "insigner", "secret": SECRET + "\n"})
case("empty secret string", BODY, ins_headers(BODY), err("invalid_config"), {"provider": "insigner", "secret": ""})
case("secret of the wrong type", BODY, ins_headers(BODY), err("invalid_config"), {"provider": "insigner", "secret": 42})
case("negative tolerance", BODY, ins_headers(BODY), err("invalid_config"), {**INS, "toleranceSeconds": -5})
case("empty events allow-list", BODY, ins_headers(BODY), err("invalid_config"), {**INS, "events": []})
# Inspakt.
inspakt_ok = {"ok": True, "event": "envelope.sent", "id": None, "timestamp": None, "keyIndex": 0}
case("inspakt: default Authorization header with a Bearer value", INSPAKT_BODY, {"authorization": "Bearer " + TOKEN}, inspakt_ok,
     {"provider": "inspakt", "secret": "Bearer " + TOKEN})
case("inspakt: token header padded with spaces", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": " " + TOKEN + " "}, inspakt_ok, INSP)
case("inspakt: token with a NUL", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": TOKEN + "\x00"}, err("malformed_header"), INSP)
case("inspakt: empty token header", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": ""}, err("token_mismatch"), INSP)
case("inspakt: token in another header", INSPAKT_BODY, {"Authorization": TOKEN}, err("missing_header"), INSP)
case("inspakt: toleranceSeconds does not apply", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": TOKEN}, err("invalid_config"), {**INSP, "toleranceSeconds": 300})
case("inspakt: header name with a space", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": TOKEN}, err("invalid_config"), {**INSP, "header": "X Token"})
case("inspakt: dedupe on the body hash when opted in", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": TOKEN},
     {**inspakt_ok, "dedupeKey": "inspakt:sha256:" + hashlib.sha256(INSPAKT_BODY).hexdigest()}, {**INSP, "dedupeByBodyHash": True})
case("inspakt: no dedupe key by default", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": TOKEN}, {**inspakt_ok, "dedupeKey": None}, INSP)
case("insigner: dedupe key is the signed body id", BODY, ins_headers(BODY), ok(dedupeKey="insigner:dlv_7f3a9c2e41b84d0f"))
case("insigner: dedupeByBodyHash is refused (the id is the key)", BODY, ins_headers(BODY), err("invalid_config"), {**INS, "dedupeByBodyHash": True})
case("inspakt: event not in the allow-list", INSPAKT_BODY, {"X-Inspakt-Webhook-Token": TOKEN}, err("event_not_allowed"), {**INSP, "events": ["envelope.finalized"]})
no_team = b'{"webhookId":"whk_01TEST","event":"envelope.sent","data":{}}'
case("inspakt: envelope without teamId", no_team, {"X-Inspakt-Webhook-Token": TOKEN}, err("invalid_payload"), INSP)
case("inspakt: wrong token and a body that is not JSON: token first", b"not json", {"X-Inspakt-Webhook-Token": "nope"}, err("token_mismatch"), INSP)

doc = {
    "format": "Same as ../../../shared/vectors: options, now, headers, body_utf8/body_base64, expect. "
              "expect may also carry dedupeKey. Generated by generate.py.",
    "cases": cases,
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "own-edge-cases.json")
with open(out, "w") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {out}")
