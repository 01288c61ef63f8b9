//! Metrics: one Workers Analytics Engine data point per decision, written when the decision's
//! log line is (the front door's `delivery` line, the consumer's `queue` lines), into the
//! `METRICS` dataset when it is bound (nothing otherwise). A data point holds names, codes,
//! statuses and timings only, picked field by field from the line: never an id, a body, a token
//! or a secret.
//!
//! Layout (docs/WORKER.md has the ready SQL):
//! - index1: the route path (at most 96 bytes);
//! - blob1 stage (`edge` | `queue`), blob2 route, blob3 provider, blob4 event, blob5 outcome,
//!   blob6 error code, blob7 mode, blob8 reason (Inspakt confirmation);
//! - double1 latency in ms, double2 the status answered, double3 the origin's status,
//!   double4 the retry delay in seconds (0 where none).

use crate::worker::log::{Line, Value};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use worker::{AnalyticsEngineDataPointBuilder, AnalyticsEngineDataset, Env};

pub const METRICS_BINDING: &str = "METRICS";
/// Analytics Engine's limit for an index.
const MAX_INDEX_BYTES: usize = 96;
/// What one blob may hold here (the platform's limit is 16 KB for all blobs together).
const MAX_BLOB_BYTES: usize = 256;

/// Where one invocation's decisions go: the dataset (metrics) and the health store (failure
/// streaks), as this invocation's env gives them, and what is still in flight. One per fetch and
/// per queue batch, never shared: an I/O object belongs to the request that made it.
pub struct Sink {
    dataset: Option<AnalyticsEngineDataset>,
    store: Option<wasm_bindgen::JsValue>,
    /// What writeDataPoint returned when it was a promise (a dataset stood in for over RPC, as
    /// in the tests; Analytics Engine itself returns nothing), and the health notes.
    pending: RefCell<Vec<js_sys::Promise>>,
}

impl Sink {
    pub fn new(env: &Env) -> Sink {
        Sink {
            dataset: env.analytics_engine(METRICS_BINDING).ok(),
            store: crate::worker::health::store(env),
            pending: RefCell::new(Vec::new()),
        }
    }

    /// A decision line's data point and health note (lines that are no decision add nothing).
    pub fn record(&self, line: &Line) {
        let point = self.dataset.as_ref().and_then(|d| write(d, line));
        let note = self
            .store
            .as_ref()
            .and_then(|s| crate::worker::health::note(s, line));
        self.pending
            .borrow_mut()
            .extend(point.into_iter().chain(note));
    }

    /// Waits for what is still in flight, before the invocation ends.
    pub async fn settle(self) {
        let pending = self.pending.take();
        for promise in pending {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
    }
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The data point for a decision line; `None` for lines that are no decision.
pub fn point(line: &Line) -> Option<([String; 8], [f64; 4], String)> {
    let stage = match line.str("msg")? {
        "delivery" => "edge",
        "queue" => "queue",
        _ => return None,
    };
    let outcome = line.str("outcome")?;
    // A note beside the front door's decision (which has its own point), not a decision.
    if outcome == "forwarded_directly" {
        return None;
    }
    let text = |k: &str| cut(line.str(k).unwrap_or(""), MAX_BLOB_BYTES).to_owned();
    let num = |k: &str| match line.get(k) {
        Some(Value::Int(n)) => *n as f64,
        Some(Value::Uint(n)) => *n as f64,
        _ => 0.0,
    };
    let route = text("route");
    let index = cut(&route, MAX_INDEX_BYTES).to_owned();
    Some((
        [
            stage.to_owned(),
            route,
            text("provider"),
            text("event"),
            cut(outcome, MAX_BLOB_BYTES).to_owned(),
            text("code"),
            // The consumer only ever handles queue routes.
            if stage == "queue" {
                "queue".to_owned()
            } else {
                text("mode")
            },
            text("reason"),
        ],
        [
            num("latencyMs"),
            num("status"),
            num("originStatus"),
            num("retryInSeconds"),
        ],
        index,
    ))
}

/// Writes the line's data point, if it is a decision. Best effort: a metrics failure never
/// touches the delivery. Returns what writeDataPoint returned, when it is to be waited for.
fn write(dataset: &AnalyticsEngineDataset, line: &Line) -> Option<js_sys::Promise> {
    let (blobs, doubles, index) = point(line)?;
    let point = AnalyticsEngineDataPointBuilder::new()
        .indexes([index.as_str()])
        .blobs(blobs)
        .doubles(doubles)
        .build();
    let object = point.to_js_object().ok()?;
    let target: &wasm_bindgen::JsValue = dataset.as_ref();
    // typeof checks, not instanceof: an RPC stub's members are proxies. Reflect.apply, not
    // f.call(…): on an RPC stub `.call` would be a remote method.
    let f = js_sys::Reflect::get(target, &"writeDataPoint".into())
        .ok()
        .filter(wasm_bindgen::JsValue::is_function)?;
    let args = js_sys::Array::of1(&object);
    let written =
        js_sys::Reflect::apply(f.unchecked_ref::<js_sys::Function>(), target, &args).ok()?;
    // Adopts any thenable (an RPC promise is one).
    (!written.is_undefined()).then(|| js_sys::Promise::resolve(&written))
}
