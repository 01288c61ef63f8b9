//! Discord: interactions (slash commands, components) and Webhook Events, signed with
//! Ed25519: `X-Signature-Ed25519` (hex) over `{X-Signature-Timestamp}{body}`, checked with the
//! application's hex "Public Key" from the Developer Portal (`publicKey`; there is no secret).
//!
//! Checked (2026-12) at discord.com/developers/docs/interactions/overview ("Setting Up an
//! Endpoint": validate `X-Signature-Ed25519` and `X-Signature-Timestamp` over timestamp + raw
//! body with the public key, answer 401 when the check fails, which Discord probes with bad
//! signatures; answer a `PING` (`"type": 1`) with `{"type": 1}`) and
//! docs.discord.com/developers/events/webhook-events (a Webhook Events `PING` is `"type": 0`,
//! answered with 204 and no body; an event is `"type": 1` with an `event` object), and in
//! discord/discord-interactions-js `src/index.ts` (`verifyKey`: the message is the timestamp's
//! bytes then the body's, Ed25519, hex signature and key).
//!
//! Timestamps: Discord documents no tolerance and its libraries check none; interactions must
//! be answered within 3 seconds, so hookguard's 300 s either side (configurable) refuses only
//! a replay. Deliveries carry no id common to both kinds (an interaction's `id`, an event's
//! none), so nothing keys replay protection but the signed timestamp. Interactions are not
//! retried; the body's `type` is an integer, so no event name is read.

use crate::handshake::{Answer, Handshake, Trigger};
use crate::scheme::{
    Algorithm, Auth, Encoding, EventSample, KeyDerivation, Part, Scheme, SignatureSpec, TimeUnit,
    TimestampSource, TimestampSpec, Window,
};

/// Discord.
pub static DISCORD: Scheme = Scheme {
    id: "discord",
    display_name: "Discord",
    source: crate::scheme::prose(
        "discord.com/developers/docs/interactions/overview; discord/discord-interactions-js src/index.ts",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-signature-ed25519",
        algorithm: Algorithm::Ed25519,
        encoding: Encoding::Hex,
        signed_content: &[Part::Timestamp, Part::Body],
        key: KeyDerivation::Ed25519Hex,
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header("x-signature-timestamp"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 300,
        window: Window::Symmetric,
    }),
    retries: false,
    retry_window_seconds: Some(0),
    envelope: crate::scheme::envelope(
        r#"{"version":1,"application_id":"1234567890123456789","type":1,"event":{"type":{event},"timestamp":{created_at},"data":{data}}}"#,
    ),
    events: crate::scheme::events(&[
        EventSample {
            name: "APPLICATION_AUTHORIZED",
            description: crate::scheme::prose(
                "A user authorized the app to a server or their account (Webhook Events).",
            ),
            sample_data: crate::scheme::sample(
                r#"{"integration_type":0,"scopes":["applications.commands"],"user":{"id":"80351110224678912","username":"nelly"},"guild":{"id":"197038439483310086","name":"Discord Testers"}}"#,
            ),
        },
        EventSample {
            name: "ENTITLEMENT_CREATE",
            description: crate::scheme::prose("An entitlement was created (Webhook Events)."),
            sample_data: crate::scheme::sample(
                r#"{"id":"1083796208932577290","sku_id":"1083789418324901898","application_id":"1234567890123456789","user_id":"80351110224678912","type":8,"deleted":false}"#,
            ),
        },
    ]),
    handshakes: &[
        // An interaction PING (a Webhook Events event is also `"type": 1`, with `event`).
        Handshake {
            trigger: Trigger::BodyNumber {
                key: "type",
                value: 1,
                unless: "event",
            },
            answer: Answer::Fixed {
                status: 200,
                content_type: "application/json",
                body: r#"{"type":1}"#,
            },
        },
        // A Webhook Events PING.
        Handshake {
            trigger: Trigger::BodyNumber {
                key: "type",
                value: 0,
                unless: "",
            },
            answer: Answer::Fixed {
                status: 204,
                content_type: "",
                body: "",
            },
        },
    ],
    // No delivery id: a resent copy of the same signed bytes is the replay to refuse.
    dedupe_signed: true,
    ..Scheme::BASE
};
