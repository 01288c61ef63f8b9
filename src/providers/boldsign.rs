//! BoldSign: `X-BoldSign-Signature: t=<unix>, s0=<hex>[, s1=<hex>]` over `{t}.{body}`.
//!
//! Checked (2026-12) (read, not copied):
//! - boldsign/boldsign-java-sdk `src/main/java/com/boldsign/WebhookUtility.java`: the header
//!   is split on `,`, each item trimmed and split on the first `=`; `t` is the timestamp; the
//!   HMAC-SHA256 of `t + "." + payload`, keyed with the secret's UTF-8 bytes, hex, must equal
//!   an `s0` or an `s1` value; `abs(now - t) > DEFAULT_TIME_TOLERANCE` (300) is rejected
//!   (symmetric); `X-BoldSign-Event` is the event header.
//! - developers.boldsign.com/webhooks/verify-webhook-events: the example header
//!   `t=1668693823, s0=9b7a…` (comma and space), and an extra `s1=` entry, signed with the old
//!   secret, while a rolled secret is kept.
//! - developers.boldsign.com/webhooks/event-metadata: the body's `event` object has `id`
//!   ("a unique id for the event"), `created`, `eventType`, `clientId`, `environment`.
//!
//! The replay id is the body's `event.id`, a nested field hookguard does not read yet: replay
//! protection rests on the signed 300 s window, plus the opt-in `dedupeByBodyHash`. The event
//! is the unsigned `X-BoldSign-Event` header (as the SDK reads it); the signed
//! `event.eventType` carries the same. Not confirmed at a source: the retry schedule, so the
//! base says no retries (queue mode).
//!
//! Handshake: developers.boldsign.com/webhooks/setting-webhook ("Verify Webhook URL"): the
//! Verify button sends a POST whose `event.eventType` is `Verification` (no `data`), and "your
//! endpoint must respond with HTTP 200 OK within 10 seconds". The worker answers it itself
//! (a queued delivery would get 202, not 200), with an empty 200, after verifying it like any
//! event: verify-webhook-events says BoldSign signs every event it delivers. Not confirmed at
//! a source: that the Verification request carries `X-BoldSign-Signature` with the secret
//! shown once the webhook exists, and `X-BoldSign-Event: Verification` (hookguard triggers on
//! the signed `event.eventType`). The safe choice is kept: an unsigned or wrongly signed
//! Verification is refused like any event, so configure the secret before pressing Verify.

use crate::handshake::{Answer, Handshake, Trigger};
use crate::scheme::{
    Auth, EventSample, Extract, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// BoldSign.
pub static BOLDSIGN: Scheme = Scheme {
    id: "boldsign",
    display_name: "BoldSign",
    source: crate::scheme::prose(
        "boldsign/boldsign-java-sdk src/main/java/com/boldsign/WebhookUtility.java",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-boldsign-signature",
        extract: Extract::Pairs {
            separator: b',',
            keys: &["s0", "s1"],
            space: true,
        },
        signed_content: &[Part::Timestamp, Part::Literal("."), Part::Body],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Pair("t"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 300,
        window: Window::Symmetric,
    }),
    event_source: Some(Field::Header("x-boldsign-event")),
    // event-metadata: the `event` object (id, created, eventType, environment), then `data`.
    envelope: crate::scheme::envelope(
        r#"{"event":{"id":{id},"created":{timestamp},"eventType":{event},"environment":"Test"},"data":{data}}"#,
    ),
    id_prefix: "evt_",
    events: crate::scheme::events(&[
        EventSample {
            name: "Sent",
            description: crate::scheme::prose("A signature request was sent to its recipients."),
            sample_data: crate::scheme::sample(
                r#"{"object":"document","documentId":"8f59295d-xxxx-xxxx-xxxx-e6b4cd5a3b11","messageTitle":"Employment Agreement","status":"InProgress","senderDetail":{"name":"Alex Gayle","emailAddress":"alexgayle@cubeflakes.com"},"signerDetails":[{"signerName":"Hank White","signerEmail":"hankwhite@cubeflakes.com","status":"NotCompleted","signerOrder":1}],"createdDate":1668693800}"#,
            ),
        },
        EventSample {
            name: "Signed",
            description: crate::scheme::prose("A recipient signed the document."),
            sample_data: crate::scheme::sample(
                r#"{"object":"document","documentId":"8f59295d-xxxx-xxxx-xxxx-e6b4cd5a3b11","messageTitle":"Employment Agreement","status":"InProgress","signerDetails":[{"signerName":"Hank White","signerEmail":"hankwhite@cubeflakes.com","status":"Completed","signerOrder":1}]}"#,
            ),
        },
        EventSample {
            name: "Completed",
            description: crate::scheme::prose(
                "Every recipient has signed; the document is complete.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"object":"document","documentId":"8f59295d-xxxx-xxxx-xxxx-e6b4cd5a3b11","messageTitle":"Employment Agreement","status":"Completed","signerDetails":[{"signerName":"Hank White","signerEmail":"hankwhite@cubeflakes.com","status":"Completed","signerOrder":1}]}"#,
            ),
        },
    ]),
    handshakes: &[Handshake {
        trigger: Trigger::BodyField {
            path: &["event", "eventType"],
            value: "Verification",
        },
        answer: Answer::Fixed {
            status: 200,
            content_type: "",
            body: "",
        },
    }],
    ..Scheme::BASE
};
