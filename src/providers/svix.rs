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
    Auth, EventSample, Field, STANDARD_WEBHOOKS_SIGNATURE, STANDARD_WEBHOOKS_TIMESTAMP, Scheme,
    SignatureSpec, TimestampSource, TimestampSpec,
};

/// A Svix-delivered provider's descriptor.
const fn svix_family(
    id: &'static str,
    display_name: &'static str,
    source: &'static str,
    envelope: &'static str,
    events: &'static [EventSample],
) -> Scheme {
    Scheme {
        id,
        display_name,
        source: crate::scheme::prose(source),
        envelope: crate::scheme::envelope(envelope),
        id_prefix: "msg_",
        events,
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

/// Svix. The sender chooses its envelope; this is the Standard Webhooks spec's recommended one.
pub static SVIX: Scheme = svix_family(
    "svix",
    "Svix",
    "svix/svix-webhooks javascript/src/webhook.ts",
    r#"{"type":{event},"timestamp":{created_at},"data":{data}}"#,
    &[EventSample {
        name: "invoice.paid",
        description: crate::scheme::prose("An example event type (the sender defines its own)."),
        sample_data: crate::scheme::sample(
            r#"{"id":"invoice_WF7WtCLFFtd8ubcTgboSFNql","status":"paid","attempt":2}"#,
        ),
    }],
);
/// Clerk (delivers through Svix): `{data, object: "event", type, timestamp (ms)}`
/// (clerk.com/docs/webhooks/overview, the payload structure).
pub static CLERK: Scheme = svix_family(
    "clerk",
    "Clerk",
    "clerk.com/docs/reference/backend/verify-webhook",
    r#"{"data":{data},"object":"event","type":{event},"timestamp":{timestamp_ms}}"#,
    &[
        EventSample {
            name: "user.created",
            description: crate::scheme::prose("A user signed up."),
            sample_data: crate::scheme::sample(
                r#"{"id":"user_29w83sxmDNGwOuEthce5gg56FcC","object":"user","first_name":"Example","last_name":"Example","email_addresses":[{"email_address":"example@example.org","id":"idn_29w83yL7CwVlJXylYLxcslromF1"}]}"#,
            ),
        },
        EventSample {
            name: "session.created",
            description: crate::scheme::prose("A session was created."),
            sample_data: crate::scheme::sample(
                r#"{"id":"sess_2hBBG0O6G7bbpXdJDmUG0yqKw0U","object":"session","user_id":"user_29w83sxmDNGwOuEthce5gg56FcC","status":"active"}"#,
            ),
        },
    ],
);
/// Resend (delivers through Svix): `{type, created_at, data}` (resend.com/docs/webhooks
/// event types).
pub static RESEND: Scheme = svix_family(
    "resend",
    "Resend",
    "resend.com/docs/webhooks/verify-webhooks-requests",
    r#"{"type":{event},"created_at":{created_at},"data":{data}}"#,
    &[
        EventSample {
            name: "email.sent",
            description: crate::scheme::prose("An email was sent."),
            sample_data: crate::scheme::sample(
                r#"{"email_id":"56761188-7520-42d8-8898-ff6fc54ce618","from":"Acme <onboarding@resend.dev>","to":["delivered@resend.dev"],"subject":"Sending this example"}"#,
            ),
        },
        EventSample {
            name: "email.delivered",
            description: crate::scheme::prose("An email reached the recipient's mail server."),
            sample_data: crate::scheme::sample(
                r#"{"email_id":"56761188-7520-42d8-8898-ff6fc54ce618","from":"Acme <onboarding@resend.dev>","to":["delivered@resend.dev"],"subject":"Sending this example"}"#,
            ),
        },
    ],
);
