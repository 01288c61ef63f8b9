// ---- bench probes: appended to a scratch copy of src/js.rs by bench/probes/build.sh --------

/// Verify returning only the key index (no JSON result).
#[wasm_bindgen]
impl RawVerifier {
    #[wasm_bindgen(js_name = verifyStringIndex)]
    pub fn verify_string_index(
        &self,
        h0: Option<String>,
        h1: Option<String>,
        h2: Option<String>,
        h3: Option<String>,
        body: &str,
        now: f64,
    ) -> Result<u32, JsValue> {
        let slots = Slots {
            names: &self.names,
            values: probe_slots([h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()]),
        };
        self.inner
            .verify(&slots, body.as_bytes(), now_seconds(now)?)
            .map(|v| v.key_index as u32)
            .map_err(|e| thrown(&e))
    }

    #[wasm_bindgen(js_name = verifyBytesIndex)]
    pub fn verify_bytes_index(
        &self,
        h0: Option<String>,
        h1: Option<String>,
        h2: Option<String>,
        h3: Option<String>,
        body: &[u8],
        now: f64,
    ) -> Result<u32, JsValue> {
        let slots = Slots {
            names: &self.names,
            values: probe_slots([h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()]),
        };
        self.inner
            .verify(&slots, body, now_seconds(now)?)
            .map(|v| v.key_index as u32)
            .map_err(|e| thrown(&e))
    }

    /// Header values joined by '\n' (absent = empty), one string crossing instead of four.
    #[wasm_bindgen(js_name = verifyJoined)]
    pub fn verify_joined(&self, joined: &str, body: &str, now: f64) -> Result<u32, JsValue> {
        let mut it = joined.split('\n').map(|s| if s.is_empty() { None } else { Some(s) });
        let values = [it.next().flatten(), it.next().flatten(), it.next().flatten(), it.next().flatten()];
        let slots = Slots { names: &self.names, values: probe_slots(values) };
        self.inner
            .verify(&slots, body.as_bytes(), now_seconds(now)?)
            .map(|v| v.key_index as u32)
            .map_err(|e| thrown(&e))
    }

    /// Verify returning the result fields joined by '\n' instead of JSON.
    #[wasm_bindgen(js_name = verifyStringLines)]
    pub fn verify_string_lines(
        &self,
        h0: Option<String>,
        h1: Option<String>,
        h2: Option<String>,
        h3: Option<String>,
        body: &str,
        now: f64,
    ) -> Result<String, JsValue> {
        let slots = Slots {
            names: &self.names,
            values: probe_slots([h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()]),
        };
        self.inner
            .verify(&slots, body.as_bytes(), now_seconds(now)?)
            .map(|v| {
                format!(
                    "{}\n{}\n{}\n{}\n{}",
                    v.event.as_deref().unwrap_or(""),
                    v.id.as_deref().unwrap_or(""),
                    v.timestamp.map(|t| t.to_string()).unwrap_or_default(),
                    v.key_index,
                    v.dedupe_key.as_deref().unwrap_or("")
                )
            })
            .map_err(|e| thrown(&e))
    }
}

#[wasm_bindgen(js_name = probeNoop)]
pub fn probe_noop() -> u32 {
    1
}

#[wasm_bindgen(js_name = probeStr)]
pub fn probe_str(s: &str) -> u32 {
    s.len() as u32
}

#[wasm_bindgen(js_name = probeOptStrings)]
pub fn probe_opt_strings(a: Option<String>, b: Option<String>, c: Option<String>, d: Option<String>) -> u32 {
    (a.map_or(0, |s| s.len()) + b.map_or(0, |s| s.len()) + c.map_or(0, |s| s.len()) + d.map_or(0, |s| s.len())) as u32
}

#[wasm_bindgen(js_name = probeBytes)]
pub fn probe_bytes(b: &[u8]) -> u32 {
    b.len() as u32
}

#[wasm_bindgen(js_name = probeHmac)]
pub fn probe_hmac(key: &[u8], body: &[u8]) -> u32 {
    use hmac::{Hmac, KeyInit, Mac};
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else { return 0 };
    mac.update(body);
    let out = mac.finalize().into_bytes();
    u32::from(out.first().copied().unwrap_or(0))
}

#[wasm_bindgen(js_name = probeEnvelope)]
pub fn probe_envelope(body: &[u8]) -> u32 {
    match crate::envelope::extract_fields(body, &["id", "event"]) {
        Ok(v) => v.len() as u32,
        Err(_) => 0,
    }
}

#[wasm_bindgen(js_name = probeResultJson)]
pub fn probe_result_json() -> String {
    // The same writer and fields as result_json() in src/js.rs.
    let mut w = crate::json::ObjectWriter::new();
    w.opt_str("event", Some("document.completed"))
        .opt_str("id", Some("dlv_01JBENCH0000000000000000"));
    w.num("timestamp", 1_794_999_995_i64);
    w.num("keyIndex", 0_usize)
        .opt_str("dedupeKey", Some("insigner:dlv_01JBENCH0000000000000000"))
        .finish()
}

/// A verifier whose inputs are written by JS straight into a reused wasm-side buffer
/// (TextEncoder.encodeInto), so a call allocates nothing and passes only lengths; it returns the
/// matched key index. Prices the "no marshalling, no result string" design.
#[wasm_bindgen]
pub struct ScratchVerifier {
    inner: Verifier,
    names: Vec<String>,
    buf: Vec<u8>,
}

#[wasm_bindgen]
impl ScratchVerifier {
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: &str) -> Result<ScratchVerifier, JsValue> {
        let options = Options::from_json(options_json).map_err(|e| thrown(&e))?;
        let inner = Verifier::new(&options).map_err(|e| thrown(&e))?;
        let names = inner.header_names();
        Ok(ScratchVerifier { inner, names, buf: Vec::new() })
    }

    /// Grows the buffer to at least `cap` bytes and returns its address in wasm memory.
    pub fn scratch(&mut self, cap: usize) -> usize {
        if self.buf.len() < cap {
            self.buf.resize(cap, 0);
        }
        self.buf.as_mut_ptr() as usize
    }

    /// Lengths of the 4 header values (u32::MAX = absent) and of the body, in buffer order.
    #[wasm_bindgen(js_name = verifyScratch)]
    pub fn verify_scratch(&self, l0: u32, l1: u32, l2: u32, l3: u32, lb: u32, now: f64) -> Result<u32, JsValue> {
        let bad = || thrown(&Error::new(ErrorCode::InvalidConfig, "scratch lengths"));
        let mut off = 0usize;
        let mut values: [Option<&str>; 4] = [None; 4];
        for (slot, l) in values.iter_mut().zip([l0, l1, l2, l3]) {
            if l == u32::MAX {
                continue;
            }
            let end = off + l as usize;
            let bytes = self.buf.get(off..end).ok_or_else(bad)?;
            *slot = Some(std::str::from_utf8(bytes).map_err(|_| bad())?);
            off = end;
        }
        let body = self.buf.get(off..off + lb as usize).ok_or_else(bad)?;
        let slots = Slots { names: &self.names, values: probe_slots(values) };
        self.inner
            .verify(&slots, body, now_seconds(now)?)
            .map(|v| v.key_index as u32)
            .map_err(|e| thrown(&e))
    }
}

#[wasm_bindgen(js_name = probeUtf8)]
pub fn probe_utf8(body: &[u8]) -> u32 {
    u32::from(std::str::from_utf8(body).is_ok())
}

#[wasm_bindgen(js_name = probeJsonValidate)]
pub fn probe_json_validate(body: &[u8]) -> u32 {
    match std::str::from_utf8(body) {
        Ok(s) => u32::from(crate::json::value(s).is_ok()),
        Err(_) => 2,
    }
}

/// Four header values in the first slots of the binding's slot array.
fn probe_slots<'a>(four: [Option<&'a str>; 4]) -> [Option<&'a str>; MAX_SLOTS] {
    std::array::from_fn(|i| four.get(i).copied().flatten())
}
