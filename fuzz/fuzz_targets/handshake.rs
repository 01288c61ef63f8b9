//! `Verifier::handshake` for every provider: arbitrary headers, body bytes, method and URL must
//! give Ok (an answer or none) or an error code, never a panic; a POST is only ever answered
//! when it also verifies, a GET only by Meta (with its verify token) and Adobe Acrobat Sign
//! (with the configured client id, echoed). In signed mode the harness signs the fuzzed body
//! itself, so the answer paths are reached.
#![no_main]

use hookguard::{Options, Provider, RequestInfo, SignRequest, Verifier, sign};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = [
    "x-adobesign-clientid",
    "twitch-eventsub-message-type",
    "x-boldsign-event",
    "x-slack-signature",
    "x-slack-request-timestamp",
    "x-zm-signature",
    "x-zm-request-timestamp",
];
const METHODS: [&str; 4] = ["POST", "GET", "HEAD", "post"];
const NOW: i64 = 1_780_065_000;

fuzz_target!(|data: &[u8]| {
    let [p, m, signed, n, rest @ ..] = data else {
        return;
    };
    let provider = Provider::ALL[usize::from(*p) % Provider::ALL.len()];
    let secret = match provider {
        Provider::StandardWebhooks | Provider::Svix | Provider::Clerk | Provider::Resend => {
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        }
        Provider::Docusign => "LcYvS0mrqkmw1dh/a2ArRlcdA2UYeFZzh5U3ajSV3qQ=",
        _ => "a-fuzzing-secret",
    };
    let mut options = Options::new(provider, secret);
    if provider == Provider::Meta {
        options.verify_token = Some("verify-me".to_owned());
    }
    let Ok(v) = Verifier::new(&options) else {
        return;
    };
    // The rest: a URL, then the body, split at the first NUL.
    let (url, body) = match rest.iter().position(|b| *b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (&rest[..0], rest),
    };
    let url = String::from_utf8_lossy(url);
    let method = METHODS[usize::from(*m) % METHODS.len()];
    let mut headers: Vec<(String, String)> = match (
        signed % 2,
        sign(
            provider,
            &SignRequest {
                secret,
                body: Some(body),
                timestamp: NOW,
                ..Default::default()
            },
        ),
    ) {
        (1, Ok(s)) => s.headers,
        _ => Vec::new(),
    };
    let name = NAMES[usize::from(*n) % NAMES.len()];
    headers.push((
        name.to_owned(),
        String::from_utf8_lossy(body.get(..32).unwrap_or(body)).into_owned(),
    ));
    if let Ok(Some(answer)) = v.handshake(&headers, body, NOW, method, Some(&url)) {
        assert_eq!(answer.status, 200);
        if method == "POST" {
            // Answered only after the delivery's own checks (the allow-list aside) passed, on
            // the same request (URL-signing providers' MAC covers its URL and method).
            let request = RequestInfo {
                url: Some(&url),
                method: Some(method),
            };
            assert!(v.verify_request(&headers, body, NOW, &request).is_ok());
        } else if provider == Provider::AdobeSign {
            // Adobe's verification of intent: only the configured client id, echoed.
            assert!(
                answer
                    .headers
                    .contains(&("x-adobesign-clientid", secret.to_owned()))
            );
        } else {
            // Only Meta answers another GET (once its verify token matched).
            assert_eq!(provider, Provider::Meta);
        }
    }
});
