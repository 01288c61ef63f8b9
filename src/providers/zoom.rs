//! Zoom: `x-zm-signature: v0=<hex>` over `v0:{x-zm-request-timestamp}:{body}`, keyed with the
//! app's webhook Secret Token.
//!
//! Checked (2026-12):
//! - zoom/webhook-sample `index.js` (Zoom's official sample; read, not copied): the message is
//!   `v0:${x-zm-request-timestamp}:${body}`, HMAC-SHA256 hex keyed with the Secret Token (as a
//!   string), `v0=` prefix, compared with `x-zm-signature`; the `endpoint.url_validation`
//!   handshake is itself signed and carries `payload.plainToken`. The sample hashes
//!   `JSON.stringify(req.body)`; hookguard hashes the raw bytes, which is what Zoom signed.
//! - developers.zoom.us/changelog/platform/webhook-url-validation: the verification token is
//!   deprecated (sunset June 2025) for the Secret Token and `x-zm-signature`.
//! - developers.zoom.us/blog/webhook-delays: without a 200/204 within three seconds Zoom
//!   retries 3 times, 5 minutes after the first attempt, then 20 and 60 minutes after each
//!   retry: the last comes 85 minutes (5,100 s) after the first attempt.
//!
//! Envelope: `event` (the type), `event_ts` (milliseconds, a number), `payload`. There is no
//! delivery id, so there is no replay id (opt into body-hash dedupe with `dedupeByBodyHash`).
//!
//! Handshake (zoom/webhook-sample `index.js`): an `endpoint.url_validation` event, signed like
//! the others (the sample checks `x-zm-signature` first), is answered 200 with the JSON
//! `{"plainToken": <payload.plainToken>, "encryptedToken": <hex HMAC-SHA256 of plainToken keyed
//! with the Secret Token>}`; hookguard keys it with the configured secret that verified the
//! request. Zoom waits 3 seconds (developers.zoom.us/blog/webhook-delays) and re-validates
//! every 72 hours: the worker answers at once, without the origin.
//!
//! Not confirmed at a source: a timestamp tolerance (the sample checks none): hookguard uses
//! 300 s on both sides, the customary window, refusing stale and future timestamps. Whether a
//! retry is re-signed with a fresh timestamp is not documented either; if it is not, retries
//! need a `toleranceSeconds` of at least 5,100 (with `dedupeByBodyHash`).

use crate::handshake::{Answer, Handshake, Trigger};
use crate::scheme::{
    Auth, EventSample, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// Zoom.
pub static ZOOM: Scheme = Scheme {
    id: "zoom",
    display_name: "Zoom",
    source: crate::scheme::prose("zoom/webhook-sample index.js"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-zm-signature",
        prefix: "v0=",
        signed_content: &[
            Part::Literal("v0:"),
            Part::Timestamp,
            Part::Literal(":"),
            Part::Body,
        ],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header("x-zm-request-timestamp"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 300,
        window: Window::Symmetric,
    }),
    event_source: Some(Field::Body("event")),
    required_fields: &["event"],
    retries: true,
    // 5 min + 20 min + 60 min (developers.zoom.us/blog/webhook-delays).
    retry_window_seconds: Some(300 + 1200 + 3600),
    envelope: crate::scheme::envelope(
        r#"{"event":{event},"event_ts":{timestamp_ms},"payload":{data}}"#,
    ),
    events: crate::scheme::events(&[
        EventSample {
            name: "meeting.started",
            description: crate::scheme::prose("A meeting has started."),
            sample_data: crate::scheme::sample(
                r#"{"account_id":"AAAAAABBBB","object":{"id":"1234567890","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting","type":2,"start_time":"2026-12-01T20:30:00Z","timezone":"America/Los_Angeles","duration":60}}"#,
            ),
        },
        EventSample {
            name: "meeting.ended",
            description: crate::scheme::prose("A meeting has ended."),
            sample_data: crate::scheme::sample(
                r#"{"account_id":"AAAAAABBBB","object":{"id":"1234567890","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting","type":2,"start_time":"2026-12-01T20:30:00Z","end_time":"2026-12-01T21:25:00Z","duration":60}}"#,
            ),
        },
        EventSample {
            name: "endpoint.url_validation",
            description: crate::scheme::prose(
                "Zoom checks the endpoint (when it is set, then every 72 hours).",
            ),
            sample_data: crate::scheme::sample(r#"{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"}"#),
        },
    ]),
    handshakes: &[Handshake {
        trigger: Trigger::BodyField {
            path: &["event"],
            value: "endpoint.url_validation",
        },
        answer: Answer::MacBodyField {
            path: &["payload", "plainToken"],
            plain: "plainToken",
            mac: "encryptedToken",
        },
    }],
    ..Scheme::BASE
};
