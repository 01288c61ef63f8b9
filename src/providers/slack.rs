//! Slack: `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`, for the
//! Events API's JSON and for the form-encoded slash commands and interactivity alike.
//!
//! Checked (2026-12) in slackapi/python-slack-sdk `slack_sdk/signature/__init__.py` (read, not
//! copied): `SignatureVerifier.is_valid` reads `x-slack-request-timestamp` and
//! `x-slack-signature`, rejects `abs(now - int(timestamp)) > 60 * 5` (300 s, both sides), and
//! compares `v0=` + HMAC-SHA256 hex of `v0:{timestamp}:{body}` keyed with the signing secret's
//! UTF-8 bytes (`hmac.compare_digest`); its docstring cites
//! docs.slack.dev/authentication/verifying-requests-from-slack, whose form-encoded
//! slash-command example is the published vector (`slack-docs`). The SDK's own socket-mode
//! fixtures show the Events API envelope: top-level `type` (`event_callback`), `event_id`
//! (`Ev…`), `event_time`, and the inner `event` object with its own `type`.
//! Also read in slackapi/bolt-js: `src/receivers/verify-request.ts` (the same `v0:` content;
//! it refuses only timestamps more than 5 minutes old, where the Python SDK, followed here,
//! refuses both sides) and `src/receivers/HTTPModuleFunctions.ts` (`x-slack-retry-num` and
//! `x-slack-retry-reason` on retries; `application/x-www-form-urlencoded` bodies, whose
//! `payload` field holds interactivity's JSON; an unsigned `ssl_check=1` form that Slack sends
//! to check the certificate of a slash-command URL, which hookguard refuses as
//! `missing_header`: answering it is handshake work, like `url_verification`).
//!
//! Bodies: a body starting with `{` is the Events API's JSON (`type` required; `event_id`, the
//! replay id, read when present: `url_verification` and `app_rate_limited` have none, so they
//! verify as ordinary events without dedupe). Any other body is a form (slash commands;
//! interactivity's JSON sits in its `payload` field), decoded strictly (see `src/form.rs`): no
//! event or id is read from it, and replay protection keys on the body's SHA-256 (each form
//! carries Slack's per-action `trigger_id`, so identical signed bytes are a replay). The event
//! is the top-level `type`; the inner `event.type` (`app_mention`, `message`) is nested, which
//! the engine does not read.
//!
//! Not confirmed at an official source: Slack's retry schedule (the Events API is said to
//! retry a failed delivery 3 times, about immediately, after 1 minute and after 5 minutes)
//! and whether each retry is re-signed with a fresh timestamp: `retries` is set (bolt-js reads
//! the retry headers; the worker's default mode then relies on them), the window left open.
//! Slash commands and interactivity are not retried, as far as the sources say.
//!
//! Handshake: api.slack.com/events/url_verification (read 2026-12): the body
//! `{"token","challenge","type":"url_verification"}` arrives when the Request URL is set;
//! "verify the request's authenticity and then respond in plaintext with the challenge
//! attribute value" (`HTTP 200`, `Content-type: text/plain`; form-encoded and JSON answers are
//! also accepted: hookguard sends the plain one). It is signed like every request, so it is
//! verified first. The unsigned `ssl_check=1` form is not answered (it stays
//! `missing_header`).

use crate::handshake::{Answer, Handshake, Trigger};
use crate::scheme::{
    Auth, EventSample, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// Slack.
pub static SLACK: Scheme = Scheme {
    id: "slack",
    display_name: "Slack",
    source: crate::scheme::prose("slackapi/python-slack-sdk slack_sdk/signature/__init__.py"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-slack-signature",
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
        source: TimestampSource::Header("x-slack-request-timestamp"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 300,
        window: Window::Symmetric,
    }),
    id_source: Some(Field::Body("event_id")),
    event_source: Some(Field::Body("type")),
    required_fields: &["type"],
    retries: true,
    form_bodies: true,
    // No template: the body is `type` and `event_id`, then the sample's members (the rest of
    // the Events API envelope, as in the SDK's fixtures). sign() gives every sample an
    // event_id, which Slack's url_verification and app_rate_limited lack.
    id_prefix: "Ev",
    events: crate::scheme::events(&[
        EventSample {
            name: "event_callback",
            description: crate::scheme::prose(
                "An Events API event the app subscribed to; the inner event is in `event`.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T0001","api_app_id":"A0001","event":{"type":"app_mention","user":"U061F7AUR","text":"<@U0LAN0Z89> is it everything a river should be?","ts":"1515449522.000016","channel":"C0LAN2Q65","event_ts":"1515449522000016"},"event_time":1515449522}"#,
            ),
        },
        EventSample {
            name: "url_verification",
            description: crate::scheme::prose(
                "The one-time handshake when the Request URL is set: echo `challenge`.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}"#,
            ),
        },
        EventSample {
            name: "app_rate_limited",
            description: crate::scheme::prose(
                "The app's event deliveries are being rate limited for this minute.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T0001","minute_rate_limited":1518467820,"api_app_id":"A0001"}"#,
            ),
        },
    ]),
    handshakes: &[Handshake {
        trigger: Trigger::BodyField {
            path: &["type"],
            value: "url_verification",
        },
        answer: Answer::EchoBodyField {
            path: &["challenge"],
        },
    }],
    ..Scheme::BASE
};
