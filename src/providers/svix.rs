//! Svix and the providers that deliver through it (Clerk, Resend): Standard Webhooks v1 with
//! `svix-*` header names, each falling back to its white-labelled `webhook-*` name.
//!
//! Checked (2026-12):
//! - svix/svix-webhooks `javascript/src/webhook.ts` and `python/svix/webhooks.py`: each of
//!   `svix-id`, `svix-timestamp`, `svix-signature` is read, and when absent its `webhook-*`
//!   name, header by header; verification is then the `standardwebhooks` library's (signed
//!   content `{id}.{timestamp}.{body}`, HMAC-SHA256, base64, space-separated `v1,` tokens,
//!   `whsec_` + base64 key, 5 minutes either side). docs.svix.com
//!   `receiving/verifying-payloads/how-manual`: "timestamp in seconds since epoch", the
//!   `webhook-` prefix is the white-labelled form "The Svix libraries support both".
//! - Clerk: clerk.com/docs/reference/backend/verify-webhook ("using Standard Webhooks"), and the
//!   published `@clerk/backend` `src/webhooks.ts` (maps `svix-*` to the Standard Webhooks names);
//!   the secret is `CLERK_WEBHOOK_SIGNING_SECRET`, `whsec_…`.
//! - Resend: resend.com/docs/webhooks/verify-webhooks-requests: `svix-id`, `svix-timestamp`,
//!   `svix-signature`, verified with the Svix libraries and the webhook's signing secret.
//!
//! Replay id: the message id (the same on every retry of one message).

use crate::scheme::{
    Auth, Field, STANDARD_WEBHOOKS_SIGNATURE, STANDARD_WEBHOOKS_TIMESTAMP, Scheme, SignatureSpec,
    TimestampSource, TimestampSpec,
};

/// A Svix-delivered provider's descriptor.
const fn svix_family(id: &'static str, display_name: &'static str, source: &'static str) -> Scheme {
    Scheme {
        id,
        display_name,
        source,
        auth: Auth::Signature(SignatureSpec {
            header: "svix-signature",
            ..STANDARD_WEBHOOKS_SIGNATURE
        }),
        timestamp: Some(TimestampSpec {
            source: TimestampSource::Header("svix-timestamp"),
            ..STANDARD_WEBHOOKS_TIMESTAMP
        }),
        id_source: Some(Field::Header("svix-id")),
        event_source: Some(Field::Body("type")),
        retries: true,
        header_aliases: &[
            ("svix-signature", "webhook-signature"),
            ("svix-timestamp", "webhook-timestamp"),
            ("svix-id", "webhook-id"),
        ],
        ..Scheme::BASE
    }
}

/// Svix.
pub static SVIX: Scheme = svix_family(
    "svix",
    "Svix",
    "svix/svix-webhooks javascript/src/webhook.ts",
);
/// Clerk (delivers through Svix).
pub static CLERK: Scheme = svix_family(
    "clerk",
    "Clerk",
    "clerk.com/docs/reference/backend/verify-webhook",
);
/// Resend (delivers through Svix).
pub static RESEND: Scheme = svix_family(
    "resend",
    "Resend",
    "resend.com/docs/webhooks/verify-webhooks-requests",
);
