//! Property tests: sign -> verify round-trips, any one-byte change is caught, and arbitrary
//! header and body bytes never panic.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use hookguard::{ErrorCode, Options, Provider, SignRequest, Verifier, sign};
use proptest::prelude::*;

fn envelope(id: &str, event: &str, data: &str) -> Vec<u8> {
    serde_json::json!({"id": id, "event": event, "api_version": "2026-05-28", "data": {"note": data}})
        .to_string()
        .into_bytes()
}

/// Test key pairs: Discord's Ed25519 seed 00 01 … 1f and its public key; a P-256 scalar and
/// its SubjectPublicKeyInfo (checked by the round trips below).
#[cfg(feature = "asymmetric")]
const DISCORD_SEED: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const DISCORD_PUBLIC: &str = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
#[cfg(feature = "asymmetric")]
const SENDGRID_SCALAR: &str = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const SENDGRID_PUBLIC: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Z5A/4QCLi8maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==";

fn secret() -> impl Strategy<Value = String> {
    // Any non-empty secret without surrounding whitespace (which the options refuse).
    "[!-~][ -~]{0,70}[!-~]|[!-~]"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn insigner_round_trips(
        secret in secret(),
        id in "[a-zA-Z0-9_\\-]{1,40}",
        event in "[a-z_.]{1,30}",
        data in any::<String>(),
        ts in 0i64..4_000_000_000,
        skew in -300i64..=300,
    ) {
        let body = envelope(&id, &event, &data);
        let signed = sign(Provider::Insigner, &SignRequest { secret: &secret, body: Some(&body), timestamp: ts, ..Default::default() }).unwrap();
        let v = Verifier::new(&Options::new(Provider::Insigner, secret.clone())).unwrap();
        let got = v.verify(&signed.headers, &signed.body, ts + skew).unwrap();
        prop_assert_eq!(got.id.as_deref(), Some(id.as_str()));
        prop_assert_eq!(got.event.as_deref(), Some(event.as_str()));
        prop_assert_eq!(got.timestamp, Some(ts));
    }

    #[test]
    fn raw_bytes_always_pass_the_mac(secret in secret(), body in proptest::collection::vec(any::<u8>(), 0..512), ts in 0i64..4_000_000_000) {
        let signed = sign(Provider::Insigner, &SignRequest { secret: &secret, body: Some(&body), timestamp: ts, ..Default::default() }).unwrap();
        let v = Verifier::new(&Options::new(Provider::Insigner, secret)).unwrap();
        // Whatever the bytes, the MAC matches: only the envelope check may fail.
        match v.verify(&signed.headers, &body, ts) {
            Ok(_) => {}
            Err(e) => prop_assert_eq!(e.code(), ErrorCode::InvalidPayload),
        }
    }

    #[test]
    fn any_one_byte_change_is_a_signature_mismatch(
        secret in secret(),
        data in "[ -~]{0,200}",
        pos in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let body = envelope("dlv_1", "document.completed", &data);
        let signed = sign(Provider::Insigner, &SignRequest { secret: &secret, body: Some(&body), timestamp: 1000, ..Default::default() }).unwrap();
        let mut tampered = body.clone();
        let i = pos.index(tampered.len());
        tampered[i] ^= flip;
        let v = Verifier::new(&Options::new(Provider::Insigner, secret)).unwrap();
        let err = v.verify(&signed.headers, &tampered, 1000).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::SignatureMismatch);
    }

    #[test]
    fn another_secret_never_verifies(a in secret(), b in secret()) {
        prop_assume!(a != b);
        let body = envelope("dlv_1", "document.completed", "x");
        let signed = sign(Provider::Insigner, &SignRequest { secret: &a, body: Some(&body), timestamp: 1000, ..Default::default() }).unwrap();
        let v = Verifier::new(&Options::new(Provider::Insigner, b)).unwrap();
        prop_assert_eq!(v.verify(&signed.headers, &body, 1000).unwrap_err().code(), ErrorCode::SignatureMismatch);
    }

    #[test]
    fn inspakt_tokens_match_exactly(token in secret(), other in secret()) {
        let body = br#"{"webhookId":"w","teamId":"t","event":"envelope.sent","data":{}}"#;
        let mut o = Options::new(Provider::Inspakt, token.clone());
        o.header = Some("X-Token".into());
        let v = Verifier::new(&o).unwrap();
        prop_assert!(v.verify(&[("x-token", token.as_str())], body, 0).is_ok());
        if other != token {
            prop_assert_eq!(v.verify(&[("x-token", other.as_str())], body, 0).unwrap_err().code(), ErrorCode::TokenMismatch);
        }
    }

    #[test]
    fn standard_webhooks_round_trips(key in proptest::collection::vec(any::<u8>(), 1..64), data in any::<String>(), ts in 0i64..4_000_000_000) {
        let secret = format!("whsec_{}", b64(&key));
        let body = serde_json::json!({"type": "invoice.paid", "data": data}).to_string().into_bytes();
        let signed = sign(Provider::StandardWebhooks, &SignRequest { secret: &secret, body: Some(&body), timestamp: ts, id: Some("msg_1"), ..Default::default() }).unwrap();
        let v = Verifier::new(&Options::new(Provider::StandardWebhooks, secret)).unwrap();
        let got = v.verify(&signed.headers, &body, ts).unwrap();
        prop_assert_eq!(got.id.as_deref(), Some("msg_1"));
        prop_assert_eq!(got.event.as_deref(), Some("invoice.paid"));
    }

    /// Error messages name headers and options, never body content or secrets: a genuine
    /// delivery whose id and event are unique markers is rejected in every way that reads
    /// them, and no message quotes them.
    #[test]
    fn messages_never_quote_the_body_or_the_secret(
        secret in "sec_[a-zA-Z0-9]{24}",
        id in "idm_[a-zA-Z0-9]{16}",
        event in "evm_[a-z]{16}",
        other in "hdr_[a-zA-Z0-9]{16}",
        flip in 0usize..4,
    ) {
        let body = envelope(&id, &event, "x");
        let signed = sign(Provider::Insigner, &SignRequest { secret: &secret, body: Some(&body), timestamp: 1000, ..Default::default() }).unwrap();
        let mut o = Options::new(Provider::Insigner, secret.clone());
        o.events = Some(vec!["document.completed".to_owned()]);
        let v = Verifier::new(&o).unwrap();
        let mut headers = signed.headers.clone();
        let mut body = body;
        let expected = match flip {
            0 => ErrorCode::EventNotAllowed,
            1 => {
                headers.iter_mut().filter(|(k, _)| k == "x-insigner-event").for_each(|(_, val)| *val = other.clone());
                ErrorCode::HeaderBodyMismatch
            }
            2 => {
                headers.iter_mut().filter(|(k, _)| k == "x-insigner-delivery-id").for_each(|(_, val)| *val = other.clone());
                ErrorCode::HeaderBodyMismatch
            }
            _ => {
                let last = body.len() - 1;
                body[last] ^= 1;
                ErrorCode::SignatureMismatch
            }
        };
        let err = v.verify(&headers, &body, 1000).unwrap_err();
        prop_assert_eq!(err.code(), expected);
        let text = format!("{err} {err:?} {}", err.message());
        for marker in [&secret, &id, &event, &other] {
            prop_assert!(!text.contains(marker.as_str()), "message quotes {marker}: {text}");
        }
    }

    /// Option keys are configuration too: a secret pasted as a key (or a key holding any
    /// secret-like text) is never quoted in the message, wherever it sits among the keys, and
    /// neither is the secret value beside it.
    #[test]
    fn messages_never_quote_option_keys_or_values(
        secret in "sec_[a-zA-Z0-9]{24}",
        key in "(whsec_|sk_|)[a-zA-Z0-9_+/=-]{20,60}",
        before in 0usize..3,
        provider in prop_oneof![Just("insigner"), Just("inspakt"), Just("standard-webhooks")],
    ) {
        let mut fields = vec![
            format!(r#""provider":"{provider}""#),
            format!(r#""secret":"{secret}""#),
        ];
        fields.insert(before.min(fields.len()), format!(r#""{key}":"{secret}""#));
        let json = format!("{{{}}}", fields.join(","));
        let err = Options::from_json(&json).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::InvalidConfig);
        let text = format!("{err} {err:?} {}", err.message());
        prop_assert!(text.contains(&format!("key {} of 3", before.min(2) + 1)), "{}", text);
        // No 8-character run of the key or the secret appears anywhere in the message.
        for marker in [key.as_str(), secret.as_str()] {
            let chars: Vec<char> = marker.chars().collect();
            for w in chars.windows(8) {
                let piece: String = w.iter().collect();
                prop_assert!(!text.contains(&piece), "message quotes {}: {}", piece, text);
            }
        }
    }

    /// The event-age check's messages name created_at and the bound, never its value.
    #[test]
    fn event_age_messages_never_quote_created_at(
        secret in "sec_[a-zA-Z0-9]{24}",
        year in 1000u32..2020,
        frac in "[0-9]{9}",
        junk in "[a-z]{12}",
        kind in 0usize..4,
    ) {
        let created = match kind {
            0 => format!("{year}-03-04T05:06:07.{frac}Z"),
            3 => format!("{}-03-04T05:06:07.{frac}Z", year + 7000),
            1 => format!("{year}-03-04T05:06:07.{frac}Z{junk}"),
            _ => format!("{year}-02-30T05:06:07.{frac}+01:00"),
        };
        let body = serde_json::json!({"id": "dlv_1", "event": "document.completed", "created_at": created, "data": {}})
            .to_string()
            .into_bytes();
        let now = 1_780_065_000;
        let signed = sign(Provider::Insigner, &SignRequest { secret: &secret, body: Some(&body), timestamp: now, ..Default::default() }).unwrap();
        let mut o = Options::new(Provider::Insigner, secret.clone());
        o.max_event_age_seconds = Some(345_600);
        let v = Verifier::new(&o).unwrap();
        let err = v.verify(&signed.headers, &body, now).unwrap_err();
        let expected = match kind {
            0 => ErrorCode::TimestampTooOld,
            3 => ErrorCode::TimestampInFuture,
            _ => ErrorCode::InvalidPayload,
        };
        prop_assert_eq!(err.code(), expected);
        let report = v.explain(&signed.headers, &body, now, false).to_json();
        let text = format!("{err} {err:?} {} {report}", err.message());
        prop_assert!(text.contains("created_at"), "{}", text);
        for marker in [created.as_str(), frac.as_str(), junk.as_str(), secret.as_str()] {
            prop_assert!(!text.contains(marker), "message quotes {marker}: {text}");
        }
    }

    #[test]
    fn arbitrary_headers_and_bodies_never_panic(
        provider in prop::sample::select(vec![Provider::Insigner, Provider::Inspakt, Provider::StandardWebhooks]),
        headers in proptest::collection::vec((
            prop::sample::select(vec!["x-insigner-signature", "X-InSigner-Timestamp", "x-insigner-event", "x-insigner-delivery-id", "authorization", "webhook-id", "webhook-timestamp", "webhook-signature", "x-other"]),
            proptest::collection::vec(any::<u8>(), 0..90),
        ), 0..8),
        body in proptest::collection::vec(any::<u8>(), 0..300),
        now in any::<i64>(),
    ) {
        let secret = if provider == Provider::StandardWebhooks { "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } else { "s3cret" };
        let mut o = Options::new(provider, secret);
        o.tolerance_seconds = if provider == Provider::Inspakt { None } else { Some(hookguard::MAX_TOLERANCE_SECONDS) };
        if provider == Provider::Insigner && now % 2 == 0 {
            o.max_event_age_seconds = Some(hookguard::MAX_TOLERANCE_SECONDS);
        }
        let v = Verifier::new(&o).unwrap();
        let r = v.verify(&headers, &body, now);
        let report = v.explain(&headers, &body, now, true);
        prop_assert_eq!(report.code, r.err().map(|e| e.code().as_str()));
    }

    #[test]
    fn numbered_pairs_rfc3339_and_body_timestamps_never_panic(
        provider in prop::sample::select(vec![Provider::Docusign, Provider::Boldsign, Provider::Twitch, Provider::Linear]),
        headers in proptest::collection::vec((
            prop::sample::select(vec![
                "x-docusign-signature-1", "X-DocuSign-Signature-2", "x-docusign-signature-24", "x-docusign-signature-25",
                "x-boldsign-signature", "x-boldsign-event",
                "twitch-eventsub-message-id", "twitch-eventsub-message-timestamp", "twitch-eventsub-message-signature",
                "twitch-eventsub-subscription-type", "linear-signature", "linear-delivery", "linear-event", "x-other",
            ]),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..90),
                "(t=[0-9]{0,20}|s[01]=[0-9a-f]{0,64}|v1=|, |,|=){0,6}".prop_map(String::into_bytes),
                "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?(Z|[+-][0-9]{2}:[0-9]{2})?".prop_map(String::into_bytes),
                "(sha256=)?[0-9a-f]{0,64}|[A-Za-z0-9+/]{43}=".prop_map(String::into_bytes),
            ],
        ), 0..8),
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..300),
            "\\{\"event\":\"e\",\"webhookTimestamp\":(-?[0-9]{0,22}(\\.[0-9])?|\"x\"|null)\\}".prop_map(String::into_bytes),
        ],
        now in any::<i64>(),
        wide in any::<bool>(),
    ) {
        let mut o = Options::new(provider, "s3cret");
        o.tolerance_seconds = (wide && provider != Provider::Docusign).then_some(hookguard::MAX_TOLERANCE_SECONDS);
        let v = Verifier::new(&o).unwrap();
        let r = v.verify(&headers, &body, now);
        let report = v.explain(&headers, &body, now, true);
        prop_assert_eq!(report.code, r.err().map(|e| e.code().as_str()));
    }

    #[test]
    fn arbitrary_option_json_never_panics(s in any::<String>()) {
        if let Ok(o) = Options::from_json(&s) {
            let _ = Verifier::new(&o);
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

const TIMESTAMPED: [Provider; 5] = [
    Provider::Slack,
    Provider::Zoom,
    Provider::Paddle,
    Provider::Calendly,
    Provider::Workos,
];

/// Every byte outside the unreserved set percent-escaped (upper- or lower-case hex), space as
/// `+` or `%20`: what a form encoder may write.
fn form_encode(s: &str, lower: bool, plus: bool) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b));
            }
            b' ' if plus => out.push('+'),
            _ if lower => out.push_str(&format!("%{b:02x}")),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn timestamped_providers_pass_the_mac_for_any_body(
        provider in prop::sample::select(TIMESTAMPED.to_vec()),
        secret in secret(),
        body in proptest::collection::vec(any::<u8>(), 0..300),
        ts in 0i64..4_000_000_000,
    ) {
        // Whatever the bytes, our own signature passes; only the envelope may refuse them.
        let signed = sign(provider, &SignRequest { secret: &secret, body: Some(&body), timestamp: ts, ..Default::default() }).unwrap();
        let v = Verifier::new(&Options::new(provider, secret.clone())).unwrap();
        match v.verify(&signed.headers, &body, ts) {
            Ok(r) => prop_assert_eq!(r.timestamp, Some(ts)),
            Err(e) => {
                prop_assert_eq!(e.code(), ErrorCode::InvalidPayload);
                // (A secret of a few characters can occur in any sentence.)
                prop_assert!(secret.len() < 8 || !e.message().contains(secret.as_str()));
            }
        }
        let report = v.explain(&signed.headers, &body, ts, false);
        prop_assert_eq!(report.steps.iter().find(|s| s.check == "signature").map(|s| s.status), Some("pass"));
    }

    #[test]
    fn slack_forms_of_any_fields_verify_and_dedupe_on_the_body(
        fields in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..6),
        lower in any::<bool>(),
        plus in any::<bool>(),
        ts in 0i64..4_000_000_000,
    ) {
        let body = fields
            .iter()
            .map(|(n, v)| format!("{}={}", form_encode(n, lower, plus), form_encode(v, lower, plus)))
            .collect::<Vec<_>>()
            .join("&");
        let signed = sign(Provider::Slack, &SignRequest { secret: "s3cret", body: Some(body.as_bytes()), timestamp: ts, ..Default::default() }).unwrap();
        let v = Verifier::new(&Options::new(Provider::Slack, "s3cret")).unwrap();
        let r = v.verify(&signed.headers, body.as_bytes(), ts).unwrap();
        prop_assert_eq!((r.event, r.id), (None, None));
        let key = r.dedupe_key.unwrap();
        prop_assert!(key.starts_with("slack:sha256:") && key.len() == 13 + 64);
    }
}

/// A multipart/form-data body of `fields` with `boundary` (CRLF, a close delimiter).
fn multipart(fields: &[(String, Vec<u8>)], boundary: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in fields {
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                .as_bytes(),
        );
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

/// hex HMAC-SHA256, computed here with the hmac crate (not through hookguard's handshake code).
fn hmac_sha256_hex(key: &[u8], msg: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    m.update(msg);
    m.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn signed_headers(provider: Provider, secret: &str, body: &[u8], ts: i64) -> Vec<(String, String)> {
    sign(
        provider,
        &SignRequest {
            secret,
            body: Some(body),
            timestamp: ts,
            ..Default::default()
        },
    )
    .unwrap()
    .headers
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Dropbox Sign's event JSON, signed, among other fields of any (boundary-free) bytes in a
    /// multipart body with any valid boundary: verifies, with the event; any one byte of the
    /// body changed never panics and never verifies another event.
    #[test]
    fn dropbox_sign_multipart_bodies_verify_wherever_the_json_field_is(
        secret in secret(),
        boundary in "[A-Za-z0-9'()+_,./:=?-]{1,70}",
        others in proptest::collection::vec(("[a-z]{1,8}", proptest::collection::vec(any::<u8>(), 0..64)), 0..6),
        at in 0usize..7,
        event in "[a-z_]{1,30}",
        flip in any::<prop::sample::Index>(),
    ) {
        let signed = sign(Provider::DropboxSign, &SignRequest {
            secret: &secret,
            event: Some("signature_request_sent"),
            timestamp: 1_780_065_000,
            ..Default::default()
        }).unwrap();
        // The signer's JSON with the event renamed and re-signed: computed here, not by sign().
        let json = String::from_utf8(signed.body).unwrap().replace("signature_request_sent", &event);
        let json = sign(Provider::DropboxSign, &SignRequest {
            secret: &secret,
            body: Some(json.replace(&hash_of(&json), "").as_bytes()),
            ..Default::default()
        }).unwrap().body;
        let mut fields: Vec<(String, Vec<u8>)> = others
            .into_iter()
            .filter(|(n, v)| n != "json" && !v.windows(boundary.len() + 2).any(|w| w == format!("--{boundary}").as_bytes()))
            .collect();
        let mut seen = std::collections::HashSet::new();
        fields.retain(|(n, _)| seen.insert(n.clone()));
        fields.insert(at.min(fields.len()), ("json".to_owned(), json));
        let body = multipart(&fields, &boundary);
        let ct = format!("multipart/form-data; boundary=\"{boundary}\"");
        let headers = [("content-type", ct.as_str())];
        let v = Verifier::new(&Options::new(Provider::DropboxSign, secret.clone())).unwrap();
        let got = v.verify(&headers, &body, 0).unwrap();
        prop_assert_eq!(got.event.as_deref(), Some(event.as_str()));
        prop_assert!(!got.body_signed);
        let mut changed = body.clone();
        let i = flip.index(changed.len());
        changed[i] ^= 0x01;
        if let Ok(other) = v.verify(&headers, &changed, 0) {
            // Only unsigned bytes may change without failing; the signed event never does.
            prop_assert_eq!(other.event, got.event);
        }
    }

    /// Any Content-Type and body bytes through the multipart reader, and any URL and method
    /// through the URL-signing providers: an error code or Ok, never a panic.
    #[test]
    fn multipart_and_url_inputs_never_panic(
        ct in "multipart/form-data; boundary=[ -~]{0,80}|[ -~]{0,40}",
        body in proptest::collection::vec(any::<u8>(), 0..512),
        url in "[ -~]{0,80}",
        method in "[ -~]{0,8}",
    ) {
        for p in [Provider::DropboxSign, Provider::Twilio, Provider::Square, Provider::Hubspot, Provider::Pandadoc, Provider::Mailgun, Provider::Signwell] {
            let v = Verifier::new(&Options::new(p, "k")).unwrap();
            let headers = [("content-type", ct.as_str()), ("x-twilio-signature", url.as_str()), ("x-hubspot-request-timestamp", "1")];
            let request = hookguard::RequestInfo { url: Some(&url), method: Some(&method) };
            let got = v.verify_request(&headers, &body, 0, &request);
            let report = v.explain_request(&headers, &body, 0, false, &request);
            prop_assert_eq!(report.code, got.err().map(|e| e.code().as_str()));
        }
    }

    #[test]
    fn handshakes_never_panic_on_any_input(
        provider in prop::sample::select(Provider::ALL.to_vec()),
        headers in proptest::collection::vec(("[a-z\\-]{1,40}", proptest::collection::vec(any::<u8>(), 0..80)), 0..6),
        body in proptest::collection::vec(any::<u8>(), 0..400),
        method in prop::sample::select(vec!["POST", "GET", "HEAD", "get", ""]),
        url in any::<String>(),
        now in any::<i64>(),
    ) {
        let secret = match provider {
            Provider::StandardWebhooks | Provider::Svix | Provider::Clerk | Provider::Resend => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            Provider::Docusign => "LcYvS0mrqkmw1dh/a2ArRlcdA2UYeFZzh5U3ajSV3qQ=",
            _ => "a-secret-of-some-length",
        };
        let mut o = match provider {
            // Public keys (of the test key pairs below) for the providers that sign with a
            // private key.
            Provider::Discord => Options::with_public_key(provider, DISCORD_PUBLIC),
            Provider::Sendgrid => Options::with_public_key(provider, SENDGRID_PUBLIC),
            _ => Options::new(provider, secret),
        };
        if provider == Provider::Meta {
            o.verify_token = Some("verify-me".to_owned());
        }
        let v = Verifier::new(&o).unwrap();
        // Any outcome but a panic; a wrong guess is never answered.
        if let Ok(Some(r)) = v.handshake(&headers, &body, now, method, Some(&url)) {
            prop_assert_eq!(r.status, 200);
        }
    }

    #[cfg(feature = "asymmetric")]
    #[test]
    fn public_key_signatures_round_trip_and_catch_any_changed_byte(
        which in 0usize..3,
        seed in any::<[u8; 32]>(),
        body in "[ -~]{0,200}",
        ts in 0i64..4_000_000_000,
        flip in any::<prop::sample::Index>(),
    ) {
        // Standard Webhooks v1a with a fresh whsk_ seed, Discord and SendGrid with the fixed
        // test keys: sign() then verify() passes; one changed body byte is signature_mismatch.
        let body = format!("{{\"type\":\"t\",\"b\":{}}}", serde_json::json!(body)).into_bytes();
        let (provider, private, options) = match which {
            0 => {
                let private = format!("whsk_{}", base64_std(&seed));
                let (_, public) = key_pair_of(&private);
                (Provider::StandardWebhooks, private, Options::with_public_key(Provider::StandardWebhooks, public))
            }
            1 => (Provider::Discord, DISCORD_SEED.to_owned(), Options::with_public_key(Provider::Discord, DISCORD_PUBLIC)),
            _ => (Provider::Sendgrid, SENDGRID_SCALAR.to_owned(), Options::with_public_key(Provider::Sendgrid, SENDGRID_PUBLIC)),
        };
        let signed = sign(provider, &SignRequest { secret: &private, body: Some(&body), timestamp: ts, id: Some("msg_1"), ..Default::default() }).unwrap();
        let v = Verifier::new(&options).unwrap();
        let got = v.verify(&signed.headers, &signed.body, ts).unwrap();
        prop_assert_eq!(got.key_index, 0);
        let mut tampered = signed.body.clone();
        let i = flip.index(tampered.len());
        tampered[i] ^= 0x20;
        let err = v.verify(&signed.headers, &tampered, ts).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::SignatureMismatch);
    }

    #[test]
    fn slack_and_twitch_echo_any_signed_challenge_exactly(
        challenge in any::<String>(),
        ts in 0i64..4_000_000_000,
        twitch in any::<bool>(),
    ) {
        let secret = "a-subscription-secret";
        let (provider, body) = if twitch {
            (Provider::Twitch, serde_json::json!({"challenge": challenge, "subscription": {"type": "channel.follow"}}))
        } else {
            (Provider::Slack, serde_json::json!({"token": "t", "challenge": challenge, "type": "url_verification"}))
        };
        let body = body.to_string().into_bytes();
        let mut h = signed_headers(provider, secret, &body, ts);
        if twitch {
            for (k, val) in &mut h {
                if k == "twitch-eventsub-message-type" {
                    *val = "webhook_callback_verification".to_owned();
                }
            }
        }
        let v = Verifier::new(&Options::new(provider, secret)).unwrap();
        let r = v.handshake(&h, &body, ts, "POST", None).unwrap().unwrap();
        prop_assert_eq!(r.body, challenge);
        prop_assert_eq!(r.headers, vec![("content-type", "text/plain".to_owned())]);
        // One changed byte: refused, or no longer a handshake; never echoed.
        let mut tampered = body.clone();
        let last = tampered.len() - 2;
        tampered[last] ^= 1;
        prop_assert!(!matches!(v.handshake(&h, &tampered, ts, "POST", None), Ok(Some(_))));
    }

    #[test]
    fn zoom_encrypted_tokens_are_the_hmac_of_the_plain_token(
        secret in secret(),
        plain in "[A-Za-z0-9_\\-]{1,64}",
        ts in 0i64..4_000_000_000,
    ) {
        let body = serde_json::json!({"payload": {"plainToken": plain}, "event_ts": ts * 1000, "event": "endpoint.url_validation"}).to_string().into_bytes();
        let h = signed_headers(Provider::Zoom, &secret, &body, ts);
        let v = Verifier::new(&Options::new(Provider::Zoom, secret.clone())).unwrap();
        let r = v.handshake(&h, &body, ts, "POST", None).unwrap().unwrap();
        let got: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        prop_assert_eq!(got, serde_json::json!({"plainToken": plain, "encryptedToken": hmac_sha256_hex(secret.as_bytes(), plain.as_bytes())}));
    }

    #[test]
    fn meta_echoes_any_challenge_only_with_its_verify_token(
        token in "[!-~][ -~]{0,40}[!-~]",
        other in "[!-~][ -~]{0,40}[!-~]",
        challenge in "[ -~\u{a0}-\u{2fff}]{1,40}",
        lower in any::<bool>(),
        plus in any::<bool>(),
    ) {
        let mut o = Options::new(Provider::Meta, "app-secret");
        o.verify_token = Some(token.clone());
        let v = Verifier::new(&o).unwrap();
        let url = |t: &str| format!(
            "https://edge.example/m?hub.mode=subscribe&hub.challenge={}&hub.verify_token={}",
            form_encode(&challenge, lower, plus),
            form_encode(t, lower, plus)
        );
        let none: [(&str, &str); 0] = [];
        let r = v.handshake(&none, b"", 0, "GET", Some(&url(&token))).unwrap().unwrap();
        prop_assert_eq!(r.body, challenge.clone());
        if other != token {
            let e = v.handshake(&none, b"", 0, "GET", Some(&url(&other))).unwrap_err();
            prop_assert_eq!(e.code(), ErrorCode::TokenMismatch);
            prop_assert!(!e.message().contains(other.as_str()) || other.len() < 8);
        }
    }
}

/// The `event_hash` value of a Dropbox Sign JSON body (the string after `"event_hash":"`).
fn hash_of(json: &str) -> String {
    let start = json.find("\"event_hash\":\"").unwrap() + 14;
    json[start..start + 64].to_owned()
}

#[cfg(feature = "asymmetric")]
fn base64_std(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(feature = "asymmetric")]
/// The whpk_ public key of a whsk_ private key, through the signer and verifier themselves:
/// the key pair generator's formats, checked against each other.
fn key_pair_of(private: &str) -> (String, String) {
    use base64::Engine as _;
    let seed = base64::engine::general_purpose::STANDARD
        .decode(private.trim_start_matches("whsk_"))
        .unwrap();
    let seed: [u8; 32] = seed.try_into().unwrap();
    (
        private.to_owned(),
        hookguard::asymmetric::public_key_of_seed(&seed),
    )
}
