//! JavaScript bindings (feature `js`), used by the npm package's wrapper (`js/api.mjs`), which
//! owns the public API: header normalisation, `WebhookError`, the result object.
//!
//! Only strings and bytes cross the boundary. Failures are thrown as a string `"code:message"`,
//! which the wrapper turns into a `WebhookError`; results come back as one small JSON string.

use crate::json::{ObjectWriter, array};
use crate::{Error, ErrorCode, HeaderSource, Lookup, Options, Verified, Verifier};
#[cfg(feature = "tools")]
use crate::{Provider, SignRequest, json::quote};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

fn thrown(e: &Error) -> JsValue {
    JsValue::from_str(&format!("{}:{}", e.code().as_str(), e.message()))
}

/// The most header slots (DocuSign's numbered signature headers need 24; the present-slot mask
/// is a `u32`). Only the first seven can be named in the result's 3-bit fields: a value found
/// in a later slot is fetched with `fields()` instead.
pub(crate) const MAX_SLOTS: usize = crate::verify::MAX_HEADER_SLOTS;

/// The slots the result's 3-bit fields can name (slot + 1 <= 7).
const NAMED_SLOTS: usize = 7;

/// Header values handed over by the wrapper, in the order of `headerNames()`.
struct Slots<'a> {
    names: &'a [String],
    values: [Option<&'a str>; MAX_SLOTS],
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

fn now_seconds_checked(now: f64) -> Result<i64, Error> {
    if !now.is_finite() || now < 0.0 {
        return Err(Error::new(
            ErrorCode::InvalidConfig,
            "now must be a finite, non-negative number of unix seconds",
        ));
    }
    // Saturating cast: the range is then checked in i128 by the core.
    Ok(now.floor() as i64)
}

fn now_seconds(now: f64) -> Result<i64, JsValue> {
    now_seconds_checked(now).map_err(|e| thrown(&e))
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
        .bool("bodySigned", v.body_signed)
        .finish()
}

/// A verifier with its keys prepared (wrapped by the JS `Verifier`).
#[wasm_bindgen]
pub struct RawVerifier {
    inner: Verifier,
    names: Vec<String>,
    /// The headers `handshake` reads: `names`, then the handshake triggers' own.
    handshake_names: Vec<String>,
    /// The last result the number could not carry (fetched by `fields()`).
    last: RefCell<Option<Verified>>,
    /// The last failure's message (fetched by `lastError()`).
    last_error: RefCell<Option<Error>>,
}

// The hot path's answer is one number (a call returning a number costs nanoseconds; a string
// costs about a quarter of a microsecond):
//   < 0: failure, -(index in ErrorCode::ALL + 1); the message is in lastError().
//   >= 0: valid. Bits 0-3 the key index; bits 4-6, 7-9 and 10-12 the header slot + 1 whose
//   trimmed value is byte-equal to the verified event, id and timestamp (0: not in a header);
//   bit 13 set: more than that is needed, read fields().
const SLOT_EVENT: u32 = 4;
const SLOT_ID: u32 = 7;
const SLOT_TIMESTAMP: u32 = 10;
const NEEDS_FIELDS: i32 = 1 << 13;

/// Header values joined with NUL in slot order (`mask` bit i: slot i present). The wrapper
/// refuses values containing NUL, which no HTTP header value may contain.
fn split_slots(joined: &str, mask: u32) -> [Option<&str>; MAX_SLOTS] {
    let mut parts = joined.split('\0');
    std::array::from_fn(|i| {
        let part = parts.next();
        if mask & (1 << i) != 0 { part } else { None }
    })
}

#[wasm_bindgen]
impl RawVerifier {
    /// `options_json`: the JS options object as JSON (see `Options::from_json`).
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: &str) -> Result<RawVerifier, JsValue> {
        let options = Options::from_json(options_json).map_err(|e| thrown(&e))?;
        let inner = Verifier::new(&options).map_err(|e| thrown(&e))?;
        let names = inner.header_names();
        let handshake_names = inner.handshake_header_names();
        Ok(RawVerifier {
            inner,
            names,
            handshake_names,
            last: RefCell::new(None),
            last_error: RefCell::new(None),
        })
    }

    /// The lower-case header names the verifier reads, separated by `\n`.
    #[wasm_bindgen(js_name = headerNames)]
    pub fn header_names(&self) -> String {
        self.names.join("\n")
    }

    /// The lower-case header names `handshake` reads, separated by `\n`.
    #[wasm_bindgen(js_name = handshakeNames)]
    pub fn handshake_names(&self) -> String {
        self.handshake_names.join("\n")
    }

    /// Answers a handshake (see `Verifier::handshake`): the response as JSON
    /// (`{"status","headers":{…},"body"}`), undefined when the request is no handshake, or a
    /// thrown `"code:message"`. `headers` and `mask` as for `verifyBytes`, in the order of
    /// `handshakeNames()`. In both npm modules: an endpoint that verifies must also answer its
    /// provider's endpoint checks.
    pub fn handshake(
        &self,
        headers: &str,
        mask: u32,
        body: &[u8],
        now: f64,
        method: &str,
        url: Option<String>,
    ) -> Result<Option<String>, JsValue> {
        let slots = Slots {
            names: &self.handshake_names,
            values: split_slots(headers, mask),
        };
        self.inner
            .handshake(&slots, body, now_seconds(now)?, method, url.as_deref())
            .map(|r| r.map(|r| r.to_json()))
            .map_err(|e| thrown(&e))
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

    /// `maxEventAgeSeconds` in effect; undefined when the event time is not checked.
    #[wasm_bindgen(js_name = maxEventAgeSeconds)]
    pub fn max_event_age_seconds(&self) -> Option<f64> {
        self.inner.max_event_age_seconds().map(|s| s as f64)
    }

    /// Whether the provider also sends form-encoded bodies (Slack): the wrapper then asks
    /// `formPayload` for the payload before parsing the body as JSON.
    #[wasm_bindgen(js_name = formBodies)]
    pub fn form_bodies(&self) -> bool {
        self.inner.scheme().form_bodies
    }

    /// Whether the body is a JSON object (false only for custom schemes that say so): the
    /// wrapper's `payload` is null otherwise.
    #[wasm_bindgen(js_name = bodyIsJson)]
    pub fn body_is_json(&self) -> bool {
        self.inner.scheme().body_is_json
    }

    /// Whether verifying needs the call option `url` (Twilio, Square, HubSpot, PandaDoc): the
    /// wrapper then calls `verifyRequest`.
    #[wasm_bindgen(js_name = needsUrl)]
    pub fn needs_url(&self) -> bool {
        self.inner.needs_url()
    }

    /// Whether the provider's MAC covers the body (false for Dropbox Sign, SignWell, Mailgun).
    #[wasm_bindgen(js_name = bodySigned)]
    pub fn body_signed(&self) -> bool {
        self.inner.scheme().body_signed()
    }

    /// Whether accepted deliveries must be answered with `acknowledgement()` (Dropbox Sign,
    /// Adobe Acrobat Sign).
    #[wasm_bindgen(js_name = hasAcknowledgement)]
    pub fn has_acknowledgement(&self) -> bool {
        self.inner.has_acknowledgement()
    }

    /// What the endpoint answers a delivery verified from these headers with (see
    /// `Verifier::acknowledgement`), as handshake() writes a response; undefined for
    /// providers that ask for no more than a 2xx. `headers` and `mask` as for `verifyBytes`.
    pub fn acknowledgement(&self, headers: &str, mask: u32) -> Option<String> {
        let slots = Slots {
            names: &self.names,
            values: split_slots(headers, mask),
        };
        self.inner.acknowledgement(&slots).map(|r| r.to_json())
    }

    /// `verifyBytes` with the call options `url` and `method` (URL-signing providers).
    #[wasm_bindgen(js_name = verifyRequest)]
    pub fn verify_request(
        &self,
        headers: &str,
        mask: u32,
        body: &[u8],
        now: f64,
        url: Option<String>,
        method: Option<String>,
    ) -> i32 {
        let slots = Slots {
            names: &self.names,
            values: split_slots(headers, mask),
        };
        let request = crate::RequestInfo {
            url: url.as_deref(),
            method: method.as_deref(),
        };
        let outcome = now_seconds_checked(now)
            .and_then(|now| self.inner.verify_request(&slots, body, now, &request));
        match outcome {
            Ok(v) => self.encode(&slots, v),
            Err(e) => self.fail(e),
        }
    }

    /// The body size limit in bytes.
    #[wasm_bindgen(js_name = maxBodyBytes)]
    pub fn max_body_bytes(&self) -> f64 {
        self.inner.max_body_bytes() as f64
    }

    /// Verifies a byte body. `headers`: the values of `headerNames()` joined with NUL, `mask`
    /// saying which are present. Returns the number described above.
    #[wasm_bindgen(js_name = verifyBytes)]
    pub fn verify_bytes(&self, headers: &str, mask: u32, body: &[u8], now: f64) -> i32 {
        let slots = Slots {
            names: &self.names,
            values: split_slots(headers, mask),
        };
        let outcome = now_seconds_checked(now).and_then(|now| self.inner.verify(&slots, body, now));
        match outcome {
            Ok(v) => self.encode(&slots, v),
            Err(e) => self.fail(e),
        }
    }

    /// Keeps the error for `lastError()` and returns its negative code.
    fn fail(&self, e: Error) -> i32 {
        let index = ErrorCode::ALL
            .iter()
            .position(|c| *c == e.code())
            .unwrap_or(0);
        *self.last_error.borrow_mut() = Some(e);
        -(i32::try_from(index).unwrap_or(0) + 1)
    }

    /// The same for a string body (its UTF-8 bytes, encoded straight into wasm memory).
    #[wasm_bindgen(js_name = verifyString)]
    pub fn verify_string(&self, headers: &str, mask: u32, body: &str, now: f64) -> i32 {
        self.verify_bytes(headers, mask, body.as_bytes(), now)
    }

    /// The same with both inputs already in the scratch buffer (see `scratch`): the joined
    /// header values in its first `headers_len` bytes, then `SCRATCH_ROOM` free bytes, then the
    /// body's `body_len`, then free bytes again (the host's digest may write its inner pad and
    /// signed prefix and suffix there, to hash the whole input in one call). Nothing is
    /// allocated or copied to get the inputs there.
    #[wasm_bindgen(js_name = verifyScratch)]
    pub fn verify_scratch(&self, headers_len: u32, mask: u32, body_len: u32, now: f64) -> i32 {
        SCRATCH.with(|cell| {
            let buf = cell.borrow();
            let hl = headers_len as usize;
            let start = hl.saturating_add(SCRATCH_ROOM);
            let end = start.saturating_add(body_len as usize);
            let parts = buf
                .get(..hl)
                .and_then(|h| std::str::from_utf8(h).ok())
                .zip(buf.get(start..end));
            match parts {
                Some((headers, body)) => {
                    let after = buf.len().saturating_sub(end).min(SCRATCH_ROOM);
                    HOST_ROOM.with(|r| {
                        r.set((body.as_ptr() as usize, SCRATCH_ROOM as u32, after as u32))
                    });
                    let r = self.verify_bytes(headers, mask, body, now);
                    HOST_ROOM.with(|r| r.set((0, 0, 0)));
                    r
                }
                // Only a wrapper bug gets here: TextEncoder output is UTF-8 and within bounds.
                None => self.fail(Error::new(
                    ErrorCode::InvalidConfig,
                    "scratch buffer lengths out of range",
                )),
            }
        })
    }

    /// The last failure's message.
    #[wasm_bindgen(js_name = lastError)]
    pub fn last_error(&self) -> String {
        self.last_error
            .borrow_mut()
            .take()
            .map(|e| e.message().to_owned())
            .unwrap_or_default()
    }

    /// The last valid result as JSON, when the number said `NEEDS_FIELDS`.
    pub fn fields(&self) -> String {
        self.last
            .borrow_mut()
            .take()
            .map(|v| result_json(&v))
            .unwrap_or_default()
    }

    fn encode(&self, slots: &Slots<'_>, v: Verified) -> i32 {
        let slot_of = |value: Option<&[u8]>| -> Option<u32> {
            let value = value?;
            slots
                .values
                .iter()
                .take(NAMED_SLOTS)
                .position(|s| s.is_some_and(|s| crate::headers::trim_ows(s.as_bytes()) == value))
                .and_then(|i| u32::try_from(i + 1).ok())
        };
        let mut code = u32::try_from(v.key_index).unwrap_or(0) & 0xf;
        let mut complete = true;
        for (value, shift) in [
            (v.event.as_deref().map(str::as_bytes), SLOT_EVENT),
            (v.id.as_deref().map(str::as_bytes), SLOT_ID),
        ] {
            match (value, slot_of(value)) {
                (None, _) => {}
                (Some(_), Some(slot)) => code |= slot << shift,
                (Some(_), None) => complete = false,
            }
        }
        if let Some(ts) = v.timestamp {
            match slot_of(Some(ts.to_string().as_bytes())) {
                Some(slot) => code |= slot << SLOT_TIMESTAMP,
                None => complete = false,
            }
        }
        // The wrapper derives `provider:id` (or null without an id); anything else is fetched.
        let derived = v.id.as_ref().map(|id| format!("{}:{id}", v.provider.id()));
        if v.dedupe_key != derived {
            complete = false;
        }
        let code = i32::try_from(code).unwrap_or(0);
        if complete {
            code
        } else {
            *self.last.borrow_mut() = Some(v);
            code | NEEDS_FIELDS
        }
    }

    /// Every check's outcome, as JSON (see `Verifier::explain`). Feature `tools` (the npm
    /// package's full module; `hookguard/verify` loads the module without it).
    /// `headers` and `mask` as for `verifyBytes`; `url`, `method`: the call options.
    #[cfg(feature = "tools")]
    #[allow(clippy::too_many_arguments)]
    pub fn explain(
        &self,
        headers: &str,
        mask: u32,
        body: &[u8],
        now: f64,
        reveal_expected: bool,
        url: Option<String>,
        method: Option<String>,
    ) -> Result<String, JsValue> {
        let slots = Slots {
            names: &self.names,
            values: split_slots(headers, mask),
        };
        let request = crate::RequestInfo {
            url: url.as_deref(),
            method: method.as_deref(),
        };
        let report =
            self.inner
                .explain_request(&slots, body, now_seconds(now)?, reveal_expected, &request);
        Ok(report.to_json())
    }
}

/// The free bytes the scratch buffer keeps between the header values and the body, and at
/// most after the body: the room a host digest may use to lay out `inner pad ‖ prefix ‖ body ‖
/// suffix` contiguously (SHA-512's 128-byte pad and a signed prefix of up to 128 bytes).
const SCRATCH_ROOM: usize = 256;

thread_local! {
    /// One input buffer shared by all verifiers (calls never overlap: JS is single-threaded and
    /// verify calls back into JS only for the host digest, which does not call wasm). The
    /// wrapper encodes the inputs straight into it with `TextEncoder.encodeInto` /
    /// `Uint8Array.set`, so a call passes only lengths.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Grows the scratch buffer to at least `capacity` bytes and returns its address in wasm
/// memory. The address stays valid until the next call with a larger capacity; the wrapper
/// re-creates its view when memory grows.
#[wasm_bindgen]
pub fn scratch(capacity: u32) -> usize {
    SCRATCH.with(|cell| {
        let mut buf = cell.borrow_mut();
        let capacity = capacity as usize;
        if buf.len() < capacity {
            buf.resize(capacity, 0);
        }
        buf.as_ptr() as usize
    })
}

/// The payload of a verified body from a provider with form bodies: `undefined` when the body
/// is JSON (the wrapper parses it itself), else the form's fields as a JSON object of strings,
/// decoded as the verifier decoded them (`src/form.rs`).
#[wasm_bindgen(js_name = formPayload)]
pub fn form_payload(body: &[u8]) -> Result<Option<String>, JsValue> {
    if crate::form::looks_like_json(body) {
        return Ok(None);
    }
    crate::form::decode(body)
        .map(|fields| Some(crate::form::to_json(&fields)))
        .map_err(|e| thrown(&Error::payload(e)))
}

#[wasm_bindgen]
extern "C" {
    /// The host's hashing, registered by the npm package's Node entry (`js/init/node.mjs`):
    /// `digest(algorithm, innerPad, prefix, body, suffix, roomBefore, roomAfter)` returns the
    /// digest of `innerPad ‖ prefix ‖ body ‖ suffix` (algorithm 1: SHA-256, 2: SHA-1,
    /// 3: SHA-512), the inner hash of the HMAC, which the core finishes. The byte arguments are
    /// views of wasm memory, valid for the call only. `roomBefore` and `roomAfter` say how many
    /// bytes of wasm memory just before and just after `body` the host may overwrite (the
    /// scratch buffer's free room around a body in it, which nothing reads during the call), so
    /// that it can lay the whole input out contiguously and hash it in one call; 0 when `body`
    /// is not in the scratch buffer.
    pub type HostDigest;
    #[wasm_bindgen(method, catch)]
    #[allow(clippy::too_many_arguments)]
    fn digest(
        this: &HostDigest,
        algorithm: u32,
        inner_pad: &[u8],
        prefix: &[u8],
        body: &[u8],
        suffix: &[u8],
        room_before: u32,
        room_after: u32,
    ) -> Result<Vec<u8>, JsValue>;
}

thread_local! {
    static HOST_DIGEST: RefCell<Option<HostDigest>> = const { RefCell::new(None) };
    /// While `verify_scratch` runs: the address of the body in the scratch buffer and the free
    /// room before and after it.
    static HOST_ROOM: std::cell::Cell<(usize, u32, u32)> = const { std::cell::Cell::new((0, 0, 0)) };
}

/// Calls the registered host's digest; 0 (compute the MAC in wasm) when it throws or answers a
/// digest of the wrong length.
fn call_host_digest(
    algorithm: crate::scheme::Algorithm,
    inner_pad: &[u8],
    prefix: &[u8],
    body: &[u8],
    suffix: &[u8],
    out: &mut [u8; 64],
) -> usize {
    use crate::scheme::Algorithm;
    let code = match algorithm {
        Algorithm::HmacSha256 => 1,
        Algorithm::HmacSha1 => 2,
        Algorithm::HmacSha512 => 3,
        Algorithm::Ed25519 | Algorithm::EcdsaP256Sha256 => return 0,
    };
    let (at, before, after) = HOST_ROOM.with(std::cell::Cell::get);
    let (before, after) = if at != 0 && at == body.as_ptr() as usize {
        (before, after)
    } else {
        (0, 0)
    };
    let digest = HOST_DIGEST.with(|h| {
        h.borrow().as_ref().and_then(|h| {
            h.digest(code, inner_pad, prefix, body, suffix, before, after)
                .ok()
        })
    });
    match digest {
        Some(d) if d.len() == algorithm.output_len() => out.get_mut(..d.len()).map_or(0, |o| {
            o.copy_from_slice(&d);
            d.len()
        }),
        _ => 0,
    }
}

/// Registers the host's hashing for bodies of at least `min_body` bytes (`undefined`: none,
/// every MAC computed in wasm). Only the inner hash moves to the host; the MAC's outer hash,
/// the comparison and every check stay in the core.
#[wasm_bindgen(js_name = setHostDigest)]
pub fn set_host_digest(host: Option<HostDigest>, min_body: u32) {
    let registered = host.is_some();
    HOST_DIGEST.with(|h| *h.borrow_mut() = host);
    crate::verify::set_host_digest(registered.then_some((
        call_host_digest as crate::verify::HostDigest,
        min_body as usize,
    )));
}

/// The free room the scratch buffer keeps before and after the body (see `verifyScratch`).
#[wasm_bindgen(js_name = scratchRoom)]
pub fn scratch_room() -> u32 {
    SCRATCH_ROOM as u32
}

/// The module's `WebAssembly.Memory`, for the wrapper's view of the scratch buffer.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Signs a delivery. Returns `{"headers":[[name,value],…],"body":"…"|null}`; `body` is null
/// when the caller supplied one (the wrapper returns the caller's own bytes). `scheme`: the
/// custom descriptor's JSON (`custom` only).
#[cfg(feature = "tools")]
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
    scheme: Option<String>,
    sample: Option<String>,
    url: Option<String>,
    method: Option<String>,
) -> Result<String, JsValue> {
    let provider = Provider::parse(provider)
        .ok_or_else(|| thrown(&Error::new(ErrorCode::InvalidConfig, "unknown provider")))?;
    let scheme = match scheme {
        None => None,
        Some(json) => Some(crate::CustomScheme::from_json(&json).map_err(|e| thrown(&e))?),
    };
    let req = SignRequest {
        secret,
        body: body.as_deref(),
        timestamp: now_seconds(timestamp)?,
        id: id.as_deref(),
        event: event.as_deref(),
        header: header.as_deref(),
        scheme,
        sample: sample.as_deref(),
        url: url.as_deref(),
        method: method.as_deref(),
    };
    let signed = crate::sign(provider, &req).map_err(|e| thrown(&e))?;
    // The caller's own bytes come back as they are, unless the signer wrote into them (a
    // body-field provider's signature field).
    let generated = match body {
        Some(b) if b == signed.body => None,
        _ => Some(String::from_utf8_lossy(&signed.body).into_owned()),
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
        .opt_str("url", signed.url.as_deref())
        .finish())
}

/// The error table, as JSON: `[{code, status, description}]`.
/// A fresh key pair for a provider that signs with a private key (Standard Webhooks `v1a`,
/// Discord, SendGrid): `{"privateKey":"…","publicKey":"…"}`, from the runtime's
/// `crypto.getRandomValues`.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = generateKeyPairRaw)]
pub fn generate_key_pair_raw(provider: &str) -> Result<String, JsValue> {
    let provider = Provider::parse(provider)
        .ok_or_else(|| thrown(&Error::new(ErrorCode::InvalidConfig, "unknown provider")))?;
    let (private, public) =
        crate::asymmetric::generate_key_pair(provider).map_err(|e| thrown(&e))?;
    Ok(ObjectWriter::new()
        .str("privateKey", &private)
        .str("publicKey", &public)
        .finish())
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Provider, SignRequest};
    use serde_json::Value;

    fn descriptor(id: &str) -> Value {
        let all: Value = serde_json::from_str(&crate::catalogue::providers_json()).unwrap();
        all.as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .cloned()
            .unwrap()
    }

    #[test]
    fn providers_json_describes_the_new_features_additively() {
        let all: Value = serde_json::from_str(&crate::catalogue::providers_json()).unwrap();
        for p in all.as_array().unwrap() {
            for key in [
                "id",
                "displayName",
                "auth",
                "timestamp",
                "crossChecks",
                "retries",
                "retryWindowSeconds",
                "eventTime",
                "events",
                "handshakes",
            ] {
                assert!(p.get(key).is_some(), "{} lacks {key}", p["id"]);
            }
            if p["auth"]["kind"] == "signature" {
                assert!(p["auth"]["header"].is_string(), "{}", p["id"]);
                assert!(p["auth"]["extract"]["kind"].is_string(), "{}", p["id"]);
            }
        }
        let d = descriptor("docusign");
        assert_eq!(d["auth"]["header"], "x-docusign-signature-1");
        assert_eq!(d["auth"]["headers"].as_array().unwrap().len(), 24);
        assert_eq!(d["auth"]["extract"]["kind"], "numbered");
        assert_eq!(d["auth"]["extract"]["headerStem"], "x-docusign-signature-");
        assert_eq!(d["auth"]["extract"]["max"], 24);
        let b = descriptor("boldsign");
        assert_eq!(
            b["auth"]["extract"]["keys"],
            serde_json::json!(["s0", "s1"])
        );
        assert_eq!(b["auth"]["extract"]["space"], true);
        assert_eq!(b["timestamp"]["pair"], "t");
        assert_eq!(b["eventHeader"], "x-boldsign-event");
        assert_eq!(
            descriptor("meta")["handshakes"],
            serde_json::json!([{"trigger":{"kind":"query","name":"hub.mode","value":"subscribe"},
                "answer":{"kind":"echo-query","challenge":"hub.challenge","token":"hub.verify_token"}}])
        );
        assert_eq!(
            descriptor("zoom")["handshakes"][0]["answer"]["path"],
            serde_json::json!(["payload", "plainToken"])
        );
        assert_eq!(descriptor("stripe")["handshakes"], serde_json::json!([]));
        let t = descriptor("twitch");
        assert_eq!(t["timestamp"]["unit"], "rfc3339");
        assert_eq!(t["timestamp"]["window"], "past-only");
        assert_eq!(t["idHeader"], "twitch-eventsub-message-id");
        let l = descriptor("linear");
        assert_eq!(l["timestamp"]["header"], "");
        assert_eq!(l["timestamp"]["bodyField"], "webhookTimestamp");
        assert_eq!(l["timestamp"]["unit"], "ms");
        assert_eq!(
            descriptor("stripe")["auth"]["extract"]["keys"],
            serde_json::json!(["v1"])
        );
        assert_eq!(
            descriptor("stripe")["timestamp"]["header"],
            "stripe-signature"
        );
    }

    #[test]
    fn numbered_headers_fill_the_raised_slots() {
        let key = "LcYvS0mrqkmw1dh/a2ArRlcdA2UYeFZzh5U3ajSV3qQ=";
        let v = RawVerifier::new(&format!(r#"{{"provider":"docusign","secret":"{key}"}}"#))
            .ok()
            .unwrap();
        assert_eq!(v.names.len(), MAX_SLOTS);
        let signed = crate::sign(
            Provider::Docusign,
            &SignRequest {
                secret: key,
                timestamp: 1_780_065_000,
                ..Default::default()
            },
        )
        .unwrap();
        let sig = &signed
            .headers
            .iter()
            .find(|(k, _)| k == "x-docusign-signature-1")
            .unwrap()
            .1;
        // The signature in the last slot only (-24): 23 empty slots, then it.
        let joined = format!("{}{sig}", "\0".repeat(MAX_SLOTS - 1));
        let r = v.verify_bytes(&joined, 1 << (MAX_SLOTS - 1), &signed.body, 1_780_065_000.0);
        assert!(r >= 0, "{r}: {}", v.last_error());
        // The event is the body's, in no header: fetched with fields().
        assert_ne!(r & NEEDS_FIELDS, 0);
        let fields: Value = serde_json::from_str(&v.fields()).unwrap();
        assert_eq!(fields["event"], "envelope-sent");
        // Absent everywhere: missing_header.
        let r = v.verify_bytes(
            &"\0".repeat(MAX_SLOTS - 1),
            0,
            &signed.body,
            1_780_065_000.0,
        );
        let missing = ErrorCode::ALL
            .iter()
            .position(|c| *c == ErrorCode::MissingHeader)
            .unwrap();
        assert_eq!(r, -(i32::try_from(missing).unwrap() + 1));
    }

    #[test]
    fn providers_json_describes_what_each_provider_signs() {
        let all: serde_json::Value = serde_json::from_str(&crate::catalogue::providers_json())
            .unwrap_or(serde_json::Value::Null);
        let by_id = |id: &str| {
            all.as_array()
                .and_then(|a| a.iter().find(|p| p["id"] == id))
                .cloned()
                .unwrap_or(serde_json::Value::Null)
        };
        assert_eq!(
            all.as_array().map(Vec::len),
            Some(Provider::ALL.len()),
            "one descriptor per provider"
        );
        let stripe = by_id("stripe");
        assert_eq!(
            stripe["auth"]["signedContent"],
            serde_json::json!([{"part":"timestamp"},{"literal":"."},{"part":"body"}])
        );
        assert_eq!(stripe["auth"]["key"], "utf8");
        assert_eq!(
            stripe["auth"]["extract"],
            serde_json::json!({"kind":"pairs","separator":",","key":"v1","keys":["v1"],"space":false})
        );
        assert_eq!(
            stripe["eventSource"],
            serde_json::json!({"in":"body","name":"type"})
        );
        assert_eq!(stripe["requiredFields"], serde_json::json!(["id", "type"]));
        let svix = by_id("svix");
        assert_eq!(svix["auth"]["key"], "whsec-base64");
        assert_eq!(
            svix["auth"]["extract"],
            serde_json::json!({"kind":"list","separator":" "})
        );
        assert_eq!(
            svix["idSource"],
            serde_json::json!({"in":"header","name":"svix-id"})
        );
        let inspakt = by_id("inspakt");
        assert_eq!(inspakt["auth"]["headerConfigurable"], true);
        assert_eq!(inspakt["idSource"], serde_json::Value::Null);
    }
}
