//! Shopify: `X-Shopify-Hmac-Sha256: <base64>`, HMAC-SHA256 of the raw body.
//!
//! Checked (2026-12) in Shopify/shopify-api-js (read, not copied):
//! - `packages/shopify-api/lib/utils/hmac-validator.ts` `validateHmacFromRequest`: the
//!   `X-Shopify-Hmac-Sha256` header against `createSHA256HMAC(config.apiSecretKey, rawBody,
//!   HashFormat.Base64)`, compared with `safeCompare`; the key is the app's API secret key as a
//!   string (UTF-8); an empty body fails.
//! - `packages/shopify-api/lib/types.ts` `ShopifyHeader`: `X-Shopify-Topic` (the event),
//!   `X-Shopify-Webhook-Id` (the replay id), `X-Shopify-Shop-Domain`, `X-Shopify-API-Version`;
//!   `lib/webhooks/validate.ts` requires them all to be present.
//!
//! No timestamp in the MAC (freshness cannot be checked). Not confirmed at a source: the retry
//! schedule (said to be several attempts over hours), so the sender's window is left open.

use crate::scheme::{Auth, Encoding, EventSample, Field, Scheme, SignatureSpec};

/// Shopify.
pub static SHOPIFY: Scheme = Scheme {
    id: "shopify",
    display_name: "Shopify",
    source: crate::scheme::prose(
        "Shopify/shopify-api-js packages/shopify-api/lib/utils/hmac-validator.ts",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-shopify-hmac-sha256",
        encoding: Encoding::Base64,
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Header("x-shopify-webhook-id")),
    event_source: Some(Field::Header("x-shopify-topic")),
    retries: true,
    // The body is the resource itself (shopify.dev webhook topics' example payloads).
    events: crate::scheme::events(&[
        EventSample {
            name: "orders/create",
            description: crate::scheme::prose("An order was created."),
            sample_data: crate::scheme::sample(
                r##"{"id":820982911946154508,"email":"jon@example.com","name":"#9999","total_price":"403.00","currency":"USD"}"##,
            ),
        },
        EventSample {
            name: "customers/create",
            description: crate::scheme::prose("A customer was created."),
            sample_data: crate::scheme::sample(
                r#"{"id":706405506930370084,"email":"bob@example.com","first_name":"Bob","last_name":"Biller"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
