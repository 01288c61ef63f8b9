//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`.
//!
//! Checked (2026-12) in stripe/stripe-node `src/Webhooks.ts` (read, not copied):
//! - `parseHeader` splits the header on `,`, each item on `=`; `t` is the timestamp, every
//!   item named `v1` (`EXPECTED_SCHEME`) is a signature, anything else (`v0`) is ignored.
//! - `makeHMACContent`: the signed content is `${timestamp}.${payload}`.
//! - The HMAC is `createHmac('sha256', secret)` over that, hex: the `whsec_…` secret is the key
//!   as its UTF-8 string, never base64-decoded (unlike Svix's `whsec_`).
//! - `DEFAULT_TOLERANCE: 300`, and `validateComputedSignature` rejects only
//!   `timestampAge > tolerance` (age = now − t): past-only, a later timestamp passes.
//! - No timestamp (`t` missing) is an error ("Unable to extract timestamp and signatures").
//!
//! Envelope: an Event object with string `id` (`evt_…`, the replay id: the same on every
//! retry) and string `type` (docs.stripe.com/api/events/object). Not confirmed at a source:
//! how long Stripe keeps signing with a rolled secret (said to be up to 24 h); rotation works
//! either way, both on the sender's side (several `v1`) and ours (several secrets).

use crate::scheme::{
    Auth, EventSample, Extract, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// Stripe.
pub static STRIPE: Scheme = Scheme {
    id: "stripe",
    display_name: "Stripe",
    source: crate::scheme::prose("stripe/stripe-node src/Webhooks.ts"),
    auth: Auth::Signature(SignatureSpec {
        header: "stripe-signature",
        extract: Extract::Pairs {
            separator: b',',
            keys: &["v1"],
            space: false,
        },
        signed_content: &[Part::Timestamp, Part::Literal("."), Part::Body],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Pair("t"),
        unit: TimeUnit::Seconds,
        signed: true,
        default_tolerance: 300,
        window: Window::PastOnly,
    }),
    id_source: Some(Field::Body("id")),
    event_source: Some(Field::Body("type")),
    required_fields: &["id", "type"],
    retries: true,
    static_headers: &[("content-type", "application/json; charset=utf-8")],
    // docs.stripe.com/api/events/object: id, object "event", api_version, created (unix s),
    // type, data.object.
    envelope: crate::scheme::envelope(
        r#"{"id":{id},"object":"event","api_version":"2024-06-20","created":{timestamp},"type":{event},"data":{data}}"#,
    ),
    id_prefix: "evt_",
    events: crate::scheme::events(&[
        EventSample {
            name: "payment_intent.succeeded",
            description: crate::scheme::prose("A PaymentIntent has succeeded."),
            sample_data: crate::scheme::sample(
                r#"{"object":{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":2000,"currency":"usd","status":"succeeded"}}"#,
            ),
        },
        EventSample {
            name: "invoice.paid",
            description: crate::scheme::prose("An invoice was paid."),
            sample_data: crate::scheme::sample(
                r#"{"object":{"id":"in_1MtHbELkdIwHu7ixl4OzzPMv","object":"invoice","amount_paid":1500,"currency":"usd","status":"paid"}}"#,
            ),
        },
        EventSample {
            name: "customer.created",
            description: crate::scheme::prose("A new customer was created."),
            sample_data: crate::scheme::sample(
                r#"{"object":{"id":"cus_NffrFeUfNV2Hib","object":"customer","email":"jennyrosen@example.com","name":"Jenny Rosen"}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
