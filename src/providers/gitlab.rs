//! GitLab: the webhook's secret token, as sent, in `X-Gitlab-Token`.
//!
//! Checked (2026-12) (read, not copied):
//! - gitlabhq/gitlabhq `doc/user/project/integrations/webhooks.md` ("Secret token"): "If you
//!   specify a secret token, it will be sent with the hook request in the `X-Gitlab-Token` HTTP
//!   header"; each event names itself in `X-Gitlab-Event` (`Push Hook`, `Issue Hook`, …).
//! - gitlab.com/gitlab-org/gitlab/-/merge_requests/160952 ("Implement Idempotency-keys for
//!   webhooks", GitLab 17.4): an `Idempotency-Key` header that is the same on every retry of a
//!   delivery, and new for each delivery.
//!
//! A static token, not a signature: it proves only that the sender knows the token, not that
//! the body is GitLab's (compared in constant time, without leaking its length). The header is
//! GitLab's, so the `header` option is refused (a mistyped override would read the wrong
//! header). Replay protection keys on `Idempotency-Key`: a GitLab older than 17.4 does not send
//! it, and its deliveries are `missing_header`.
//!
//! GitLab's newer **signing token** (behind the `webhook_signing_token` feature flag; MRs
//! 230944 and 231325) signs deliveries in the Standard Webhooks format (`webhook-id`,
//! `webhook-timestamp`, `webhook-signature: v1,…` with a `whsec_` token): hooks with one are
//! verified with `provider: "standard-webhooks"` and that token.
//!
//! Not confirmed at a source: GitLab's automatic retries (none assumed: queue mode; a manual
//! "Resend Request" keeps the `Idempotency-Key`).

use crate::scheme::{Auth, EventSample, Field, Scheme, TokenSpec};

/// GitLab (the secret token).
pub static GITLAB: Scheme = Scheme {
    id: "gitlab",
    display_name: "GitLab",
    source: crate::scheme::prose("gitlabhq/gitlabhq doc/user/project/integrations/webhooks.md"),
    auth: Auth::Token(TokenSpec {
        default_header: "x-gitlab-token",
        configurable: false,
    }),
    id_source: Some(Field::Header("idempotency-key")),
    event_source: Some(Field::Header("x-gitlab-event")),
    events: crate::scheme::events(&[
        EventSample {
            name: "Push Hook",
            description: crate::scheme::prose("Commits were pushed to a branch."),
            sample_data: crate::scheme::sample(
                r#"{"object_kind":"push","before":"95790bf891e76fee5e1747ab589903a6a1f80f22","after":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","ref":"refs/heads/master","checkout_sha":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","user_name":"John Smith","user_username":"jsmith","project_id":15,"project":{"id":15,"name":"Diaspora","path_with_namespace":"mike/diaspora","default_branch":"master"},"total_commits_count":4}"#,
            ),
        },
        EventSample {
            name: "Issue Hook",
            description: crate::scheme::prose("An issue was opened, updated, closed or reopened."),
            sample_data: crate::scheme::sample(
                r#"{"object_kind":"issue","user":{"name":"Administrator","username":"root"},"project":{"id":1,"name":"Gitlab Test","path_with_namespace":"gitlabhq/gitlab-test"},"object_attributes":{"id":301,"iid":23,"title":"New API: create/update/delete file","state":"opened","action":"open"}}"#,
            ),
        },
        EventSample {
            name: "Merge Request Hook",
            description: crate::scheme::prose(
                "A merge request was opened, updated, merged or closed.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"object_kind":"merge_request","user":{"name":"Administrator","username":"root"},"project":{"id":1,"name":"Gitlab Test","path_with_namespace":"gitlabhq/gitlab-test"},"object_attributes":{"id":99,"iid":1,"title":"MS-Viewport","source_branch":"ms-viewport","target_branch":"master","state":"opened","action":"open"}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
