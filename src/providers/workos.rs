//! WorkOS: `WorkOS-Signature: t=<unix ms>, v1=<hex>` over `{t}.{body}`, keyed with the
//! webhook secret.
//!
//! Checked (2026-12) in workos/workos-node (read, not copied):
//! - `src/common/crypto/signature-provider.ts` `verifyHeader`: the header is split on `,`
//!   into the `t` and `v1` items (then each on `=`); the signed content is `${timestamp}.${
//!   payload}` with the timestamp as the raw string sent, HMAC-SHA256 hex keyed with the secret
//!   string, compared with `secureCompare`; the default `tolerance = 180000` (milliseconds) and
//!   the check `parseInt(timestamp) < Date.now() - tolerance` rejects only a too-old timestamp
//!   (past-only). Its tests (`signature-provider.spec.ts`, `src/webhooks/webhooks.spec.ts`)
//!   write the header as `t=${timestamp}, v1=${hash}` (comma and space).
//! - `src/webhooks/fixtures/webhook.json`: the event envelope: `id`, `event` (the type,
//!   `dsync.user.created`), `data`, `created_at`.
//! - workos.com/docs/events/data-syncing/webhooks: WorkOS sends the header as
//!   `WorkOS-Signature`; respond 200 quickly "to avoid unnecessary retry requests".
//!
//! `t` is milliseconds: judged in whole seconds (rounded down) against a 180 s past-only
//! window, which equals the SDK's millisecond check at whole seconds. The SDK reads `t` and
//! `v1` by position; hookguard by name (several `v1` accepted, other keys ignored). Replay id:
//! the event `id`. Not confirmed at a source: the retry schedule (the window is left open).

use crate::scheme::{
    Auth, EventSample, Extract, Field, Part, Scheme, SignatureSpec, TimeUnit, TimestampSource,
    TimestampSpec, Window,
};

/// WorkOS.
pub static WORKOS: Scheme = Scheme {
    id: "workos",
    display_name: "WorkOS",
    source: crate::scheme::prose("workos/workos-node src/common/crypto/signature-provider.ts"),
    auth: Auth::Signature(SignatureSpec {
        header: "workos-signature",
        extract: Extract::Pairs {
            separator: b',',
            keys: &["v1"],
            space: true,
        },
        signed_content: &[Part::Timestamp, Part::Literal("."), Part::Body],
        ..SignatureSpec::BODY_HMAC
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Pair("t"),
        unit: TimeUnit::Milliseconds,
        signed: true,
        default_tolerance: 180,
        window: Window::PastOnly,
    }),
    id_source: Some(Field::Body("id")),
    event_source: Some(Field::Body("event")),
    required_fields: &["id", "event"],
    retries: true,
    // src/webhooks/fixtures/webhook.json's shape.
    envelope: crate::scheme::envelope(
        r#"{"id":{id},"event":{event},"data":{data},"created_at":{created_at}}"#,
    ),
    id_prefix: "event_",
    events: crate::scheme::events(&[
        EventSample {
            name: "dsync.user.created",
            description: crate::scheme::prose("A directory user was created."),
            sample_data: crate::scheme::sample(
                r#"{"id":"directory_user_01FAEAJCR3ZBZ30D8BD1924TVG","state":"active","idp_id":"00u1e8mutl6wlH3lL4x7","object":"directory_user","last_name":"Lunchford","first_name":"Blair","directory_id":"directory_01F9M7F68PZP8QXP8G7X5QRHS7","created_at":"2021-06-25T19:07:33.155Z","updated_at":"2021-06-25T19:07:33.155Z"}"#,
            ),
        },
        EventSample {
            name: "user.created",
            description: crate::scheme::prose("An AuthKit user was created."),
            sample_data: crate::scheme::sample(
                r#"{"object":"user","id":"user_01E4ZCR3C56J083X43JQXF3JK5","email":"marcelina.davis@example.com","first_name":"Marcelina","last_name":"Davis","email_verified":true,"created_at":"2026-12-01T10:00:00.000Z","updated_at":"2026-12-01T10:00:00.000Z"}"#,
            ),
        },
        EventSample {
            name: "connection.activated",
            description: crate::scheme::prose("An SSO connection was activated."),
            sample_data: crate::scheme::sample(
                r#"{"object":"connection","id":"conn_01E4ZCR3C56J083X43JQXF3JK5","organization_id":"org_01EHWNCE74X7JSDV0X3SZ3KJNY","connection_type":"OktaSAML","name":"Foo Corp","state":"active","domains":[{"id":"org_domain_01EHWNFTAFCF3CQAE5A9Q0P1YB","domain":"foo-corp.com","object":"connection_domain"}]}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
