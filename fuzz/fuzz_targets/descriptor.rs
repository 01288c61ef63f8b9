//! The custom scheme descriptor (`provider: "custom"`, docs/CUSTOM.md): any text must give a
//! scheme or invalid_config, never a panic. The first byte picks a mode: raw text, text spelled
//! from tokens (every field, with good and bad values), or a named object of such members, so
//! that the checks past the JSON are reached. A descriptor that is accepted must sign a delivery that it then
//! verifies.
#![no_main]

use hookguard::{CustomScheme, ErrorCode, Options, Provider, SignRequest, Verifier, sign};
use libfuzzer_sys::fuzz_target;

const TOKENS: [&str; 71] = [
    "{",
    "}",
    ",",
    ":",
    "\"name\":\"Acme\"",
    "\"name\":\"\"",
    "\"auth\":\"signature\"",
    "\"auth\":\"token\"",
    "\"auth\":\"basic\"",
    "\"header\":\"x-acme-signature\"",
    "\"header\":\"X-Acme-Signature\"",
    "\"header\":\"x acme\"",
    "\"algorithm\":\"hmac-sha256\"",
    "\"algorithm\":\"hmac-sha1\"",
    "\"algorithm\":\"hmac-sha512\"",
    "\"encoding\":\"hex\"",
    "\"encoding\":\"base64\"",
    "\"prefix\":\"sha256=\"",
    "\"prefix\":\"v1,\"",
    "\"prefix\":\"v1=\"",
    "\"signatures\":\"single\"",
    "\"signatures\":{\"list\":\" \"}",
    "\"signatures\":{\"list\":\",\"}",
    "\"signatures\":{\"pairs\":\",\",\"keys\":[\"v1\"]}",
    "\"signatures\":{\"pairs\":\";\",\"keys\":[\"t\"]}",
    "\"signatures\":{\"pairs\":\" \",\"keys\":[\"v1\",\"v0\"]}",
    "\"signatures\":{",
    "\"signatures\":{\"numbered\":3}",
    "\"signatures\":{\"numbered\":24}",
    "\"numbered\":2",
    "\"list\":\"|\"",
    "\"pairs\":\",\"",
    "\"keys\":[\"v1\"]",
    "\"template\":\"{body}\"",
    "\"template\":\"{timestamp}.{body}\"",
    "\"template\":\"{id}.{timestamp}.{body}\"",
    "\"template\":\"v0:{timestamp}:{body}\"",
    "\"template\":\"{{{body}}}\"",
    "\"template\":\"{body\"",
    "\"template\":\"}\"",
    "\"key\":\"utf8\"",
    "\"key\":\"whsec-base64\"",
    "\"timestamp\":{\"header\":\"x-acme-timestamp\"}",
    "\"timestamp\":{\"pair\":\"t\"}",
    "\"timestamp\":{\"field\":\"sent\"}",
    "\"timestamp\":{\"header\":\"x-ts\",\"unit\":\"rfc3339\"}",
    "\"field\":\"sent\"",
    "\"unit\":\"rfc3339\"",
    "\"timestamp\":{",
    "\"header\":\"x-ts\"",
    "\"pair\":\"t\"",
    "\"unit\":\"s\"",
    "\"unit\":\"ms\"",
    "\"signed\":true",
    "\"signed\":false",
    "\"toleranceSeconds\":300",
    "\"toleranceSeconds\":2592001",
    "\"window\":\"symmetric\"",
    "\"window\":\"past-only\"",
    "\"id\":{\"header\":\"x-acme-id\"}",
    "\"id\":{\"field\":\"id\"}",
    "\"event\":{\"header\":\"x-acme-event\"}",
    "\"event\":{\"field\":\"type\"}",
    "\"event\":{\"field\":\"event\"}",
    "\"retries\":true",
    "\"bodyIsJson\":false",
    "\"bodyIsJson\":true",
    "null",
    "\"\\ud83d\"",
    "1.5",
    " ",
];

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// HTTP Basic credentials (`auth: "basic"`): a secret must be `user:password` there.
const BASIC_SECRET: &str = "hooks:whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const BODY: &[u8] = br#"{"id":"evt_1","type":"a.b","event":"a.b","data":{}}"#;
const NOW: i64 = 1_780_065_000;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let token = |b: &u8| TOKENS[usize::from(*b) % TOKENS.len()];
    let text = match mode % 3 {
        0 => match std::str::from_utf8(rest) {
            Ok(s) => s.to_owned(),
            Err(_) => return,
        },
        1 => rest.iter().map(token).collect(),
        // A named object of comma-separated members: most inputs reach the field checks.
        _ => format!(
            "{{\"name\":\"Acme\",{}}}",
            rest.iter().map(token).collect::<Vec<_>>().join(",")
        ),
    };
    let checked = CustomScheme::check(&text);
    if let Err(e) = &checked {
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(!e.message().contains("whsec_"));
        return;
    }
    // Accepted: interned (until the process holds the most it keeps, which is then the error).
    let scheme = match CustomScheme::from_json(&text) {
        Ok(s) => s,
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::InvalidConfig);
            assert!(e.message().contains("distinct custom descriptors"));
            return;
        }
    };
    // The same descriptor through the options is the same scheme.
    let secret = if matches!(scheme.scheme().auth, hookguard::scheme::Auth::Basic) {
        BASIC_SECRET
    } else {
        SECRET
    };
    let options_json = format!(r#"{{"provider":"custom","secret":"{secret}","scheme":{text}}}"#);
    let options = Options::from_json(&options_json)
        .expect("an accepted descriptor is accepted in the options");
    assert_eq!(options.scheme, Some(scheme));
    let verifier = match Verifier::new(&options) {
        Ok(v) => v,
        // The one limit across fields: the npm binding's header slots (numbered signature
        // headers plus the timestamp, id and event headers).
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::InvalidConfig);
            assert!(
                e.message().contains("more than 24 headers"),
                "{text}: {e:?}"
            );
            return;
        }
    };
    let signed = sign(
        Provider::Custom,
        &SignRequest {
            secret,
            body: Some(BODY),
            timestamp: NOW,
            scheme: Some(scheme),
            ..Default::default()
        },
    )
    .expect("an accepted descriptor signs");
    match verifier.verify(&signed.headers, &signed.body, NOW) {
        Ok(v) => assert_eq!(v.provider, Provider::Custom),
        // The descriptor names body fields this body lacks.
        Err(e) => assert_eq!(e.code(), ErrorCode::InvalidPayload, "{text}: {e:?}"),
    }
    let _ = verifier.explain(&signed.headers, &signed.body, NOW, true);
});
