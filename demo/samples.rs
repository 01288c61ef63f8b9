//! Prints one signed sample delivery per known event of inSigner and Inspakt, as JSON lines
//! (`{"provider","event","headers":[[name,value]…],"bodyBase64"}`), for `demo/send-samples.mjs`.
//! The events and their sample data come from the core's scheme descriptors, the signatures from
//! its `sign`, so the demo always matches what the verifier expects.
//!
//! `cargo run -q --example demo-samples -- <insigner-secret> <inspakt-token> <inspakt-header> <unix-now>`

use hookguard::scheme::{INSIGNER, INSPAKT};
use hookguard::{Provider, SignRequest, sign};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [insigner_secret, inspakt_token, inspakt_header, now] = args.as_slice() else {
        eprintln!(
            "usage: demo-samples <insigner-secret> <inspakt-token> <inspakt-header> <unix-now>"
        );
        return ExitCode::from(2);
    };
    let Ok(now) = now.parse::<i64>() else {
        eprintln!("unix-now must be an integer");
        return ExitCode::from(2);
    };
    let jobs = INSIGNER
        .events
        .iter()
        .map(|e| (Provider::Insigner, e.name, insigner_secret.as_str(), None))
        .chain(INSPAKT.events.iter().map(|e| {
            (
                Provider::Inspakt,
                e.name,
                inspakt_token.as_str(),
                Some(inspakt_header.as_str()),
            )
        }));
    for (i, (provider, event, secret, header)) in jobs.enumerate() {
        // A distinct id per run and event, so a second run is not a replay of the first.
        let id = format!("dlv_demo_{now}_{i:02}");
        let signed = match sign(
            provider,
            &SignRequest {
                secret,
                body: None,
                timestamp: now,
                id: Some(&id),
                event: Some(event),
                header,
                scheme: None,
                sample: None,
                url: None,
                method: None,
            },
        ) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{provider:?} {event}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let line = serde_json::json!({
            "provider": provider.id(),
            "event": event,
            "headers": signed.headers,
            "body": String::from_utf8_lossy(&signed.body),
        });
        println!("{line}");
    }
    ExitCode::SUCCESS
}
