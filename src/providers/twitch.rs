//! Twitch EventSub (webhook transport): `Twitch-Eventsub-Message-Signature: sha256=<hex>` over
//! `{message id}{message timestamp}{body}`, no separators.
//!
//! Checked (2026-12) (read, not copied):
//! - dev.twitch.tv/docs/eventsub/handling-webhook-events: the `Twitch-Eventsub-Message-Type`
//!   header (`notification`, `webhook_callback_verification`, `revocation`); verify every
//!   message before handling it; all timestamps are RFC 3339 with nanosecond precision.
//! - dev.twitch.tv/docs/eventsub ("Handling duplicate events"): notifications are sent at
//!   least once and resent when Twitch is unsure they arrived, with the same message id (so
//!   retries: yes; the message id is the replay id). "Guarding against replay attacks" is the
//!   section on the id and the timestamp.
//! - tesjs `lib/whserver.js` (a third-party library reproducing Twitch's sample): HMAC-SHA256 of
//!   `${id}${timestamp}${body}` keyed with the subscription's secret, hex, after `sha256=`.
//!
//! Not confirmed at a source (the copies read were cut before the text): the 10-minute bound.
//! Twitch's guidance, as widely quoted, is to reject a message "older than 10 minutes":
//! hookguard takes 600 s, past-only (a later timestamp passes, as "older than" says; the
//! timestamp is signed, so only Twitch can date one ahead). The window to retry in is not
//! documented, so the sender's window is left open. The event is the
//! `Twitch-Eventsub-Subscription-Type` header (`channel.follow`); the message type stays in
//! its own header for the origin.
//!
//! Handshake: dev.twitch.tv/docs/eventsub/handling-webhook-events (its table of message types:
//! `webhook_callback_verification` "contains the challenge used to prove that you own the event
//! handler"; "before handling any message, you must make sure that Twitch sent it") and
//! twitchdev/eventsub-webhooks-node-sample `index.js` (Twitch's own sample: the signature is
//! checked first, then a `webhook_callback_verification` is answered 200 with the body's
//! `challenge` as the whole body). hookguard answers it with `Content-Type: text/plain`, as the
//! guidance widely quoted from the same page says ("Responding to a challenge request": the
//! raw string, no JSON; that section was not in the copies read, so the content type is the
//! one fact here not read at the source). A `revocation` needs only a 2xx: it is delivered to
//! the origin like a notification.

use crate::handshake::{Answer, Handshake, Trigger};
use crate::scheme::{
    Auth, EventSample, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// Twitch EventSub.
pub static TWITCH: Scheme = Scheme {
    id: "twitch",
    display_name: "Twitch EventSub",
    source: crate::scheme::prose("dev.twitch.tv/docs/eventsub/handling-webhook-events"),
    auth: Auth::Signature(SignatureSpec {
        header: "twitch-eventsub-message-signature",
        prefix: "sha256=",
        signed_content: &[Part::Id, Part::Timestamp, Part::Body],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header("twitch-eventsub-message-timestamp"),
        unit: TimeUnit::Rfc3339,
        signed: true,
        default_tolerance: 600,
        window: Window::PastOnly,
    }),
    id_source: Some(Field::Header("twitch-eventsub-message-id")),
    event_source: Some(Field::Header("twitch-eventsub-subscription-type")),
    retries: true,
    static_headers: &[
        ("content-type", "application/json"),
        ("twitch-eventsub-message-type", "notification"),
        ("twitch-eventsub-message-retry", "0"),
    ],
    // handling-webhook-events: a notification's body is `subscription` and `event`.
    envelope: crate::scheme::envelope(
        r#"{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled","type":{event},"version":"1","cost":0,"condition":{"broadcaster_user_id":"1337"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/twitch"},"created_at":"2026-05-01T00:00:00.000000000Z"},"event":{data}}"#,
    ),
    id_prefix: "msg_",
    events: crate::scheme::events(&[
        EventSample {
            name: "channel.follow",
            description: crate::scheme::prose("A user followed the broadcaster's channel."),
            sample_data: crate::scheme::sample(
                r#"{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","followed_at":"2020-07-15T18:16:11.17106713Z"}"#,
            ),
        },
        EventSample {
            name: "stream.online",
            description: crate::scheme::prose("The broadcaster started a stream."),
            sample_data: crate::scheme::sample(
                r#"{"id":"9001","broadcaster_user_id":"1337","broadcaster_user_login":"cool_user","broadcaster_user_name":"Cool_User","type":"live","started_at":"2020-10-11T10:11:12.123Z"}"#,
            ),
        },
        EventSample {
            name: "channel.subscribe",
            description: crate::scheme::prose("A user subscribed to the broadcaster's channel."),
            sample_data: crate::scheme::sample(
                r#"{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","tier":"1000","is_gift":false}"#,
            ),
        },
    ]),
    handshakes: &[Handshake {
        trigger: Trigger::Header {
            name: "twitch-eventsub-message-type",
            value: "webhook_callback_verification",
        },
        answer: Answer::EchoBodyField {
            path: &["challenge"],
        },
    }],
    ..Scheme::BASE
};
