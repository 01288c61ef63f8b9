//! Loads the shared test vectors (`../shared/vectors`, or `$HOOKGUARD_VECTORS`) and our own
//! (`tests/vectors`). A missing file fails the test run: vectors are never skipped.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use base64::Engine as _;
use hookguard::{ErrorCode, Options, Verifier};
use serde_json::Value;
use std::path::PathBuf;

pub fn shared_dir() -> PathBuf {
    match std::env::var_os("HOOKGUARD_VECTORS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors"),
    }
}

pub fn load(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read test vectors {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

pub struct Case {
    pub file: String,
    pub name: String,
    pub options: Value,
    pub now: i64,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub expect: Value,
    /// The call options `url` and `method` (URL-signing providers).
    pub url: Option<String>,
    pub method: Option<String>,
}

impl Case {
    pub fn request(&self) -> hookguard::RequestInfo<'_> {
        hookguard::RequestInfo {
            url: self.url.as_deref(),
            method: self.method.as_deref(),
        }
    }
}

pub fn cases() -> Vec<Case> {
    let mut files: Vec<PathBuf> = ["insigner.json", "inspakt.json"]
        .iter()
        .map(|f| shared_dir().join(f))
        .collect();
    let ours = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut own: Vec<PathBuf> = std::fs::read_dir(&ours)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    own.sort();
    files.extend(own);
    files.extend(provider_files());
    let mut out = Vec::new();
    for path in files {
        let doc = load(path.clone());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = if path.parent().is_some_and(|p| p.ends_with("providers")) {
            format!("providers/{name}")
        } else {
            name
        };
        for c in doc["cases"].as_array().unwrap() {
            let case = case_of(&file, c);
            if let Some(utf8) = c.get("body_utf8").and_then(Value::as_str) {
                assert_eq!(
                    utf8.as_bytes(),
                    &case.body[..],
                    "{file}: body_utf8 != body_base64"
                );
            }
            out.push(case);
        }
    }
    out
}

/// One case object of a vectors file (a delivery or a handshake).
fn case_of(file: &str, c: &Value) -> Case {
    Case {
        file: file.to_owned(),
        name: c["name"].as_str().unwrap().to_owned(),
        options: c["options"].clone(),
        now: c["now"].as_i64().unwrap(),
        headers: c["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect(),
        body: base64::engine::general_purpose::STANDARD
            .decode(c["body_base64"].as_str().unwrap())
            .unwrap(),
        expect: c["expect"].clone(),
        url: c.get("url").and_then(Value::as_str).map(str::to_owned),
        method: c.get("method").and_then(Value::as_str).map(str::to_owned),
    }
}

/// Every provider's vectors file, `tests/vectors/providers/<id>.json`, sorted.
pub fn provider_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/providers");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Runs one case through `Options::from_json` + `Verifier::verify`; Err is the error code.
pub fn run(case: &Case) -> Result<hookguard::Verified, ErrorCode> {
    let options = Options::from_json(&case.options.to_string()).map_err(|e| e.code())?;
    let verifier = Verifier::new(&options).map_err(|e| e.code())?;
    verifier
        .verify_request(&case.headers, &case.body, case.now, &case.request())
        .map_err(|e| e.code())
}

/// A `handshakes` case of a provider's vectors file: `verifier.handshake(headers, body,
/// { now, method, url })`, expecting a response, null, or an error code.
pub struct HandshakeCase {
    pub case: Case,
    pub method: String,
    pub url: Option<String>,
}

/// Every provider file's `handshakes` list.
pub fn handshake_cases() -> Vec<HandshakeCase> {
    let mut out = Vec::new();
    for path in provider_files() {
        let doc = load(path.clone());
        let Some(list) = doc.get("handshakes").and_then(Value::as_array) else {
            continue;
        };
        let file = format!("providers/{}", path.file_name().unwrap().to_string_lossy());
        for c in list {
            out.push(HandshakeCase {
                case: case_of(&file, c),
                method: c["method"].as_str().unwrap().to_owned(),
                url: c.get("url").and_then(Value::as_str).map(str::to_owned),
            });
        }
    }
    out
}

/// Runs one handshake case; `Ok` holds the response as the vectors write it (`null` or
/// `{status, headers, body}`), `Err` the error code.
pub fn run_handshake(h: &HandshakeCase) -> Result<Value, ErrorCode> {
    let c = &h.case;
    let options = Options::from_json(&c.options.to_string()).map_err(|e| e.code())?;
    let verifier = Verifier::new(&options).map_err(|e| e.code())?;
    let r = verifier
        .handshake(&c.headers, &c.body, c.now, &h.method, h.url.as_deref())
        .map_err(|e| e.code())?;
    Ok(match r {
        None => Value::Null,
        Some(r) => serde_json::from_str(&r.to_json()).unwrap(),
    })
}
