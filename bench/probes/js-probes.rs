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
            values: [h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()],
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
            values: [h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()],
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
        let slots = Slots { names: &self.names, values };
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
            values: [h0.as_deref(), h1.as_deref(), h2.as_deref(), h3.as_deref()],
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
    json!({
        "event": "document.completed",
        "id": "dlv_01JBENCH0000000000000000",
        "timestamp": 1794999995,
        "keyIndex": 0,
        "dedupeKey": "insigner:dlv_01JBENCH0000000000000000",
    })
    .to_string()
}
