//! Every shared vector (and every one of ours) through the Rust API.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use hookguard::{Options, Verifier};
use serde_json::Value;

#[test]
fn every_vector_gives_its_expected_outcome() {
    let cases = common::cases();
    let shared = cases
        .iter()
        .filter(|c| !c.file.starts_with("own-") && !c.file.starts_with("providers/"))
        .count();
    assert!(
        shared >= 48,
        "expected the 48 shared vectors, found {shared}"
    );
    let mut failures = Vec::new();
    for case in &cases {
        let got = common::run(case);
        let ok = match (&got, case.expect["ok"].as_bool().unwrap()) {
            (Ok(v), true) => {
                v.event.as_deref() == case.expect["event"].as_str()
                    && v.id.as_deref() == case.expect["id"].as_str()
                    && v.timestamp == case.expect["timestamp"].as_i64()
                    && v.key_index as u64 == case.expect["keyIndex"].as_u64().unwrap()
                    && case
                        .expect
                        .get("dedupeKey")
                        .is_none_or(|d| v.dedupe_key.as_deref() == d.as_str())
            }
            (Err(code), false) => code.as_str() == case.expect["code"].as_str().unwrap(),
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{} / {}: got {got:?}, expected {}",
                case.file, case.name, case.expect
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{} vectors passed", cases.len());
}

#[test]
fn explain_agrees_with_verify_on_every_vector() {
    for case in common::cases() {
        let Ok(options) = Options::from_json(&case.options.to_string()) else {
            continue;
        };
        let Ok(v) = Verifier::new(&options) else {
            continue;
        };
        let report = v.explain(&case.headers, &case.body, case.now, false);
        let verify_code = v
            .verify(&case.headers, &case.body, case.now)
            .err()
            .map(|e| e.code().as_str());
        assert_eq!(report.code, verify_code, "{}", case.name);
        let first_fail = report
            .steps
            .iter()
            .find(|s| s.status == "fail")
            .and_then(|s| s.code);
        assert_eq!(first_fail, verify_code, "{}: first failing step", case.name);
        assert!(
            report.steps.iter().all(|s| s.expected.is_empty()),
            "nothing revealed by default"
        );
    }
}

#[test]
fn published_hmac_vectors_match_our_signer() {
    // GitHub-style and raw HMAC vectors from published.json exercise the same HMAC-SHA256 with
    // a UTF-8 key over raw bytes that inSigner uses.
    let doc = common::load(common::shared_dir().join("published.json"));
    let mut checked = 0;
    for v in doc["vectors"].as_array().unwrap() {
        let scheme = v["scheme"].as_str().unwrap();
        let (key, data, hex) =
            if scheme.starts_with("github") || scheme.starts_with("hmac-sha256-hex") {
                let hex = v
                    .get("expected_hmac_hex")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| {
                        v["expected_signature"]
                            .as_str()
                            .unwrap()
                            .trim_start_matches("sha256=")
                            .to_owned()
                    });
                (
                    v["secret"].as_str().unwrap(),
                    v["payload"].as_str().unwrap(),
                    hex,
                )
            } else if scheme == "hmac-sha256 primitive" {
                (
                    v["key_utf8"].as_str().unwrap(),
                    v["data_utf8"].as_str().unwrap(),
                    v["hmac_sha256_hex"].as_str().unwrap().to_owned(),
                )
            } else {
                continue;
            };
        let signed = hookguard::sign(
            hookguard::Provider::Insigner,
            &hookguard::SignRequest {
                secret: key,
                body: Some(data.as_bytes()),
                timestamp: 0,
                ..Default::default()
            },
        )
        .unwrap();
        let sig = signed
            .headers
            .iter()
            .find(|(k, _)| k == "x-insigner-signature")
            .unwrap();
        assert_eq!(sig.1, format!("sha256={hex}"), "{}", v["id"]);
        checked += 1;
    }
    assert!(
        checked >= 8,
        "only {checked} published HMAC vectors checked"
    );
}

#[test]
fn published_standard_webhooks_vectors_verify() {
    let doc = common::load(common::shared_dir().join("published.json"));
    let mut checked = 0;
    for v in doc["vectors"].as_array().unwrap() {
        if v["scheme"] != "standard-webhooks-v1" {
            continue;
        }
        let headers: Vec<(String, String)> = v["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        let options = Options::new(
            hookguard::Provider::StandardWebhooks,
            v["secret"].as_str().unwrap(),
        );
        let verifier = Verifier::new(&options).unwrap();
        let ts = v["timestamp"].as_i64().unwrap();
        let got = verifier.verify(&headers, v["payload"].as_str().unwrap().as_bytes(), ts);
        assert_eq!(
            got.is_ok(),
            v["valid"].as_bool().unwrap_or(true),
            "{}: {got:?}",
            v["id"]
        );
        // And our signer writes the same header.
        let signed = hookguard::sign(
            hookguard::Provider::StandardWebhooks,
            &hookguard::SignRequest {
                secret: v["secret"].as_str().unwrap(),
                body: Some(v["payload"].as_str().unwrap().as_bytes()),
                timestamp: ts,
                id: v["msg_id"].as_str(),
                ..Default::default()
            },
        )
        .unwrap();
        let sig = signed
            .headers
            .iter()
            .find(|(k, _)| k == "webhook-signature")
            .unwrap();
        assert_eq!(
            Some(sig.1.as_str()),
            v["headers"]["webhook-signature"].as_str(),
            "{}",
            v["id"]
        );
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn explain_checks_the_signature_without_an_unsigned_timestamp() {
    // Regression (found by the playground): a missing X-InSigner-Timestamp made the signature
    // step fail although inSigner does not sign the timestamp.
    let secret = "s3cret";
    let signed = hookguard::sign(
        hookguard::Provider::Insigner,
        &hookguard::SignRequest {
            secret,
            timestamp: 1000,
            event: Some("document.completed"),
            ..Default::default()
        },
    )
    .unwrap();
    let headers: Vec<(String, String)> = signed
        .headers
        .iter()
        .filter(|(k, _)| k != "x-insigner-timestamp")
        .cloned()
        .collect();
    let v = Verifier::new(&Options::new(hookguard::Provider::Insigner, secret)).unwrap();
    let report = v.explain(&headers, &signed.body, 1000, false);
    let step = |name: &str| {
        report
            .steps
            .iter()
            .find(|s| s.check == name)
            .unwrap()
            .clone()
    };
    assert_eq!(step("signature").status, "pass");
    assert_eq!(step("signature").key_index, Some(0));
    let sig = &signed
        .headers
        .iter()
        .find(|(k, _)| k == "x-insigner-signature")
        .unwrap()
        .1;
    assert_eq!(step("signature").received.as_deref(), Some(sig.as_str()));
    assert_eq!(step("timestamp").code, Some("missing_header"));
    assert_eq!(report.code, Some("missing_header"));
}

#[test]
fn published_vectors_pass_for_the_catalogue_providers() {
    // GitHub's documented and octokit's vectors through the github provider (verify and sign);
    // the Standard Webhooks vectors through svix, clerk and resend, with svix-* and webhook-*
    // header names (the Svix SDKs run the same vectors).
    use hookguard::{Provider, SignRequest};
    let doc = common::load(common::shared_dir().join("published.json"));
    let (mut github, mut svix) = (0, 0);
    for v in doc["vectors"].as_array().unwrap() {
        let headers: Vec<(String, String)> = v
            .get("headers")
            .and_then(Value::as_object)
            .map(|h| {
                h.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let payload = v["payload"].as_str().unwrap_or_default().as_bytes();
        let valid = v["valid"].as_bool().unwrap_or(true);
        match v["scheme"].as_str().unwrap() {
            "github-x-hub-signature-256" => {
                let secret = v["secret"].as_str().unwrap();
                let mut h = headers.clone();
                h.push(("X-GitHub-Delivery".into(), "d-1".into()));
                let verifier = Verifier::new(&Options::new(Provider::Github, secret)).unwrap();
                // The signature itself, whatever the body (the docs' "Hello, World!" is not
                // JSON, which a github verifier then refuses as invalid_payload).
                let report = verifier.explain(&h, payload, 0, false);
                let sig = report
                    .steps
                    .iter()
                    .find(|s| s.check == "signature")
                    .unwrap();
                assert_eq!(sig.status == "pass", valid, "{}: {sig:?}", v["id"]);
                if serde_json::from_slice::<Value>(payload).is_ok_and(|j| j.is_object()) {
                    let got = verifier.verify(&h, payload, 0);
                    assert_eq!(got.is_ok(), valid, "{}: {got:?}", v["id"]);
                }
                let signed = hookguard::sign(
                    Provider::Github,
                    &SignRequest {
                        secret,
                        body: Some(payload),
                        id: Some("d-1"),
                        ..Default::default()
                    },
                )
                .unwrap();
                let sig = signed
                    .headers
                    .iter()
                    .find(|(k, _)| k == "x-hub-signature-256")
                    .unwrap();
                assert_eq!(
                    Some(sig.1.as_str()),
                    v["expected_signature"].as_str(),
                    "{}",
                    v["id"]
                );
                github += 1;
            }
            "standard-webhooks-v1" => {
                let secret = v["secret"].as_str().unwrap();
                let ts = v["timestamp"].as_i64().unwrap();
                for provider in [Provider::Svix, Provider::Clerk, Provider::Resend] {
                    let verifier = Verifier::new(&Options::new(provider, secret)).unwrap();
                    let renamed: Vec<(String, String)> = headers
                        .iter()
                        .map(|(k, v)| (k.replacen("webhook-", "svix-", 1), v.clone()))
                        .collect();
                    for h in [&headers, &renamed] {
                        let got = verifier.verify(h, payload, ts);
                        assert_eq!(got.is_ok(), valid, "{} {}: {got:?}", provider.id(), v["id"]);
                    }
                    svix += 1;
                }
            }
            _ => {}
        }
    }
    assert!(github >= 4, "{github} GitHub vectors");
    assert!(
        svix >= 6,
        "{svix} Standard Webhooks vectors through the Svix family"
    );
}

/// provider "custom": for every valid case, sign() with the case's descriptor and body builds
/// a delivery the same verifier accepts, with the same event and timestamp.
#[test]
fn custom_descriptors_sign_what_they_verify() {
    let mut checked = 0;
    for case in common::cases()
        .into_iter()
        .filter(|c| c.file == "providers/custom.json" && c.expect["ok"] == true)
    {
        let options = hookguard::Options::from_json(&case.options.to_string()).unwrap();
        let verifier = hookguard::Verifier::new(&options).unwrap();
        let expected = common::run(&case).unwrap();
        let secret = options.secrets[expected.key_index].clone();
        let signed = hookguard::sign(
            hookguard::Provider::Custom,
            &hookguard::SignRequest {
                secret: &secret,
                body: Some(&case.body),
                timestamp: expected.timestamp.unwrap_or(case.now),
                id: expected.id.as_deref(),
                header: options.header.as_deref(),
                scheme: options.scheme,
                ..Default::default()
            },
        )
        .unwrap();
        let got = verifier
            .verify(&signed.headers, &signed.body, case.now)
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        assert_eq!(got.event, expected.event, "{}", case.name);
        assert_eq!(got.timestamp, expected.timestamp, "{}", case.name);
        assert_eq!(got.key_index, expected.key_index, "{}", case.name);
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");
}
