//! The public-key verifiers: arbitrary key text, signature header values and bodies for
//! Discord, SendGrid and Standard Webhooks v1a (mixed with v1 tokens) give Ok or an error
//! code, never a panic; the raw Ed25519 and P-256 (DER) checks take any bytes. In signed mode
//! the harness signs the fuzzed body with a fixed key, which must then verify.
#![no_main]

use hookguard::asymmetric::{verify_ed25519, verify_p256_der};
use hookguard::{Options, Provider, SignRequest, Verifier, sign};
use libfuzzer_sys::fuzz_target;

const DISCORD_SEED: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const DISCORD_PUBLIC: &str = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
const SENDGRID_SCALAR: &str = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const SENDGRID_PUBLIC: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Z5A/4QCLi8maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==";
const V1A_SECRET: &str = "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=";
const V1A_PUBLIC: &str = "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    // Three fields split on 0xff: key (or header value), signature, body.
    let mut parts = rest.splitn(3, |b| *b == 0xff);
    let a = parts.next().unwrap_or_default();
    let b = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    let _ = verify_ed25519(a, body, b);
    let _ = verify_p256_der(a, body, b);
    let text = String::from_utf8_lossy(a);
    let sig = String::from_utf8_lossy(b).into_owned();
    let (provider, public, private, sig_header, ts_header) = match mode % 3 {
        0 => (
            Provider::Discord,
            DISCORD_PUBLIC,
            DISCORD_SEED,
            "x-signature-ed25519",
            "x-signature-timestamp",
        ),
        1 => (
            Provider::Sendgrid,
            SENDGRID_PUBLIC,
            SENDGRID_SCALAR,
            "x-twilio-email-event-webhook-signature",
            "x-twilio-email-event-webhook-timestamp",
        ),
        _ => (
            Provider::StandardWebhooks,
            V1A_PUBLIC,
            V1A_SECRET,
            "webhook-signature",
            "webhook-timestamp",
        ),
    };
    // Any key text: a verifier or invalid_config.
    let _ = Verifier::new(&Options::with_public_key(provider, text.as_ref()));
    let Ok(v) = Verifier::new(&Options::with_public_key(provider, public)) else {
        panic!("the fixed public key is refused");
    };
    let ts = "1700000000";
    let headers = vec![
        (sig_header.to_owned(), sig.clone()),
        (ts_header.to_owned(), ts.to_owned()),
        ("webhook-id".to_owned(), "msg_1".to_owned()),
    ];
    let _ = v.verify(&headers, body, 1_700_000_000);
    let _ = v.explain(&headers, body, 1_700_000_000, true);
    let _ = v.handshake(&headers, body, 1_700_000_000, "POST", None);
    if mode & 0x80 != 0 {
        let signed = sign(
            provider,
            &SignRequest {
                secret: private,
                body: Some(body),
                timestamp: 1_700_000_000,
                id: Some("msg_1"),
                ..Default::default()
            },
        );
        if let Ok(signed) = signed {
            let got = v.verify(&signed.headers, &signed.body, 1_700_000_000);
            // The signature passes; only the body's own checks may refuse it.
            if let Err(e) = got {
                assert!(
                    !matches!(
                        e.code(),
                        hookguard::ErrorCode::SignatureMismatch
                            | hookguard::ErrorCode::MalformedHeader
                    ),
                    "a genuine signature refused: {e:?}"
                );
            }
        }
    }
});
