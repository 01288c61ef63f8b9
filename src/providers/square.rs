//! Square: `x-square-hmacsha256-signature: <base64>`, HMAC-SHA256 of the notification URL
//! followed by the raw body, keyed with the subscription's signature key.
//!
//! Checked (2026-12) in square/square-nodejs-sdk (read, not copied):
//! - `src/wrapper/WebhooksHelper.ts` `verifySignature({requestBody, signatureHeader,
//!   signatureKey, notificationUrl})`: the payload is `notificationUrl + requestBody`, HMAC-SHA256
//!   keyed with the signature key (`src/core/crypto/createHmacOverride.ts`: the key string as
//!   given, UTF-8), base64, compared with the `x-square-hmacsha256-signature` header; an empty
//!   key or URL is an error.
//! - `tests/integration/webhooks.test.ts`: the published vectors (the test notification, the
//!   unescaped and escaped-character bodies) and the failing cases (another URL, another key,
//!   a re-formatted body).
//!
//! The URL is the call option `url`, which must be byte-identical to the notification URL
//! configured in the subscription. The envelope's `event_id` is the replay id and `type` the
//! event, as in the test notification's body. Not confirmed at a source: the retry schedule
//! (the base's no retries: queue mode) and the legacy `x-square-signature` (HMAC-SHA1), which
//! is not read.

use crate::scheme::{Auth, Encoding, EventSample, Field, Part, Scheme, SignatureSpec};

/// Square.
pub static SQUARE: Scheme = Scheme {
    id: "square",
    display_name: "Square",
    source: crate::scheme::prose("square/square-nodejs-sdk src/wrapper/WebhooksHelper.ts"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-square-hmacsha256-signature",
        encoding: Encoding::Base64,
        signed_content: &[Part::Url, Part::Body],
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Body("event_id")),
    event_source: Some(Field::Body("type")),
    required_fields: &["type", "event_id"],
    envelope: crate::scheme::envelope(
        r#"{"merchant_id":"MLEFBHHSJGVHD","type":{event},"event_id":{id},"created_at":{created_at},"data":{data}}"#,
    ),
    id_prefix: "",
    // developer.squareup.com/reference/square/webhooks (payment.created, order.updated).
    events: crate::scheme::events(&[
        EventSample {
            name: "payment.created",
            description: crate::scheme::prose("A payment was created."),
            sample_data: crate::scheme::sample(
                r#"{"type":"payment","id":"KkAkhdMsgzn59SM8A89WgKwekxLZY","object":{"payment":{"id":"KkAkhdMsgzn59SM8A89WgKwekxLZY","amount_money":{"amount":100,"currency":"USD"},"status":"APPROVED","location_id":"S8GWD5R9QB376"}}}"#,
            ),
        },
        EventSample {
            name: "webhooks.test_notification",
            description: crate::scheme::prose(
                "A test notification sent from the Developer Dashboard.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
