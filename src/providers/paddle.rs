//! Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>` over `{ts}:{body}`.
//!
//! Checked (2026-12) in PaddleHQ/paddle-node-sdk (read, not copied):
//! - `src/notifications/helpers/webhooks-validator.ts`: the header is split on `;`, each part
//!   on `=`; `ts` is the timestamp and `h1` the signature, other keys ignored; both missing or
//!   either missing is an error. The signed content is `${ts}:${body}` (a colon), HMAC-SHA256
//!   hex keyed with the notification destination's secret key as a string.
//!   `MAX_VALID_TIME_DIFFERENCE = 5`: rejected when now is later than `ts + 5` s, never for a
//!   later `ts` (past-only).
//! - `src/__tests__/notifications/webhooks-validator.node.test.ts`: valid at `ts + 5`,
//!   invalid at `ts + 6`; a header with two `h1` and an `h2=RANDOM_HASH` verifies (its cases
//!   are in this provider's vectors as "published: …").
//! - The notification mocks (`src/__tests__/mocks/notifications/*.mock.ts`): the envelope has
//!   `event_id` (`evt_…`), `event_type`, `occurred_at`, `notification_id` (`ntf_…`), `data`.
//! - developer.paddle.com/webhooks/about/how-webhooks-work: at-least-once delivery, "make your
//!   handler idempotent using `event_id` as a deduplication key"; one event sent to several
//!   destinations shares its `event_id` with a `notification_id` each. The replay id is
//!   `event_id`. developer.paddle.com/webhooks/respond-to-webhooks: answer 200 within five
//!   seconds, and handle retries.
//!
//! Differences from the SDK, both safe: it keeps only the last `h1`, hookguard accepts any
//! (rotation); it signs `parseInt(ts)` re-printed, hookguard the `ts` bytes as sent (the same
//! for every header Paddle writes).
//!
//! Tolerance: the SDK's documented 5 s is the default. It is tight: a sender/receiver clock
//! skew or a queue in front of the verifier over 5 s rejects genuine deliveries (which Paddle
//! then retries, re-signed). `toleranceSeconds` widens it; `event_id` dedupe keeps a wider
//! window replay-safe. Not confirmed at an official source: the retry schedule (said to be
//! 60 attempts over 3 days live): the window is left open.

use crate::scheme::{
    Auth, EventSample, Extract, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// Paddle Billing.
pub static PADDLE: Scheme = Scheme {
    id: "paddle",
    display_name: "Paddle Billing",
    source: crate::scheme::prose(
        "PaddleHQ/paddle-node-sdk src/notifications/helpers/webhooks-validator.ts",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "paddle-signature",
        extract: Extract::Pairs {
            separator: b';',
            keys: &["h1"],
            space: false,
        },
        signed_content: &[Part::Timestamp, Part::Literal(":"), Part::Body],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Pair("ts"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 5,
        window: Window::PastOnly,
    }),
    id_source: Some(Field::Body("event_id")),
    event_source: Some(Field::Body("event_type")),
    required_fields: &["event_id", "event_type"],
    retries: true,
    // The notification mocks' shape (src/__tests__/mocks/notifications).
    envelope: crate::scheme::envelope(
        r#"{"event_id":{id},"event_type":{event},"occurred_at":{created_at},"notification_id":"ntf_01h848pf2kbkz7j9fd1554029j","data":{data}}"#,
    ),
    id_prefix: "evt_",
    events: crate::scheme::events(&[
        EventSample {
            name: "transaction.completed",
            description: crate::scheme::prose("A transaction was paid and fully processed."),
            sample_data: crate::scheme::sample(
                r#"{"id":"txn_01h04vsbhqc62t8hmd4z3b578c","status":"completed","customer_id":"ctm_01h04vsc0qhwtsbsxh3422wjs4","currency_code":"USD","origin":"web","subscription_id":"sub_01h04vsc0qhwtsbsxh3422wjs4","collection_mode":"automatic","created_at":"2026-12-01T10:00:00.000Z","billed_at":"2026-12-01T10:00:05.000Z"}"#,
            ),
        },
        EventSample {
            name: "subscription.created",
            description: crate::scheme::prose("A subscription was created."),
            sample_data: crate::scheme::sample(
                r#"{"id":"sub_01h04vsc0qhwtsbsxh3422wjs4","status":"active","customer_id":"ctm_01h04vsc0qhwtsbsxh3422wjs4","currency_code":"USD","billing_cycle":{"interval":"month","frequency":1},"items":[{"price":{"id":"pri_01gsz8x8sawmvhz1pv30nge1ke"},"quantity":1}]}"#,
            ),
        },
        EventSample {
            name: "subscription.canceled",
            description: crate::scheme::prose("A subscription was canceled."),
            sample_data: crate::scheme::sample(
                r#"{"id":"sub_01h04vsc0qhwtsbsxh3422wjs4","status":"canceled","customer_id":"ctm_01h04vsc0qhwtsbsxh3422wjs4","canceled_at":"2026-12-01T10:00:00.000Z","scheduled_change":null}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
