//! Mailgun: `signature.signature` in the JSON body, the hex HMAC-SHA256 of
//! `signature.timestamp` + `signature.token` keyed with the HTTP webhook signing key. The rest
//! of the body (`event-data`) is **not** signed: results say `body_signed: false`.
//!
//! Checked (2026-12) in the docs,
//! documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks (read, not
//! copied): Mailgun "signs them and posts the signature alongside the webhook's event-data" as
//! `{"token", "timestamp", "signature"}`; to verify, concatenate timestamp and token "with no
//! separator", HMAC with the Webhook Signing Key in SHA256 digest mode, and compare the
//! hexdigest; `token` is a random 50-character string (cache it to refuse replays: it is the
//! replay id here) and `timestamp` the seconds since the epoch (a string in the docs' example;
//! an integer is read as its digits).
//!
//! Not confirmed at a source: a tolerance for `timestamp` (the docs only advise checking it),
//! so none is applied and the result has no timestamp; the retry schedule (the base's no
//! retries: queue mode); legacy form-encoded deliveries (top-level fields), which are not
//! read (`invalid_payload`); `parent-signature` (subaccounts), not read.

use crate::scheme::{
    Algorithm, Auth, BodyFieldSpec, Encoding, EventSample, Field, FieldPart, Scheme,
};

/// Mailgun.
pub static MAILGUN: Scheme = Scheme {
    id: "mailgun",
    display_name: "Mailgun",
    source: crate::scheme::prose(
        "documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks",
    ),
    auth: Auth::BodyField(BodyFieldSpec {
        signature: "signature.signature",
        signed_content: &[
            FieldPart::Field("signature.timestamp"),
            FieldPart::Field("signature.token"),
        ],
        algorithm: Algorithm::HmacSha256,
        encoding: Encoding::Hex,
        multipart_field: None,
    }),
    // Dotted paths into the body, read after the MAC over the signed fields passed.
    event_source: Some(Field::Body("event-data.event")),
    id_source: Some(Field::Body("signature.token")),
    // A JSON object (the npm payload is parsed from it); the verifier reads it itself.
    body_is_json: true,
    envelope: crate::scheme::envelope(
        r#"{"signature":{"token":{id},"timestamp":"{timestamp}","signature":{signature}},"event-data":{data}}"#,
    ),
    id_prefix: "tok",
    // documentation.mailgun.com webhooks' event payloads.
    events: crate::scheme::events(&[
        EventSample {
            name: "delivered",
            description: crate::scheme::prose("A message was delivered."),
            sample_data: crate::scheme::sample(
                r#"{"event":"delivered","id":"CPgfbmQMTCKtHW6uIWtuVe","timestamp":1521472262.908181,"recipient":"alice@example.com","message":{"headers":{"message-id":"20130503182626.18666.16540@example.com"}}}"#,
            ),
        },
        EventSample {
            name: "failed",
            description: crate::scheme::prose("Mailgun could not deliver a message."),
            sample_data: crate::scheme::sample(
                r#"{"event":"failed","id":"G9Bn5sl1TC6nu79C8C0bwg","severity":"permanent","reason":"bounce","recipient":"bob@example.com"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
