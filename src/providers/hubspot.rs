//! HubSpot (signature v3): `X-HubSpot-Signature-v3: <base64>`, HMAC-SHA256 of
//! `{method}{uri}{body}{timestamp}` keyed with the app's client secret, with
//! `X-HubSpot-Request-Timestamp` (milliseconds) no more than 5 minutes old.
//!
//! Checked (2026-12) in HubSpot/hubspot-api-nodejs `src/utils/signature.ts` (read, not
//! copied): v3's source string is `method + url + requestBody + timestamp`, HMAC-SHA256 keyed
//! with the client secret, base64; `MAX_ALLOWED_TIMESTAMP = 300000` ms and a request is refused
//! when `Date.now() - timestamp` exceeds it (past only: a later timestamp passes); `method`
//! defaults to `POST`. And in the docs,
//! developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation:
//! the headers `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp`; "reject the request
//! if the timestamp is older than 5 minutes"; in the request URI decode `%3A : %2F / %3F ?
//! %40 @ %21 ! %24 $ %27 ' %28 ( %29 ) %2A * %2C , %3B ;` (the question mark starting the query
//! is not an escape); the string is UTF-8.
//!
//! The SDK's v3 test signs at run time, so there is no published v3 vector. The timestamp is
//! judged in whole seconds (milliseconds rounded down), so the 300 s bound is exact to within a
//! second. Not confirmed at a source: whether lower-case escapes (`%3a`) are decoded (they are
//! here, as percent-decoding is case-insensitive); the retry schedule (the base's no retries:
//! queue mode). The body is a JSON array of events, so no field is read (no event, no id);
//! v1 and v2 signatures (plain SHA-256, no timestamp) are not accepted.

use crate::scheme::{
    Auth, Encoding, EventSample, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// HubSpot.
pub static HUBSPOT: Scheme = Scheme {
    id: "hubspot",
    display_name: "HubSpot",
    source: crate::scheme::prose("HubSpot/hubspot-api-nodejs src/utils/signature.ts"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-hubspot-signature-v3",
        encoding: Encoding::Base64,
        signed_content: &[Part::Method, Part::UrlDecoded, Part::Body, Part::Timestamp],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header("x-hubspot-request-timestamp"),
        unit: TimeUnit::Milliseconds,
        signed: true,
        default_tolerance: 300,
        window: Window::PastOnly,
    }),
    // A JSON array of events (developers.hubspot.com webhooks API: "batches of up to 100").
    body_is_json: false,
    // Each sample is one whole event object (its own subscriptionType).
    envelope: crate::scheme::envelope(r#"[{data}]"#),
    events: crate::scheme::events(&[
        EventSample {
            name: "contact.creation",
            description: crate::scheme::prose("A contact was created."),
            sample_data: crate::scheme::sample(
                r#"{"eventId":1,"subscriptionId":12345,"portalId":62515,"appId":54321,"occurredAt":1780065000000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW"}"#,
            ),
        },
        EventSample {
            name: "contact.propertyChange",
            description: crate::scheme::prose("A contact property changed."),
            sample_data: crate::scheme::sample(
                r#"{"eventId":2,"subscriptionId":12346,"portalId":62515,"appId":54321,"occurredAt":1780065000000,"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,"propertyName":"email","propertyValue":"jane@example.com","changeSource":"CRM"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
