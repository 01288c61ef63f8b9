//! Vercel: `x-vercel-signature: <hex>`, HMAC-SHA1 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - vercel/integrations `lighthouse/api/webhook.js` (Vercel's own integration): the signature
//!   is `createHmac('sha1', CLIENT_SECRET)` over the payload, `.digest('hex')`, compared with
//!   the `x-vercel-signature` header, no prefix; the body's `payload` carries the event data.
//! - vercel/integrations `slack/src/lib/formatter/formatter.ts` and `events/*.ts`: the event
//!   is the body's `type`; `createdAt` is a number of milliseconds.
//! - Third-party guides agree on all of it (trigger.dev's Vercel provider page, Hookdeck's
//!   Vercel guide): the key is the account webhook's secret, or for a Vercel integration its
//!   client secret; a UTF-8 string either way.
//!
//! The lighthouse example re-serialises the parsed JSON before the MAC; that only works by
//! luck. hookguard verifies the raw bytes, which is what Vercel signed.
//!
//! Not confirmed at a Vercel source: a body `id` (the third-party guides show one, Vercel's
//! own code never reads it), so replay protection keys on the body's SHA-256 (a retry resends
//! the same bytes); `createdAt` is not read (no freshness check: Vercel sends no timestamp
//! header); retries (none assumed: queue mode, which never loses an event).

use crate::scheme::{Algorithm, Auth, EventSample, Field, Scheme, SignatureSpec};

/// Vercel.
pub static VERCEL: Scheme = Scheme {
    id: "vercel",
    display_name: "Vercel",
    source: crate::scheme::prose("vercel/integrations lighthouse/api/webhook.js"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-vercel-signature",
        algorithm: Algorithm::HmacSha1,
        ..SignatureSpec::BODY_HMAC
    }),
    event_source: Some(Field::Body("type")),
    required_fields: &["type"],
    static_headers: &[("content-type", "application/json")],
    envelope: crate::scheme::envelope(
        r#"{"id":{id},"type":{event},"createdAt":{timestamp_ms},"payload":{data},"region":"iad1"}"#,
    ),
    id_prefix: "evt_",
    events: crate::scheme::events(&[
        EventSample {
            name: "deployment.created",
            description: crate::scheme::prose("A deployment was created."),
            sample_data: crate::scheme::sample(
                r#"{"team":{"id":"team_1a2b3c4d5e6f7g8h9i0j"},"user":{"id":"usr_9z8y7x6w5v4u"},"deployment":{"id":"dpl_2qV3xJk8mN5pR7tW","name":"acme-web","url":"acme-web-6k2n.vercel.app","meta":{}},"project":{"id":"prj_5tG7hJ9kL1mN3pQ5"},"target":"production"}"#,
            ),
        },
        EventSample {
            name: "deployment.succeeded",
            description: crate::scheme::prose("A deployment finished building and is ready."),
            sample_data: crate::scheme::sample(
                r#"{"team":{"id":"team_1a2b3c4d5e6f7g8h9i0j"},"user":{"id":"usr_9z8y7x6w5v4u"},"deployment":{"id":"dpl_2qV3xJk8mN5pR7tW","name":"acme-web","url":"acme-web-6k2n.vercel.app","meta":{}},"project":{"id":"prj_5tG7hJ9kL1mN3pQ5"},"target":"production"}"#,
            ),
        },
        EventSample {
            name: "project.created",
            description: crate::scheme::prose("A project was created."),
            sample_data: crate::scheme::sample(
                r#"{"team":{"id":"team_1a2b3c4d5e6f7g8h9i0j"},"user":{"id":"usr_9z8y7x6w5v4u"},"project":{"id":"prj_5tG7hJ9kL1mN3pQ5","name":"acme-web"}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
