//! SignWell: `event.hash` in the body, the hex HMAC-SHA256 of `{event.type}@{event.time}`
//! keyed with the webhook's id. The rest of the body is **not** signed: results say
//! `body_signed: false`; and the key is an identifier (returned when the webhook is created and
//! by the webhook list endpoint), not a generated secret.
//!
//! Checked (2026-12) in the docs, developers.signwell.com/reference/event-hash-verification
//! (read, not copied): `data = event.type + '@' + str(event.time)`, `key` = "Webhook ID sent in
//! the webhook POST resource or get it from webhook LIST endpoint",
//! `hmac.new(key, data, sha256).hexdigest()` compared with `event.hash` in constant time.
//! `event.time` is a number (its digits are signed; a string is read as its text).
//!
//! Not confirmed at a source: a tolerance for `event.time` (none applied), a replay id (none:
//! no dedupe) and the retry schedule (the base's no retries: queue mode).

use crate::scheme::{
    Algorithm, Auth, BodyFieldSpec, Encoding, EventSample, Field, FieldPart, Scheme,
};

/// SignWell.
pub static SIGNWELL: Scheme = Scheme {
    id: "signwell",
    display_name: "SignWell",
    source: crate::scheme::prose("developers.signwell.com/reference/event-hash-verification"),
    auth: Auth::BodyField(BodyFieldSpec {
        signature: "event.hash",
        signed_content: &[
            FieldPart::Field("event.type"),
            FieldPart::Literal("@"),
            FieldPart::Field("event.time"),
        ],
        algorithm: Algorithm::HmacSha256,
        encoding: Encoding::Hex,
        multipart_field: None,
    }),
    // Dotted paths into the body, read after the MAC over the signed fields passed.
    event_source: Some(Field::Body("event.type")),
    // A JSON object (the npm payload is parsed from it); the verifier reads it itself.
    body_is_json: true,
    envelope: crate::scheme::envelope(
        r#"{"event":{"type":{event},"time":{timestamp},"hash":{signature}},"data":{"object":{data}}}"#,
    ),
    // developers.signwell.com/reference/webhooks (document events).
    events: crate::scheme::events(&[
        EventSample {
            name: "document_completed",
            description: crate::scheme::prose("Every recipient completed the document."),
            sample_data: crate::scheme::sample(
                r#"{"id":"c3b5e3c1-5a7e-4f0a-9c1d-2b3c4d5e6f70","name":"Service Agreement","status":"Completed","test_mode":false}"#,
            ),
        },
        EventSample {
            name: "document_sent",
            description: crate::scheme::prose("The document was sent to its recipients."),
            sample_data: crate::scheme::sample(
                r#"{"id":"c3b5e3c1-5a7e-4f0a-9c1d-2b3c4d5e6f70","name":"Service Agreement","status":"Sent","test_mode":false}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
