//! Project Wycheproof's Ed25519 and ECDSA P-256/SHA-256 (DER) vectors through
//! `hookguard::asymmetric` (tests/vectors/wycheproof/, copied unmodified; its README says from
//! where). Every test case of every group runs: "valid" must verify, "invalid" must not,
//! "acceptable" may do either (each one is recorded and printed), and the number run must equal
//! the file's `numberOfTests`.
#![cfg(feature = "asymmetric")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hookguard::ErrorCode;
use hookguard::asymmetric::{verify_ed25519, verify_p256_der};
use serde_json::Value;
use std::collections::HashSet;

type Verify = fn(&[u8], &[u8], &[u8]) -> Result<(), ErrorCode>;

/// Lower- or upper-case hex to bytes; the vectors are data we control, so bad hex panics.
fn hex(s: &str) -> Vec<u8> {
    fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("not hex: {c:?}"),
        }
    }
    let s = s.as_bytes();
    assert!(s.len().is_multiple_of(2), "odd-length hex");
    s.chunks(2)
        .map(|p| (nibble(p[0]) << 4) | nibble(p[1]))
        .collect()
}

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What one file gave, for the summary line.
#[derive(Default, Debug)]
struct Tally {
    run: u64,
    valid: u64,
    invalid: u64,
    /// tcIds of "acceptable" cases that verified / did not.
    acceptable_ok: Vec<u64>,
    acceptable_err: Vec<u64>,
    /// tcIds of "invalid" cases refused with InvalidConfig (their key is not known to be valid).
    invalid_config: Vec<u64>,
}

/// Runs every test of `file`. `key` reads a group's public key in the form `verify` takes.
///
/// InvalidConfig says the key itself is unusable, so it is allowed only for a key that is not
/// known to be valid: a key is known valid when some "valid" test of the file (in any group)
/// uses the same key bytes, since that test must verify with it.
fn run(file: &str, group_type: &str, key: fn(&Value) -> Vec<u8>, verify: Verify) -> Tally {
    let doc = load(file);
    let groups = doc["testGroups"].as_array().expect("testGroups");
    let known_valid: HashSet<Vec<u8>> = groups
        .iter()
        .filter(|g| {
            g["tests"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["result"] == "valid")
        })
        .map(key)
        .collect();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for group in groups {
        assert_eq!(group["type"], group_type, "{file}: group type");
        let pk = key(group);
        let key_valid = known_valid.contains(&pk);
        for test in group["tests"].as_array().expect("tests") {
            let id = test["tcId"].as_u64().expect("tcId");
            let msg = hex(test["msg"].as_str().expect("msg"));
            let sig = hex(test["sig"].as_str().expect("sig"));
            let result = test["result"].as_str().expect("result");
            let got = verify(&pk, &msg, &sig);
            tally.run += 1;
            let what = format!(
                "{file} tcId {id} ({result}, {}, {:?})",
                test["comment"], test["flags"]
            );
            // Whatever the outcome, an error is one of the three a verification can give.
            if let Err(code) = got
                && !matches!(
                    code,
                    ErrorCode::InvalidConfig
                        | ErrorCode::MalformedHeader
                        | ErrorCode::SignatureMismatch
                )
            {
                failures.push(format!("{what}: unexpected error {code:?}"));
                continue;
            }
            match (result, got) {
                ("valid", Ok(())) => tally.valid += 1,
                ("valid", Err(code)) => failures.push(format!("{what}: refused with {code:?}")),
                ("invalid", Ok(())) => failures.push(format!("{what}: verified")),
                ("invalid", Err(ErrorCode::InvalidConfig)) if key_valid => failures.push(format!(
                    "{what}: InvalidConfig for a key a valid test verifies with"
                )),
                ("invalid", Err(code)) => {
                    if code == ErrorCode::InvalidConfig {
                        tally.invalid_config.push(id);
                    }
                    tally.invalid += 1;
                }
                ("acceptable", Ok(())) => tally.acceptable_ok.push(id),
                ("acceptable", Err(ErrorCode::InvalidConfig)) if key_valid => failures.push(
                    format!("{what}: InvalidConfig for a key a valid test verifies with"),
                ),
                ("acceptable", Err(_)) => tally.acceptable_err.push(id),
                (other, _) => failures.push(format!("{what}: unknown result {other:?}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} Wycheproof cases failed:\n{}",
        failures.len(),
        tally.run,
        failures.join("\n")
    );
    assert_eq!(
        Some(tally.run),
        doc["numberOfTests"].as_u64(),
        "{file}: cases run vs numberOfTests"
    );
    println!("{file}: {tally:?}");
    tally
}

#[test]
fn wycheproof_ed25519() {
    let tally = run(
        "ed25519_test.json",
        "EddsaVerify",
        |g| {
            assert_eq!(g["publicKey"]["curve"], "edwards25519");
            hex(g["publicKey"]["pk"].as_str().expect("pk"))
        },
        verify_ed25519,
    );
    assert!(tally.valid > 0 && tally.invalid > 0);
}

#[test]
fn wycheproof_ecdsa_p256_sha256_der() {
    let tally = run(
        "ecdsa_secp256r1_sha256_test.json",
        "EcdsaVerify",
        |g| {
            assert_eq!(g["publicKey"]["curve"], "secp256r1");
            assert_eq!(g["sha"], "SHA-256");
            hex(g["publicKeyDer"].as_str().expect("publicKeyDer"))
        },
        verify_p256_der,
    );
    assert!(tally.valid > 0 && tally.invalid > 0);
}
