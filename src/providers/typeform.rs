//! Typeform: `Typeform-Signature: sha256=<base64>`, HMAC-SHA256 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - typeform.com/developers/webhooks/secure-your-webhooks/: the webhook's `secret` signs the
//!   payload sent in the `Typeform-Signature` header: HMAC-SHA256 of "the entire received
//!   payload as binary" keyed with the secret, encoded in **base64**, prefixed `sha256=` (the
//!   Ruby sample: `'sha256=' + Base64.strict_encode64(hash)`).
//! - typeform.com/developers/webhooks/example-payload: the body's `event_id` and `event_type`
//!   (`form_response`) are top-level strings.
//!
//! A prefix that looks like GitHub's over base64, not hex: hex after `sha256=` is
//! `malformed_header`. No timestamp: freshness cannot be checked. Replay protection keys on the
//! body's `event_id`.
//!
//! Not confirmed at an official source: the retry schedule (a third-party AsyncAPI description
//! lists several), so no retries are assumed and the worker defaults to queue mode.

use crate::scheme::{Auth, Encoding, EventSample, Field, Scheme, SignatureSpec};

/// Typeform.
pub static TYPEFORM: Scheme = Scheme {
    id: "typeform",
    display_name: "Typeform",
    source: crate::scheme::prose("typeform.com/developers/webhooks/secure-your-webhooks/"),
    auth: Auth::Signature(SignatureSpec {
        header: "typeform-signature",
        prefix: "sha256=",
        encoding: Encoding::Base64,
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Body("event_id")),
    event_source: Some(Field::Body("event_type")),
    required_fields: &["event_id", "event_type"],
    events: crate::scheme::events(&[
        EventSample {
            name: "form_response",
            description: crate::scheme::prose("A respondent submitted the typeform."),
            sample_data: crate::scheme::sample(
                r#"{"form_response":{"form_id":"lT4Z3j","token":"a3a12ec67a1365927098a606107fac15","submitted_at":"2018-01-18T18:17:02Z","landed_at":"2018-01-18T18:07:02Z","definition":{"id":"lT4Z3j","title":"Webhooks example","fields":[{"id":"JwWggjAKtOkA","title":"What is your first name?","type":"short_text","ref":"readable_ref_short_text"}]},"answers":[{"type":"text","text":"Laura","field":{"id":"JwWggjAKtOkA","type":"short_text","ref":"readable_ref_short_text"}}]}}"#,
            ),
        },
        EventSample {
            name: "form_response_partial",
            description: crate::scheme::prose(
                "A respondent answered part of the typeform (partial responses enabled).",
            ),
            sample_data: crate::scheme::sample(
                r#"{"form_response":{"form_id":"lT4Z3j","token":"b7c41fd09e2a4d3bb0a1c9f7e5d30a12","landed_at":"2018-01-18T18:07:02Z","answers":[{"type":"text","text":"Laura","field":{"id":"JwWggjAKtOkA","type":"short_text"}}]}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
