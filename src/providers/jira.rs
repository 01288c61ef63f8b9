//! Jira Cloud admin webhooks: `X-Hub-Signature: sha256=<hex>`, HMAC-SHA256 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - developer.atlassian.com/cloud/jira/platform/webhooks/ ("Secure admin webhooks"): an admin
//!   webhook registered with a `secret` (on the WebHooks admin page or through
//!   `/rest/webhooks/1.0/webhook`) is signed, WebSub `method=signature` style.
//! - confluence.atlassian.com/adminjiraserver/managing-webhooks-938846912.html (Atlassian's
//!   page for the same secret on Jira Data Center): "each request is signed via … HMAC. The
//!   default for this algorithm is HMACSha256. The header X-Hub-Signature is defined …
//!   `x-hub-signature: sha256=<hex>`", the receiver computes the HMAC of the received body with
//!   the secret as key.
//!
//! - developer.atlassian.com/cloud/jira/service-desk/webhooks (the same webhooks page): each
//!   event's name is "the name of the webhookEvent in the response".
//! - community.developer.atlassian.com/t/new-jira-cloud-webhook-retry-policy/30554 (Atlassian's
//!   announcement, pointing at the page's "Retry policy"): failed deliveries (408, 409, 425,
//!   429, 5xx, connection failures or timeouts) are retried, "up to 30 minutes, subject to
//!   change", with `X-Atlassian-Webhook-Retry` counting the retries.
//!
//! The header is `X-Hub-Signature` (not `-256`) with the `sha256=` prefix. Webhooks that OAuth
//! or Connect apps register are authenticated with a JWT instead and are not this provider.
//! The event is the body's `webhookEvent` (`jira:issue_created`); replay protection keys on
//! `X-Atlassian-Webhook-Identifier`.
//!
//! Not confirmed at a source: that `X-Atlassian-Webhook-Identifier` is unchanged across
//! retries (a third-party client, jira.js, says so from captures; if it were not, a retry
//! would reach the origin again, never be lost).

use crate::scheme::{Auth, EventSample, Field, Scheme, SignatureSpec};

/// Jira Cloud (admin webhooks with a secret).
pub static JIRA: Scheme = Scheme {
    id: "jira",
    display_name: "Jira",
    source: crate::scheme::prose("developer.atlassian.com/cloud/jira/platform/webhooks/"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-hub-signature",
        prefix: "sha256=",
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Header("x-atlassian-webhook-identifier")),
    event_source: Some(Field::Body("webhookEvent")),
    required_fields: &["webhookEvent"],
    retries: true,
    // "Up to 30 minutes, subject to change" (the retry-policy announcement).
    retry_window_seconds: Some(1800),
    events: crate::scheme::events(&[
        EventSample {
            name: "jira:issue_created",
            description: crate::scheme::prose("An issue was created."),
            sample_data: crate::scheme::sample(
                r#"{"issue":{"id":"10002","key":"PROJ-3","fields":{"summary":"Verify webhook signatures","issuetype":{"name":"Task"},"status":{"name":"To Do"}}},"user":{"accountId":"5b10a2844c20165700ede21g","displayName":"Mia Krystof"}}"#,
            ),
        },
        EventSample {
            name: "comment_created",
            description: crate::scheme::prose("A comment was added to an issue."),
            sample_data: crate::scheme::sample(
                r#"{"comment":{"id":"10001","body":"Looks good to me.","author":{"displayName":"Mia Krystof"}},"issue":{"id":"10002","key":"PROJ-3"}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
