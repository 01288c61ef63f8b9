//! The options parser (JSON from JavaScript and from the worker's configuration).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(o) = hookguard::Options::from_json(s) {
            let _ = hookguard::Verifier::new(&o);
        }
    }
});
