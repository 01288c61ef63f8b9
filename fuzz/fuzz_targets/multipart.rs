//! Dropbox Sign's multipart bodies and the URL-signing providers' call options: arbitrary
//! `Content-Type` values, body bytes and URLs must give Ok or an error code, never a panic
//! (the bounded multipart reader in src/multipart.rs, the URL helpers in src/url.rs), and
//! explain() must agree with verify(). The first input byte picks the provider; the next two
//! split the rest into the Content-Type (or URL) and the body.
#![no_main]

use hookguard::{Options, Provider, RequestInfo, Verifier};
use libfuzzer_sys::fuzz_target;

const PROVIDERS: [Provider; 7] = [
    Provider::DropboxSign,
    Provider::Mailgun,
    Provider::Signwell,
    Provider::Twilio,
    Provider::Square,
    Provider::Hubspot,
    Provider::Pandadoc,
];

fuzz_target!(|data: &[u8]| {
    let [pick, a, b, rest @ ..] = data else {
        return;
    };
    let provider = PROVIDERS[usize::from(*pick) % PROVIDERS.len()];
    let split = (usize::from(*a) << 8 | usize::from(*b)) % (rest.len() + 1);
    let (head, body) = rest.split_at(split);
    let head = String::from_utf8_lossy(head).into_owned();
    let verifier = Verifier::new(&Options::new(provider, "fuzz-secret")).expect("options");
    // A multipart body wrapped around the fuzzed bytes, so the reader's inner paths are reached.
    let mut wrapped = b"--XyZ\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n".to_vec();
    wrapped.extend_from_slice(body);
    wrapped.extend_from_slice(b"\r\n--XyZ--\r\n");
    for (ct, body) in [
        (head.as_str(), body),
        ("multipart/form-data; boundary=XyZ", &wrapped[..]),
    ] {
        let headers = [
            ("content-type", ct),
            ("x-twilio-signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            ("x-square-hmacsha256-signature", ct),
            ("x-hubspot-signature-v3", ct),
            ("x-hubspot-request-timestamp", "1780065000000"),
        ];
        for url in [
            Some(head.as_str()),
            Some("https://h.example/p?signature=00&bodySHA256=ab"),
            None,
        ] {
            let request = RequestInfo {
                url,
                method: Some(&head).filter(|h| h.len() < 8).map(String::as_str),
            };
            let got = verifier.verify_request(&headers, body, 1_780_065_000, &request);
            let report = verifier.explain_request(&headers, body, 1_780_065_000, false, &request);
            assert_eq!(report.code, got.err().map(|e| e.code().as_str()));
        }
    }
});
