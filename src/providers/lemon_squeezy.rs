//! Lemon Squeezy: `X-Signature: <hex>`, HMAC-SHA256 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - docs.lemonsqueezy.com/help/webhooks/signing-requests: the webhook's signing secret (any
//!   string, normally 6–40 characters) makes "a hash of the payload" sent in `X-Signature`,
//!   "an HMAC hex digest".
//! - lmsqueezy/nextjs-billing `src/app/api/webhook/route.ts` (Lemon Squeezy's own template):
//!   `createHmac("sha256", secret).update(rawBody).digest("hex")` against `X-Signature`.
//! - docs.lemonsqueezy.com/help/webhooks/webhook-requests: headers `Content-Type:
//!   application/json`, `X-Event-Name` (the event) and `X-Signature`; a failed delivery is
//!   "retried up to three more times using an exponential backoff strategy (e.g. 5 secs, 25
//!   secs, 125 secs)", so the last retry comes about 155 s after the first attempt.
//!
//! No timestamp and no delivery id: freshness cannot be checked and there is no replay id
//! (`dedupeByBodyHash` is the option for that). The body is a JSON:API document whose event
//! name also sits in `meta.event_name` (not a top-level field, so not read).

use crate::scheme::{Auth, EventSample, Field, Scheme, SignatureSpec};

/// Lemon Squeezy.
pub static LEMON_SQUEEZY: Scheme = Scheme {
    id: "lemon-squeezy",
    display_name: "Lemon Squeezy",
    source: crate::scheme::prose("docs.lemonsqueezy.com/help/webhooks/signing-requests"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-signature",
        ..SignatureSpec::BODY_HMAC
    }),
    event_source: Some(Field::Header("x-event-name")),
    retries: true,
    // 5 s + 25 s + 125 s (webhook-requests page).
    retry_window_seconds: Some(5 + 25 + 125),
    events: crate::scheme::events(&[
        EventSample {
            name: "order_created",
            description: crate::scheme::prose("A customer placed an order."),
            sample_data: crate::scheme::sample(
                r#"{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1","attributes":{"store_id":1,"identifier":"636f855c-1fb9-4c07-b75c-3a10afef010a","order_number":1,"user_name":"Darlene Daugherty","user_email":"gernser@yahoo.com","currency":"USD","subtotal":999,"tax":200,"total":1199,"status":"paid"}}}"#,
            ),
        },
        EventSample {
            name: "subscription_created",
            description: crate::scheme::prose("A subscription was created."),
            sample_data: crate::scheme::sample(
                r#"{"meta":{"event_name":"subscription_created"},"data":{"type":"subscriptions","id":"1","attributes":{"store_id":1,"order_id":1,"product_name":"Pro plan","user_email":"gernser@yahoo.com","status":"active"}}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
