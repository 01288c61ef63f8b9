//! Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex>` over `{t}.{body}`, keyed with
//! the webhook signing key.
//!
//! Checked (2026-12):
//! - developer.calendly.com/docs/webhooks/overview: "`Calendly-Webhook-Signature:
//!   t=<unix>,v1=<hex>`. Verify HMAC-SHA256(key, "<t>." + raw_body)"; the signing key is
//!   write-only (chosen by you for personal-access-token subscriptions, generated for OAuth
//!   apps: developer.calendly.com/api-docs/overview/webhooks/webhook-signatures); a 2xx is
//!   success, 410 deletes the subscription.
//! - Calendly's community answers quoting its docs (community.calendly.com, "How does a
//!   webhook become disabled?"): after a failure Calendly keeps retrying for 24 hours with an
//!   exponential back-off: the last retry comes within 86,400 s.
//!
//! Envelope: `event` (the type, `invitee.created`), `created_at`, `created_by`, `payload`.
//! There is no top-level delivery id, so there is no replay id (opt into body-hash dedupe with
//! `dedupeByBodyHash`).
//!
//! Not confirmed at an official source: the tolerance (~3 minutes, from a third party, and an
//! unattributed copy of what looks like Calendly's example code: `threeMinutes = 180000`,
//! refusing only `t * 1000 < Date.now() - tolerance`; the official pages found do not give
//! one) and its side: hookguard uses 180 s on both sides, refusing stale and future
//! timestamps (the safe side; a genuine delivery is never signed in the future by more than
//! clock skew). Several `v1` are accepted (rotation), other keys
//! ignored, as for Stripe.

use crate::scheme::{
    Auth, EventSample, Extract, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// Calendly.
pub static CALENDLY: Scheme = Scheme {
    id: "calendly",
    display_name: "Calendly",
    source: crate::scheme::prose("developer.calendly.com/docs/webhooks/overview"),
    auth: Auth::Signature(SignatureSpec {
        header: "calendly-webhook-signature",
        extract: Extract::Pairs {
            separator: b',',
            keys: &["v1"],
            space: false,
        },
        signed_content: &[Part::Timestamp, Part::Literal("."), Part::Body],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Pair("t"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 180,
        window: Window::Symmetric,
    }),
    event_source: Some(Field::Body("event")),
    required_fields: &["event"],
    retries: true,
    // 24 hours of retries (community.calendly.com, quoting Calendly's docs).
    retry_window_seconds: Some(86_400),
    envelope: crate::scheme::envelope(
        r#"{"created_at":{created_at},"created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":{event},"payload":{data}}"#,
    ),
    events: crate::scheme::events(&[
        EventSample {
            name: "invitee.created",
            description: crate::scheme::prose("An invitee scheduled an event."),
            sample_data: crate::scheme::sample(
                r#"{"uri":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA","email":"test@example.com","name":"John Doe","status":"active","timezone":"America/New_York","event":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2","cancel_url":"https://calendly.com/cancellations/AAAAAAAAAAAAAAAA","reschedule_url":"https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA","created_at":"2026-12-01T10:00:00.000000Z"}"#,
            ),
        },
        EventSample {
            name: "invitee.canceled",
            description: crate::scheme::prose("An invitee canceled a scheduled event."),
            sample_data: crate::scheme::sample(
                r#"{"uri":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA","email":"test@example.com","name":"John Doe","status":"canceled","event":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2","cancellation":{"canceled_by":"John Doe","reason":"Conflict","canceler_type":"invitee"}}"#,
            ),
        },
        EventSample {
            name: "routing_form_submission.created",
            description: crate::scheme::prose("Someone submitted a routing form."),
            sample_data: crate::scheme::sample(
                r#"{"uri":"https://api.calendly.com/routing_form_submissions/AAAAAAAAAAAAAAAA","routing_form":"https://api.calendly.com/routing_forms/AAAAAAAAAAAAAAAA","questions_and_answers":[{"question_uuid":"123e4567-e89b-12d3-a456-426614174000","question":"What is your company size?","answer":"11-50"}],"submitter_type":"Invitee"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
