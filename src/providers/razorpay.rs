//! Razorpay: `X-Razorpay-Signature: <hex>`, HMAC-SHA256 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - razorpay/markdown-docs `webhooks/validate-test.md`: "The hash signature is calculated
//!   using HMAC with SHA256 algorithm; with your webhook secret set as the key and the webhook
//!   request body as the message", passed in `X-Razorpay-Signature`, hex ("HMAC Hex Digest"),
//!   over the raw body ("Do not parse or cast"); duplicates are recognised by the
//!   `x-razorpay-event-id` header, "unique per event".
//! - razorpay/razorpay-python `razorpay/utility/utility.py` `verify_webhook_signature`: HMAC-
//!   SHA256 keyed with the secret's UTF-8 bytes, `hexdigest()`, `compare_digest`; its test
//!   `tests/test_client_utility.py` is a published vector (in `razorpay.json`).
//! - razorpay.com/docs/webhooks/: a failed delivery "is retried once every hour for 24 hours";
//!   the FAQ: retries with exponential backoff up to 24 hours after the event was created.
//!
//! The event is the body's `event` (`payment.authorized`). No timestamp: freshness cannot be
//! checked. When the secret is rotated, old events keep the old secret's signature (the FAQ):
//! configure both secrets while retries of old events can arrive.

use crate::scheme::{Auth, EventSample, Field, Scheme, SignatureSpec};

/// Razorpay.
pub static RAZORPAY: Scheme = Scheme {
    id: "razorpay",
    display_name: "Razorpay",
    source: crate::scheme::prose("razorpay/markdown-docs webhooks/validate-test.md"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-razorpay-signature",
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Header("x-razorpay-event-id")),
    event_source: Some(Field::Body("event")),
    required_fields: &["event"],
    retries: true,
    // Retried for 24 hours.
    retry_window_seconds: Some(86_400),
    events: crate::scheme::events(&[
        EventSample {
            name: "payment.authorized",
            description: crate::scheme::prose("A payment was authorized."),
            sample_data: crate::scheme::sample(
                r#"{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","contains":["payment"],"payload":{"payment":{"entity":{"id":"pay_6koWN7bvxujzxM","entity":"payment","amount":1000000,"currency":"INR","status":"authorized","order_id":"order_100000000order","method":"card","captured":false,"email":"gaurav.kumar@example.com","contact":"+919000090000"}}},"created_at":1400826760}"#,
            ),
        },
        EventSample {
            name: "payment.captured",
            description: crate::scheme::prose("A payment was captured."),
            sample_data: crate::scheme::sample(
                r#"{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","contains":["payment"],"payload":{"payment":{"entity":{"id":"pay_6koWN7bvxujzxM","entity":"payment","amount":1000000,"currency":"INR","status":"captured","order_id":"order_100000000order","method":"card","captured":true}}},"created_at":1400826800}"#,
            ),
        },
        EventSample {
            name: "order.paid",
            description: crate::scheme::prose("An order was paid in full."),
            sample_data: crate::scheme::sample(
                r#"{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","contains":["payment","order"],"payload":{"order":{"entity":{"id":"order_100000000order","entity":"order","amount":1000000,"amount_paid":1000000,"currency":"INR","status":"paid"}}},"created_at":1400826805}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
