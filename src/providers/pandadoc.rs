//! PandaDoc: the request URL's `?signature=` query parameter, the hex HMAC-SHA256 of the raw
//! body keyed with the webhook's shared key.
//!
//! Checked (2026-12) in the docs, developers.pandadoc.com/docs/webhook-verification (read, not
//! copied): "Each webhook request arrives as a POST to your registered endpoint with a
//! signature query parameter appended automatically" (`?signature=a1b2c3…`), "the signature is
//! always sent"; the sample verifier computes `hmac.new(shared_key.encode('utf-8'),
//! request_body.encode('utf-8'), sha256).hexdigest()` and compares it in constant time with
//! the parameter. The shared key is in the Developer Dashboard.
//!
//! The URL is the call option `url`. No timestamp (no freshness check) and no replay id. Not
//! confirmed at a source: the retry schedule (the base's no retries: queue mode). The body is a
//! JSON array of events, so no field is read.

use crate::scheme::{Auth, EventSample, Scheme, SignatureSpec};

/// PandaDoc.
pub static PANDADOC: Scheme = Scheme {
    id: "pandadoc",
    display_name: "PandaDoc",
    source: crate::scheme::prose("developers.pandadoc.com/docs/webhook-verification"),
    auth: Auth::Signature(SignatureSpec {
        header: "",
        query: Some("signature"),
        ..SignatureSpec::BODY_HMAC
    }),
    // A JSON array of events (developers.pandadoc.com/reference/on-document-status-change).
    body_is_json: false,
    envelope: crate::scheme::envelope(r#"[{"event":{event},"data":{data}}]"#),
    events: crate::scheme::events(&[
        EventSample {
            name: "document_state_changed",
            description: crate::scheme::prose("A document's status changed."),
            sample_data: crate::scheme::sample(
                r#"{"id":"msFYActMfJHqNTKH8YSvF1","name":"Sample Document","status":"document.completed","date_created":"2026-05-29T14:29:58.084Z","date_modified":"2026-05-29T14:30:00.000Z"}"#,
            ),
        },
        EventSample {
            name: "recipient_completed",
            description: crate::scheme::prose("A recipient completed the document."),
            sample_data: crate::scheme::sample(
                r#"{"id":"msFYActMfJHqNTKH8YSvF1","name":"Sample Document","status":"document.sent","action_by":{"email":"jane@example.com"}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
