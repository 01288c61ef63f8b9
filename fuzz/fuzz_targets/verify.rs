//! The whole verify entry point, for every provider: arbitrary header values and body bytes
//! must give Ok or an error code, never a panic, and explain() must agree with verify(). In
//! signed mode the harness signs the fuzzed body itself, so every later check is reached.
#![no_main]

use hookguard::{ErrorCode, Options, Provider, SignRequest, Verifier, sign};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 29] = [
    "x-insigner-signature",
    "x-insigner-timestamp",
    "x-insigner-event",
    "x-insigner-delivery-id",
    "authorization",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "X-InSigner-Signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "stripe-signature",
    "x-hub-signature-256",
    "x-hub-signature",
    "x-github-delivery",
    "x-github-event",
    "x-shopify-hmac-sha256",
    "x-shopify-webhook-id",
    "x-docusign-signature-1",
    "x-docusign-signature-2",
    "x-docusign-signature-24",
    "x-boldsign-signature",
    "x-boldsign-event",
    "twitch-eventsub-message-id",
    "twitch-eventsub-message-timestamp",
    "twitch-eventsub-message-signature",
    "linear-signature",
    "linear-delivery",
];

const TOKENS: [&str; 50] = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\"id\"",
    "\"event\"",
    "\"created_at\"",
    "\"\\u0069d\"",
    "\"data\"",
    "\"dlv_1\"",
    "\"document.completed\"",
    "\"\\ud83d\"",
    "\"\\ude00\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud83d\\u0041\"",
    "\"\\uD800\\uDBFF\"",
    "\"\\ud800\\u12\"",
    "\"\\ud83d",
    "\\ude00\"",
    "\"2026-05-29T14:30:00.000Z\"",
    "\"2026-05-29T20:00:00+05:30\"",
    "\"2026-02-29T00:00:00Z\"",
    "\"2024-02-29T23:59:59.123456789-23:59\"",
    "\"0000-01-01T00:00:00Z\"",
    "\"9999-12-31T23:59:59+00:00\"",
    "\"2026-05-29T24:00:00Z\"",
    "\"2026-05-29t14:30:00z\"",
    "\"2026-05-29T14:30:60Z\"",
    "\"2026-05-29T14:30:00.0123456789Z\"",
    "\"2026-05-29T14:30:00+25:00\"",
    "\"2026-05-29T14:30:00",
    ".5",
    "Z\"",
    "+05:30\"",
    "1780065000",
    "\"webhookTimestamp\"",
    "1780065000123",
    "-0",
    "1.5e311",
    "01",
    "true",
    "null",
    "fals",
    "\"x\\n\"",
    "\"\\q\"",
    "\"webhookId\"",
    "\"type\"",
];

fuzz_target!(|data: &[u8]| {
    // Layout: [provider and mode bits][now: 8 bytes][n headers] then per header
    // [name idx][len][value...], and the rest is the body (or token indices, in structured mode).
    let Some((&p, rest)) = data.split_first() else {
        return;
    };
    let Some((now, rest)) = rest.split_first_chunk::<8>() else {
        return;
    };
    let Some((&n, mut rest)) = rest.split_first() else {
        return;
    };
    let mut headers: Vec<(&str, &[u8])> = Vec::new();
    for _ in 0..(n % 8) {
        let Some((&[idx, len], tail)) = rest.split_first_chunk::<2>() else {
            break;
        };
        let len = usize::from(len).min(tail.len());
        let (value, tail) = tail.split_at(len);
        headers.push((NAMES[usize::from(idx) % NAMES.len()], value));
        rest = tail;
    }
    let provider = Provider::ALL[usize::from(p) % Provider::ALL.len()];
    let secret = match provider {
        Provider::StandardWebhooks | Provider::Svix | Provider::Clerk | Provider::Resend => {
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        }
        _ => "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07",
    };
    let mut options = Options::new(provider, secret);
    if p & 0x80 != 0 && provider.scheme().timestamp.is_some() {
        options.tolerance_seconds = Some(hookguard::MAX_TOLERANCE_SECONDS);
    }
    // The signed event time (inSigner's created_at) is read and parsed only with this option.
    if p & 0x10 != 0 && provider == Provider::Insigner {
        options.max_event_age_seconds = Some(hookguard::MAX_TOLERANCE_SECONDS);
    }
    // Structured mode: the body is spelled from JSON tokens (surrogate escapes, dates, wanted
    // keys, duplicates, deep nesting), so the reader's rarer paths are reached quickly.
    let tokens;
    let rest = if p & 0x20 != 0 {
        tokens = rest
            .iter()
            .map(|b| TOKENS[usize::from(*b) % TOKENS.len()])
            .collect::<String>()
            .into_bytes();
        &tokens[..]
    } else {
        rest
    };
    let Ok(verifier) = Verifier::new(&options) else {
        return;
    };
    let now = i64::from_le_bytes(*now);
    let verdict = verifier.verify(&headers, rest, now);
    let report = verifier.explain(&headers, rest, now, true);
    assert_eq!(report.code, verdict.err().map(|e| e.code().as_str()));

    // Signed mode: a genuine signature (or token) over the fuzzed body, so the checks behind
    // authentication (envelope JSON, header/body consistency, events) see arbitrary bytes too.
    if p & 0x40 != 0 {
        let ts = now & i64::MAX;
        let request = SignRequest {
            secret,
            body: Some(rest),
            timestamp: ts,
            ..Default::default()
        };
        let Ok(signed) = sign(provider, &request) else {
            return;
        };
        let headers: Vec<(&str, &[u8])> = signed
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_bytes()))
            .collect();
        let verdict = verifier.verify(&headers, rest, ts);
        let report = verifier.explain(&headers, rest, ts, false);
        let code = verdict.as_ref().err().map(|e| e.code());
        assert_eq!(report.code, code.map(|c| c.as_str()));
        if verdict.is_ok() {
            // An accepted delivery of a provider that wants an acknowledgement always has one.
            assert_eq!(
                verifier.acknowledgement(&headers).is_some(),
                verifier.has_acknowledgement()
            );
        }
        if provider == Provider::Insigner {
            // Only the body is signed: whatever else fails, the MAC over these bytes cannot.
            assert_ne!(code, Some(ErrorCode::SignatureMismatch));
        }
    }
});
