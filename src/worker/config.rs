//! Route configuration: the `ROUTES` var (JSON) plus the secrets it names, checked once per
//! isolate and turned into ready verifiers. A broken configuration is reported as
//! `invalid_config` (500) on every webhook route and on `/healthz`, never half-applied.

use crate::{Error, ErrorCode, Options, Provider, SignRequest, Verifier};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

/// The largest body a queue route accepts. A Cloudflare Queue message is at most 128 KB; the
/// body travels base64-encoded (4/3) next to the headers, so 64 KiB leaves ample room.
pub const QUEUE_MAX_BODY_BYTES: usize = 64 * 1024;

/// inSigner gives up on a delivery after 10 s, so the edge must answer before that: the
/// default origin timeout in direct mode leaves 2 s for verification and bookkeeping.
pub const DEFAULT_ORIGIN_TIMEOUT_MS: u32 = 8_000;
/// The longest origin timeout a route may configure.
pub const MAX_ORIGIN_TIMEOUT_MS: u32 = 60_000;
/// Replay records live at least this long by default. inSigner's timestamp header is unsigned,
/// so whoever captured a delivery can replay it with a fresh timestamp: only the remembered id
/// stops that, and a week of ids costs ~100 bytes each.
pub const MIN_DEDUPE_TTL_SECONDS: u64 = 7 * 24 * 60 * 60;

/// How a verified delivery reaches the origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Forward now; the origin's answer decides the provider's (a failure makes it retry).
    Direct,
    /// Put on a Cloudflare Queue, answer 202, and let the consumer forward with retries.
    Queue,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Direct => "direct",
            Mode::Queue => "queue",
        }
    }
}

/// One configured webhook endpoint, ready to serve.
pub struct Route {
    pub path: String,
    pub provider: Provider,
    pub verifier: Verifier,
    pub origin: String,
    pub mode: Mode,
    pub origin_timeout_ms: u32,
    /// The Standard Webhooks secret (`whsec_…`) the forwarded request is re-signed with.
    pub resign_secret: Option<String>,
    pub dedupe_ttl_seconds: u64,
    /// The token header to strip before forwarding (Inspakt).
    pub token_header: Option<String>,
}

/// The whole configuration.
pub struct Config {
    pub routes: Vec<Route>,
    pub queue_retry_base_seconds: u32,
    pub queue_retry_max_seconds: u32,
}

impl Config {
    pub fn route(&self, path: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.path == path)
    }
}

/// What the worker reads from its environment; a trait so the checks do not depend on `Env`.
pub trait Settings {
    /// A plain-text var or secret, `None` when unset.
    fn text(&self, name: &str) -> Option<String>;
    /// Whether a binding (queue, Durable Object namespace) exists.
    fn has_binding(&self, name: &str) -> bool;
}

pub const ROUTES_VAR: &str = "ROUTES";
pub const QUEUE_BINDING: &str = "DELIVERIES";
pub const DEDUPE_BINDING: &str = "DEDUPE";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RouteJson {
    path: String,
    /// Kept as the parsed JavaScript object: the secret is added to it and the core's options
    /// reader checks it (unknown keys, types).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    options: JsValue,
    secret_binding: String,
    origin: String,
    mode: Option<String>,
    origin_timeout_ms: Option<u32>,
    resign_secret_binding: Option<String>,
    dedupe_ttl_seconds: Option<u64>,
}

fn config_error(message: String) -> Error {
    Error::new(ErrorCode::InvalidConfig, message)
}

/// Reads and checks everything; the first problem found is the error.
pub fn load(settings: &dyn Settings) -> Result<Config, Error> {
    let raw = settings.text(ROUTES_VAR).ok_or_else(|| {
        config_error(format!(
            "the {ROUTES_VAR} var is not set (see docs/WORKER.md)"
        ))
    })?;
    // ROUTES holds no secrets (they live in the bindings it names), so the parser's message,
    // which may quote a value, is safe to show.
    let parsed: Vec<RouteJson> = parse_routes(&raw)
        .map_err(|e| config_error(format!("{ROUTES_VAR} is not a JSON array of routes: {e}")))?;
    if parsed.is_empty() {
        return Err(config_error(format!("{ROUTES_VAR} has no routes")));
    }
    let mut routes: Vec<Route> = Vec::with_capacity(parsed.len());
    for r in parsed {
        let route = load_route(settings, r)?;
        if routes.iter().any(|other| other.path == route.path) {
            return Err(config_error(format!(
                "route {}: the path appears twice",
                route.path
            )));
        }
        routes.push(route);
    }
    let seconds = |name: &str, default: u32| -> Result<u32, Error> {
        match settings.text(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 43_200)
                .ok_or_else(|| {
                    config_error(format!("{name} must be whole seconds, at most 43200"))
                }),
        }
    };
    let queue_retry_base_seconds = seconds("QUEUE_RETRY_BASE_SECONDS", 10)?;
    let queue_retry_max_seconds = seconds("QUEUE_RETRY_MAX_SECONDS", 3_600)?;
    if queue_retry_max_seconds < queue_retry_base_seconds {
        return Err(config_error(
            "QUEUE_RETRY_MAX_SECONDS is below QUEUE_RETRY_BASE_SECONDS".to_owned(),
        ));
    }
    Ok(Config {
        routes,
        queue_retry_base_seconds,
        queue_retry_max_seconds,
    })
}

fn load_route(settings: &dyn Settings, r: RouteJson) -> Result<Route, Error> {
    let path = r.path;
    if !path.starts_with('/') || path.contains(['?', '#']) {
        return Err(config_error(format!(
            "route {path:?}: path must start with / and hold no query or fragment"
        )));
    }
    if path == "/healthz" {
        return Err(config_error(
            "route /healthz: that path is the health check".to_owned(),
        ));
    }
    let at = |msg: String| config_error(format!("route {path}: {msg}"));

    let options = r.options;
    if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(at(
            "options must be an object: { \"provider\": … }".to_owned()
        ));
    }
    if js_sys::Reflect::has(&options, &JsValue::from_str("secret")).unwrap_or(true) {
        return Err(at(
            "options.secret is not allowed here: put the secret in a Worker secret and name it \
             in secretBinding"
                .to_owned(),
        ));
    }
    let secrets = read_secret_list(settings, &r.secret_binding).map_err(at)?;
    let list: js_sys::Array = secrets.iter().map(|s| JsValue::from_str(s)).collect();
    set_option(&options, "secret", &list);
    let mode = match r.mode.as_deref() {
        Some("direct") => Some(Mode::Direct),
        Some("queue") => Some(Mode::Queue),
        None => None,
        Some(other) => {
            return Err(at(format!(
                "mode {other:?} is neither \"direct\" nor \"queue\""
            )));
        }
    };
    // Queue messages are limited in size, so a queue route's body limit is capped (and defaults
    // to the cap) before the verifier is built.
    let provisional = Options::from_json(&stringify(&options))
        .map_err(|e| at(format!("options: {}", strip_options_prefix(e.message()))))?;
    let mode = mode.unwrap_or(if provisional.provider.scheme().retries {
        Mode::Direct
    } else {
        Mode::Queue
    });
    if mode == Mode::Queue {
        match provisional.max_body_bytes {
            None => {
                set_option(
                    &options,
                    "maxBodyBytes",
                    &JsValue::from_f64(QUEUE_MAX_BODY_BYTES as f64),
                );
            }
            Some(n) if n > QUEUE_MAX_BODY_BYTES => {
                return Err(at(format!(
                    "maxBodyBytes {n} is over {QUEUE_MAX_BODY_BYTES}, the most a queue route \
                     carries (a queue message holds at most 128 KB)"
                )));
            }
            Some(_) => {}
        }
        if !settings.has_binding(QUEUE_BINDING) {
            return Err(at(format!(
                "mode \"queue\" needs the {QUEUE_BINDING} queue producer binding"
            )));
        }
    }
    let options = Options::from_json(&stringify(&options))
        .map_err(|e| at(format!("options: {}", strip_options_prefix(e.message()))))?;
    let verifier = Verifier::new(&options).map_err(|e| at(e.message().to_owned()))?;
    let provider = options.provider;

    let origin = r.origin;
    // The runtime's URL parser, the one fetch() itself uses.
    match web_sys::Url::new(&origin) {
        Ok(u)
            if matches!(u.protocol().as_str(), "http:" | "https:") && !u.hostname().is_empty() => {}
        _ => return Err(at("origin must be an absolute http(s) URL".to_owned())),
    }
    let origin_timeout_ms = r.origin_timeout_ms.unwrap_or(DEFAULT_ORIGIN_TIMEOUT_MS);
    if origin_timeout_ms == 0 || origin_timeout_ms > MAX_ORIGIN_TIMEOUT_MS {
        return Err(at(format!(
            "originTimeoutMs must be between 1 and {MAX_ORIGIN_TIMEOUT_MS}"
        )));
    }
    let resign_secret = match r.resign_secret_binding {
        None => None,
        Some(name) => {
            let secret = settings
                .text(&name)
                .ok_or_else(|| at(format!("resignSecretBinding {name} is not set")))?;
            // A trial signature proves the secret is a usable whsec_ key now, not at the first
            // delivery.
            crate::sign(
                Provider::StandardWebhooks,
                &SignRequest {
                    secret: &secret,
                    body: Some(b"{}"),
                    timestamp: 0,
                    id: Some("msg_check"),
                    ..Default::default()
                },
            )
            .map_err(|_| {
                at(format!(
                    "resignSecretBinding {name} is not a whsec_ base64 secret"
                ))
            })?;
            Some(secret)
        }
    };
    let tolerance = verifier.tolerance_seconds();
    let dedupe_ttl_seconds = r
        .dedupe_ttl_seconds
        .unwrap_or_else(|| tolerance.saturating_add(300).max(MIN_DEDUPE_TTL_SECONDS));
    if dedupe_ttl_seconds < tolerance {
        return Err(at(format!(
            "dedupeTtlSeconds {dedupe_ttl_seconds} is shorter than the tolerance ({tolerance} s): \
             a replay inside the window would get through"
        )));
    }
    if mode == Mode::Direct && !provider.scheme().retries {
        // Allowed (the origin may be trusted to be up), but worth saying once per isolate.
        crate::worker::log::Line::new("config")
            .field("level", "warn")
            .field("route", path.as_str())
            .field(
                "message",
                format!(
                    "{} never retries: in direct mode an origin failure loses the event; \
                     mode \"queue\" keeps it",
                    provider.scheme().display_name
                ),
            )
            .emit();
    }
    let dedupes = provider.scheme().id_source.is_some() || options.dedupe_by_body_hash;
    if dedupes && !settings.has_binding(DEDUPE_BINDING) {
        return Err(at(format!(
            "replay protection needs the {DEDUPE_BINDING} Durable Object binding"
        )));
    }
    Ok(Route {
        path,
        provider,
        token_header: verifier.token_header().map(str::to_owned),
        verifier,
        origin,
        mode,
        origin_timeout_ms,
        resign_secret,
        dedupe_ttl_seconds,
    })
}

/// The fields a route may have (what `RouteJson` reads, in JSON spelling).
const ROUTE_FIELDS: &[&str] = &[
    "path",
    "options",
    "secretBinding",
    "origin",
    "mode",
    "originTimeoutMs",
    "resignSecretBinding",
    "dedupeTtlSeconds",
];

/// ROUTES to routes. Unknown fields are refused by name (serde-wasm-bindgen reads only the
/// fields it knows, so a typo such as `dedupeTTLSeconds` would otherwise be silently ignored).
fn parse_routes(text: &str) -> Result<Vec<RouteJson>, String> {
    let value = js_parse(text)?;
    if let Some(list) = value.dyn_ref::<js_sys::Array>() {
        for route in list.iter() {
            if !route.is_object() {
                continue; // the typed read below names the problem
            }
            for key in js_sys::Object::keys(route.unchecked_ref::<js_sys::Object>()).iter() {
                let key = key.as_string().unwrap_or_default();
                if !ROUTE_FIELDS.contains(&key.as_str()) {
                    return Err(format!(
                        "unknown field `{key}`, expected one of {}",
                        ROUTE_FIELDS.join(", ")
                    ));
                }
            }
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

fn js_parse(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| {
        js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_else(|| "not JSON".to_owned())
    })
}

/// JSON text to `T`, with the runtime's own JSON.parse.
fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_wasm_bindgen::from_value(js_parse(text)?).map_err(|e| e.to_string())
}

fn stringify(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

fn set_option(options: &JsValue, key: &str, value: &JsValue) {
    // Only fails on a frozen or exotic object, which JSON.parse never makes.
    let _ = js_sys::Reflect::set(options, &JsValue::from_str(key), value);
}

fn strip_options_prefix(msg: &str) -> &str {
    msg.strip_prefix("options: ").unwrap_or(msg)
}

/// A secret binding holds one secret, several separated by commas, or a JSON array (for
/// secrets that contain commas). Nothing is trimmed: the core rejects stray whitespace loudly.
fn read_secret_list(settings: &dyn Settings, name: &str) -> Result<Vec<String>, String> {
    let raw = settings
        .text(name)
        .ok_or_else(|| format!("secretBinding {name} is not set (wrangler secret put {name})"))?;
    if raw.starts_with('[') {
        parse_json::<Vec<String>>(&raw)
            .map_err(|_| format!("secret {name} starts with [ but is not a JSON array of strings"))
    } else {
        Ok(raw.split(',').map(str::to_owned).collect())
    }
}
