//! Intercom: `X-Hub-Signature: sha1=<hex>`, HMAC-SHA1 of the raw body.
//!
//! Checked (2026-12) (read, not copied):
//! - developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications
//!   ("Signed Notifications"): the key is the subscription's secret ("used as the key to
//!   create a hash signature of the JSON notification"), sent in `X-Hub-Signature`, "the
//!   hexadecimal (40-byte) representation of a SHA-1 signature computed using the HMAC
//!   algorithm as defined in RFC2104", starting with `sha1=`; the example request shows the
//!   body's `type` (`notification_event`), `id` (`notif_…`) and `topic` (`user.created`) and
//!   `User-Agent: intercom-parrot-service-client/1.0`.
//!
//! The event is the body's `topic`; replay protection keys on the body's `id`. No timestamp:
//! freshness cannot be checked. HMAC-SHA1 is what Intercom sends (HMAC-SHA1 is not broken as a
//! MAC the way SHA-1 collisions are).
//!
//! Not confirmed at a source: the current Developer Hub wording (it names the app's client
//! secret as the key; the v1.0 page names the subscription's `hub_secret`: either way the
//! configured string's UTF-8 bytes); retries (none assumed: queue mode).
//!
//! Handshake: none. The `ping` topic Intercom sends when a subscription is saved needs only a
//! 2xx, as any notification does (SCHEMES section 3, [3P]; nothing in the pages read asks for
//! a special body), so `handshake()` returns null and the ping is verified and delivered like
//! any notification. The HEAD request said to come at registration is not a webhook: the
//! worker answers it 405 (only Meta's GET is answered).

use crate::scheme::{Algorithm, Auth, EventSample, Field, Scheme, SignatureSpec};

/// Intercom.
pub static INTERCOM: Scheme = Scheme {
    id: "intercom",
    display_name: "Intercom",
    source: crate::scheme::prose(
        "developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications",
    ),
    auth: Auth::Signature(SignatureSpec {
        header: "x-hub-signature",
        algorithm: Algorithm::HmacSha1,
        prefix: "sha1=",
        ..SignatureSpec::BODY_HMAC
    }),
    id_source: Some(Field::Body("id")),
    event_source: Some(Field::Body("topic")),
    required_fields: &["id", "topic"],
    static_headers: &[
        ("content-type", "application/json"),
        ("user-agent", "intercom-parrot-service-client/1.0"),
    ],
    events: crate::scheme::events(&[
        EventSample {
            name: "user.created",
            description: crate::scheme::prose("A user was created."),
            sample_data: crate::scheme::sample(
                r#"{"type":"notification_event","app_id":"a86dr8yl","data":{"type":"notification_event_data","item":{"type":"user","id":"530370b477ad7120001d","user_id":"25","name":"Hoban Washburne","unsubscribed_from_emails":false,"custom_attributes":{}}}}"#,
            ),
        },
        EventSample {
            name: "conversation.user.created",
            description: crate::scheme::prose("A user or lead started a conversation."),
            sample_data: crate::scheme::sample(
                r#"{"type":"notification_event","app_id":"a86dr8yl","data":{"type":"notification_event_data","item":{"type":"conversation","id":"147","state":"open","source":{"type":"conversation","body":"<p>Hi, I need help with my order.</p>"}}}}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
