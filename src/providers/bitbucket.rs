//! Bitbucket Cloud: `X-Hub-Signature: sha256=<hex>`, HMAC-SHA256 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - bitbucket.org/blog/enhanced-webhook-security: Bitbucket Cloud webhooks can carry a
//!   secret, used to sign each payload.
//! - confluence.atlassian.com/bitbucketserver/event-payload-938025882.html (Bitbucket's own
//!   page for the same webhook secret): "each request is signed via a Hash-based Message
//!   Authentication Code (HMAC). The default for this algorithm is HMACSha256. The header
//!   X-Hub-Signature … `sha256=<hex>`", computed over the received body with the secret as key.
//! - support.atlassian.com/bitbucket-cloud/docs/event-payloads: every request has
//!   `X-Event-Key` (the event, e.g. `repo:push`), `X-Hook-UUID`, `X-Request-UUID` (the request)
//!   and `X-Attempt-Number` (Bitbucket tries again after a failed attempt).
//!
//! The header is `X-Hub-Signature` with a `sha256=` prefix (not GitHub's `-256` name): the
//! prefix names the algorithm, and only `sha256=` is accepted. No timestamp: freshness cannot be
//! checked. Replay protection keys on `X-Request-UUID`.
//!
//! Not confirmed at a source: the Cloud page's own wording of the header (the Data Center page
//! and the Cloud announcement were read); whether `X-Request-UUID` stays the same on a retry
//! (if it does not, a retry is a new delivery to the origin, never a lost one); the retry
//! schedule (the sender's window is left open).

use crate::scheme::{Auth, EventSample, Field, Scheme, SignatureSpec};

/// Bitbucket Cloud.
pub static BITBUCKET: Scheme = Scheme {
    id: "bitbucket",
    display_name: "Bitbucket",
    source: crate::scheme::prose("support.atlassian.com/bitbucket-cloud/docs/event-payloads"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-hub-signature",
        prefix: "sha256=",
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Header("x-request-uuid")),
    event_source: Some(Field::Header("x-event-key")),
    // X-Attempt-Number: Bitbucket attempts a failed delivery again.
    retries: true,
    events: crate::scheme::events(&[
        EventSample {
            name: "repo:push",
            description: crate::scheme::prose("A user pushed to the repository."),
            sample_data: crate::scheme::sample(
                r#"{"push":{"changes":[{"new":{"type":"branch","name":"main","target":{"type":"commit","hash":"709d658dc5b6d6afcd46049c2f332ee3f515a67d"}},"old":{"type":"branch","name":"main","target":{"type":"commit","hash":"1e65c05c1d5171631d92438a13901ca7dae9618c"}},"created":false,"forced":false,"closed":false}]},"repository":{"type":"repository","full_name":"team_name/repo_name","uuid":"{11e5c7a3-4e8c-4e3c-9c36-4b1b0fb6c1f0}"},"actor":{"type":"user","display_name":"Emma Smith"}}"#,
            ),
        },
        EventSample {
            name: "pullrequest:created",
            description: crate::scheme::prose("A pull request was created."),
            sample_data: crate::scheme::sample(
                r#"{"pullrequest":{"id":42,"title":"Add webhook verification","state":"OPEN","source":{"branch":{"name":"feature/hooks"}},"destination":{"branch":{"name":"main"}}},"repository":{"type":"repository","full_name":"team_name/repo_name"},"actor":{"type":"user","display_name":"Emma Smith"}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
