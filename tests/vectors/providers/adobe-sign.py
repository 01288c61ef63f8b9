#!/usr/bin/env python3
"""Adobe Acrobat Sign vectors. Run: python3 tests/vectors/providers/generate.py"""
from vectorlib import *  # noqa: F401,F403

# --- Adobe Acrobat Sign: the application's client id in X-AdobeSign-ClientId, echoed back -------
# adobeio/adobeio-documentation sign/webhooks.md: a GET (verification of intent) and every
# notification POST carry the header; the endpoint answers 2xx with the same id in the response
# header X-AdobeSign-ClientId or in the JSON body {"xAdobeSignClientId": id} (hookguard sends both).
CID = "CBJCHBCAABAAqz9wXf4v2dJk7Pp3DbIy"
f = File("adobe-sign")
opts = {"provider": "adobe-sign", "secret": CID}
NID = "9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b"


def notification(event="AGREEMENT_CREATED", nid=NID):
    d = {"webhookId": "3AAABLblqZhA0gfq6AbIFFL9rZkYJfHbw", "webhookNotificationId": nid,
         "webhookUrlInfo": {"url": "https://example.com/hooks/adobe-sign"}, "webhookScope": "ACCOUNT",
         "event": event, "eventDate": "2026-05-29T14:30:00Z", "eventResourceType": "agreement",
         "agreement": {"id": "CBJCHBCAABAAz8hWAf3j5dIkPp2DbIy7lzlKaZqtTcJm", "name": "Employment Agreement",
                       "status": "OUT_FOR_SIGNATURE"}}
    if nid is None:
        del d["webhookNotificationId"]
    return json.dumps(d, separators=(",", ":")).encode()


def echo(cid=CID):
    """200, the id in the response header and as the JSON body."""
    return response(json.dumps({"xAdobeSignClientId": cid}, separators=(",", ":")), "application/json",
                    headers={"x-adobesign-clientid": cid})


body = notification()


def good(key=0, event="AGREEMENT_CREATED", nid=NID, cid=CID):
    return ok(event, nid, None, key, None if nid is None else f"adobe-sign:{nid}", None, echo(cid))


def hdr(body=body, secret=CID):
    return {"Content-Type": "application/json", "X-AdobeSign-ClientId": secret}


common_cases(f, opts, hdr, body, lambda key=0: good(key), "X-AdobeSign-ClientId", token=True)
for e in ["AGREEMENT_ACTION_COMPLETED", "AGREEMENT_WORKFLOW_COMPLETED", "AGREEMENT_EXPIRED", "MEGASIGN_CREATED"]:
    f.case(f"event {e}", opts, hdr(), notification(e), good(event=e))
f.case("the client id differs in case: token_mismatch", opts, hdr(secret=CID.lower()), body, err("token_mismatch"))
f.case("spaces around the client id are trimmed, and the trimmed id is echoed", opts, hdr(secret=f"  {CID}\t"), body,
       good())
f.case("an empty client id header: token_mismatch", opts, hdr(secret=""), body, err("token_mismatch"))
f.case("a client id covers no body: a changed agreement still passes", opts, hdr(),
       body.replace(b"Employment", b"Employmenx"), good())
f.case("no webhookNotificationId: no replay id", opts, hdr(), notification(nid=None), good(nid=None))
f.case("no event: invalid_payload", opts, hdr(), b'{"webhookNotificationId":"n1"}', err("invalid_payload"))
f.case("event not a string: invalid_payload", opts, hdr(), b'{"event":7}', err("invalid_payload"))
f.case("rotation: the second configured client id is echoed", {**opts, "secret": ["CBJCHBCAABAAold0000000000000000", CID]},
       hdr(), body, good(1))
f.case("events allow-list: AGREEMENT_CREATED allowed", {**opts, "events": ["AGREEMENT_CREATED"]}, hdr(), body, good())
f.case("events allow-list: AGREEMENT_EXPIRED refused", {**opts, "events": ["AGREEMENT_CREATED"]}, hdr(),
       notification("AGREEMENT_EXPIRED"), err("event_not_allowed"))

# Verification of intent: a GET with the header, answered with the echo once the id matches.
URL = "https://example.com/hooks/adobe-sign"
f.handshake("verification of intent (GET): the id echoed in the header and the JSON body", opts,
            {"X-AdobeSign-ClientId": CID}, b"", {"ok": True, "response": echo()}, method="GET", url=URL)
f.handshake("verification of intent with another application's id: token_mismatch (never a 2xx)", opts,
            {"X-AdobeSign-ClientId": "CBJCHBCAABAAsomeoneelse00000000"}, b"", err("token_mismatch"), method="GET", url=URL)
f.handshake("verification of intent, rotation: the matching id is echoed",
            {**opts, "secret": ["CBJCHBCAABAAold0000000000000000", CID]}, {"X-AdobeSign-ClientId": CID}, b"",
            {"ok": True, "response": echo()}, method="GET", url=URL)
f.handshake("verification of intent with an empty id: token_mismatch", opts, {"X-AdobeSign-ClientId": ""}, b"",
            err("token_mismatch"), method="GET", url=URL)
f.handshake("a GET without the header is no handshake", opts, {}, b"", NOT_A_HANDSHAKE, method="GET", url=URL)
f.handshake("a notification POST is no handshake (it is verified, delivered and acknowledged)", opts, hdr(), body,
            NOT_A_HANDSHAKE, url=URL)
f.write()
