//! Dropbox Sign (HelloSign): `event.event_hash` in the callback body, the hex HMAC-SHA256 of
//! `event.event_time` + `event.event_type` keyed with the account's API key. The rest of the
//! body is **not** signed: results say `body_signed: false`.
//!
//! Checked (2026-12) in hellosign/dropbox-sign-ruby (read, not copied):
//! - `lib/dropbox-sign/event_callback_helper.rb` `is_valid(api_key, event_callback)`:
//!   `OpenSSL::HMAC.hexdigest("SHA256", api_key, "#{event_time}#{event_type}")` compared with
//!   `event.event_hash`.
//! - `test_fixtures/EventCallbackHelper_AccountCallbacks.json` and `..._AppCallbacks.json`
//!   with `spec/event_callback_helper_spec.rb`'s API key: the published vectors (`event_time`
//!   is a string, `1348177752`).
//! - The docs (app.hellosign.com/api/eventsAndCallbacksWalkthrough, per the shared SCHEMES.md)
//!   post the event as the `json` field of a `multipart/form-data` body; the newer glossary
//!   page says JSON: both are read (a body whose first byte is `{` is JSON; otherwise the
//!   multipart `json` field, the boundary from `Content-Type`, parsed strictly, `src/multipart.rs`).
//!
//! The endpoint must answer every callback with a 200 whose body is `Hello API Event Received`
//! (developers.hellosign.com/api/manual-reference-pages/glossary/callbacks-events: "Endpoint
//! must respond with exactly: `Hello API Event Received`"; otherwise Dropbox Sign retries for
//! about 3 days, "with exponential backoff": so `retries`, and the worker's default is direct
//! mode, whose failures the retries repair): not a handshake (each callback is also delivered) but the descriptor's
//! `acknowledgement`, which verified results carry and the worker answers with. Not
//! confirmed at a source: a test event sent when the callback URL is set (its name and
//! shape; it is verified and delivered like any event, so a route's `events` allow-list
//! must admit it), and a tolerance for `event_time` (none applied; retries keep the original
//! time), the `Content-MD5` header (not read), a replay id (none: no dedupe), and the exact
//! retry schedule (no retry window is given: nothing here is bounded by it).

use crate::handshake::Acknowledgement;
use crate::scheme::{
    Algorithm, Auth, BodyFieldSpec, Encoding, EventSample, Field, FieldPart, Scheme,
};

/// Dropbox Sign.
pub static DROPBOX_SIGN: Scheme = Scheme {
    id: "dropbox-sign",
    display_name: "Dropbox Sign",
    source: crate::scheme::prose(
        "hellosign/dropbox-sign-ruby lib/dropbox-sign/event_callback_helper.rb",
    ),
    auth: Auth::BodyField(BodyFieldSpec {
        signature: "event.event_hash",
        signed_content: &[
            FieldPart::Field("event.event_time"),
            FieldPart::Field("event.event_type"),
        ],
        algorithm: Algorithm::HmacSha256,
        encoding: Encoding::Hex,
        multipart_field: Some("json"),
    }),
    // Dotted paths into the body, read after the MAC over the signed fields passed.
    event_source: Some(Field::Body("event.event_type")),
    // JSON or a multipart form: the npm payload is null (the form's `json` field is the event).
    body_is_json: false,
    envelope: crate::scheme::envelope(
        r#"{"event":{"event_type":{event},"event_time":"{timestamp}","event_hash":{signature},"event_metadata":{"related_signature_id":null,"reported_for_account_id":"63522885f9261e2b04eea043933ee7313eb674fd"}},"account_guid":"63522885f9261e2b04eea043933ee7313eb674fd","signature_request":{data}}"#,
    ),
    // help.dropbox.com/integrations/example-of-a-dropbox-sign-callback-event.
    events: crate::scheme::events(&[
        EventSample {
            name: "signature_request_sent",
            description: crate::scheme::prose("A signature request was sent."),
            sample_data: crate::scheme::sample(
                r#"{"signature_request_id":"21bb8f947df4ad622c103f662543b230b713d","test_mode":false,"title":"Signature Request Title","is_complete":false,"is_declined":false}"#,
            ),
        },
        EventSample {
            name: "signature_request_all_signed",
            description: crate::scheme::prose("Every signer signed."),
            sample_data: crate::scheme::sample(
                r#"{"signature_request_id":"21bb8f947df4ad622c103f662543b230b713d","test_mode":false,"title":"Signature Request Title","is_complete":true,"is_declined":false}"#,
            ),
        },
    ]),
    retries: true,
    acknowledgement: Some(Acknowledgement::Text("Hello API Event Received")),
    ..Scheme::BASE
};
