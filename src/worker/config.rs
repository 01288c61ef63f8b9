//! Route configuration: the `ROUTES` var (JSON) plus the secrets it names, checked once per
//! isolate and turned into ready verifiers. A broken configuration makes every webhook route
//! and `/healthz` answer a bare `invalid_config` (500), never half-applied.
//!
//! The reason goes to the worker's log only, and even there it names routes by their index
//! (`ROUTES[1]`) and fields by their name, never quoting a value: a secret pasted into
//! `secretBinding` or `origin` by mistake must not be published to whoever probes the worker,
//! nor copied into logs. That is also why ROUTES is read field by field here rather than
//! through serde or `JSON.parse`'s messages, which quote what they could not read.

use crate::{Error, ErrorCode, Options, Provider, Verifier};
use wasm_bindgen::{JsCast, JsValue};

/// inSigner gives up on a delivery after 10 s, so the edge must answer before that: the
/// default origin timeout in direct mode leaves 2 s for verification and bookkeeping.
pub const DEFAULT_ORIGIN_TIMEOUT_MS: u32 = 8_000;
/// The longest origin timeout a route may configure.
pub const MAX_ORIGIN_TIMEOUT_MS: u32 = 60_000;
/// Replay records live at least this long by default. inSigner's timestamp header is unsigned,
/// so whoever captured a delivery can replay it with a fresh timestamp: only the remembered id
/// stops that, and a week of ids costs ~100 bytes each.
pub const MIN_DEDUPE_TTL_SECONDS: u64 = 7 * 24 * 60 * 60;
/// The shortest key `HOOKGUARD_QUEUE_KEY` may hold.
pub const MIN_QUEUE_KEY_CHARS: usize = 32;
/// The longest replay memory a route may configure: ten years.
pub const MAX_DEDUPE_TTL_SECONDS: u64 = 10 * 365 * 86_400;
/// How old a queue message may be before the consumer refuses it (see `Config`).
/// The delivery log's default and longest retention, per route (`retentionDays`).
pub const DEFAULT_RETENTION_DAYS: u32 = 7;
pub const MAX_RETENTION_DAYS: u32 = 3650;
pub const DEFAULT_QUEUE_MAX_MESSAGE_AGE_SECONDS: u64 = 30 * 86_400;

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
    /// What the replay memory is kept under (default: the path). Routes that share one share
    /// their memory, so a path can be renamed without forgetting what was delivered.
    pub dedupe_namespace: String,
    /// SHA-256 of each configured secret, to find routes that accept the same deliveries.
    secret_digests: Vec<[u8; 32]>,
    /// Whether deliveries carry a replay key (an id, or the body hash when configured).
    remembers: bool,
    /// The lower-case names of the incoming headers the origin receives: the provider's own
    /// (those its scheme reads, never a token header), `User-Agent`, and the route's
    /// `forwardHeaders`. Everything else a sender adds stays at the edge.
    pub forward_headers: Vec<String>,
    /// The `Content-Type` the origin receives, set by the edge: the body was verified as the
    /// provider's format, whatever the sender's header claimed.
    pub content_type: &'static str,
    /// URL-signing providers (Twilio, Square, HubSpot, PandaDoc): the public URL the provider
    /// calls, when a proxy in front of the worker rewrites it; `None`: the request's own URL.
    pub url: Option<String>,
    /// Inspakt confirmation: look the envelope up before forwarding (queue mode only).
    pub confirm: Option<crate::worker::confirm::Confirm>,
    /// How long the delivery log keeps this route's records and bodies (`retentionDays`).
    pub retention_days: u32,
}

/// The whole configuration.
pub struct Config {
    pub routes: Vec<Route>,
    pub queue_retry_base_seconds: u32,
    pub queue_retry_max_seconds: u32,
    /// A queue message older than this (from its signed `verifiedAt`) is never forwarded; the
    /// consumer's replay memory of delivered messages lasts as long.
    pub queue_max_message_age_seconds: u64,
    /// `HOOKGUARD_QUEUE_KEY`: the first signs queue messages, any may verify one (rotation).
    /// Empty when no route uses the queue.
    pub queue_keys: Vec<String>,
    /// `DEAD_LETTER_QUEUE`: batches from this queue are dead letters, recorded in the log.
    pub dead_letter_queue: String,
}

impl Config {
    pub fn route(&self, path: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.path == path)
    }
}

/// What the worker reads from its environment; a trait so the checks do not depend on `Env`.
pub trait Settings {
    /// A plain-text var or secret, `None` when unset or not text (a binding to a namespace,
    /// queue or service is an object: never a secret, though `JSON.stringify` makes it `{}`).
    fn text(&self, name: &str) -> Option<String>;
    /// A var that may also be written as a TOML array or table (ROUTES), as JSON text.
    fn json_text(&self, name: &str) -> Option<String>;
    /// Whether a binding (queue, Durable Object namespace) exists.
    fn has_binding(&self, name: &str) -> bool;
}

pub const ROUTES_VAR: &str = "ROUTES";
pub const QUEUE_BINDING: &str = "DELIVERIES";
pub const DEDUPE_BINDING: &str = "DEDUPE";
pub const QUEUE_KEY_SECRET: &str = "HOOKGUARD_QUEUE_KEY";
pub const ASSETS_BINDING: &str = "ASSETS";
pub const QUEUE_MAX_AGE_VAR: &str = "QUEUE_MAX_MESSAGE_AGE_SECONDS";
/// The dead-letter queue's name, as the consumer sees it (`batch.queue()`): its batches are
/// recorded as `dead` in the delivery log instead of forwarded.
pub const DEAD_LETTER_QUEUE_VAR: &str = "DEAD_LETTER_QUEUE";
pub const DEFAULT_DEAD_LETTER_QUEUE: &str = "hookguard-deliveries-dlq";
pub const ADMIN_TOKEN_SECRET: &str = "HOOKGUARD_ADMIN_TOKEN";

/// The worker's own vars, secrets and bindings: a route's secret is never one of them (a var
/// is public, and a binding is no secret at all).
const OWN_NAMES: &[&str] = &[
    ROUTES_VAR,
    QUEUE_BINDING,
    DEDUPE_BINDING,
    QUEUE_KEY_SECRET,
    ASSETS_BINDING,
    QUEUE_MAX_AGE_VAR,
    "QUEUE_RETRY_BASE_SECONDS",
    "QUEUE_RETRY_MAX_SECONDS",
    ADMIN_TOKEN_SECRET,
    crate::worker::metrics::METRICS_BINDING,
    crate::worker::health::HEALTH_BINDING,
    crate::worker::health::ALERT_URL_VAR,
    crate::worker::health::ALERT_SECRET,
    crate::worker::health::ALERT_STREAK_VAR,
    crate::worker::health::ALERT_EMAIL_BINDING,
    crate::worker::health::ALERT_EMAIL_FROM_VAR,
    crate::worker::health::ALERT_EMAIL_TO_VAR,
    crate::worker::store::LOG_BINDING,
    crate::worker::store::BODIES_BINDING,
    DEAD_LETTER_QUEUE_VAR,
];

/// The fields a route may have, in JSON spelling.
const ROUTE_FIELDS: &[&str] = &[
    "path",
    "options",
    "secretBinding",
    "origin",
    "mode",
    "originTimeoutMs",
    "resignSecretBinding",
    "dedupeTtlSeconds",
    "dedupeNamespace",
    "forwardHeaders",
    "url",
    "verifyTokenBinding",
    "confirm",
    "retentionDays",
];

/// The fields of a route's `confirm` object (Inspakt confirmation).
const CONFIRM_FIELDS: &[&str] = &["apiKeyBinding", "apiBase", "timeoutMs", "graceSeconds"];

/// Paths the worker answers itself.
const RESERVED_PREFIX: &str = "/_hookguard";
const HEALTH_PATH: &str = "/healthz";

/// Headers a route may not add to `forwardHeaders`: the edge sets them itself (content type and
/// length, its own facts and signature), they are hop-by-hop, or they change how a proxy or
/// framework in front of the origin reads the request (routing, method, client address).
const NOT_FORWARDABLE: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "content-type",
    "content-encoding",
    "forwarded",
    "via",
    "x-original-url",
    "x-rewrite-url",
    "x-http-method-override",
    "x-http-method",
    "x-method-override",
    "cdn-loop",
    "true-client-ip",
    "x-real-ip",
    "x-client-ip",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
];
const NOT_FORWARDABLE_PREFIXES: &[&str] = &["x-hookguard-", "cf-", "x-forwarded-"];

fn config_error(message: String) -> Error {
    Error::new(ErrorCode::InvalidConfig, message)
}

/// Reads and checks everything; the first problem found is the error.
pub fn load(settings: &dyn Settings) -> Result<Config, Error> {
    let raw = settings.json_text(ROUTES_VAR).ok_or_else(|| {
        config_error(format!(
            "the {ROUTES_VAR} var is not set (see docs/WORKER.md)"
        ))
    })?;
    // The core's reader says where the text breaks without quoting it (V8's message would).
    crate::json::validate(&raw)
        .map_err(|e| config_error(format!("{ROUTES_VAR} is not valid JSON: {}", e.describe())))?;
    let parsed = js_sys::JSON::parse(&raw)
        .map_err(|_| config_error(format!("{ROUTES_VAR} is not valid JSON")))?;
    let Some(list) = parsed.dyn_ref::<js_sys::Array>() else {
        return Err(config_error(format!(
            "{ROUTES_VAR} must be a JSON array of routes"
        )));
    };
    if list.length() == 0 {
        return Err(config_error(format!("{ROUTES_VAR} has no routes")));
    }
    let mut routes: Vec<Route> = Vec::with_capacity(list.length() as usize);
    for (i, r) in list.iter().enumerate() {
        let route = load_route(settings, &Fields::new(&r, i)?)?;
        if let Some(j) = routes.iter().position(|other| other.path == route.path) {
            return Err(config_error(format!(
                "ROUTES[{i}]: the path is the same as ROUTES[{j}]'s"
            )));
        }
        // Two routes that accept the same deliveries (one provider, a common secret) with
        // separate replay memories let a delivery accepted at one path be replayed once at the
        // other. A provider sends a webhook to one URL, so this is a migration or a mistake:
        // said at level warn once per isolate (refusing it would also refuse test setups that
        // put one secret behind many paths on purpose).
        if let Some(j) = routes.iter().position(|other| {
            other.provider == route.provider
                && route.remembers
                && other.dedupe_namespace != route.dedupe_namespace
                && other
                    .secret_digests
                    .iter()
                    .any(|d| route.secret_digests.contains(d))
        }) {
            crate::worker::log::Line::new("config")
                .field("level", "warn")
                .field(
                    "message",
                    format!(
                        "ROUTES[{i}] shares a secret with ROUTES[{j}] but not its replay memory: \
                         a delivery accepted at one path could be replayed at the other; give \
                         both the same dedupeNamespace"
                    ),
                )
                .emit();
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
    let queue_keys = if routes.iter().any(|r| r.mode == Mode::Queue) {
        read_queue_keys(settings)?
    } else {
        Vec::new()
    };
    // Queue retention is at most 14 days and so is the dead-letter queue's: 30 days covers a
    // message that sat in both and was re-driven.
    let queue_max_message_age_seconds = match settings.text(QUEUE_MAX_AGE_VAR) {
        None => DEFAULT_QUEUE_MAX_MESSAGE_AGE_SECONDS,
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (3_600..=MAX_DEDUPE_TTL_SECONDS).contains(n))
            .ok_or_else(|| {
                config_error(format!(
                    "{QUEUE_MAX_AGE_VAR} must be whole seconds from 3600 to \
                     {MAX_DEDUPE_TTL_SECONDS}"
                ))
            })?,
    };
    let dead_letter_queue = settings
        .text(DEAD_LETTER_QUEUE_VAR)
        .unwrap_or_else(|| DEFAULT_DEAD_LETTER_QUEUE.to_owned());
    Ok(Config {
        routes,
        queue_retry_base_seconds,
        queue_retry_max_seconds,
        queue_max_message_age_seconds,
        queue_keys,
        dead_letter_queue,
    })
}

/// Queue messages are authenticated with this key, which only the worker holds: whatever else
/// can produce to the queue (another Worker's binding, an API token, the dashboard, a re-drive)
/// cannot make a message the consumer forwards.
fn read_queue_keys(settings: &dyn Settings) -> Result<Vec<String>, Error> {
    let raw = settings.text(QUEUE_KEY_SECRET).ok_or_else(|| {
        config_error(format!(
            "mode \"queue\" needs the Worker secret {QUEUE_KEY_SECRET}: a random key of at least \
             {MIN_QUEUE_KEY_CHARS} characters that authenticates queue messages \
             (wrangler secret put {QUEUE_KEY_SECRET}; see docs/WORKER.md)"
        ))
    })?;
    let keys: Vec<String> = raw.split(',').map(str::to_owned).collect();
    for (i, k) in keys.iter().enumerate() {
        if k.chars().count() < MIN_QUEUE_KEY_CHARS || k.trim() != k {
            return Err(config_error(format!(
                "{QUEUE_KEY_SECRET} key {i} is shorter than {MIN_QUEUE_KEY_CHARS} characters or \
                 has surrounding whitespace"
            )));
        }
    }
    Ok(keys)
}

/// One route object, read field by field; every message names `ROUTES[i].field`, never a value.
struct Fields<'a> {
    obj: &'a JsValue,
    index: usize,
}

impl<'a> Fields<'a> {
    fn new(obj: &'a JsValue, index: usize) -> Result<Fields<'a>, Error> {
        let f = Fields { obj, index };
        if !obj.is_object() || js_sys::Array::is_array(obj) {
            return Err(f.err("", "must be an object"));
        }
        let keys = js_sys::Object::keys(obj.unchecked_ref::<js_sys::Object>());
        let count = keys.length() as usize;
        for (i, key) in keys.iter().enumerate() {
            let key = key.as_string().unwrap_or_default();
            if !ROUTE_FIELDS.contains(&key.as_str()) {
                // Named only when it is a likely typo of a field: a secret pasted as a key
                // stays out of the log.
                return Err(f.err(
                    "",
                    &format!(
                        "{}; expected one of {}",
                        crate::verify::describe_unknown_key(&key, i + 1, count, ROUTE_FIELDS),
                        ROUTE_FIELDS.join(", ")
                    ),
                ));
            }
        }
        Ok(f)
    }

    fn err(&self, field: &str, what: &str) -> Error {
        let i = self.index;
        if field.is_empty() {
            config_error(format!("ROUTES[{i}] {what}"))
        } else {
            config_error(format!("ROUTES[{i}].{field} {what}"))
        }
    }

    /// The field's value; `None` when absent or null.
    fn get(&self, field: &str) -> Option<JsValue> {
        js_sys::Reflect::get(self.obj, &JsValue::from_str(field))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn string(&self, field: &str) -> Result<Option<String>, Error> {
        match self.get(field) {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or_else(|| self.err(field, "must be a string")),
        }
    }

    fn required_string(&self, field: &str) -> Result<String, Error> {
        self.string(field)?
            .ok_or_else(|| self.err(field, "is required"))
    }

    /// A whole number from 0 to `max`.
    fn uint(&self, field: &str, max: u64) -> Result<Option<u64>, Error> {
        let Some(v) = self.get(field) else {
            return Ok(None);
        };
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=max as f64).contains(&n) => Ok(Some(n as u64)),
            _ => Err(self.err(field, &format!("must be a whole number from 0 to {max}"))),
        }
    }

    fn strings(&self, field: &str) -> Result<Option<Vec<String>>, Error> {
        let Some(v) = self.get(field) else {
            return Ok(None);
        };
        let wrong = || self.err(field, "must be an array of strings");
        let list = v.dyn_ref::<js_sys::Array>().ok_or_else(wrong)?;
        list.iter()
            .map(|item| item.as_string().ok_or_else(wrong))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// The secret(s) held by the Worker secret whose name is in `field`.
    fn secret(&self, settings: &dyn Settings, field: &str) -> Result<Option<String>, Error> {
        let Some(name) = self.string(field)? else {
            return Ok(None);
        };
        if !is_binding_name(&name) {
            return Err(self.err(
                field,
                "must be the name of a Worker secret (letters, digits and _), not the secret \
                 itself",
            ));
        }
        if OWN_NAMES.contains(&name.as_str()) {
            return Err(self.err(
                field,
                "names one of the worker's own vars or bindings, not a secret",
            ));
        }
        settings
            .text(&name)
            .map(Some)
            .ok_or_else(|| self.err(field, "names a Worker secret that is not set"))
    }
}

fn is_binding_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.len() <= 128
}

fn load_route(settings: &dyn Settings, f: &Fields) -> Result<Route, Error> {
    let path = f.required_string("path")?;
    if !path.starts_with('/')
        || path.contains(['?', '#'])
        || !path.bytes().all(|c| (0x21..0x7f).contains(&c))
        || path.len() > 1024
    {
        return Err(f.err(
            "path",
            "must start with /, be visible ASCII and hold no query or fragment",
        ));
    }
    if path == HEALTH_PATH || path.starts_with(RESERVED_PREFIX) {
        return Err(f.err(
            "path",
            "is one the worker answers itself (/healthz, /_hookguard…)",
        ));
    }

    let options = f
        .get("options")
        .filter(|o| o.is_object() && !js_sys::Array::is_array(o))
        .ok_or_else(|| f.err("options", "must be an object: { \"provider\": … }"))?;
    if js_sys::Reflect::has(&options, &JsValue::from_str("secret")).unwrap_or(true) {
        return Err(f.err(
            "options",
            "may not hold a secret: put it in a Worker secret and name that in secretBinding",
        ));
    }
    // A provider verified with public keys alone (Discord, SendGrid, Standard Webhooks v1a)
    // takes them in options.publicKey: they are public, so ROUTES may hold them, and no
    // secretBinding is needed.
    let has_public_key = js_sys::Reflect::get(&options, &JsValue::from_str("publicKey"))
        .is_ok_and(|v| !v.is_undefined() && !v.is_null());
    let secrets = match f.secret(settings, "secretBinding")? {
        Some(raw_secrets) => {
            let secrets = split_secret_list(&raw_secrets).map_err(|e| f.err("secretBinding", e))?;
            let list: js_sys::Array = secrets.iter().map(|s| JsValue::from_str(s)).collect();
            // Only fails on a frozen or exotic object, which JSON.parse never makes.
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str("secret"), &list);
            secrets
        }
        None if has_public_key => Vec::new(),
        None => {
            return Err(f.err(
                "secretBinding",
                "is required (or options.publicKey, for providers verified with a public key)",
            ));
        }
    };
    // Meta's GET endpoint check: the Verify Token, a Worker secret like the app secret.
    if js_sys::Reflect::has(&options, &JsValue::from_str("verifyToken")).unwrap_or(true) {
        return Err(f.err(
            "options",
            "may not hold verifyToken: put it in a Worker secret and name that in \
             verifyTokenBinding",
        ));
    }
    if let Some(token) = f.secret(settings, "verifyTokenBinding")? {
        let _ = js_sys::Reflect::set(
            &options,
            &JsValue::from_str("verifyToken"),
            &JsValue::from_str(&token),
        );
    }
    let options_json = js_sys::JSON::stringify(&options)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let at_options = |e: Error| {
        let msg = e.message();
        let msg = msg.strip_prefix("options: ").unwrap_or(msg).trim_start();
        // A custom descriptor's message names its field (`scheme.timestamp.unit must be …`):
        // logged as ROUTES[i].options.scheme.timestamp.unit.
        match msg.split_once(' ') {
            Some((path, rest)) if path == "scheme" || path.starts_with("scheme.") => {
                f.err(&format!("options.{path}"), rest)
            }
            Some(("scheme:", rest)) => f.err("options.scheme", rest),
            _ => f.err("options", msg),
        }
    };
    let mut options = Options::from_json(&options_json).map_err(at_options)?;
    let mut verifier = Verifier::new(&options).map_err(at_options)?;
    let provider = options.provider;
    // The provider's descriptor, or the route's custom one.
    let scheme = verifier.scheme();

    let mode = match f.string("mode")?.as_deref() {
        Some("direct") => Mode::Direct,
        Some("queue") => Mode::Queue,
        None if scheme.retries => Mode::Direct,
        None => Mode::Queue,
        Some(_) => return Err(f.err("mode", "must be \"direct\" or \"queue\"")),
    };
    if mode == Mode::Queue && !settings.has_binding(QUEUE_BINDING) {
        return Err(f.err(
            "mode",
            &format!("\"queue\" needs the {QUEUE_BINDING} queue producer binding"),
        ));
    }

    let origin = f.required_string("origin")?;
    // The runtime's URL parser, the one fetch() itself uses.
    match web_sys::Url::new(&origin) {
        Ok(u)
            if matches!(u.protocol().as_str(), "http:" | "https:") && !u.hostname().is_empty() => {}
        _ => return Err(f.err("origin", "must be an absolute http(s) URL")),
    }
    let origin_timeout_ms = f
        .uint("originTimeoutMs", u64::from(MAX_ORIGIN_TIMEOUT_MS))?
        .map_or(Ok(DEFAULT_ORIGIN_TIMEOUT_MS), |ms| {
            u32::try_from(ms)
                .ok()
                .filter(|ms| *ms > 0)
                .ok_or_else(|| f.err("originTimeoutMs", "must be at least 1"))
        })?;
    let resign_secret = match f.secret(settings, "resignSecretBinding")? {
        None => None,
        Some(secret) => {
            // A trial signature proves the secret is a usable whsec_ key now, not at the first
            // delivery.
            crate::standard_webhooks_headers(&secret, "msg_check", 0, b"{}").map_err(|_| {
                f.err(
                    "resignSecretBinding",
                    "names a secret that is neither a whsec_ base64 key (v1 HMAC) nor a whsk_ \
                     Ed25519 private key (v1a)",
                )
            })?;
            Some(secret)
        }
    };
    let tolerance = verifier.tolerance_seconds();
    // With a signed event time, the replay memory must cover the provider's retries plus the
    // tolerance (see below); a week otherwise covers everything a provider does.
    let min_event_age = scheme.min_event_age_seconds(tolerance);
    let dedupe_ttl_seconds = f
        .uint("dedupeTtlSeconds", MAX_DEDUPE_TTL_SECONDS)?
        .unwrap_or_else(|| {
            tolerance
                .saturating_add(300)
                .max(MIN_DEDUPE_TTL_SECONDS)
                .max(min_event_age.map_or(0, |m| m.saturating_add(tolerance)))
        });
    if dedupe_ttl_seconds < tolerance {
        return Err(f.err(
            "dedupeTtlSeconds",
            &format!(
                "is shorter than the tolerance ({tolerance} s): a replay inside the window \
                 would get through"
            ),
        ));
    }
    // The replay memory of a delivery ends dedupeTtlSeconds after it was delivered; what stops a
    // captured delivery after that (its timestamp header is unsigned and can be refreshed) is
    // the signed event time. The core accepts an event created at most `tolerance` ahead of
    // the edge's clock and at most maxEventAgeSeconds ago, so a replay passes the age check
    // until (delivery + tolerance + maxEventAgeSeconds): the bound may therefore be at most the
    // memory minus the tolerance, and defaults to exactly that. It must also outlast the
    // provider's own retries, or genuine late retries would be refused.
    if let Some(min) = min_event_age {
        let room = dedupe_ttl_seconds.saturating_sub(tolerance);
        if room < min {
            return Err(f.err(
                "dedupeTtlSeconds",
                &format!(
                    "is shorter than {} s ({}'s retry window with a margin, plus the \
                     tolerance): events older than the replay memory are refused, so its own \
                     late retries would be",
                    min.saturating_add(tolerance),
                    scheme.display_name
                ),
            ));
        }
        match options.max_event_age_seconds {
            Some(max) if max > room => {
                return Err(f.err(
                    "options",
                    "maxEventAgeSeconds is longer than dedupeTtlSeconds minus toleranceSeconds: \
                     a replay arriving after the replay memory ends would be forwarded",
                ));
            }
            Some(_) => {}
            None => {
                options.max_event_age_seconds = Some(room.min(crate::MAX_EVENT_AGE_SECONDS));
                verifier = Verifier::new(&options).map_err(at_options)?;
            }
        }
    }
    let dedupe_namespace = match f.string("dedupeNamespace")? {
        None => path.clone(),
        Some(ns)
            if !ns.is_empty()
                && ns.len() <= 256
                && ns.bytes().all(|c| (0x21..0x7f).contains(&c)) =>
        {
            ns
        }
        Some(_) => {
            return Err(f.err(
                "dedupeNamespace",
                "must be 1 to 256 visible ASCII characters",
            ));
        }
    };
    // Public keys count like secrets: two routes trusting one key accept the same deliveries.
    let secret_digests = secrets
        .iter()
        .chain(options.public_keys.iter())
        .map(|s| {
            use sha2::Digest as _;
            sha2::Sha256::digest(s.as_bytes()).into()
        })
        .collect();
    let forward_headers = forward_headers(f, &verifier)?;
    if mode == Mode::Direct && !scheme.retries {
        // Allowed (the origin may be trusted to be up), but worth saying once per isolate.
        crate::worker::log::Line::new("config")
            .field("level", "warn")
            .field("route", path.as_str())
            .field(
                "message",
                format!(
                    "{} never retries: in direct mode an origin failure loses the event; \
                     mode \"queue\" keeps it",
                    scheme.display_name
                ),
            )
            .emit();
    }
    let dedupes = scheme.id_source.is_some() || options.dedupe_by_body_hash || scheme.dedupe_signed;
    if dedupes && !settings.has_binding(DEDUPE_BINDING) {
        return Err(f.err(
            "",
            &format!("needs the {DEDUPE_BINDING} Durable Object binding for replay protection"),
        ));
    }
    let content_type = scheme
        .static_headers
        .iter()
        .find(|(name, _)| *name == "content-type")
        .map_or("application/json", |(_, value)| *value);
    // The public URL the provider signs, when a proxy rewrites it before the worker.
    let url = f.string("url")?;
    if let Some(u) = &url {
        if !verifier.needs_url() {
            return Err(f.err(
                "url",
                &format!(
                    "is for providers that sign the request URL; {} does not",
                    scheme.display_name
                ),
            ));
        }
        if let Some(why) = crate::url::url_problem(u) {
            return Err(f.err("url", why));
        }
    }
    let confirm = read_confirm(settings, f, provider, mode)?;
    let retention_days = match f.uint("retentionDays", u64::from(MAX_RETENTION_DAYS))? {
        None => DEFAULT_RETENTION_DAYS,
        Some(0) => return Err(f.err("retentionDays", "must be at least 1")),
        Some(d) => u32::try_from(d).unwrap_or(MAX_RETENTION_DAYS),
    };
    Ok(Route {
        path,
        provider,
        verifier,
        origin,
        mode,
        origin_timeout_ms,
        resign_secret,
        dedupe_ttl_seconds,
        dedupe_namespace,
        secret_digests,
        remembers: dedupes,
        forward_headers,
        content_type,
        url,
        confirm,
        retention_days,
    })
}

/// `confirm: {"apiKeyBinding", "apiBase", "timeoutMs"?}`: Inspakt routes in queue mode only.
fn read_confirm(
    settings: &dyn Settings,
    f: &Fields,
    provider: Provider,
    mode: Mode,
) -> Result<Option<crate::worker::confirm::Confirm>, Error> {
    use crate::worker::confirm::{
        Confirm, DEFAULT_GRACE_SECONDS, DEFAULT_TIMEOUT_MS, MAX_GRACE_SECONDS, MAX_TIMEOUT_MS,
    };
    let Some(obj) = f.get("confirm") else {
        return Ok(None);
    };
    if !obj.is_object() || js_sys::Array::is_array(&obj) {
        return Err(f.err(
            "confirm",
            "must be an object: { \"apiKeyBinding\": …, \"apiBase\": … }",
        ));
    }
    if provider != Provider::Inspakt {
        return Err(f.err(
            "confirm",
            "is for Inspakt routes (it looks the envelope up with Inspakt's API)",
        ));
    }
    if mode != Mode::Queue {
        return Err(f.err(
            "confirm",
            "needs mode \"queue\": Inspakt never retries, so an event whose confirmation fails \
             (the API down or slow) must wait in the queue and be confirmed again, not be lost",
        ));
    }
    let c = Fields {
        obj: &obj,
        index: f.index,
    };
    let keys = js_sys::Object::keys(obj.unchecked_ref::<js_sys::Object>());
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_default();
        if !CONFIRM_FIELDS.contains(&key.as_str()) {
            return Err(f.err(
                "confirm",
                &format!(
                    "has a field that is not one of {}",
                    CONFIRM_FIELDS.join(", ")
                ),
            ));
        }
    }
    let nested = |e: Error| {
        let msg = e.message();
        let at = format!("ROUTES[{}].", f.index);
        config_error(msg.replacen(&at, &format!("{at}confirm."), 1))
    };
    // The API key must not be the webhook token: that one is the secret a forger is assumed to
    // know, and it would then also open the API.
    let key_binding = c.string("apiKeyBinding").map_err(nested)?;
    if key_binding.is_some() && key_binding == f.string("secretBinding")? {
        return Err(f.err(
            "confirm.apiKeyBinding",
            "names the same Worker secret as secretBinding: the API key must be its own secret",
        ));
    }
    let api_key = c
        .secret(settings, "apiKeyBinding")
        .map_err(nested)?
        .ok_or_else(|| f.err("confirm.apiKeyBinding", "is required"))?;
    if api_key.is_empty() || api_key.trim() != api_key {
        return Err(f.err(
            "confirm.apiKeyBinding",
            "names a secret that is empty or has surrounding whitespace",
        ));
    }
    let base = c
        .string("apiBase")
        .map_err(nested)?
        .ok_or_else(|| f.err("confirm.apiBase", "is required"))?;
    // The raw text too: the parser reports an empty `?` or `#` as no query, and trims spaces.
    let clean = !base.contains(['?', '#']) && !base.chars().any(char::is_whitespace);
    let api_base = match web_sys::Url::new(&base) {
        Ok(u)
            if clean
                && u.search().is_empty()
                && u.hash().is_empty()
                && u.username().is_empty()
                && u.password().is_empty()
                && (u.protocol() == "https:"
                    || (u.protocol() == "http:"
                        && matches!(
                            u.hostname().as_str(),
                            "127.0.0.1" | "localhost" | "[::1]"
                        ))) =>
        {
            u.href().trim_end_matches('/').to_owned()
        }
        _ => {
            return Err(f.err(
                "confirm.apiBase",
                "must be an https URL with no query, fragment or credentials (http only on \
                 loopback, for local tests)",
            ));
        }
    };
    let timeout_ms = c
        .uint("timeoutMs", u64::from(MAX_TIMEOUT_MS))
        .map_err(nested)?
        .map_or(Ok(DEFAULT_TIMEOUT_MS), |ms| {
            u32::try_from(ms)
                .ok()
                .filter(|ms| *ms > 0)
                .ok_or_else(|| f.err("confirm.timeoutMs", "must be at least 1"))
        })?;
    let grace_seconds = c
        .uint("graceSeconds", MAX_GRACE_SECONDS)
        .map_err(nested)?
        .unwrap_or(DEFAULT_GRACE_SECONDS);
    Ok(Some(Confirm {
        api_key,
        api_base,
        timeout_ms,
        grace_seconds,
    }))
}

/// The incoming headers that reach the origin (see [`Route::forward_headers`]).
fn forward_headers(f: &Fields, verifier: &Verifier) -> Result<Vec<String>, Error> {
    let token = verifier.token_header();
    let mut names: Vec<String> = verifier
        .header_names()
        .into_iter()
        .filter(|n| Some(n.as_str()) != token)
        .collect();
    names.push("user-agent".to_owned());
    for (i, extra) in f
        .strings("forwardHeaders")?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let field = format!("forwardHeaders[{i}]");
        let name = extra.to_ascii_lowercase();
        if name.is_empty() || !name.bytes().all(is_tchar) || name.len() > 256 {
            return Err(f.err(&field, "is not an HTTP header name"));
        }
        if name.contains('_') {
            // Many servers (WSGI/CGI, Rack, PHP) read `_` as `-`: an underscore name would let
            // a sender's alias merge with a header the edge vouches for.
            return Err(f.err(
                &field,
                "contains `_`, which many servers read as `-`: forward the `-` spelling",
            ));
        }
        let reserved = NOT_FORWARDABLE.contains(&name.as_str())
            || NOT_FORWARDABLE_PREFIXES.iter().any(|p| name.starts_with(p))
            || Some(name.as_str()) == token;
        if reserved {
            return Err(f.err(
                &field,
                "names a header the edge sets, drops or keeps secret itself",
            ));
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // Last, whatever was added: a token header named like one that is forwarded (User-Agent)
    // still never leaves the edge.
    names.retain(|n| Some(n.as_str()) != token);
    Ok(names)
}

/// RFC 9110 `tchar`, lower case.
fn is_tchar(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || b"!#$%&'*+-.^_`|~".contains(&c)
}

/// A secret binding holds one secret, several separated by commas, or a JSON array (for
/// secrets that contain commas). Nothing is trimmed: the core rejects stray whitespace loudly.
fn split_secret_list(raw: &str) -> Result<Vec<String>, &'static str> {
    const NOT_A_LIST: &str = "names a secret that starts with [ but is not a JSON array of strings";
    if !raw.starts_with('[') {
        return Ok(raw.split(',').map(str::to_owned).collect());
    }
    let list = js_sys::JSON::parse(raw).map_err(|_| NOT_A_LIST)?;
    let list = list.dyn_ref::<js_sys::Array>().ok_or(NOT_A_LIST)?;
    list.iter()
        .map(|s| s.as_string().ok_or(NOT_A_LIST))
        .collect()
}
