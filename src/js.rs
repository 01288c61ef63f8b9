//! JavaScript bindings (feature `js`), used by the npm package's wrapper (`js/api.mjs`), which
//! owns the public API: header normalisation, `WebhookError`, the result object.
//!
//! Only strings and bytes cross the boundary. Failures are thrown as a string `"code:message"`,
//! which the wrapper turns into a `WebhookError`; results come back as one small JSON string.

use crate::json::{ObjectWriter, array, quote};
use crate::{
    Error, ErrorCode, HeaderSource, Lookup, Options, Provider, SignRequest, Verified, Verifier,
};
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
    let mut w = ObjectWriter::new();
    w.opt_str("event", v.event.as_deref())
        .opt_str("id", v.id.as_deref());
    match v.timestamp {
        Some(t) => w.num("timestamp", t),
        None => w.raw("timestamp", "null"),
    };
    w.num("keyIndex", v.key_index)
        .opt_str("dedupeKey", v.dedupe_key.as_deref())
        .finish()
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
    #[allow(clippy::too_many_arguments)] // four header slots, as in verifyBytes
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
        Ok(report.to_json())
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
    let headers = array(
        signed
            .headers
            .iter()
            .map(|(k, v)| format!("[{},{}]", quote(k), quote(v))),
    );
    Ok(ObjectWriter::new()
        .raw("headers", &headers)
        .opt_str("body", generated.as_deref())
        .finish())
}

/// The scheme descriptors, as JSON, for the playground and for tests.
#[wasm_bindgen]
pub fn providers() -> String {
    use crate::scheme::{Auth, Encoding};
    array(Provider::ALL.iter().map(|p| {
        let s = p.scheme();
        let auth = match &s.auth {
            Auth::Signature(sig) => ObjectWriter::new()
                .str("kind", "signature")
                .str("header", sig.header)
                .str("prefix", sig.prefix)
                .str(
                    "encoding",
                    match sig.encoding {
                        Encoding::Hex => "hex",
                        Encoding::Base64 => "base64",
                    },
                )
                .finish(),
            Auth::Token(t) => ObjectWriter::new()
                .str("kind", "token")
                .str("defaultHeader", t.default_header)
                .finish(),
        };
        let timestamp = s.timestamp.as_ref().map_or_else(
            || "null".to_owned(),
            |t| {
                ObjectWriter::new()
                    .str("header", t.header)
                    .bool("signed", t.signed)
                    .num("defaultTolerance", t.default_tolerance)
                    .finish()
            },
        );
        let cross_checks = array(s.cross_checks.iter().map(|c| {
            ObjectWriter::new()
                .str("header", c.header)
                .str("field", c.field)
                .finish()
        }));
        let events = array(s.events.iter().map(|e| {
            ObjectWriter::new()
                .str("name", e.name)
                .str("description", e.description)
                .str("sampleData", e.sample_data)
                .finish()
        }));
        ObjectWriter::new()
            .str("id", s.id)
            .str("displayName", s.display_name)
            .raw("auth", &auth)
            .raw("timestamp", &timestamp)
            .opt_str("idHeader", s.id_header())
            .raw("crossChecks", &cross_checks)
            .bool("retries", s.retries)
            .raw("events", &events)
            .finish()
    }))
}

/// The error table, as JSON: `[{code, status, description}]`.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    array(ErrorCode::ALL.iter().map(|c| {
        ObjectWriter::new()
            .str("code", c.as_str())
            .num("status", c.http_status())
            .str("description", c.description())
            .finish()
    }))
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
