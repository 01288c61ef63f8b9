//! Documenso: the webhook's secret, as configured, in `X-Documenso-Secret`.
//!
//! Checked (2026-12) (read, not copied):
//! - docs.documenso.com/docs/developers/webhooks/verification: "Documenso includes that secret
//!   in every webhook request via the X-Documenso-Secret header … The header contains your
//!   webhook secret as a plain string. If you did not configure a secret, the header will be an
//!   empty string"; compare it in constant time. The sample request: `Content-Type:
//!   application/json`, body `{"event": "DOCUMENT_COMPLETED", "payload": {...}}`.
//!
//! A static token, not a signature: it proves only that the sender knows the secret, not that
//! the body is Documenso's. The header is Documenso's, so the `header` option is refused. A
//! webhook without a secret sends an empty header, which never matches (hookguard requires a
//! secret). The event is the body's `event`. No timestamp and no delivery id: freshness cannot
//! be checked and there is no replay id (`dedupeByBodyHash` is the option).
//!
//! Not confirmed at a source: retries (none assumed: queue mode); event names beyond the page's
//! `DOCUMENT_COMPLETED` (the sample `DOCUMENT_SIGNED` is the name third-party receivers see;
//! event names are only labels here, never part of the check).

use crate::scheme::{Auth, EventSample, Field, Scheme, TokenSpec};

/// Documenso.
pub static DOCUMENSO: Scheme = Scheme {
    id: "documenso",
    display_name: "Documenso",
    source: crate::scheme::prose("docs.documenso.com/docs/developers/webhooks/verification"),
    auth: Auth::Token(TokenSpec {
        default_header: "x-documenso-secret",
        configurable: false,
    }),
    event_source: Some(Field::Body("event")),
    required_fields: &["event"],
    events: crate::scheme::events(&[
        EventSample {
            name: "DOCUMENT_COMPLETED",
            description: crate::scheme::prose(
                "Every recipient has signed; the document is complete.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"payload":{"id":10,"title":"Sales Agreement.pdf","status":"COMPLETED","completedAt":"2026-05-29T14:30:00.000Z","recipients":[{"email":"jane.smith@acme.com","name":"Jane Smith","role":"SIGNER","signingStatus":"SIGNED"}]},"createdAt":"2026-05-29T14:30:01.000Z","webhookEndpoint":"https://example.com/webhooks/documenso"}"#,
            ),
        },
        EventSample {
            name: "DOCUMENT_SIGNED",
            description: crate::scheme::prose("A recipient signed the document."),
            sample_data: crate::scheme::sample(
                r#"{"payload":{"id":10,"title":"Sales Agreement.pdf","status":"PENDING","recipients":[{"email":"jane.smith@acme.com","name":"Jane Smith","role":"SIGNER","signingStatus":"SIGNED"}]},"createdAt":"2026-05-29T14:20:00.000Z","webhookEndpoint":"https://example.com/webhooks/documenso"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
