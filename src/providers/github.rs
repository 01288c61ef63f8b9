//! GitHub: `X-Hub-Signature-256: sha256=<hex>`, and the legacy `X-Hub-Signature: sha1=<hex>`.
//!
//! Checked (2026-12):
//! - github/docs `content/webhooks/using-webhooks/validating-webhook-deliveries.md` (via the
//!   shared SCHEMES.md [SRC] and its published vectors): HMAC-SHA256 of the raw body keyed with
//!   the webhook secret's UTF-8 bytes, hex, "always starts with `sha256=`"; `X-Hub-Signature`
//!   (HMAC-SHA1, `sha1=`) is still sent for compatibility.
//! - octokit/webhooks-methods.js `src/node/verify.ts` and `test/verify.test.ts`: sha256 only,
//!   `sha256=` prefix, constant-time compare; the test vectors are in published.json.
//!
//! The SHA-1 header is read only when `X-Hub-Signature-256` is absent (an old GitHub
//! Enterprise Server); when both arrive only SHA-256 counts. No timestamp: freshness cannot be
//! checked, replay protection keys on `X-GitHub-Delivery` (a GUID per delivery; a redelivery
//! from the UI gets a new one). The event is the `X-GitHub-Event` header.
//!
//! Body: hookguard requires `Content type: application/json` on the hook (GitHub's default
//! for new hooks is `application/x-www-form-urlencoded`, where the JSON sits in a `payload`
//! form field): the result's `payload` is the parsed JSON, so a form body is
//! `invalid_payload` after its MAC passed. Form bodies are the next issue's form/field work.
//!
//! Handshake: none. docs.github.com "About webhooks", "Ping event": "When you create a new
//! webhook, we'll send you a simple ping event to let you know you've set up the webhook
//! correctly"; nothing beyond a 2xx is asked, so `handshake()` returns null for it and it is
//! verified and delivered like any event (the origin sees it).

use crate::scheme::{Algorithm, Auth, EventSample, Field, Scheme, SignatureSpec};

/// The legacy header: HMAC-SHA1, read only when `X-Hub-Signature-256` is absent.
static GITHUB_SHA1: SignatureSpec = SignatureSpec {
    header: "x-hub-signature",
    algorithm: Algorithm::HmacSha1,
    prefix: "sha1=",
    ..SignatureSpec::BODY_HMAC
};

/// GitHub.
pub static GITHUB: Scheme = Scheme {
    id: "github",
    display_name: "GitHub",
    source: crate::scheme::prose(
        "github/docs content/webhooks/using-webhooks/validating-webhook-deliveries.md",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-hub-signature-256",
        prefix: "sha256=",
        fallback: Some(&GITHUB_SHA1),
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Header("x-github-delivery")),
    event_source: Some(Field::Header("x-github-event")),
    retry_window_seconds: Some(0),
    // The body is the event's payload itself (docs.github.com webhook events and payloads).
    events: crate::scheme::events(&[
        EventSample {
            name: "ping",
            description: crate::scheme::prose("Sent when a webhook is created."),
            sample_data: crate::scheme::sample(
                r#"{"zen":"Design for failure.","hook_id":12345678,"hook":{"type":"Repository","id":12345678,"active":true,"events":["push"]}}"#,
            ),
        },
        EventSample {
            name: "push",
            description: crate::scheme::prose("Commits were pushed to a branch or tag."),
            sample_data: crate::scheme::sample(
                r#"{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"0000000000000000000000000000000000000000","repository":{"id":1296269,"full_name":"octocat/Hello-World"},"pusher":{"name":"octocat"}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
