//! Twilio SendGrid's signed Event Webhook: ECDSA P-256 with SHA-256 over
//! `{X-Twilio-Email-Event-Webhook-Timestamp}{body}`, the DER signature base64 in
//! `X-Twilio-Email-Event-Webhook-Signature`, checked with the "verification key" shown in Mail
//! Settings (`publicKey`: base64 of a SubjectPublicKeyInfo, DER; PEM armour is accepted too).
//!
//! Checked (2026-12) in sendgrid/sendgrid-nodejs `packages/eventwebhook/src/eventwebhook.js`
//! (`convertPublicKeyToECDSA` reads the base64 DER key; `verifySignature` verifies
//! `timestamp + payload` with `crypto.createVerify('sha256')` over the DER signature) and its
//! `eventwebhook.spec.js` (the published vector `sendgrid-nodejs-eventwebhook`), and at
//! twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features.
//!
//! node:crypto accepts a high `S`, so hookguard does too (strict DER otherwise). The body is a
//! JSON array of events (up to many per POST, each with its own `sg_event_id`), so no body
//! field is read and no delivery id keys replay protection: the signed timestamp does, within
//! 300 s either side, a tolerance hookguard chose (SendGrid documents none, and its SDK checks
//! none; SendGrid retries failed posts for up to 24 hours, which the docs do not say are
//! re-signed: widen `toleranceSeconds` if late retries are refused).

use crate::scheme::{
    Algorithm, Auth, Encoding, EventSample, KeyDerivation, Part, Scheme, SignatureSpec, TimeUnit,
    TimestampSource, TimestampSpec, Window,
};

/// SendGrid.
pub static SENDGRID: Scheme = Scheme {
    id: "sendgrid",
    display_name: "SendGrid",
    source: crate::scheme::prose(
        "sendgrid/sendgrid-nodejs packages/eventwebhook/src/eventwebhook.js",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-twilio-email-event-webhook-signature",
        algorithm: Algorithm::EcdsaP256Sha256,
        encoding: Encoding::Base64,
        signed_content: &[Part::Timestamp, Part::Body],
        key: KeyDerivation::SpkiBase64,
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header("x-twilio-email-event-webhook-timestamp"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 300,
        window: Window::Symmetric,
    }),
    body_is_json: false,
    retries: true,
    // "SendGrid will keep retrying for 24 hours" (the Event Webhook docs).
    retry_window_seconds: Some(24 * 60 * 60),
    envelope: crate::scheme::envelope(
        r#"[{"email":"example@test.com","timestamp":{timestamp},"event":{event},"sg_event_id":{id},"sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>"}]"#,
    ),
    // Each event's fields are SendGrid's flat ones, in the envelope; no sample data.
    id_prefix: "sg_",
    events: crate::scheme::events(&[
        EventSample {
            name: "delivered",
            description: crate::scheme::prose("The receiving server accepted the message."),
            sample_data: crate::scheme::sample("{}"),
        },
        EventSample {
            name: "open",
            description: crate::scheme::prose("The recipient opened the message."),
            sample_data: crate::scheme::sample("{}"),
        },
        EventSample {
            name: "bounce",
            description: crate::scheme::prose("The receiving server refused the message."),
            sample_data: crate::scheme::sample("{}"),
        },
    ]),
    // No delivery id: a resent copy of the same signed bytes is the replay to refuse.
    dedupe_signed: true,
    ..Scheme::BASE
};
