//! Failure streaks and alerts. inSigner switches a webhook off after 20 consecutive failed
//! deliveries, and from a provider's side any answer that is not 2xx is a failure: an origin that
//! is down, but also a rotated secret that makes every genuine delivery `signature_mismatch`.
//! The worker counts each route's consecutive failures, at the front door (what the provider
//! saw) and in the queue consumer (what the origin did), in one SQLite-backed Durable Object
//! (`HEALTH`, class `HealthStore`), and a cron trigger alerts when a streak reaches
//! `ALERT_FAILURE_STREAK` (default 5, well before inSigner's 20) and again when it ends.
//!
//! Notes to the object never hold up a delivery: they are sent after the answer (`wait_until`,
//! or before a queue batch ends), and a failing store only loses a note. Each isolate sends at
//! most one failure note per route and stage per second (carrying the count since its last one)
//! and one success note per ten seconds (at once after a failure it noted), so a flood of
//! forgeries costs the object one write a second, not one per request.
//!
//! Dead letters are counted too (stage `dead`, noted by the dead-letter consumer once it has
//! recorded one): the next cron run alerts with how many arrived per route (`dead_letter`), once.
//!
//! An alert is a Standard Webhooks POST to `ALERT_URL`, signed with `ALERT_SECRET` (`whsec_`),
//! `{"type":"hookguard.alert","alerts":[…]}`; each also goes to the log at level error. It names
//! the route, the stage, the streak and the last outcome: never an id, a body or a secret.

use crate::json::{Field, ObjectWriter, object_fields, object_members};
use crate::worker::log::Line;
use crate::worker::raw_fetch;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;
use worker::{
    DurableObject, Env, Request, Response, ResponseBuilder, Result, SqlStorage, SqlStorageValue,
    State, durable_object,
};

pub const HEALTH_BINDING: &str = "HEALTH";
pub const ALERT_URL_VAR: &str = "ALERT_URL";
pub const ALERT_SECRET: &str = "ALERT_SECRET";
pub const ALERT_STREAK_VAR: &str = "ALERT_FAILURE_STREAK";
pub const DEFAULT_ALERT_STREAK: u32 = 5;
/// The object holding every route's streaks.
const OBJECT_NAME: &str = "health";
const FAILURE_NOTE_EVERY_MS: i64 = 1_000;
const SUCCESS_NOTE_EVERY_MS: i64 = 10_000;

/// Front-door outcomes that are a failure from the provider's side (it got no 2xx).
fn front_door_failed(status: u64) -> bool {
    !(200..300).contains(&status)
}

/// Consumer outcomes: delivered is a success; these are failures (the message is retried).
const CONSUMER_FAILURES: &[&str] = &[
    "origin_refused",
    "origin_timeout",
    "origin_unreachable",
    "internal_error",
    "forward_failed",
    "confirm_unavailable",
];

#[derive(Default)]
struct Tally {
    failures: u64,
    last_failure_note: i64,
    last_success_note: i64,
    /// A failure was noted since the last success note: the next success is noted at once.
    failed_since_success: bool,
    outcome: String,
}

thread_local! {
    /// This isolate's counts since its last notes (plain numbers: no I/O object is kept).
    static TALLIES: RefCell<HashMap<(String, &'static str), Tally>> = RefCell::new(HashMap::new());
}

/// The store's stub for this invocation, `None` without the HEALTH binding.
pub fn store(env: &Env) -> Option<JsValue> {
    let ns = env.durable_object(HEALTH_BINDING).ok()?;
    let id = ns.id_from_name(OBJECT_NAME).ok()?;
    Some(id.get_stub().ok()?.into_rpc::<JsValue>())
}

/// What a decision line says for the streaks: (route, stage, failed, outcome).
fn judge(line: &Line) -> Option<(String, &'static str, bool, String)> {
    let route = line.str("route")?.to_owned();
    let outcome = line.str("outcome")?;
    match line.str("msg")? {
        "delivery" => {
            let status = match line.get("status") {
                Some(crate::worker::log::Value::Uint(n)) => *n,
                _ => return None,
            };
            let label = line.str("code").unwrap_or(outcome);
            Some((route, "edge", front_door_failed(status), label.to_owned()))
        }
        "queue" if outcome == "delivered" => Some((route, "queue", false, outcome.to_owned())),
        "queue" if CONSUMER_FAILURES.contains(&outcome) => {
            Some((route, "queue", true, outcome.to_owned()))
        }
        _ => None,
    }
}

/// Counts a decision; returns the note to send to the store now, if one is due.
fn tally(line: &Line, now: i64) -> Option<String> {
    let (route, stage, failed, outcome) = judge(line)?;
    TALLIES.with(|t| {
        let mut t = t.borrow_mut();
        let entry = t.entry((route.clone(), stage)).or_default();
        let mut w = ObjectWriter::new();
        w.str("op", "note").str("route", &route).str("stage", stage);
        if failed {
            entry.failures = entry.failures.saturating_add(1);
            entry.outcome = outcome;
            if now - entry.last_failure_note < FAILURE_NOTE_EVERY_MS {
                return None;
            }
            w.num("failures", entry.failures)
                .str("outcome", &entry.outcome);
            entry.failures = 0;
            entry.last_failure_note = now;
            entry.failed_since_success = true;
        } else {
            if !entry.failed_since_success && now - entry.last_success_note < SUCCESS_NOTE_EVERY_MS
            {
                return None;
            }
            w.num("failures", 0u32);
            entry.last_success_note = now;
            entry.failed_since_success = false;
            // Failures counted but not yet noted came before this success: they no longer count.
            entry.failures = 0;
        }
        w.num("at", now);
        Some(w.finish())
    })
}

/// Counts a decision line; when a note is due, sends it to the store and returns its promise
/// (the caller's `Sink` settles it before the invocation ends).
pub fn note(stub: &JsValue, line: &Line) -> Option<js_sys::Promise> {
    let note = tally(line, now_ms())?;
    let init = raw_fetch::post(&JsValue::from_str(&note));
    fetch_promise(stub, &init).ok()
}

/// `stub.fetch(url, init)` as a promise, sent now and settled later.
fn fetch_promise(stub: &JsValue, init: &web_sys::RequestInit) -> Result<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let method: js_sys::Function =
        js_sys::Reflect::get(stub, &JsValue::from_str("fetch"))?.dyn_into()?;
    let value = method.call2(stub, &JsValue::from_str("https://health.internal/"), init)?;
    Ok(js_sys::Promise::resolve(&value))
}

/// Counts one dead letter of `route` (stage `dead`), for the next cron run's alert.
pub async fn note_dead(env: &Env, route: &str) {
    let Some(stub) = store(env) else { return };
    let body = ObjectWriter::new()
        .str("op", "note")
        .str("route", route)
        .str("stage", DEAD_STAGE)
        .num("failures", 1u32)
        .str("outcome", "dead_lettered")
        .num("at", now_ms())
        .finish();
    if let Err(e) = call(&stub, body).await {
        Line::new("alert")
            .field("level", "error")
            .field("outcome", "health_unavailable")
            .field("detail", e.to_string())
            .emit();
    }
}

/// The stage dead letters are counted under.
const DEAD_STAGE: &str = "dead";

/// One route and stage as the store reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Streak {
    pub route: String,
    pub stage: String,
    pub streak: u64,
    pub outcome: String,
    pub alerted: bool,
}

async fn call(stub: &JsValue, body: String) -> Result<String> {
    let init = raw_fetch::post(&JsValue::from_str(&body));
    let res = raw_fetch::fetch(stub, "https://health.internal/", &init).await?;
    if res.status() != 200 {
        return Err(worker::Error::RustError(format!(
            "health store: status {}",
            res.status()
        )));
    }
    raw_fetch::text(&res).await
}

fn unreadable() -> worker::Error {
    worker::Error::RustError("health store: unreadable answer".to_owned())
}

/// The cron trigger: alerts for streaks that reached the threshold, and for streaks that ended
/// after an alert. An alert that could not be sent is tried again at the next run.
pub async fn run_alerts(env: &Env) {
    let line = |level: &str| Line::new("alert").field("level", level);
    // No HEALTH binding: nothing is counted, nothing to alert on.
    let Some(stub) = store(env) else {
        return;
    };
    let settings = match alert_settings(env) {
        Ok(s) => s,
        Err(message) => {
            return line("error")
                .field("outcome", "invalid_config")
                .field("message", message)
                .emit();
        }
    };
    let streaks = match call(&stub, ObjectWriter::new().str("op", "report").finish())
        .await
        .and_then(|text| parse_report(&text).ok_or_else(unreadable))
    {
        Ok(s) => s,
        Err(e) => {
            return line("error")
                .field("outcome", "health_unavailable")
                .field("detail", e.to_string())
                .emit();
        }
    };
    let threshold = u64::from(settings.streak);
    let mut alerts = Vec::new();
    for s in &streaks {
        let kind = if s.stage == DEAD_STAGE {
            if s.streak == 0 {
                continue;
            }
            "dead_letter"
        } else if s.streak >= threshold && !s.alerted {
            "failure_streak"
        } else if s.streak == 0 && s.alerted {
            "recovered"
        } else {
            continue;
        };
        alerts.push((kind, s.clone()));
    }
    if alerts.is_empty() {
        return;
    }
    let items: Vec<String> = alerts
        .iter()
        .map(|(kind, s)| {
            let mut w = ObjectWriter::new();
            w.str("kind", kind)
                .str("route", &s.route)
                .str("stage", &s.stage);
            if *kind == "dead_letter" {
                // How many reached the dead-letter queue since the last alert: each is `dead`
                // in the delivery log, and can be replayed from there.
                w.num("count", s.streak);
            } else {
                w.num("streak", s.streak).num("threshold", threshold);
            }
            w.str("lastOutcome", &s.outcome);
            w.finish()
        })
        .collect();
    for (kind, s) in &alerts {
        line(if *kind == "recovered" {
            "warn"
        } else {
            "error"
        })
        .field("outcome", *kind)
        .field("route", s.route.as_str())
        .field("stage", s.stage.as_str())
        .field(
            if *kind == "dead_letter" {
                "count"
            } else {
                "streak"
            },
            s.streak,
        )
        .field("lastOutcome", s.outcome.as_str())
        .emit();
    }
    let now_s = now_ms() / 1000;
    let body = ObjectWriter::new()
        .str("type", "hookguard.alert")
        .num("timestamp", now_s)
        .raw("alerts", &crate::json::array(items))
        .finish();
    // Each configured channel is tried; the alerts count as sent when one of them took them (a
    // channel that failed is logged). With none, the log lines above are the alert.
    let mut channels: Vec<(&str, std::result::Result<(), String>)> = Vec::new();
    if let (Some(url), Some(secret)) = (env.var(ALERT_URL_VAR).ok(), env.secret(ALERT_SECRET).ok())
    {
        channels.push((
            "webhook",
            send(&url.to_string(), &secret.to_string(), &body, now_s).await,
        ));
    }
    if let Some(mail) = &settings.email {
        channels.push((
            "email",
            send_email(env, mail, &alerts_text(&alerts, threshold)).await,
        ));
    }
    for (channel, result) in &channels {
        if let Err(detail) = result {
            line("error")
                .field("outcome", "alert_failed")
                .field("channel", *channel)
                .field("detail", detail.as_str())
                .emit();
        }
    }
    // Otherwise (each failure logged above) everything is sent again at the next run.
    let sent = channels.is_empty() || channels.iter().any(|(_, r)| r.is_ok());
    if sent {
        for (kind, s) in &alerts {
            // Dead letters alerted on are taken off the count (newer ones stay on it).
            let mark = if *kind == "dead_letter" {
                ObjectWriter::new()
                    .str("op", "alerted")
                    .str("route", &s.route)
                    .str("stage", &s.stage)
                    .bool("alerted", false)
                    .num("failures", s.streak)
                    .finish()
            } else {
                ObjectWriter::new()
                    .str("op", "alerted")
                    .str("route", &s.route)
                    .str("stage", &s.stage)
                    .bool("alerted", *kind == "failure_streak")
                    .finish()
            };
            if let Err(e) = call(&stub, mark).await {
                line("error")
                    .field("outcome", "health_unavailable")
                    .field("detail", e.to_string())
                    .emit();
            }
        }
    }
}

/// The e-mail form of the alerts: a subject naming the first, and one paragraph per alert.
fn alerts_text(alerts: &[(&str, Streak)], threshold: u64) -> (String, String) {
    let subject = match alerts {
        [(kind, s)] => format!("hookguard: {kind} on {} ({})", s.route, s.stage),
        _ => format!("hookguard: {} alerts", alerts.len()),
    };
    let mut text = String::new();
    for (kind, s) in alerts {
        use std::fmt::Write as _;
        let what = match *kind {
            "failure_streak" => format!(
                "{} consecutive failures (threshold {threshold}), last outcome {}",
                s.streak, s.outcome
            ),
            "recovered" => "the failure streak ended: a delivery succeeded".to_owned(),
            _ => format!(
                "{} deliveries reached the dead-letter queue; each is \"dead\" in the delivery log \
                 and can be replayed from /_hookguard/",
                s.streak
            ),
        };
        let _ = writeln!(text, "{kind}: route {} ({})\n  {what}\n", s.route, s.stage);
    }
    text.push_str("Sent by the hookguard edge worker's cron trigger.\n");
    (subject, text)
}

/// Sends the alert e-mail through the `ALERT_EMAIL` send_email binding (its builder form).
async fn send_email(
    env: &Env,
    mail: &EmailSettings,
    (subject, text): &(String, String),
) -> std::result::Result<(), String> {
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    let binding = Reflect::get(env, &JsValue::from_str(ALERT_EMAIL_BINDING))
        .map_err(|_| "no ALERT_EMAIL binding".to_owned())?;
    let message = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        Reflect::set(&message, &JsValue::from_str(k), v)
            .map(|_| ())
            .map_err(|_| "could not build the message".to_owned())
    };
    set("from", &JsValue::from_str(&mail.from))?;
    if let Some(to) = &mail.to {
        set("to", &JsValue::from_str(to))?;
    }
    set("subject", &JsValue::from_str(subject))?;
    set("text", &JsValue::from_str(text))?;
    let send: js_sys::Function = Reflect::get(&binding, &JsValue::from_str("send"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| "ALERT_EMAIL is not a send_email binding".to_owned())?;
    // Reflect.apply, not send.call(…): the binding is an RPC stub, on which `call` is a method
    // name like any other.
    let promise = Reflect::apply(&send, &binding, &js_sys::Array::of1(&message))
        .map_err(|_| "the e-mail was refused".to_owned())?;
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map(|_| ())
        // The platform's reason (an unverified address, a sender off the domain), never a body.
        .map_err(|e| {
            let reason = Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_default();
            format!(
                "the e-mail was not sent: {}",
                reason.chars().take(200).collect::<String>()
            )
        })
}

struct AlertSettings {
    streak: u32,
    email: Option<EmailSettings>,
}

/// Alert e-mail: `ALERT_EMAIL` (a send_email binding), `ALERT_EMAIL_FROM` (an address on a
/// domain onboarded to Cloudflare's Email Service), `ALERT_EMAIL_TO` (optional when the binding
/// has a `destination_address`).
struct EmailSettings {
    from: String,
    to: Option<String>,
}

pub const ALERT_EMAIL_BINDING: &str = "ALERT_EMAIL";
pub const ALERT_EMAIL_FROM_VAR: &str = "ALERT_EMAIL_FROM";
pub const ALERT_EMAIL_TO_VAR: &str = "ALERT_EMAIL_TO";

/// A bare address (`ops@example.com`): what the e-mail's headers can carry as it is.
fn plain_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.bytes()
            .all(|c| c.is_ascii_graphic() && !b"<>()[],;:\\\"".contains(&c))
        && !domain.contains('@')
}

/// The cron's own settings, checked at each run (a broken one is logged, never half-applied).
fn alert_settings(env: &Env) -> std::result::Result<AlertSettings, String> {
    let streak = match env.var(ALERT_STREAK_VAR).ok().map(|v| v.to_string()) {
        None => DEFAULT_ALERT_STREAK,
        Some(v) => v
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=1_000).contains(n))
            .ok_or_else(|| format!("{ALERT_STREAK_VAR} must be a whole number from 1 to 1000"))?,
    };
    if let Ok(url) = env.var(ALERT_URL_VAR) {
        let url = url.to_string();
        match web_sys::Url::new(&url) {
            Ok(u)
                if u.protocol() == "https:"
                    || (u.protocol() == "http:"
                        && matches!(
                            u.hostname().as_str(),
                            "127.0.0.1" | "localhost" | "[::1]"
                        )) => {}
            _ => {
                return Err(format!(
                    "{ALERT_URL_VAR} must be an https URL (http only on loopback)"
                ));
            }
        }
        let secret = env.secret(ALERT_SECRET).map(|s| s.to_string()).map_err(|_| {
            format!("{ALERT_URL_VAR} needs the Worker secret {ALERT_SECRET} (a whsec_ key) to sign alerts")
        })?;
        crate::standard_webhooks_headers(&secret, "msg_check", 0, b"{}")
            .map_err(|_| format!("{ALERT_SECRET} is not a whsec_ Standard Webhooks key"))?;
    }
    let has_binding = js_sys::Reflect::get(env, &JsValue::from_str(ALERT_EMAIL_BINDING))
        .is_ok_and(|v| v.is_object());
    let from = env.var(ALERT_EMAIL_FROM_VAR).ok().map(|v| v.to_string());
    let to = env.var(ALERT_EMAIL_TO_VAR).ok().map(|v| v.to_string());
    let email = match (has_binding, from) {
        (false, None) if to.is_none() => None,
        (false, _) => {
            return Err(format!(
                "{ALERT_EMAIL_FROM_VAR} and {ALERT_EMAIL_TO_VAR} need the {ALERT_EMAIL_BINDING} \
                 send_email binding"
            ));
        }
        (true, None) => {
            return Err(format!(
                "the {ALERT_EMAIL_BINDING} binding needs {ALERT_EMAIL_FROM_VAR} (the sender address)"
            ));
        }
        (true, Some(from)) => {
            if !plain_address(&from) {
                return Err(format!(
                    "{ALERT_EMAIL_FROM_VAR} must be a bare e-mail address (name@example.com)"
                ));
            }
            if to.as_deref().is_some_and(|t| !plain_address(t)) {
                return Err(format!(
                    "{ALERT_EMAIL_TO_VAR} must be a bare e-mail address (name@example.com)"
                ));
            }
            Some(EmailSettings { from, to })
        }
    };
    Ok(AlertSettings { streak, email })
}

/// POSTs the alert, signed as a Standard Webhooks message.
async fn send(url: &str, secret: &str, body: &str, now_s: i64) -> std::result::Result<(), String> {
    let id = format!("alert_{now_s}");
    let signed = crate::standard_webhooks_headers(secret, &id, now_s, body.as_bytes())
        .map_err(|e| e.message().to_owned())?;
    let headers = worker::Headers::new();
    let set = |k: &str, v: &str| {
        headers
            .set(k, v)
            .map_err(|_| "could not build the request".to_owned())
    };
    set("content-type", "application/json")?;
    for (k, v) in &signed {
        set(k, v)?;
    }
    let init = raw_fetch::post(&JsValue::from_str(body));
    init.set_headers(&headers.0);
    init.set_redirect(web_sys::RequestRedirect::Manual);
    let res = raw_fetch::fetch(&js_sys::global(), url, &init)
        .await
        .map_err(|_| "the alert URL could not be reached".to_owned())?;
    if (200..300).contains(&res.status()) {
        Ok(())
    } else {
        Err(format!("the alert URL answered HTTP {}", res.status()))
    }
}

fn parse_report(text: &str) -> Option<Vec<Streak>> {
    let mut fields = object_fields(text, &["ok"]).ok()?.into_iter();
    if fields.next()? != Some(Field::Bool(true)) {
        return None;
    }
    let raw = crate::json::object_raw_fields(text, &["streaks"]).ok()?;
    let list = raw.first().copied().flatten()?;
    let mut out = Vec::new();
    for (_, item) in object_members(list).ok()? {
        let f = object_fields(item, &["route", "stage", "streak", "outcome", "alerted"]).ok()?;
        let [route, stage, streak, outcome, alerted] = <[Option<Field>; 5]>::try_from(f).ok()?;
        let s = |f: Option<Field>| match f {
            Some(Field::Str(s)) => Some(s),
            _ => None,
        };
        out.push(Streak {
            route: s(route)?,
            stage: s(stage)?,
            streak: match streak {
                Some(Field::Uint(n)) => n,
                _ => return None,
            },
            outcome: s(outcome).unwrap_or_default(),
            alerted: alerted == Some(Field::Bool(true)),
        });
    }
    Some(out)
}

fn now_ms() -> i64 {
    i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX)
}

// ---- the object ----------------------------------------------------------------------------

/// The Durable Object class (`new_sqlite_classes = ["HealthStore"]` in wrangler.toml): one row
/// per route and stage; a failure note adds to the streak, a success note ends it.
#[durable_object]
pub struct HealthStore {
    sql: SqlStorage,
    ready: std::cell::Cell<bool>,
}

fn json_response(body: String) -> Result<Response> {
    Ok(ResponseBuilder::new()
        .with_header("content-type", "application/json")?
        .fixed(body.into_bytes()))
}

impl DurableObject for HealthStore {
    fn new(state: State, _env: Env) -> Self {
        Self {
            sql: state.storage().sql(),
            ready: std::cell::Cell::new(false),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let text = req.text().await?;
        if !self.ready.get() {
            self.sql.exec(
                "CREATE TABLE IF NOT EXISTS streak (
                    route TEXT NOT NULL, stage TEXT NOT NULL,
                    streak INTEGER NOT NULL, outcome TEXT NOT NULL,
                    alerted INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                    PRIMARY KEY (route, stage));",
                None,
            )?;
            self.ready.set(true);
        }
        let f = object_fields(
            &text,
            &[
                "op", "route", "stage", "failures", "outcome", "at", "alerted",
            ],
        )
        .map_err(|_| unreadable())?;
        let [op, route, stage, failures, outcome, at, alerted] =
            <[Option<Field>; 7]>::try_from(f).map_err(|_| unreadable())?;
        let s = |f: Option<Field>| match f {
            Some(Field::Str(s)) => Ok(s),
            _ => Err(unreadable()),
        };
        match s(op)?.as_str() {
            "note" => {
                let (route, stage) = (s(route)?, s(stage)?);
                let n = match failures {
                    Some(Field::Uint(n)) => i64::try_from(n).unwrap_or(i64::MAX),
                    _ => return Err(unreadable()),
                };
                let at = match at {
                    Some(Field::Uint(n)) => i64::try_from(n).unwrap_or(i64::MAX),
                    _ => return Err(unreadable()),
                };
                if n == 0 {
                    // A success ends the streak (only a note newer than the last failure does).
                    self.sql.exec(
                        "INSERT INTO streak (route, stage, streak, outcome, alerted, updated_at)
                         VALUES (?, ?, 0, '', 0, ?)
                         ON CONFLICT (route, stage) DO UPDATE SET streak = 0, updated_at = excluded.updated_at
                         WHERE excluded.updated_at >= streak.updated_at",
                        vec![route.into(), stage.into(), at.into()],
                    )?;
                } else {
                    let outcome = s(outcome).unwrap_or_default();
                    self.sql.exec(
                        "INSERT INTO streak (route, stage, streak, outcome, alerted, updated_at)
                         VALUES (?, ?, ?, ?, 0, ?)
                         ON CONFLICT (route, stage) DO UPDATE SET
                           streak = streak.streak + excluded.streak, outcome = excluded.outcome,
                           updated_at = MAX(streak.updated_at, excluded.updated_at)",
                        vec![
                            route.into(),
                            stage.into(),
                            n.into(),
                            outcome.into(),
                            at.into(),
                        ],
                    )?;
                }
                json_response(ObjectWriter::new().bool("ok", true).finish())
            }
            "alerted" => {
                let flag = i64::from(alerted == Some(Field::Bool(true)));
                // `failures`: that many are taken off the count (dead letters alerted on).
                let taken = match failures {
                    Some(Field::Uint(n)) => i64::try_from(n).unwrap_or(i64::MAX),
                    _ => 0,
                };
                self.sql.exec(
                    "UPDATE streak SET alerted = ?, streak = MAX(streak - ?, 0) \
                     WHERE route = ? AND stage = ?",
                    vec![
                        flag.into(),
                        taken.into(),
                        s(route)?.into(),
                        s(stage)?.into(),
                    ],
                )?;
                json_response(ObjectWriter::new().bool("ok", true).finish())
            }
            "report" => {
                let mut items = Vec::new();
                let cursor = self.sql.exec(
                    "SELECT route, stage, streak, outcome, alerted FROM streak ORDER BY route, stage",
                    None,
                )?;
                for row in cursor.raw() {
                    let row = row?;
                    let text = |i: usize| match row.get(i) {
                        Some(SqlStorageValue::String(v)) => Ok(v.clone()),
                        _ => Err(unreadable()),
                    };
                    let int = |i: usize| match row.get(i) {
                        Some(SqlStorageValue::Integer(n)) => Ok(*n),
                        Some(SqlStorageValue::Float(f)) if f.fract() == 0.0 => Ok(*f as i64),
                        _ => Err(unreadable()),
                    };
                    items.push(
                        ObjectWriter::new()
                            .str("route", &text(0)?)
                            .str("stage", &text(1)?)
                            .num("streak", int(2)?.max(0))
                            .str("outcome", &text(3)?)
                            .bool("alerted", int(4)? != 0)
                            .finish(),
                    );
                }
                // An object keyed by position, so the worker's object reader can walk it.
                let mut w = ObjectWriter::new();
                for (i, item) in items.iter().enumerate() {
                    w.raw(&i.to_string(), item);
                }
                let list = w.finish();
                json_response(
                    ObjectWriter::new()
                        .bool("ok", true)
                        .raw("streaks", &list)
                        .finish(),
                )
            }
            _ => Err(unreadable()),
        }
    }
}
