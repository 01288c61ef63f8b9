//! Meta (Facebook, Instagram, WhatsApp Cloud API): `X-Hub-Signature-256: sha256=<hex>`,
//! HMAC-SHA256 of the raw body keyed with the App Secret.
//!
//! Checked (2026-12) (read, not copied):
//! - developers.facebook.com/docs/graph-api/webhooks/getting-started/ ("Validating Payloads",
//!   as quoted on Meta's developer forum, communityforums.atmeta.com): "We sign all Event
//!   Notification payloads with a SHA256 signature and include the signature in the request's
//!   X-Hub-Signature-256 header, preceded with sha256="; generate it "using the payload and
//!   your app's App Secret". The same page, as quoted by a Stack Overflow question and a page
//!   mirror (the quirk is not in the excerpts read directly): "we generate the signature using
//!   an escaped unicode version of the payload, with lowercase hex digits … the string äöå
//!   should be escaped to \u00e4\u00f6\u00e5": the body on the wire carries those escapes, and
//!   the MAC covers exactly those bytes. hookguard hashes the raw bytes as received and never
//!   re-serialises, which is right either way; a vector pins it.
//! - developers.facebook.com/docs/graph-api/webhooks: a notification's top-level `object` names
//!   the object type (`user`, `page`, `whatsapp_business_account`), with the changes in
//!   `entry`.
//!
//! The legacy `X-Hub-Signature: sha1=` header is **not** read: the current page documents only
//! `X-Hub-Signature-256` (the SHA-1 wording survives only on an old dashboard text), so a
//! delivery without the SHA-256 header is `missing_header` rather than checked against a
//! weaker, undocumented fallback. No timestamp and no delivery id: freshness cannot be checked
//! and there is no replay id (`dedupeByBodyHash` is the option).
//!
//! Handshake (developers.facebook.com/docs/graph-api/webhooks/getting-started/, "Verification
//! Requests"): a GET to the callback URL with the query `hub.mode=subscribe`,
//! `hub.challenge` and `hub.verify_token` (the Verify Token typed into the App Dashboard). The
//! endpoint checks the token and answers 200 with the `hub.challenge` value. It carries no
//! signature, so hookguard compares `hub.verify_token` with the `verifyToken` option (SHA-256
//! digests, constant time): a wrong or missing one is `token_mismatch` (Meta's sample answers
//! 403; the worker's table gives 401, and Meta only needs the 200). The answer is
//! `text/plain`.
//!
//! Not confirmed at a source: Meta's retry schedule (none assumed: queue mode).

use crate::handshake::{Answer, Handshake, Trigger};
use crate::scheme::{Auth, EventSample, Field, Scheme, SignatureSpec};

/// Meta.
pub static META: Scheme = Scheme {
    id: "meta",
    display_name: "Meta",
    source: crate::scheme::prose(
        "developers.facebook.com/docs/graph-api/webhooks/getting-started/",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-hub-signature-256",
        prefix: "sha256=",
        ..SignatureSpec::BODY_HMAC
    }),
    event_source: Some(Field::Body("object")),
    required_fields: &["object"],
    events: crate::scheme::events(&[
        EventSample {
            name: "user",
            description: crate::scheme::prose("A field of an app user changed (here: photos)."),
            sample_data: crate::scheme::sample(
                r#"{"entry":[{"time":1520383571,"changes":[{"field":"photos","value":{"verb":"update","object_id":"10211885744794461"}}],"id":"10210299214172187","uid":"10210299214172187"}]}"#,
            ),
        },
        EventSample {
            name: "whatsapp_business_account",
            description: crate::scheme::prose("A WhatsApp Business account received a message."),
            sample_data: crate::scheme::sample(
                r#"{"entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdCNTg5RjY1MEMyRjlGMjRGNgA=","timestamp":"1749416383","type":"text","text":{"body":"Hello"}}]}}]}]}"#,
            ),
        },
    ]),
    handshakes: &[Handshake {
        trigger: Trigger::Query {
            name: "hub.mode",
            value: "subscribe",
        },
        answer: Answer::EchoQuery {
            challenge: "hub.challenge",
            token: "hub.verify_token",
        },
    }],
    ..Scheme::BASE
};
