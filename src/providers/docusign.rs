//! DocuSign Connect (HMAC): `X-DocuSign-Signature-1` … `-N`, one base64 HMAC-SHA256 of the raw
//! body per active Connect HMAC key.
//!
//! Checked (2026-12) (read, not copied):
//! - docusign/code-examples-php `src/ConnectWebhookHMACValidation.php`: HMAC-SHA256 of the
//!   payload keyed with the key string itself (`utf8_encode($secret)`), base64-encoded, compared
//!   with `hash_equals`: the key is the string DocuSign shows, never base64-decoded although it
//!   looks like base64.
//! - developers.docusign.com/platform/webhooks/connect/validate: the whole POST body, line
//!   endings included, is hashed; the base64 hash is compared with the x-docusign-signature
//!   header values ("one … header value for" each key: the copy read was cut there; the
//!   third-party hookdeck summary says one header per active key); the C# example compares
//!   decoded bytes in constant time.
//! - docusign.com/blog/developers/manually-authenticating-hmac-signatures-docusign-connect-webhook-configurations:
//!   the signature is `X-Docusign-Signature-1`, base64; `x-authorization-digest` names the
//!   algorithm (`HMACSHA256`, the only one today).
//! - developers.docusign.com/platform/webhooks/connect/json-sim-event-model: every JSON SIM
//!   message has an `event` element naming the event (`"event": "envelope-sent"` where older
//!   formats had `"status": "sent"`), then standard data. The rest of the sample envelope
//!   (`apiVersion`, `uri`, `retryCount`, `configurationId`, `generatedDateTime`, and `data` with
//!   `accountId`, `userId`, `envelopeId`) follows the shared SCHEMES.md, not re-read in full.
//!
//! Numbered headers: hookguard reads `X-DocuSign-Signature-1` … `-24` and accepts a delivery
//! when any of them matches any configured key (rotation on both sides). Not confirmed at a
//! source: how many HMAC keys an account can hold (a third-party summary says up to 100;
//! DocuSign's pages read give no number). 24 is the npm binding's header-slot limit: an
//! account with more active keys whose configured key signs only in `-25` or later is
//! refused (`signature_mismatch`), never accepted.
//!
//! Body: JSON SIM (the recommended Connect format) only: the event is the signed body's
//! `event`. Legacy XML (and aggregate) configurations are `invalid_payload` after their MAC
//! passed: configure JSON SIM. No timestamp is signed (freshness cannot be checked), and no
//! delivery id exists in the headers or at the body's top level (a key would be
//! `data.envelopeId` with the event and `generatedDateTime`, which hookguard does not compose
//! yet): replay protection is the opt-in `dedupeByBodyHash`. Not confirmed at a source:
//! Connect's retry schedule, so the base says no retries (queue mode).

use crate::scheme::{Auth, Encoding, EventSample, Extract, Field, Scheme, SignatureSpec};

/// DocuSign Connect.
pub static DOCUSIGN: Scheme = Scheme {
    id: "docusign",
    display_name: "DocuSign",
    source: crate::scheme::prose("developers.docusign.com/platform/webhooks/connect/validate"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-docusign-signature-",
        encoding: Encoding::Base64,
        extract: Extract::Numbered { max: 24 },
        ..SignatureSpec::BODY_HMAC
    }),
    event_source: Some(Field::Body("event")),
    required_fields: &["event"],
    static_headers: &[
        ("content-type", "application/json"),
        ("x-authorization-digest", "HMACSHA256"),
    ],
    // A JSON SIM message (json-sim-event-model: event, apiVersion, uri, retryCount,
    // configurationId, generatedDateTime, data).
    envelope: crate::scheme::envelope(
        r#"{"event":{event},"apiVersion":"v2.1","uri":"/restapi/v2.1/accounts/8f2d6a4e-93b1-4c7e-a2d5-0b6f1e3c9a71/envelopes/a3b9c6d2-7e1f-4a85-b0c4-d9e8f7a6b5c1","retryCount":0,"configurationId":10418889,"generatedDateTime":{created_at},"data":{data}}"#,
    ),
    events: crate::scheme::events(&[
        EventSample {
            name: "envelope-sent",
            description: crate::scheme::prose("An envelope was sent to its recipients."),
            sample_data: crate::scheme::sample(
                r#"{"accountId":"8f2d6a4e-93b1-4c7e-a2d5-0b6f1e3c9a71","userId":"4c1b7e90-2d3f-4a6b-9e8c-5f0a1d2b3c4e","envelopeId":"a3b9c6d2-7e1f-4a85-b0c4-d9e8f7a6b5c1"}"#,
            ),
        },
        EventSample {
            name: "envelope-completed",
            description: crate::scheme::prose("Every recipient has completed the envelope."),
            sample_data: crate::scheme::sample(
                r#"{"accountId":"8f2d6a4e-93b1-4c7e-a2d5-0b6f1e3c9a71","userId":"4c1b7e90-2d3f-4a6b-9e8c-5f0a1d2b3c4e","envelopeId":"a3b9c6d2-7e1f-4a85-b0c4-d9e8f7a6b5c1"}"#,
            ),
        },
        EventSample {
            name: "recipient-completed",
            description: crate::scheme::prose(
                "One recipient completed their part of the envelope.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"accountId":"8f2d6a4e-93b1-4c7e-a2d5-0b6f1e3c9a71","userId":"4c1b7e90-2d3f-4a6b-9e8c-5f0a1d2b3c4e","envelopeId":"a3b9c6d2-7e1f-4a85-b0c4-d9e8f7a6b5c1","recipientId":"1"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
