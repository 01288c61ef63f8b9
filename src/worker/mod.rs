//! The Cloudflare Worker (feature `worker`): verifies webhooks with the core, drops replays
//! and forwards genuine events to the origin, directly or through a Cloudflare Queue.
//! Behaviour and configuration: docs/WORKER.md.

mod admin;
mod config;
mod confirm;
mod dedupe;
mod forward;
mod gateway;
mod health;
mod log;
mod metrics;
mod queue;
mod raw_fetch;
mod store;

use crate::json::ObjectWriter;
use crate::{Error, ErrorCode};
use config::{ASSETS_BINDING, Config, Mode, Route, Settings};
use dedupe::{Claim, DedupeClient};
use forward::{Facts, Outcome};
use log::Line;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use worker::{Context, Env, Response, ResponseBuilder, Result, event};

struct EnvSettings<'a>(&'a Env);

impl Settings for EnvSettings<'_> {
    fn text(&self, name: &str) -> Option<String> {
        js_sys::Reflect::get(self.0, &wasm_bindgen::JsValue::from_str(name))
            .ok()?
            .as_string()
    }

    fn json_text(&self, name: &str) -> Option<String> {
        let v = js_sys::Reflect::get(self.0, &wasm_bindgen::JsValue::from_str(name)).ok()?;
        if let Some(s) = v.as_string() {
            return Some(s);
        }
        // A [vars] entry written as a TOML array/table arrives as an object: accept it as JSON.
        if v.is_object() {
            return js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string());
        }
        None
    }

    fn has_binding(&self, name: &str) -> bool {
        js_sys::Reflect::get(self.0, &wasm_bindgen::JsValue::from_str(name))
            .is_ok_and(|v| !v.is_undefined() && !v.is_null())
    }
}

thread_local! {
    /// Checked once per isolate: vars and secrets only change with a new deployment, which
    /// starts new isolates.
    static CONFIG: RefCell<Option<Rc<std::result::Result<Config, Error>>>> = const { RefCell::new(None) };
}

fn config(env: &Env) -> Rc<std::result::Result<Config, Error>> {
    CONFIG.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| Rc::new(config::load(&EnvSettings(env))))
            .clone()
    })
}

/// What an anonymous caller learns of a broken configuration: that it is broken. The reason
/// (which route and field) goes to the log, at every request so that `wrangler tail` shows it.
fn config_broken(e: &Error) -> Result<Response> {
    Line::new("config")
        .field("level", "error")
        .field("outcome", "invalid_config")
        .field("message", e.message())
        .emit();
    error_json(
        500,
        ErrorCode::InvalidConfig.as_str(),
        "the worker's configuration is invalid; its log says why",
    )
}

pub(crate) fn now_ms() -> i64 {
    i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX)
}

/// `{"error":{"code":…,"message":…}}` with the given status.
pub(crate) fn error_json(status: u16, code: &str, message: &str) -> Result<Response> {
    let inner = ObjectWriter::new()
        .str("code", code)
        .str("message", message)
        .finish();
    status_json(status, ObjectWriter::new().raw("error", &inner).finish())
}

fn rejection(e: &Error) -> Result<Response> {
    error_json(e.code().http_status(), e.code().as_str(), e.message())
}

/// The rejection response for a delivery, and its log line.
fn rejected(e: &Error, line: Line) -> Result<(Response, Line)> {
    Ok((
        rejection(e)?,
        line.field("outcome", "rejected")
            .field("code", e.code().as_str()),
    ))
}

/// A JSON answer (`body` is already JSON).
pub(crate) fn status_json(status: u16, body: String) -> Result<Response> {
    Ok(ResponseBuilder::new()
        .with_status(status)
        .with_header("content-type", "application/json")?
        .fixed(body.into_bytes()))
}

/// The cron trigger (wrangler.toml `[triggers]`): failure-streak and dead-letter alerts
/// (health.rs), and the delivery log's retention (gateway.rs).
#[event(scheduled)]
async fn scheduled(_event: worker::ScheduledEvent, env: Env, _ctx: worker::ScheduleContext) {
    health::run_alerts(&env).await;
    gateway::expire(&env).await;
}

/// Takes the request as the runtime hands it over: converting it into a `worker::Request`
/// would read `request.cf` (a sizeable object the runtime builds on access), the method and the
/// URL back on every delivery, none of which the checks need.
///
/// Every request reaches the worker first (`run_worker_first` in wrangler.toml): webhook routes
/// are answered here whatever static files exist, so a route at `/` or `/app.mjs` can never be
/// shadowed by the playground; what is no route goes to the static files.
#[event(fetch)]
async fn fetch(req: web_sys::Request, env: Env, ctx: Context) -> Result<Response> {
    let sink = metrics::Sink::new(&env);
    let url = req.url();
    let path = path_of(&url);
    let method = req.method();
    if path == "/healthz" {
        return healthz(&method, &env);
    }
    let cfg = config(&env);
    // The operator's paths are answered before any static file, whatever the configuration.
    if admin::is_admin_path(path) {
        return match cfg.as_ref() {
            Ok(c) => admin::handle(c, &env, &req, path, &method, &url).await,
            Err(e) => admin::broken(&env, e),
        };
    }
    let is_get = matches!(method.as_str(), "GET" | "HEAD");
    let cfg = match cfg.as_ref() {
        Ok(c) => c,
        // Webhooks are POSTed: the playground stays up while the routes are broken.
        Err(e) => {
            if is_get && let Some(res) = static_file(&env, &req).await? {
                return Ok(res);
            }
            return config_broken(e);
        }
    };
    let Some(route) = cfg.route(path) else {
        if is_get && let Some(res) = static_file(&env, &req).await? {
            return Ok(res);
        }
        // A provider pointed at the wrong URL shows up here.
        Line::new("request")
            .field("path", path)
            .field("outcome", "not_found")
            .field("status", 404)
            .emit();
        return error_json(
            404,
            "not_found",
            "no webhook route is configured at this path",
        );
    };
    // Meta's endpoint check is a GET on the webhook route: it goes on to `handle`, which
    // answers it (and refuses any other GET there, as below).
    let get_handshake = method == "GET" && route.verifier.has_get_handshake();
    if method != "POST" && !get_handshake {
        Line::new("request")
            .field("route", route.path.as_str())
            .field("method", method)
            .field("outcome", "method_not_allowed")
            .field("status", 405)
            .emit();
        let mut res = error_json(
            405,
            "method_not_allowed",
            "webhooks are delivered with POST",
        )?;
        // Meta's route also takes its endpoint check's GET.
        let allow = if route.verifier.has_get_handshake() {
            "POST, GET"
        } else {
            "POST"
        };
        res.headers_mut().set("allow", allow)?;
        return Ok(res);
    }
    let started = now_ms();
    let mut job = None;
    let (res, line) = match handle(cfg, route, req, &env, &url, get_handshake, &mut job).await {
        Ok(pair) => pair,
        Err(e) => {
            // An internal failure (storage, platform): never echo its text to the sender.
            let line = Line::new("delivery")
                .field("level", "error")
                .field("outcome", "internal_error")
                .field("detail", e.to_string());
            (
                error_json(
                    500,
                    "internal_error",
                    "the edge failed; the delivery was not accepted",
                )?
                .with_status(500),
                line,
            )
        }
    };
    line.field("route", route.path.as_str())
        .field("provider", route.provider.id())
        .field("mode", route.mode.as_str())
        .field("status", res.status_code())
        .field("latencyMs", now_ms() - started)
        .emit_to(&sink);
    ctx.wait_until(sink.settle());
    // The delivery log is written after the answer: it never delays or fails a delivery.
    if let Some(job) = job {
        ctx.wait_until(job.run());
    }
    Ok(res)
}

/// A handshake's answer, exactly as the provider expects it.
fn handshake_response(answer: &crate::HandshakeResponse) -> Result<Response> {
    let mut res = ResponseBuilder::new().with_status(answer.status);
    for (name, value) in &answer.headers {
        res = res.with_header(name, value)?;
    }
    // A 204 (Discord's Webhook Events PING) has no body at all: fetch refuses one, even empty.
    if answer.status == 204 || answer.status == 304 {
        return Ok(res.empty());
    }
    Ok(res.fixed(answer.body.clone().into_bytes()))
}

/// An accepted delivery's answer: the provider's acknowledgement where it asks for one
/// (exactly its status, headers and body, plus `X-Hookguard-Outcome` saying what the edge did:
/// `delivered`, `queued` or `duplicate`), else `ours`.
fn accepted(
    ack: Option<&crate::HandshakeResponse>,
    outcome: &str,
    ours: impl FnOnce() -> Result<Response>,
) -> Result<Response> {
    match ack {
        Some(a) => {
            let mut res = handshake_response(a)?;
            res.headers_mut().set("x-hookguard-outcome", outcome)?;
            Ok(res)
        }
        None => ours(),
    }
}

/// The static file for a GET that is no route, from the `ASSETS` binding; `None` when there is
/// no such binding or no such file.
pub(crate) async fn static_file(env: &Env, req: &web_sys::Request) -> Result<Option<Response>> {
    use wasm_bindgen::JsCast;
    let assets = js_sys::Reflect::get(env, &wasm_bindgen::JsValue::from_str(ASSETS_BINDING))?;
    if assets.is_undefined() || assets.is_null() {
        return Ok(None);
    }
    let fetch: js_sys::Function =
        js_sys::Reflect::get(&assets, &wasm_bindgen::JsValue::from_str("fetch"))?.dyn_into()?;
    let promise: js_sys::Promise = fetch.call1(&assets, req)?.dyn_into()?;
    let res: web_sys::Response = JsFuture::from(promise).await?.dyn_into()?;
    if res.status() == 404 {
        return Ok(None);
    }
    Ok(Some(Response::from(res)))
}

fn healthz(method: &str, env: &Env) -> Result<Response> {
    if !matches!(method, "GET" | "HEAD") {
        return error_json(405, "method_not_allowed", "use GET");
    }
    match config(env).as_ref() {
        Ok(c) => status_json(
            200,
            ObjectWriter::new()
                .str("status", "ok")
                .num("routes", c.routes.len())
                .finish(),
        ),
        Err(e) => config_broken(e),
    }
}

/// The path of a URL as the runtime serialises it (`scheme://host[:port]/path?query#fragment`).
fn path_of(url: &str) -> &str {
    let rest = url
        .find("://")
        .and_then(|i| url.get(i + 3..))
        .unwrap_or(url);
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.get(host_end..) {
        Some(tail) if tail.starts_with('/') => tail
            .get(..tail.find(['?', '#']).unwrap_or(tail.len()))
            .unwrap_or("/"),
        _ => "/",
    }
}

async fn handle(
    cfg: &Config,
    route: &Route,
    req: web_sys::Request,
    env: &Env,
    url: &str,
    get: bool,
    job: &mut Option<gateway::Job>,
) -> Result<(Response, Line)> {
    let line = Line::new("delivery");
    let received_ms = now_ms();
    let headers = worker::Headers(req.headers());
    let limit = route.verifier.max_body_bytes();
    let too_large = |line: Line| {
        let e = Error::new(
            ErrorCode::BodyTooLarge,
            format!("the body exceeds the limit of {limit} bytes"),
        );
        rejected(&e, line)
    };
    // Refuse an announced oversize body before reading any of it. A length too large for u64
    // is oversize too (the runtime itself refuses a Content-Length that is not digits).
    if let Some(len) = headers.get("content-length")? {
        let len = len.trim();
        if len.bytes().all(|c| c.is_ascii_digit())
            && len.parse::<u64>().map_or(true, |n| n > limit as u64)
        {
            return too_large(line);
        }
    }
    // Always read through the stream and stop at the limit: a Content-Length header proves
    // nothing about the body's size (with `Transfer-Encoding: chunked` beside it the runtime
    // follows the chunks), so no framing can make the edge hold more than `limit` bytes.
    let body = match req.body() {
        None => Vec::new(),
        Some(stream) => match read_capped(&stream, limit).await {
            Ok(Some(body)) => body,
            Ok(None) => return too_large(line),
            // Broken chunk framing, or the sender hung up mid-body: the sender's fault, before
            // anything was authenticated, so no error-level line an operator would be paged for.
            Err(_) => {
                return Ok((
                    error_json(
                        400,
                        "incomplete_body",
                        "the request body could not be read to its end",
                    )?,
                    line.field("level", "warn")
                        .field("outcome", "incomplete_body"),
                ));
            }
        },
    };
    // Verify from the few headers the scheme reads (one runtime call each), so a forged
    // delivery costs no more; the forwarded ones are collected only once it is genuine.
    // Headers.get, like entries(), joins repeated fields with ", ".
    let mut read: Vec<(String, String)> = Vec::with_capacity(4);
    for name in route.verifier.handshake_header_names() {
        if read.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if let Some(value) = headers.get(&name)? {
            read.push((name, value));
        }
    }
    let now_s = now_ms() / 1000;
    // URL-signing providers sign the URL they called: the route's `url` when a proxy rewrites
    // it (refused for other providers, so Meta's endpoint check reads this request's query),
    // else this request's own. `handle` sees only POSTs and Meta's GETs.
    let url = route.url.as_deref().unwrap_or(url);
    let method = if get { "GET" } else { "POST" };
    // A handshake (Slack's url_verification, Zoom's url_validation, Twitch's challenge,
    // BoldSign's Verification, Meta's GET) is authenticated like a delivery (Meta's by its
    // verify token), then answered here: never forwarded, never queued, never remembered.
    match route
        .verifier
        .handshake(&read, &body, now_s, method, Some(url))
    {
        Ok(Some(answer)) => {
            return Ok((
                handshake_response(&answer)?,
                line.field("outcome", "handshake"),
            ));
        }
        Ok(None) if get => {
            // A GET that is no endpoint check: refused as on every route.
            let mut res = error_json(
                405,
                "method_not_allowed",
                "webhooks are delivered with POST",
            )?;
            res.headers_mut().set("allow", "POST, GET")?;
            return Ok((res, line.field("outcome", "method_not_allowed")));
        }
        Ok(None) => {}
        Err(e) => return rejected(&e, line),
    }
    let request = crate::RequestInfo {
        url: Some(url),
        method: Some(method),
    };
    let verified = match route.verifier.verify_request(&read, &body, now_s, &request) {
        Ok(v) => v,
        Err(e) => return rejected(&e, line),
    };
    let facts = Facts {
        provider: verified.provider.id().to_owned(),
        event: verified.event.clone(),
        id: verified.id.clone().unwrap_or_else(edge_id),
        verified_at: now_s,
        confirmed: None,
        replay: false,
    };
    let line = line
        .opt("event", facts.event.clone())
        .field("id", facts.id.as_str());
    let forwarded = forward::provider_headers(route, &headers)?;
    // What the provider must get back for an accepted delivery, beyond a 2xx (Dropbox Sign's
    // text, Adobe Acrobat Sign's client-id echo): delivered, queued and duplicate answers carry
    // it, or the provider retries an event it already gave us.
    let ack = route.verifier.acknowledgement(&read);

    let log = gateway::Log::new(env);
    // Queue mode puts the delivery in one message. A body too large for one travels through
    // R2 (the message names the object and its SHA-256), stored once the id is claimed; without
    // R2 it is forwarded now instead of refused: Inspakt never retries, so a refusal would lose
    // the event.
    let mut stored: Option<gateway::Stored> = None;
    let mut message = match route.mode {
        Mode::Direct => None,
        Mode::Queue => queue::message(
            cfg,
            &route.path,
            &forwarded,
            queue::Body::Inline(&body),
            &facts,
        ),
    };
    let through_r2 = route.mode == Mode::Queue && message.is_none() && log.bucket.is_some();

    // Claim the dedupe key, if the delivery has one.
    let mut claim: Option<(DedupeClient, String)> = None;
    if let Some(key) = &verified.dedupe_key {
        let client =
            DedupeClient::new(env, &route.dedupe_namespace, key, route.dedupe_ttl_seconds)?;
        let lease_ms = match (&message, through_r2) {
            (Some(_), _) => 30_000,
            // R2 and the queue, or the direct fallback if R2 fails.
            (None, true) => {
                let confirming = route
                    .confirm
                    .as_ref()
                    .map_or(0, |c| i64::from(c.timeout_ms));
                (i64::from(route.origin_timeout_ms) + confirming + 5_000).max(30_000)
            }
            (None, false) => {
                let confirming = route
                    .confirm
                    .as_ref()
                    .map_or(0, |c| i64::from(c.timeout_ms));
                i64::from(route.origin_timeout_ms) + confirming + 5_000
            }
        };
        match client.claim(lease_ms).await {
            Ok(Claim::Claimed { token }) => claim = Some((client, token)),
            Ok(Claim::Duplicate) => {
                return Ok((
                    accepted(ack.as_ref(), "duplicate", || {
                        status_json(200, ObjectWriter::new().str("status", "duplicate").finish())
                    })?,
                    line.field("outcome", "duplicate"),
                ));
            }
            Ok(Claim::InFlight {
                retry_after_seconds,
            }) => {
                // 503 + Retry-After, not 200: the first attempt may still fail, and only a
                // non-2xx makes the provider come back.
                let mut res = status_json(
                    503,
                    ObjectWriter::new()
                        .str("status", "in_flight")
                        .str(
                            "message",
                            "an identical delivery is being forwarded right now; retry later",
                        )
                        .finish(),
                )?;
                res.headers_mut()
                    .set("retry-after", &retry_after_seconds.to_string())?;
                return Ok((res, line.field("outcome", "in_flight")));
            }
            Err(e) if route.mode == Mode::Queue => {
                // The provider will not retry: accepting with a possible duplicate beats
                // losing the event.
                Line::new("dedupe")
                    .field("level", "error")
                    .field("route", route.path.as_str())
                    .field("outcome", "dedupe_unavailable")
                    .field("detail", e.to_string())
                    .emit();
            }
            Err(e) => {
                let mut res = error_json(
                    503,
                    "dedupe_unavailable",
                    "replay protection is unavailable; retry later",
                )?;
                res.headers_mut().set("retry-after", "30")?;
                return Ok((
                    res,
                    line.field("outcome", "dedupe_unavailable")
                        .field("detail", e.to_string()),
                ));
            }
        }
    }

    // Only the copy that holds the claim stores its body: a duplicate never touches the object
    // a queued message points at (each object's key also names its content).
    if through_r2 {
        let expires = gateway::Entry::new(cfg, route, &facts, body.len(), None, received_ms)
            .expires_at_queued(now_ms());
        if let Some(s) = log
            .put_request(&route.path, &facts.id, &forwarded, &body, expires)
            .await
        {
            message = queue::message(
                cfg,
                &route.path,
                &forwarded,
                queue::Body::Stored {
                    key: &s.key,
                    sha256: &s.sha256,
                },
                &facts,
            );
            stored = Some(s);
        }
    }
    if route.mode == Mode::Queue && message.is_none() {
        Line::new("queue")
            .field("level", "warn")
            .field("route", route.path.as_str())
            .field("outcome", "forwarded_directly")
            .field(
                "message",
                "the delivery does not fit in a queue message: forwarded directly",
            )
            .emit();
    }

    // What the delivery log records of it, when there is a log.
    let entry = log.enabled().then(|| {
        gateway::Entry::new(
            cfg,
            route,
            &facts,
            body.len(),
            verified.dedupe_key.clone(),
            received_ms,
        )
    });
    match message {
        None => {
            // A confirm route's delivery that did not fit in a queue message is confirmed
            // here, before it is forwarded directly: never forwarded unconfirmed.
            let mut facts = facts;
            if let Some(c) = &route.confirm {
                match confirm::confirm(c, facts.event.as_deref(), &body, u64::MAX).await {
                    confirm::Verdict::Confirmed { status, envelope } => {
                        facts.confirmed = Some((envelope, status));
                    }
                    // Nothing can wait here (Inspakt never retries): what is not confirmed now
                    // is not forwarded.
                    confirm::Verdict::Contradicted { reason, status }
                    | confirm::Verdict::Pending { reason, status } => {
                        release_claim(claim.as_ref()).await;
                        let res = error_json(
                            403,
                            "not_confirmed",
                            "the envelope's state does not confirm this event; it was not forwarded",
                        )?;
                        return Ok((
                            res,
                            line.field("level", "warn")
                                .field("outcome", "not_confirmed")
                                .field("reason", reason)
                                .opt("envelopeStatus", status),
                        ));
                    }
                    confirm::Verdict::Unjudgeable(reason) => {
                        release_claim(claim.as_ref()).await;
                        let res = error_json(
                            403,
                            "not_confirmed",
                            "this event cannot be confirmed; it was not forwarded",
                        )?;
                        return Ok((
                            res,
                            line.field("level", "error")
                                .field("outcome", "not_confirmable")
                                .field("reason", reason),
                        ));
                    }
                    confirm::Verdict::Unavailable(detail) => {
                        release_claim(claim.as_ref()).await;
                        let mut res = error_json(
                            503,
                            "confirm_unavailable",
                            "the event could not be confirmed; it was not accepted",
                        )?;
                        res.headers_mut().set("retry-after", "30")?;
                        return Ok((
                            res,
                            line.field("level", "error")
                                .field("outcome", "confirm_unavailable")
                                .field("detail", detail),
                        ));
                    }
                }
            }
            // originMs is the origin's time alone, after any confirmation.
            let started = now_ms();
            let outcome = forward::forward(route, &forwarded, &body, &facts, now_s)
                .await
                .unwrap_or_else(|e| Outcome::EdgeFailed(e.to_string()));
            let origin_ms = now_ms() - started;
            let line = line
                .field("outcome", outcome.label())
                .field("originMs", origin_ms);
            if let Some(entry) = entry {
                let (status, origin_status) = match &outcome {
                    Outcome::Delivered(s) => ("delivered", Some(*s)),
                    Outcome::Refused(s) => ("failed", Some(*s)),
                    _ => ("failed", None),
                };
                let attempt = gateway::Attempt {
                    kind: "live",
                    outcome: outcome.label().to_owned(),
                    origin_status,
                    latency_ms: origin_ms,
                };
                *job = Some(log.job(
                    entry,
                    status,
                    None,
                    (forwarded.clone(), body.clone()),
                    Some(attempt),
                ));
            }
            match outcome {
                Outcome::Delivered(status) => {
                    record_delivered(route, claim.as_ref()).await;
                    Ok((
                        accepted(ack.as_ref(), "delivered", || {
                            status_json(
                                200,
                                ObjectWriter::new()
                                    .str("status", "delivered")
                                    .num("originStatus", status)
                                    .finish(),
                            )
                        })?,
                        line.field("originStatus", status),
                    ))
                }
                failed => {
                    // Free the id at once so the provider's retry is forwarded.
                    release_claim(claim.as_ref()).await;
                    let res = match &failed {
                        Outcome::Refused(s) => {
                            error_json(502, "origin_refused", &format!("the origin answered {s}"))?
                        }
                        Outcome::TimedOut => error_json(
                            504,
                            "origin_timeout",
                            &format!(
                                "the origin did not answer within {} ms",
                                route.origin_timeout_ms
                            ),
                        )?,
                        Outcome::EdgeFailed(_) => error_json(
                            500,
                            "internal_error",
                            "the edge failed to forward; the delivery was not accepted",
                        )?,
                        _ => error_json(
                            502,
                            "origin_unreachable",
                            "the origin could not be reached",
                        )?,
                    };
                    let line = match failed {
                        Outcome::Refused(s) => line.field("originStatus", s),
                        Outcome::Unreachable(detail) => line.field("detail", detail),
                        Outcome::EdgeFailed(detail) => {
                            line.field("level", "error").field("detail", detail)
                        }
                        _ => line,
                    };
                    Ok((res, line))
                }
            }
        }
        Some(text) => {
            let sent = queue::enqueue(env, text).await;
            match sent {
                Ok(()) => {
                    record_delivered(route, claim.as_ref()).await;
                    if let Some(entry) = entry {
                        *job = Some(log.job(entry, "queued", stored, (forwarded, body), None));
                    }
                    Ok((
                        accepted(ack.as_ref(), "queued", || {
                            status_json(
                                202,
                                ObjectWriter::new()
                                    .str("status", "queued")
                                    .str("id", &facts.id)
                                    .finish(),
                            )
                        })?,
                        line.field("outcome", "queued"),
                    ))
                }
                Err(e) => {
                    release_claim(claim.as_ref()).await;
                    // The body put in R2 for this message stays until its entry in the log's
                    // `objects` expires (another message may point at the same content).
                    let mut res = error_json(
                        503,
                        "queue_unavailable",
                        "the event could not be queued; it was not accepted",
                    )?;
                    res.headers_mut().set("retry-after", "30")?;
                    Ok((
                        res,
                        line.field("level", "error")
                            .field("outcome", "queue_unavailable")
                            .field("detail", e.to_string()),
                    ))
                }
            }
        }
    }
}

/// Reads a body of unannounced length chunk by chunk; `None` as soon as it passes `limit`, so a
/// huge chunked upload costs at most `limit` bytes of memory before the 413.
pub(crate) async fn read_capped(
    stream: &web_sys::ReadableStream,
    limit: usize,
) -> Result<Option<Vec<u8>>> {
    use wasm_bindgen::JsCast;
    // getReader() without options always gives a default reader.
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let done = wasm_bindgen::JsValue::from_str("done");
    let value = wasm_bindgen::JsValue::from_str("value");
    let mut body = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await?;
        if js_sys::Reflect::get(&step, &done)?.is_truthy() {
            return Ok(Some(body));
        }
        let chunk = js_sys::Uint8Array::new(&js_sys::Reflect::get(&step, &value)?);
        let n = chunk.length() as usize;
        if n > limit.saturating_sub(body.len()) {
            // Stop reading: the rest of the upload is never pulled into memory.
            let _ = reader.cancel();
            return Ok(None);
        }
        let start = body.len();
        // Exactly what is needed: doubling could hold up to twice the limit.
        body.reserve_exact(n);
        body.resize(start + n, 0);
        if let Some(dst) = body.get_mut(start..) {
            chunk.copy_to(dst);
        }
    }
}

/// Frees a claimed id at once, so that the next attempt (the provider's retry, the message's
/// next delivery) is forwarded; if this fails, the lease runs out on its own.
pub(crate) async fn release_claim(claim: Option<&(DedupeClient, String)>) {
    if let Some((client, token)) = claim {
        let _ = client.release(token).await;
    }
}

/// Marks the claimed key delivered, trying a few times: if every attempt fails, the row stays
/// `claimed` until its lease runs out, and a replay after that would be forwarded again. The
/// event itself did reach the origin (or the queue), so the answer stays a success; the failure
/// is logged at error level for the operator (the origin should be idempotent on
/// `X-Hookguard-Id` anyway).
pub(crate) async fn record_delivered(route: &Route, claim: Option<&(DedupeClient, String)>) {
    const ATTEMPTS: u32 = 3;
    let Some((client, token)) = claim else {
        return;
    };
    let mut last = None;
    for _ in 0..ATTEMPTS {
        match client.complete(token).await {
            Ok(()) => return,
            Err(e) => last = Some(e),
        }
    }
    Line::new("dedupe")
        .field("level", "error")
        .field("route", route.path.as_str())
        .field("outcome", "complete_failed")
        .field("attempts", ATTEMPTS)
        .opt("detail", last.map(|e| e.to_string()))
        .emit();
}

/// An id for deliveries whose provider sends none (Inspakt), so the origin can still
/// deduplicate the queue consumer's retries: stable from here on.
fn edge_id() -> String {
    let r = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!("hg_{:x}{:013x}", now_ms(), r)
}
