//! JavaScript bindings (feature `js`), used by the npm package's wrapper (`js/api.mjs`), which
//! owns the public API: header normalisation, `WebhookError`, the result object.
//!
//! Only strings and bytes cross the boundary. Failures are thrown as a string `"code:message"`,
//! which the wrapper turns into a `WebhookError`; results come back as one small JSON string.

use crate::{
    Error, ErrorCode, HeaderSource, Lookup, Options, Provider, SignRequest, Verified, Verifier,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

fn thrown(e: &Error) -> JsValue {
    JsValue::from_str(&format!("{}:{}", e.code().as_str(), e.message()))
}

/// Header values handed over by the wrapper, in the order of `headerNames()`.
struct Slots<'a> {
    names: &'a [String],
    values: [Option<&'a str>; 4],
}

impl HeaderSource for Slots<'_> {
    fn lookup(&self, name: &str) -> Lookup<'_> {
        match self.names.iter().position(|n| n == name) {
            Some(i) => match self.values.get(i).copied().flatten() {
                Some(v) => Lookup::One(v.as_bytes()),
                None => Lookup::Absent,
            },
            None => Lookup::Absent,
        }
    }
}

fn now_seconds(now: f64) -> Result<i64, JsValue> {
    if !now.is_finite() || now < 0.0 {
        return Err(thrown(&Error::new(
            ErrorCode::InvalidConfig,
            "now must be a finite, non-negative number of unix seconds",
        )));
    }
    // Saturating cast: the range is then checked in i128 by the core.
    Ok(now.floor() as i64)
}

fn result_json(v: &Verified) -> String {
    json!({
        "event": v.event,
        "id": v.id,
        "timestamp": v.timestamp,
        "keyIndex": v.key_index,
        "dedupeKey": v.dedupe_key,
    })
    .to_string()
}

/// A verifier with its keys prepared (wrapped by the JS `Verifier`).
#[wasm_bindgen]
pub struct RawVerifier {
    inner: Verifier,
    names: Vec<String>,
}

#[wasm_bindgen]
impl RawVerifier {
    /// `options_json`: the JS options object as JSON (see `Options::from_json`).
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: &str) -> Result<RawVerifier, JsValue> {
        let options = Options::from_json(options_json).map_err(|e| thrown(&e))?;
        let inner = Verifier::new(&options).map_err(|e| thrown(&e))?;
        let names = inner.header_names();
        Ok(RawVerifier { inner, names })
    }

    /// The lower-case header names the verifier reads, separated by `\n`.
    #[wasm_bindgen(js_name = headerNames)]
    pub fn header_names(&self) -> String {
        self.names.join("\n")
    }

    /// The provider id.
    pub fn provider(&self) -> String {
        self.inner.provider().id().to_owned()
    }

    /// The tolerance in effect, in seconds.
    #[wasm_bindgen(js_name = toleranceSeconds)]
    pub fn tolerance_seconds(&self) -> f64 {
        self.inner.tolerance_seconds() as f64
    }

    /// The body size limit in bytes.
    #[wasm_bindgen(js_name = maxBodyBytes)]
    pub fn max_body_bytes(&self) -> f64 {
        self.inner.max_body_bytes() as f64
    }

    /// Verifies a byte body; header values in `headerNames()` order.
    #[wasm_bindgen(js_name = verifyBytes)]
    pub fn verify_bytes(
        &self,
        h0: Option<String>,
        h1: Option<String>,
        h2: Option<String>,
        h3: Option<String>,
        body: &[u8],
        now: f64,
    ) -> Result<String, JsValue> {
        let slots = Slots {
            names: &self.names,
            values: [h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()],
        };
        self.inner
            .verify(&slots, body, now_seconds(now)?)
            .map(|v| result_json(&v))
            .map_err(|e| thrown(&e))
    }

    /// Verifies a string body (its UTF-8 bytes, encoded straight into wasm memory).
    #[wasm_bindgen(js_name = verifyString)]
    pub fn verify_string(
        &self,
        h0: Option<String>,
        h1: Option<String>,
        h2: Option<String>,
        h3: Option<String>,
        body: &str,
        now: f64,
    ) -> Result<String, JsValue> {
        self.verify_bytes(h0, h1, h2, h3, body.as_bytes(), now)
    }

    /// Every check's outcome, as JSON (see `Verifier::explain`).
    pub fn explain(
        &self,
        h0: Option<String>,
        h1: Option<String>,
        h2: Option<String>,
        h3: Option<String>,
        body: &[u8],
        now: f64,
        reveal_expected: bool,
    ) -> Result<String, JsValue> {
        let slots = Slots {
            names: &self.names,
            values: [h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()],
        };
        let report = self
            .inner
            .explain(&slots, body, now_seconds(now)?, reveal_expected);
        serde_json::to_string(&report)
            .map_err(|_| thrown(&Error::new(ErrorCode::InvalidConfig, "report")))
    }
}

/// Signs a delivery. Returns `{"headers":[[name,value],…],"body":"…"|null}`; `body` is null
/// when the caller supplied one (the wrapper returns the caller's own bytes).
#[wasm_bindgen(js_name = signRaw)]
#[allow(clippy::too_many_arguments)]
pub fn sign_raw(
    provider: &str,
    secret: &str,
    body: Option<Vec<u8>>,
    timestamp: f64,
    id: Option<String>,
    event: Option<String>,
    header: Option<String>,
) -> Result<String, JsValue> {
    let provider = Provider::parse(provider)
        .ok_or_else(|| thrown(&Error::new(ErrorCode::InvalidConfig, "unknown provider")))?;
    let req = SignRequest {
        secret,
        body: body.as_deref(),
        timestamp: now_seconds(timestamp)?,
        id: id.as_deref(),
        event: event.as_deref(),
        header: header.as_deref(),
    };
    let signed = crate::sign(provider, &req).map_err(|e| thrown(&e))?;
    let generated = match body {
        Some(_) => None,
        None => Some(String::from_utf8_lossy(&signed.body).into_owned()),
    };
    Ok(json!({ "headers": signed.headers, "body": generated }).to_string())
}

/// The scheme descriptors, as JSON, for the playground and for tests.
#[wasm_bindgen]
pub fn providers() -> String {
    let list: Vec<serde_json::Value> = Provider::ALL
        .iter()
        .map(|p| {
            let s = p.scheme();
            json!({
                "id": s.id,
                "displayName": s.display_name,
                "auth": match &s.auth {
                    crate::scheme::Auth::Signature(sig) => json!({
                        "kind": "signature",
                        "header": sig.header,
                        "prefix": sig.prefix,
                        "encoding": match sig.encoding {
                            crate::scheme::Encoding::Hex => "hex",
                            crate::scheme::Encoding::Base64 => "base64",
                        },
                    }),
                    crate::scheme::Auth::Token(t) => json!({
                        "kind": "token",
                        "defaultHeader": t.default_header,
                    }),
                },
                "timestamp": s.timestamp.as_ref().map(|t| json!({
                    "header": t.header,
                    "signed": t.signed,
                    "defaultTolerance": t.default_tolerance,
                })),
                "idHeader": s.id_header(),
                "crossChecks": s.cross_checks.iter().map(|c| json!({"header": c.header, "field": c.field})).collect::<Vec<_>>(),
                "retries": s.retries,
                "events": s.events.iter().map(|e| json!({
                    "name": e.name,
                    "description": e.description,
                    "sampleData": e.sample_data,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The error table, as JSON: `[{code, status, description}]`.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    serde_json::Value::Array(
        ErrorCode::ALL
            .iter()
            .map(|c| json!({"code": c.as_str(), "status": c.http_status(), "description": c.description()}))
            .collect(),
    )
    .to_string()
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// SHA-256 of `bytes`, from the same build: the benchmarks' hashing ceiling.
#[wasm_bindgen(js_name = sha256)]
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}
