//! Zoho Sign: `X-ZS-WEBHOOK-SIGNATURE: <base64>`, HMAC-SHA256 of the raw payload.
//!
//! Checked (2026-12) (read, not copied):
//! - help.zoho.com/portal/en/kb/zoho-sign/admin-guide/webhooks/articles/securing-zoho-sign-webhooks-with-hmac-authentication:
//!   the `X-ZS-WEBHOOK-SIGNATURE` header holds the HMAC-SHA256 of the webhook payload keyed with
//!   the secret key entered (or generated) with "HMAC signature" on the webhook, "sent in base64
//!   format"; "read the payload as a string to avoid reordering keys"; the page's sample
//!   (secret `thisisthesamplekeyfortestingpurposes`, signature
//!   `drbSrM4H816RYKpZiRBLddUa0yHaTrwjtY04sIZFZus=`) is a published vector in `zoho-sign.json`.
//!   Python reproduces it over the page's payload exactly as printed, which begins with `{{`
//!   (so it is not JSON: that case is `invalid_payload` after its MAC passes).
//! - help.zoho.com/portal/en/kb/zoho-sign/admin-guide/webhooks/articles/webhooks-management:
//!   the events (sent, viewed, signed by a recipient, completed, declined, reassigned, expired,
//!   recalled); at most two webhooks per account.
//!
//! The page writes the formula as `base64encode(HMAC SHA-256(payload+secret_key))`; its own
//! sample is the HMAC of the payload alone keyed with the secret, which is what hookguard checks.
//! No timestamp, no delivery id and no top-level event field (the operation is
//! `notifications.operation_type`): freshness cannot be checked, there is no replay id
//! (`dedupeByBodyHash` is the option).
//!
//! Not confirmed at a source: retries (none assumed: queue mode); the second sample's operation
//! name `RequestCompleted` (the page shows `RequestSigningSuccess`; Zoho Sign has no event field
//! hookguard reads, so the names are only labels).

use crate::scheme::{Auth, Encoding, EventSample, Scheme, SignatureSpec};

/// Zoho Sign.
pub static ZOHO_SIGN: Scheme = Scheme {
    id: "zoho-sign",
    display_name: "Zoho Sign",
    source: crate::scheme::prose(
        "help.zoho.com/portal/en/kb/zoho-sign/admin-guide/webhooks/articles/securing-zoho-sign-webhooks-with-hmac-authentication",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-zs-webhook-signature",
        encoding: Encoding::Base64,
        ..SignatureSpec::BODY_HMAC
    }),
    events: crate::scheme::events(&[
        EventSample {
            name: "RequestSigningSuccess",
            description: crate::scheme::prose("A recipient signed the document."),
            sample_data: crate::scheme::sample(
                r#"{"requests":{"request_name":"NDA — Acme Corp","request_id":"2000000235013","request_status":"inprogress"},"notifications":{"operation_type":"RequestSigningSuccess","performed_by_email":"jane.smith@acme.com","performed_at":1700000000000}}"#,
            ),
        },
        EventSample {
            name: "RequestCompleted",
            description: crate::scheme::prose(
                "Every recipient has signed; the document is complete.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"requests":{"request_name":"NDA — Acme Corp","request_id":"2000000235013","request_status":"completed"},"notifications":{"operation_type":"RequestCompleted","performed_at":1700000360000}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
