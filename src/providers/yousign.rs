//! Yousign (API v3): `X-Yousign-Signature-256: sha256=<hex>`, HMAC-SHA256 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - developers.yousign.com/docs/security: compare `X-Yousign-Signature-256` with "an HMAC
//!   SHA-256 hash of the entire Webhook's payload as binary, using the Webhook Subscription
//!   secret_key as a key", with `sha256=` in front; "compute the hash from a raw version of the
//!   webhook payload" (the samples: `hash_hmac('sha256', …)` hex, Python `hexdigest()`).
//! - developers.yousign.com/docs/use-webhooks-in-your-app: headers `Content-Type:
//!   application/json` (always), `X-Yousign-Signature-256`, `X-Yousign-Retry` (retry count, 0
//!   on the first delivery), `X-Yousign-Issued-At` (when it was sent; not in the MAC),
//!   `User-Agent: Yousign Webhook Bot` (always); the body's `event_id` ("a unique identifier for
//!   this webhook event"), `event_name`, `event_time` (constant through retries), `sandbox`.
//!
//! Replay protection keys on `event_id`; the event is `event_name`. `X-Yousign-Issued-At` is
//! unsigned, so it proves no freshness and is not read; `event_time` is unix seconds as a
//! string, which the signed event-time check (RFC 3339 only) does not read yet.
//!
//! Not confirmed at a source: the retry schedule (retries exist: `X-Yousign-Retry`), so the
//! sender's window is left open.

use crate::scheme::{Auth, EventSample, Field, Scheme, SignatureSpec};

/// Yousign.
pub static YOUSIGN: Scheme = Scheme {
    id: "yousign",
    display_name: "Yousign",
    source: crate::scheme::prose("developers.yousign.com/docs/security"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-yousign-signature-256",
        prefix: "sha256=",
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Body("event_id")),
    event_source: Some(Field::Body("event_name")),
    required_fields: &["event_id", "event_name"],
    // X-Yousign-Retry counts the retries.
    retries: true,
    static_headers: &[
        ("content-type", "application/json"),
        ("user-agent", "Yousign Webhook Bot"),
    ],
    events: crate::scheme::events(&[
        EventSample {
            name: "signature_request.activated",
            description: crate::scheme::prose(
                "A signature request was activated and sent to its signers.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"event_time":"1670855889","subscription_id":"webhook-subscription-id","subscription_description":"My webhook for signed documents","sandbox":false,"data":{"signature_request":{"id":"2a3d5c9e-1f7b-4c21-9b0e-6d8f4a1c3e57","status":"ongoing","name":"Employment contract"}}}"#,
            ),
        },
        EventSample {
            name: "signature_request.done",
            description: crate::scheme::prose(
                "Every signer has signed; the signature request is complete.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"event_time":"1670942289","subscription_id":"webhook-subscription-id","subscription_description":"My webhook for signed documents","sandbox":false,"data":{"signature_request":{"id":"2a3d5c9e-1f7b-4c21-9b0e-6d8f4a1c3e57","status":"done","name":"Employment contract"}}}"#,
            ),
        },
        EventSample {
            name: "signer.done",
            description: crate::scheme::prose("One signer has signed."),
            sample_data: crate::scheme::sample(
                r#"{"event_time":"1670900000","subscription_id":"webhook-subscription-id","subscription_description":"My webhook for signed documents","sandbox":false,"data":{"signature_request":{"id":"2a3d5c9e-1f7b-4c21-9b0e-6d8f4a1c3e57","status":"ongoing"},"signer":{"id":"7c1e0b3a-5d2f-4e8a-9c6b-0f1d2e3a4b5c","status":"signed","info":{"first_name":"Élodie","last_name":"Martin","email":"elodie.martin@example.com"}}}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
