//! The operator's surface: the admin API under `/_hookguard/api/` and its page at
//! `/_hookguard/` (www/_hookguard/). Both exist only when the Worker secret
//! `HOOKGUARD_ADMIN_TOKEN` is set: without it every `/_hookguard` path answers exactly as a path
//! with no route does. Every API call needs `Authorization: Bearer <token>` (compared in
//! constant time); the page itself holds no data and asks for the token.
//!
//! Replays go through the replay store like live traffic (`reclaim`): a replay that reaches the
//! origin records the id as delivered, so the provider's later retry is a duplicate; a live
//! copy being forwarded right now refuses the replay (409 `in_flight`), and a replay in progress
//! makes the live copy wait.

use crate::json::{ObjectWriter, array};
use crate::record::{BadParameter, Cursor, Filter, body_pairs, decode_request, parse_filter};
use crate::worker::config::{ADMIN_TOKEN_SECRET, Config, Mode, Route, Settings};
use crate::worker::confirm::{self, Verdict};
use crate::worker::dedupe::{Claim, DedupeClient};
use crate::worker::forward::{self, Facts, Outcome};
use crate::worker::gateway::{Attempt, Entry, Log};
use crate::worker::log::Line;
use crate::worker::store::{Db, Row, int, opt_int, opt_text, text};
use crate::worker::{EnvSettings, error_json, now_ms, status_json};
use wasm_bindgen::JsValue;
use worker::{Env, Response, Result};

const PREFIX: &str = "/_hookguard";
const API: &str = "/_hookguard/api/";
/// The page's files, served from the static assets with [`PAGE_HEADERS`].
const PAGE_FILES: &[&str] = &[
    "/_hookguard/",
    "/_hookguard/admin.mjs",
    "/_hookguard/admin.css",
];
/// The page loads only its own files and talks only to this worker.
const PAGE_HEADERS: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
         img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("cache-control", "no-store"),
];
/// A bulk replay waits this long after the previous one.
const BULK_INTERVAL_MS: i64 = 10_000;
/// The largest bulk replay request body read.
const MAX_BODY_BYTES: usize = 4096;

pub fn is_admin_path(path: &str) -> bool {
    path == PREFIX || path.starts_with("/_hookguard/")
}

/// The answer for a path that does not exist, the same as the front door's.
fn not_found() -> Result<Response> {
    error_json(
        404,
        "not_found",
        "no webhook route is configured at this path",
    )
}

fn api_error(status: u16, code: &str, message: &str) -> Result<Response> {
    let mut res = error_json(status, code, message)?;
    res.headers_mut().set("cache-control", "no-store")?;
    Ok(res)
}

fn bad_parameter(e: &BadParameter) -> Result<Response> {
    api_error(
        400,
        "invalid_parameter",
        &format!("the parameter {} {}", e.name, e.why),
    )
}

fn ok_json(body: String) -> Result<Response> {
    let mut res = status_json(200, body)?;
    res.headers_mut().set("cache-control", "no-store")?;
    Ok(res)
}

/// Whether the request carries the token (`Authorization: Bearer <token>`).
fn authorized(req: &web_sys::Request, token: &str) -> bool {
    let given = req.headers().get("authorization").ok().flatten();
    let given = given.as_deref().unwrap_or("");
    let presented = match given.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => "",
    };
    crate::record::token_matches(presented, token)
}

fn admin_token(env: &Env) -> Option<String> {
    EnvSettings(env)
        .text(ADMIN_TOKEN_SECRET)
        .filter(|t| !t.is_empty())
}

/// A `/_hookguard` path while the configuration is broken: still nothing without the token;
/// with it, the same bare `invalid_config` as every route.
pub fn broken(env: &Env, e: &crate::Error) -> Result<Response> {
    match admin_token(env) {
        None => not_found(),
        Some(_) => crate::worker::config_broken(e),
    }
}

pub async fn handle(
    cfg: &Config,
    env: &Env,
    req: &web_sys::Request,
    path: &str,
    method: &str,
    url: &str,
) -> Result<Response> {
    let Some(token) = admin_token(env) else {
        return not_found();
    };
    if path == PREFIX {
        let mut res = Response::empty()?.with_status(308);
        res.headers_mut().set("location", "/_hookguard/")?;
        return Ok(res);
    }
    if let Some(call) = path.strip_prefix(API) {
        if !authorized(req, &token) {
            let mut res = api_error(401, "unauthorized", "a valid admin token is required")?;
            res.headers_mut()
                .set("www-authenticate", "Bearer realm=\"hookguard\"")?;
            return Ok(res);
        }
        let log = Log::new(env);
        let Some(db) = &log.db else {
            return api_error(
                503,
                "log_unavailable",
                "the delivery log is not configured (no LOG binding)",
            );
        };
        let answer = api(cfg, env, &log, db, req, call, method, url).await;
        return match answer {
            Ok(res) => Ok(res),
            Err(e) => {
                Line::new("admin")
                    .field("level", "error")
                    .field("outcome", "log_unavailable")
                    .field("detail", e.to_string())
                    .emit();
                api_error(
                    503,
                    "log_unavailable",
                    "the delivery log could not be read; retry later",
                )
            }
        };
    }
    if PAGE_FILES.contains(&path) && matches!(method, "GET" | "HEAD") {
        return page(env, req).await;
    }
    not_found()
}

/// One of the page's files, with the headers that confine it.
async fn page(env: &Env, req: &web_sys::Request) -> Result<Response> {
    let Some(res) = crate::worker::static_file(env, req).await? else {
        return not_found();
    };
    // The assets' response is immutable: copy it with the extra headers.
    let inner: web_sys::Response = res.into();
    let headers = web_sys::Headers::new_with_headers(&inner.headers())?;
    for (k, v) in PAGE_HEADERS {
        headers.set(k, v)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(inner.status());
    init.set_headers(&headers);
    let copy =
        web_sys::Response::new_with_opt_readable_stream_and_init(inner.body().as_ref(), &init)?;
    Ok(Response::from(copy))
}

/// The percent-decoded path segment (`encodeURIComponent`'s spelling; a `+` is a `+`).
fn segment(raw: &str) -> Option<String> {
    crate::record::percent_decode(raw)
}

#[allow(clippy::too_many_arguments)]
async fn api(
    cfg: &Config,
    env: &Env,
    log: &Log,
    db: &Db,
    req: &web_sys::Request,
    call: &str,
    method: &str,
    url: &str,
) -> Result<Response> {
    // Repeated names are refused by name below, not here.
    let raw_query = url.split_once('?').map_or("", |(_, q)| q);
    let raw_query = raw_query.split_once('#').map_or(raw_query, |(q, _)| q);
    let query = match crate::form::decode_pairs(raw_query.as_bytes()) {
        Ok(q) => q,
        Err(_) => {
            return api_error(400, "invalid_parameter", "the query is not form-encoded");
        }
    };
    let wrong_method = |allowed: &str| -> Result<Response> {
        let mut res = api_error(405, "method_not_allowed", &format!("use {allowed}"))?;
        res.headers_mut().set("allow", allowed)?;
        Ok(res)
    };
    match call {
        "routes" if method == "GET" => ok_json(routes_json(cfg)),
        "routes" => wrong_method("GET"),
        "deliveries" if method == "GET" => match parse_filter(&query, false) {
            Ok(f) => list(db, &f).await,
            Err(e) => bad_parameter(&e),
        },
        "deliveries" => wrong_method("GET"),
        "replay" if method == "POST" => {
            let body = read_body(req).await?;
            let Some(body) = body else {
                return api_error(
                    413,
                    "body_too_large",
                    "a bulk replay request is at most 4096 bytes",
                );
            };
            let filter = body_pairs(&body).and_then(|p| parse_filter(&p, true));
            match filter {
                Ok(f) if f.selects() => bulk(cfg, env, log, db, &f).await,
                Ok(_) => api_error(
                    400,
                    "invalid_parameter",
                    "a bulk replay needs at least one of route, status, event, since, until",
                ),
                Err(e) => bad_parameter(&e),
            }
        }
        "replay" => wrong_method("POST"),
        _ => {
            let Some(rest) = call.strip_prefix("deliveries/") else {
                return api_error(404, "not_found", "no such API call");
            };
            let (raw_id, replaying) = match rest.strip_suffix("/replay") {
                Some(id) => (id, true),
                None => (rest, false),
            };
            let Some(id) = segment(raw_id).filter(|id| !id.is_empty() && !raw_id.contains('/'))
            else {
                return api_error(404, "not_found", "no such API call");
            };
            let mut route = None;
            for (i, (k, v)) in query.iter().enumerate() {
                let why = if k != "route" {
                    "is not a parameter of this call"
                } else if i > 0 {
                    "is given more than once"
                } else {
                    route = Some(v.as_str()).filter(|v| !v.is_empty());
                    continue;
                };
                return bad_parameter(&BadParameter {
                    name: k.clone(),
                    why,
                });
            }
            match (replaying, method) {
                (false, "GET") => detail(db, &id, route).await,
                (true, "POST") => replay_one(cfg, env, log, db, &id, route).await,
                (false, _) => wrong_method("GET"),
                (true, _) => wrong_method("POST"),
            }
        }
    }
}

/// The request body as text, `None` when it is larger than [`MAX_BODY_BYTES`].
async fn read_body(req: &web_sys::Request) -> Result<Option<String>> {
    let Some(stream) = req.body() else {
        return Ok(Some(String::new()));
    };
    let Some(bytes) = crate::worker::read_capped(&stream, MAX_BODY_BYTES).await? else {
        return Ok(None);
    };
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn routes_json(cfg: &Config) -> String {
    let items = cfg.routes.iter().map(|r| {
        ObjectWriter::new()
            .str("path", &r.path)
            .str("provider", r.provider.id())
            .str("mode", r.mode.as_str())
            .num("retentionDays", r.retention_days)
            .finish()
    });
    ObjectWriter::new().raw("routes", &array(items)).finish()
}

fn iso(ms: Option<i64>) -> Option<String> {
    let ms = ms?;
    let d = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    d.to_iso_string().as_string()
}

const COLUMNS: &str = "route, id, provider, event, status, attempts, origin_status, reason, \
     received_at, updated_at, body_bytes, body_key, body_sha256, body_offset, body_length, \
     dedupe_key, replays";

/// A delivery as the API shows it; `attempts` is the count, or the list when given.
fn delivery_json(row: &Row, attempts: Option<&str>) -> String {
    let mut w = ObjectWriter::new();
    w.str("id", &row.text("id").unwrap_or_default())
        .str("route", &row.text("route").unwrap_or_default())
        .str("provider", &row.text("provider").unwrap_or_default())
        .opt_str("event", row.text("event").as_deref())
        .str("status", &row.text("status").unwrap_or_default());
    match attempts {
        Some(list) => w.raw("attempts", list),
        None => w.num("attempts", row.int("attempts").unwrap_or(0)),
    };
    match row.int("origin_status") {
        Some(s) => w.num("originStatus", s),
        None => w.raw("originStatus", "null"),
    };
    w.opt_str("reason", row.text("reason").as_deref())
        .opt_str("receivedAt", iso(row.int("received_at")).as_deref())
        .opt_str("updatedAt", iso(row.int("updated_at")).as_deref())
        .num("bodyBytes", row.int("body_bytes").unwrap_or(0))
        .num("replays", row.int("replays").unwrap_or(0))
        .bool(
            "replayable",
            row.text("body_key").is_some() && row.text("route").is_some_and(|r| !r.is_empty()),
        );
    w.finish()
}

fn filter_values(f: &Filter) -> Vec<JsValue> {
    vec![
        opt_text(f.route.as_deref()),
        opt_text(f.status.as_deref()),
        opt_text(f.event.as_deref()),
        opt_int(f.since_ms),
        opt_int(f.until_ms),
    ]
}

const WHERE: &str = "(?1 IS NULL OR route = ?1) AND (?2 IS NULL OR status = ?2) AND \
     (?3 IS NULL OR event = ?3) AND (?4 IS NULL OR received_at >= ?4) AND \
     (?5 IS NULL OR received_at < ?5)";

async fn list(db: &Db, f: &Filter) -> Result<Response> {
    let mut values = filter_values(f);
    let (c_at, c_route, c_id) = match &f.cursor {
        Some(c) => (int(c.received_ms), text(&c.route), text(&c.id)),
        None => (JsValue::NULL, JsValue::NULL, JsValue::NULL),
    };
    values.extend([c_at, c_route, c_id, int(i64::from(f.limit) + 1)]);
    let sql = format!(
        "SELECT {COLUMNS} FROM deliveries WHERE {WHERE} AND (?6 IS NULL OR received_at < ?6 OR \
         (received_at = ?6 AND (route > ?7 OR (route = ?7 AND id > ?8)))) \
         ORDER BY received_at DESC, route ASC, id ASC LIMIT ?9"
    );
    let mut rows = db.rows(&sql, &values).await?;
    let more = rows.len() > f.limit as usize;
    rows.truncate(f.limit as usize);
    let cursor = match (more, rows.last()) {
        (true, Some(last)) => Some(
            Cursor {
                received_ms: last.int("received_at").unwrap_or(0),
                route: last.text("route").unwrap_or_default(),
                id: last.text("id").unwrap_or_default(),
            }
            .encode(),
        ),
        _ => None,
    };
    let items = rows.iter().map(|r| delivery_json(r, None));
    ok_json(
        ObjectWriter::new()
            .raw("deliveries", &array(items))
            .opt_str("cursor", cursor.as_deref())
            .finish(),
    )
}

/// The one delivery with this id (on `route` when given): `Err` is the answer to send.
async fn find(
    db: &Db,
    id: &str,
    route: Option<&str>,
) -> Result<std::result::Result<Row, Response>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM deliveries WHERE id = ?1 AND (?2 IS NULL OR route = ?2) LIMIT 2"
    );
    let mut rows = db.rows(&sql, &[text(id), opt_text(route)]).await?;
    Ok(match rows.len() {
        0 => Err(api_error(
            404,
            "not_found",
            "no delivery with this id is in the log",
        )?),
        1 => Ok(rows.remove(0)),
        _ => Err(api_error(
            409,
            "ambiguous_id",
            "deliveries on several routes have this id; add ?route=",
        )?),
    })
}

async fn detail(db: &Db, id: &str, route: Option<&str>) -> Result<Response> {
    let row = match find(db, id, route).await? {
        Ok(r) => r,
        Err(res) => return Ok(res),
    };
    let route = row.text("route").unwrap_or_default();
    let attempts = db
        .rows(
            "SELECT n, at, kind, outcome, origin_status, latency_ms FROM attempts \
             WHERE route = ?1 AND id = ?2 ORDER BY n",
            &[text(&route), text(id)],
        )
        .await?;
    let list = array(attempts.iter().map(|a| {
        let mut w = ObjectWriter::new();
        w.num("n", a.int("n").unwrap_or(0))
            .opt_str("at", iso(a.int("at")).as_deref())
            .str("kind", &a.text("kind").unwrap_or_default())
            .str("outcome", &a.text("outcome").unwrap_or_default());
        match a.int("origin_status") {
            Some(s) => w.num("originStatus", s),
            None => w.raw("originStatus", "null"),
        };
        w.num("latencyMs", a.int("latency_ms").unwrap_or(0));
        w.finish()
    }));
    ok_json(
        ObjectWriter::new()
            .raw("delivery", &delivery_json(&row, Some(&list)))
            .finish(),
    )
}

/// Why a replay was not made.
enum Refused {
    NotReplayable(&'static str),
    InFlight(u64),
    /// A bulk replay's delivery whose live copy already reached the origin.
    Delivered,
    Unavailable(String),
}

impl Refused {
    fn reason(&self) -> &'static str {
        match self {
            Refused::NotReplayable(_) => "not_replayable",
            Refused::InFlight(_) => "in_flight",
            Refused::Delivered => "duplicate",
            Refused::Unavailable(_) => "unavailable",
        }
    }
}

/// What a replay came to.
struct Replayed {
    outcome: String,
    origin_status: Option<u16>,
    status: &'static str,
}

/// Replays one logged delivery to its route's origin: its stored bytes exactly (checked
/// against the SHA-256 in its record), marked `X-Hookguard-Replay: 1`, confirmed again on an
/// Inspakt confirm route, under the replay store's lease; then recorded as a `replay` try.
/// `force`: also when the live copy's key is already delivered (one replay an operator asked
/// for by id); a bulk replay skips those (`duplicate`), so a filter never re-sends what reached
/// the origin.
async fn replay(
    cfg: &Config,
    env: &Env,
    log: &Log,
    route: &Route,
    row: &Row,
    force: bool,
) -> std::result::Result<Replayed, Refused> {
    let id = row.text("id").unwrap_or_default();
    let (Some(key), Some(sha)) = (row.text("body_key"), row.text("body_sha256")) else {
        return Err(Refused::NotReplayable("its body was not stored"));
    };
    let bucket = log
        .bucket
        .as_ref()
        .ok_or(Refused::NotReplayable("the worker has no BODIES binding"))?;
    let object = match (row.int("body_offset"), row.int("body_length")) {
        (Some(offset), Some(length)) => bucket.get_range(&key, offset, length).await,
        _ => bucket.get(&key).await,
    }
    .map_err(|e| Refused::Unavailable(e.to_string()))?
    .ok_or(Refused::NotReplayable("its stored body is gone"))?;
    if !crate::codec::ct_eq(
        crate::record::sha256_hex(&object).as_bytes(),
        sha.as_bytes(),
    ) {
        Line::new("admin")
            .field("level", "error")
            .field("route", route.path.as_str())
            .field("id", id.as_str())
            .field("outcome", "stored_body_mismatch")
            .emit();
        return Err(Refused::NotReplayable(
            "its stored body does not match its record",
        ));
    }
    let (headers, body) =
        decode_request(&object).ok_or(Refused::NotReplayable("its stored body is unreadable"))?;
    // The key live copies are claimed under: the consumer's for a queue route, the front door's
    // for a direct one; a delivery without one (a provider without ids) is still leased, so two
    // replays of it never run at once.
    let (dedupe_key, ttl) = match route.mode {
        Mode::Queue => (
            Some(format!("queue:{id}")),
            cfg.queue_max_message_age_seconds,
        ),
        Mode::Direct => (
            Some(
                row.text("dedupe_key")
                    .unwrap_or_else(|| format!("replay:{id}")),
            ),
            route.dedupe_ttl_seconds,
        ),
    };
    let claim = match dedupe_key {
        None => None,
        Some(k) => {
            let client = DedupeClient::new(env, &route.dedupe_namespace, &k, ttl)
                .map_err(|e| Refused::Unavailable(e.to_string()))?;
            let confirming = route
                .confirm
                .as_ref()
                .map_or(0, |c| i64::from(c.timeout_ms));
            let lease = i64::from(route.origin_timeout_ms) + confirming + 5_000;
            let claimed = if force {
                client.reclaim(lease).await
            } else {
                client.claim(lease).await
            };
            match claimed {
                Ok(Claim::Claimed { token }) => Some((client, token)),
                Ok(Claim::InFlight {
                    retry_after_seconds,
                }) => return Err(Refused::InFlight(retry_after_seconds)),
                Ok(Claim::Duplicate) => return Err(Refused::Delivered),
                Err(e) => return Err(Refused::Unavailable(e.to_string())),
            }
        }
    };
    let received_ms = row.int("received_at").unwrap_or(0);
    let mut facts = Facts {
        provider: row.text("provider").unwrap_or_default(),
        event: row.text("event"),
        id: id.clone(),
        verified_at: received_ms / 1000,
        confirmed: None,
        replay: true,
    };
    let started = now_ms();
    let now_s = started / 1000;
    let mut result = None;
    if let Some(c) = &route.confirm {
        let age = u64::try_from(now_s.saturating_sub(facts.verified_at)).unwrap_or(0);
        match confirm::confirm(c, facts.event.as_deref(), &body, age).await {
            Verdict::Confirmed { status, envelope } => facts.confirmed = Some((envelope, status)),
            Verdict::Contradicted { .. } => result = Some("not_confirmed"),
            Verdict::Pending { .. } => result = Some("confirm_pending"),
            Verdict::Unavailable(_) => result = Some("confirm_unavailable"),
            Verdict::Unjudgeable(_) => result = Some("not_confirmable"),
        }
    }
    let replayed = match result {
        Some(outcome) => {
            crate::worker::release_claim(claim.as_ref()).await;
            Replayed {
                outcome: outcome.to_owned(),
                origin_status: None,
                status: "failed",
            }
        }
        None => {
            let outcome = forward::forward(route, &headers, &body, &facts, now_s)
                .await
                .unwrap_or_else(|e| Outcome::EdgeFailed(e.to_string()));
            match outcome {
                Outcome::Delivered(s) => {
                    crate::worker::record_delivered(route, claim.as_ref()).await;
                    Replayed {
                        outcome: "delivered".into(),
                        origin_status: Some(s),
                        status: "delivered",
                    }
                }
                other => {
                    crate::worker::release_claim(claim.as_ref()).await;
                    Replayed {
                        outcome: other.label().to_owned(),
                        origin_status: match other {
                            Outcome::Refused(s) => Some(s),
                            _ => None,
                        },
                        status: "failed",
                    }
                }
            }
        }
    };
    let entry = Entry::new(cfg, route, &facts, body.len(), None, received_ms);
    let attempt = Attempt {
        kind: "replay",
        outcome: replayed.outcome.clone(),
        origin_status: replayed.origin_status,
        latency_ms: now_ms() - started,
    };
    log.record(&entry, replayed.status, None, Some(&attempt))
        .await;
    Line::new("admin")
        .field("outcome", "replayed")
        .field("route", route.path.as_str())
        .field("id", id.as_str())
        .field("result", replayed.outcome.as_str())
        .opt("originStatus", replayed.origin_status.map(u64::from))
        .emit();
    Ok(replayed)
}

/// Records an operator action (what was done to what; never a body or a secret).
async fn action(db: &Db, what: &str, route: Option<&str>, id: Option<&str>, detail: &str) {
    let written = db
        .run(
            "INSERT INTO operator_actions (at, action, route, id, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            &[int(now_ms()), text(what), opt_text(route), opt_text(id), text(detail)],
        )
        .await;
    if let Err(e) = written {
        Line::new("admin")
            .field("level", "error")
            .field("outcome", "log_unavailable")
            .field("detail", e.to_string())
            .emit();
    }
}

async fn replay_one(
    cfg: &Config,
    env: &Env,
    log: &Log,
    db: &Db,
    id: &str,
    route: Option<&str>,
) -> Result<Response> {
    let row = match find(db, id, route).await? {
        Ok(r) => r,
        Err(res) => return Ok(res),
    };
    let path = row.text("route").unwrap_or_default();
    let Some(route) = cfg.route(&path).filter(|_| !path.is_empty()) else {
        return api_error(
            409,
            "not_replayable",
            "this delivery's route is not configured (or it is a foreign dead letter)",
        );
    };
    action(db, "replay", Some(&path), Some(id), "").await;
    match replay(cfg, env, log, route, &row, true).await {
        Ok(r) => ok_json(
            ObjectWriter::new()
                .raw("replay", &replay_json(id, &path, &r))
                .finish(),
        ),
        Err(Refused::NotReplayable(why)) => {
            api_error(409, "not_replayable", &format!("cannot replay: {why}"))
        }
        Err(Refused::InFlight(after)) => {
            let mut res = api_error(
                409,
                "in_flight",
                "a copy of this delivery is being forwarded right now; try again shortly",
            )?;
            res.headers_mut().set("retry-after", &after.to_string())?;
            Ok(res)
        }
        Err(Refused::Delivered) => api_error(
            409,
            "not_replayable",
            "cannot replay: it is already delivered",
        ),
        Err(Refused::Unavailable(detail)) => {
            Line::new("admin")
                .field("level", "error")
                .field("outcome", "replay_unavailable")
                .field("detail", detail)
                .emit();
            api_error(
                503,
                "replay_unavailable",
                "the replay store or the body store is unavailable; retry later",
            )
        }
    }
}

fn replay_json(id: &str, route: &str, r: &Replayed) -> String {
    let mut w = ObjectWriter::new();
    w.str("id", id)
        .str("route", route)
        .str("outcome", &r.outcome);
    match r.origin_status {
        Some(s) => w.num("originStatus", s),
        None => w.raw("originStatus", "null"),
    };
    w.str("status", r.status);
    w.finish()
}

/// Replays every delivery the filter selects (oldest first, at most `limit`), one after
/// another; at most one bulk replay per [`BULK_INTERVAL_MS`]. Each delivery is one row, so none
/// is sent twice in one call.
async fn bulk(cfg: &Config, env: &Env, log: &Log, db: &Db, f: &Filter) -> Result<Response> {
    let now = now_ms();
    let summary = ObjectWriter::new()
        .opt_str("route", f.route.as_deref())
        .opt_str("status", f.status.as_deref())
        .opt_str("event", f.event.as_deref())
        .num("limit", f.limit)
        .finish();
    // One step: recorded only when no bulk replay was recorded in the interval, so two at once
    // cannot both start.
    let started = db
        .run_changes(
            "INSERT INTO operator_actions (at, action, route, id, detail) \
             SELECT ?1, 'bulk_replay', ?2, NULL, ?3 WHERE NOT EXISTS (SELECT 1 FROM \
             operator_actions WHERE action = 'bulk_replay' AND at > ?4)",
            &[
                int(now),
                opt_text(f.route.as_deref()),
                text(&summary),
                int(now - BULK_INTERVAL_MS),
            ],
        )
        .await?;
    if started == 0 {
        let last = db
            .rows(
                "SELECT MAX(at) AS at FROM operator_actions WHERE action = 'bulk_replay'",
                &[],
            )
            .await?;
        let at = last.first().and_then(|r| r.int("at")).unwrap_or(now);
        let wait = (BULK_INTERVAL_MS - (now - at) + 999) / 1000;
        let mut res = api_error(
            429,
            "rate_limited",
            "a bulk replay ran moments ago; wait before the next",
        )?;
        res.headers_mut()
            .set("retry-after", &wait.clamp(1, 10).to_string())?;
        return Ok(res);
    }
    let mut values = filter_values(f);
    values.push(int(i64::from(f.limit) + 1));
    let sql = format!(
        "SELECT {COLUMNS} FROM deliveries WHERE {WHERE} AND route <> '' AND body_key IS NOT NULL \
         ORDER BY received_at ASC, route, id LIMIT ?6"
    );
    let mut rows = db.rows(&sql, &values).await?;
    let more = rows.len() > f.limit as usize;
    rows.truncate(f.limit as usize);
    let mut replayed = Vec::new();
    let mut skipped = Vec::new();
    for row in &rows {
        let id = row.text("id").unwrap_or_default();
        let path = row.text("route").unwrap_or_default();
        let skip = |reason: &str| {
            ObjectWriter::new()
                .str("id", &id)
                .str("route", &path)
                .str("reason", reason)
                .finish()
        };
        let Some(route) = cfg.route(&path).filter(|_| !path.is_empty()) else {
            skipped.push(skip("not_replayable"));
            continue;
        };
        match replay(cfg, env, log, route, row, false).await {
            Ok(r) => replayed.push(replay_json(&id, &path, &r)),
            Err(e) => skipped.push(skip(e.reason())),
        }
    }
    ok_json(
        ObjectWriter::new()
            .raw("replayed", &array(replayed))
            .raw("skipped", &array(skipped))
            .bool("more", more)
            .finish(),
    )
}
