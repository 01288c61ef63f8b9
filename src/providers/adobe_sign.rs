//! Adobe Acrobat Sign: no signature. Every request carries `X-AdobeSign-ClientId`, the client
//! id of the API application that created the webhook; the endpoint checks it against its own
//! and echoes it back, on the verification-of-intent GET and on every notification POST.
//!
//! Checked (2026-12) in adobeio/adobeio-documentation (read, not copied):
//! - `sign/webhooks.md`, "Verification of intent of the webhook URL": registering (and
//!   re-activating) a webhook sends an HTTPS **GET** with the custom header
//!   `X-AdobeSign-ClientId`; the endpoint must answer 2xx and send the same client id back,
//!   either in the response header `X-AdobeSign-ClientId` or in a JSON body
//!   `{"xAdobeSignClientId": "<id>"}`. "If the webhook does not recognize that client ID, it
//!   MUST NOT respond with the success response code." And: every notification request
//!   carries the header too, and counts as delivered "if and only if" a 2xx comes back with
//!   the id echoed the same way; otherwise Adobe retries.
//! - `sign/webhooks/webhook_events.md`: notifications are POSTs with a JSON body (content type
//!   `application/json`, at most 10 MB); undelivered ones are retried for 72 hours (15
//!   attempts, the interval doubling from one minute up to 12 hours), after which the webhook
//!   is disabled. The payload templates (`webhook_events/agreement_created.md`) carry
//!   `webhookId`, `webhookNotificationId`, `webhookScope`, `event` (`AGREEMENT_CREATED`, …).
//!
//! So the `secret` is the application's client id, compared like a token (SHA-256 digests in
//! constant time, never its length). That proves little: a client id is not a secret, so
//! this is the weakest scheme in the catalogue (the body is not signed; results say so only
//! through the provider, `bodySigned` stays about a MAC). Acrobat Sign's newer OAuth 2.0
//! webhook endpoints (`webhookEndpoints` with custom headers) are a different mechanism, not
//! covered here. The answer to both requests is the same: 200, the header echoed **and** the
//! JSON body (Adobe accepts either). The replay id is the body's `webhookNotificationId`;
//! the event is its `event`. Not confirmed at a source: whether `webhookNotificationId` is
//! stable across retries (the name says one notification); a delivery without it has no
//! replay id (the opt-in `dedupeByBodyHash` then applies).

use crate::handshake::{Acknowledgement, Answer, Handshake, Trigger};
use crate::scheme::{Auth, EventSample, Field, Scheme, TokenSpec};

/// The JSON member Adobe reads the echoed client id from.
const ECHO_KEY: &str = "xAdobeSignClientId";

/// Adobe Acrobat Sign.
pub static ADOBE_SIGN: Scheme = Scheme {
    id: "adobe-sign",
    display_name: "Adobe Acrobat Sign",
    source: crate::scheme::prose("adobeio/adobeio-documentation sign/webhooks.md"),
    auth: Auth::Token(TokenSpec {
        default_header: "x-adobesign-clientid",
        configurable: false,
    }),
    id_source: Some(Field::Body("webhookNotificationId")),
    event_source: Some(Field::Body("event")),
    required_fields: &["event"],
    retries: true,
    retry_window_seconds: Some(72 * 3600),
    envelope: crate::scheme::envelope(
        r#"{"webhookId":"3AAABLblqZhA0gfq6AbIFFL9rZkYJfHbw","webhookNotificationId":{id},"webhookUrlInfo":{"url":"https://example.com/hooks/adobe-sign"},"webhookScope":"ACCOUNT","event":{event},"eventDate":{created_at},"eventResourceType":"agreement","agreement":{data}}"#,
    ),
    id_prefix: "ntf_",
    events: crate::scheme::events(&[
        EventSample {
            name: "AGREEMENT_CREATED",
            description: crate::scheme::prose("An agreement was created and sent."),
            sample_data: crate::scheme::sample(
                r#"{"id":"CBJCHBCAABAAz8hWAf3j5dIkPp2DbIy7lzlKaZqtTcJm","name":"Employment Agreement","signatureType":"ESIGN","status":"OUT_FOR_SIGNATURE","senderEmail":"alex@example.com","locale":"en_US"}"#,
            ),
        },
        EventSample {
            name: "AGREEMENT_ACTION_COMPLETED",
            description: crate::scheme::prose("A participant signed (or approved) the agreement."),
            sample_data: crate::scheme::sample(
                r#"{"id":"CBJCHBCAABAAz8hWAf3j5dIkPp2DbIy7lzlKaZqtTcJm","name":"Employment Agreement","signatureType":"ESIGN","status":"OUT_FOR_SIGNATURE","senderEmail":"alex@example.com"}"#,
            ),
        },
        EventSample {
            name: "AGREEMENT_WORKFLOW_COMPLETED",
            description: crate::scheme::prose(
                "Every participant has signed; the agreement is complete.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"id":"CBJCHBCAABAAz8hWAf3j5dIkPp2DbIy7lzlKaZqtTcJm","name":"Employment Agreement","signatureType":"ESIGN","status":"SIGNED","senderEmail":"alex@example.com"}"#,
            ),
        },
    ]),
    handshakes: &[Handshake {
        trigger: Trigger::GetWithToken,
        answer: Answer::EchoToken { json_key: ECHO_KEY },
    }],
    acknowledgement: Some(Acknowledgement::EchoToken { json_key: ECHO_KEY }),
    ..Scheme::BASE
};
