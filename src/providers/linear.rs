//! Linear: `Linear-Signature: <hex>`, HMAC-SHA256 of the raw body, and the body's own
//! `webhookTimestamp` (milliseconds) within 60 s of now.
//!
//! Checked (2026-12) in linear/linear `packages/sdk/src/webhooks/client.ts` (read, not
//! copied): `LINEAR_WEBHOOK_SIGNATURE_HEADER = "linear-signature"`,
//! `LINEAR_WEBHOOK_TS_FIELD = "webhookTimestamp"`; `verify` computes
//! `createHmac("sha256", secret).update(rawBody).digest("hex")` (the secret as a UTF-8 string)
//! and compares it with the header in constant time; then, when the parsed body's
//! `webhookTimestamp` is truthy, rejects `Math.abs(Date.now() - timestamp) > 60 000` ms
//! (symmetric). The timestamp is inside the body, so the body MAC covers it.
//!
//! hookguard is stricter than the SDK where the SDK skips the check: a body without a
//! non-negative integer `webhookTimestamp` is `invalid_payload` (the safe choice; Linear's
//! deliveries carry one). The check runs in whole seconds (the milliseconds rounded down, like
//! every millisecond timestamp here), so the bound is exact to within a second. Not confirmed
//! at a source: the `Linear-Delivery` (a UUID per delivery: the replay id) and `Linear-Event`
//! (the entity type, `Issue`; the event here) headers, read from the shared SCHEMES.md; and the
//! retry schedule, so the base says no retries (queue mode). Whether a retry gets a fresh
//! `webhookTimestamp` is not documented either: with the SDK's 60 s bound a stale one fails.

use crate::scheme::{
    Auth, EventSample, Field, Scheme, SignatureSpec, TimeUnit, TimestampSource, TimestampSpec,
    Window,
};

/// Linear.
pub static LINEAR: Scheme = Scheme {
    id: "linear",
    display_name: "Linear",
    source: crate::scheme::prose("linear/linear packages/sdk/src/webhooks/client.ts"),
    auth: Auth::Signature(SignatureSpec {
        header: "linear-signature",
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::BodyField("webhookTimestamp"),
        unit: TimeUnit::Milliseconds,
        signed: true,
        default_tolerance: 60,
        window: Window::Symmetric,
    }),
    id_source: Some(Field::Header("linear-delivery")),
    event_source: Some(Field::Header("linear-event")),
    // Linear's body carries its own timestamp, in milliseconds (signed with the body).
    envelope: crate::scheme::envelope(
        r#"{"action":"create","type":{event},"data":{data},"url":"https://linear.app/acme/issue/ENG-72","createdAt":{created_at},"organizationId":"b9a8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d","webhookTimestamp":{timestamp_ms},"webhookId":"0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"}"#,
    ),
    events: crate::scheme::events(&[
        EventSample {
            name: "Issue",
            description: crate::scheme::prose(
                "An issue was created, updated or removed (the body's action says which).",
            ),
            sample_data: crate::scheme::sample(
                r#"{"id":"2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9","number":72,"title":"Checkout fails on Safari","priority":2,"teamId":"72b2a2dc-6f4f-4423-9d34-24b5bd10634a","stateId":"4ee7f2a0-4dcf-4b74-8b0f-2a9e4b3f0c11","createdAt":"2026-05-29T14:29:58.084Z","updatedAt":"2026-05-29T14:29:58.084Z"}"#,
            ),
        },
        EventSample {
            name: "Comment",
            description: crate::scheme::prose("A comment was created, updated or removed."),
            sample_data: crate::scheme::sample(
                r#"{"id":"9f3c1b7e-5a4d-4f2b-8c6e-1d0a9b8c7e6f","body":"Reproduced on iOS 17 as well.","issueId":"2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9","userId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","createdAt":"2026-05-29T14:31:02.512Z"}"#,
            ),
        },
        EventSample {
            name: "Project",
            description: crate::scheme::prose("A project was created, updated or removed."),
            sample_data: crate::scheme::sample(
                r#"{"id":"5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9","name":"Checkout reliability","state":"started","teamIds":["72b2a2dc-6f4f-4423-9d34-24b5bd10634a"]}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
