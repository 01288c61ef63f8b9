//! The options parser (JSON from JavaScript and from the worker's configuration). The first
//! byte picks a mode: raw text, or options spelled from tokens (every option name, including
//! maxEventAgeSeconds, with edge values), so that Verifier::new's checks are reached.
#![no_main]

use libfuzzer_sys::fuzz_target;

const TOKENS: [&str; 32] = [
    "{",
    "}",
    ",",
    ":",
    "\"provider\":\"insigner\"",
    "\"provider\":\"inspakt\"",
    "\"provider\":\"standard-webhooks\"",
    "\"secret\":\"s3cret\"",
    "\"secret\":[\"a\",\"b\"]",
    "\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"",
    "\"toleranceSeconds\":",
    "\"maxEventAgeSeconds\":",
    "\"maxBodyBytes\":",
    "\"header\":\"X-Token\"",
    "\"events\":[\"document.completed\"]",
    "\"dedupeByBodyHash\":true",
    "0",
    "300",
    "214559",
    "214560",
    "259200",
    "2592000",
    "31536000",
    "31536001",
    "18446744073709551615",
    "18446744073709551616",
    "-1",
    "1.5",
    "null",
    "\"259200\"",
    "\"\\ud83d\"",
    " ",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = if mode & 1 == 0 {
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_owned(),
            Err(_) => return,
        }
    } else {
        rest.iter()
            .map(|b| TOKENS[usize::from(*b) % TOKENS.len()])
            .collect()
    };
    if let Ok(o) = hookguard::Options::from_json(&text) {
        if let Ok(v) = hookguard::Verifier::new(&o) {
            // A verifier built with the option honours it, and only where it can.
            assert_eq!(v.max_event_age_seconds(), o.max_event_age_seconds);
            assert!(o.max_event_age_seconds.is_none() || v.bounds_event_age());
        }
    }
});
