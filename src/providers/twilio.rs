//! Twilio: `X-Twilio-Signature: <base64>`, HMAC-SHA1 of the request URL followed by the sorted
//! form parameters, keyed with the Auth Token.
//!
//! Checked (2026-12) in twilio/twilio-python `twilio/request_validator.py` and
//! `tests/unit/test_request_validator.py` (read, not copied):
//! - `compute_signature`: the string is the full URL, then for each parameter name in sorted
//!   order (`sorted(set(params))`), each of that name's values sorted with duplicates removed
//!   (`sorted(set(values))`), `name + value` with no separator; HMAC-SHA1 keyed with the
//!   token's UTF-8 bytes, base64.
//! - `validate`: the signature is tried over the URL with its port removed and with the
//!   scheme's default port added (443 for https, 80 otherwise), "since sig generation on back
//!   end is inconsistent"; when the URL's query has `bodySHA256` and the body is a string (a
//!   JSON body), the body's hex SHA-256 must equal it and the signature covers the URL alone.
//! - The tests' vectors (token `12345`, `https://mycompany.com/myapp.php?foo=1&bar=2`, the
//!   basic, port, duplicate-key and bodySHA256 cases) are this provider's published vectors.
//!
//! hookguard reads the form body strictly (`src/form.rs`, repeated names allowed: every value
//! is signed) and refuses a JSON body whose URL has no `bodySHA256` (`invalid_payload`). The
//! URL is the call option `url`: behind a proxy it must be the public URL Twilio called. Not
//! confirmed at a source: whether Twilio retries (so the base's no-retries holds: queue mode;
//! voice and messaging webhooks that answer with TwiML need direct mode) and an idempotency
//! header; no timestamp is signed, so no freshness check and no replay id.

use crate::scheme::{Algorithm, Auth, Encoding, EventSample, Part, Scheme, SignatureSpec};

/// Twilio.
pub static TWILIO: Scheme = Scheme {
    id: "twilio",
    display_name: "Twilio",
    source: crate::scheme::prose("twilio/twilio-python twilio/request_validator.py"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-twilio-signature",
        algorithm: Algorithm::HmacSha1,
        encoding: Encoding::Base64,
        signed_content: &[Part::Url, Part::FormParams],
        url_variants: true,
        ..SignatureSpec::BODY_HMAC
    }),
    // Form bodies (and JSON ones covered by bodySHA256): no field is read.
    body_is_json: false,
    static_headers: &[("content-type", "application/x-www-form-urlencoded")],
    // The form parameters Twilio posts (twilio.com/docs/voice/twiml#request-parameters,
    // twilio.com/docs/messaging/guides/webhook-request); sign() sends them as a form.
    events: crate::scheme::events(&[
        EventSample {
            name: "incoming-call",
            description: crate::scheme::prose(
                "A voice call reached one of your numbers (TwiML is expected back).",
            ),
            sample_data: crate::scheme::sample(
                r#"{"AccountSid":"AC0123456789abcdef0123456789abcdef","CallSid":"CA1234567890ABCDE","CallStatus":"ringing","Direction":"inbound","From":"+14158675309","To":"+18005551212","ApiVersion":"2010-04-01"}"#,
            ),
        },
        EventSample {
            name: "incoming-message",
            description: crate::scheme::prose("An SMS reached one of your numbers."),
            sample_data: crate::scheme::sample(
                r#"{"AccountSid":"AC0123456789abcdef0123456789abcdef","MessageSid":"SM1234567890ABCDE","Body":"Hello from Twilio","From":"+14158675309","To":"+18005551212","NumMedia":"0","ApiVersion":"2010-04-01"}"#,
            ),
        },
    ]),
    ..Scheme::BASE
};
