//! Queue mode: the fetch handler puts the verified delivery on the `DELIVERIES` queue and
//! answers 202 only once the queue accepted it; this consumer forwards it, retrying with
//! backoff. After the consumer's `max_retries` (wrangler.toml) the platform moves the message
//! to the dead-letter queue, where it stays until someone re-drives it: nothing accepted is
//! dropped silently.
//!
//! A message is one line of ASCII text, `hookguard-queue/1 <mac> <payload>`, where the payload
//! is a JSON object and the MAC is HMAC-SHA256 over the version and the payload with
//! `HOOKGUARD_QUEUE_KEY`, a key only this worker holds. Anything else that can produce to the
//! queue (another Worker with a producer binding, an API token, the dashboard, a dead-letter
//! re-drive of a foreign message) cannot make a message the consumer forwards: the MAC is
//! checked, in constant time, before anything in the message is read, and a message that
//! fails it, or names a route that is not a queue route of the same provider, is retried into
//! the dead-letter queue, never forwarded.

use crate::codec::{base64_decode, base64_encode, ct_eq, hex_decode_32, hex_encode};
use crate::json::{Field, ObjectWriter, object_fields};
use crate::worker::config::{Config, Mode, QUEUE_BINDING, Route};
use crate::worker::confirm::{self, Verdict};
use crate::worker::dedupe::{Claim, DedupeClient};
use crate::worker::forward::{self, Facts, Outcome};
use crate::worker::gateway::{Attempt, Entry, Log, Stored, record_dead, record_foreign};
use crate::worker::log::Line;
use crate::worker::metrics::Sink;
use crate::worker::{config, now_ms};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use worker::{
    Context, Env, MessageBatch, MessageExt, QueueContentType, QueueRetryOptionsBuilder,
    RawMessageBuilder, Result, event,
};

/// The most a message may be: the platform's limit is 128 KB (128,000 bytes). The text is
/// ASCII, so its length is its size in any encoding; the margin covers the few bytes of
/// framing the runtime adds.
pub const MAX_MESSAGE_BYTES: usize = 128_000 - 64;

const VERSION: &str = "hookguard-queue/1";

/// One verified delivery read back from a message: the provider's headers as filtered at the
/// edge (the Inspakt token never enters the queue) and the exact body bytes (empty until read
/// from R2 when `stored`).
pub struct QueuedDelivery {
    pub route: String,
    pub provider: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub facts: Facts,
    /// Where the stored request is, for a body too large for a message.
    pub stored: Option<Stored>,
}

fn mac(key: &str, payload: &str) -> Option<[u8; 32]> {
    let mut m = Hmac::<Sha256>::new_from_slice(key.as_bytes()).ok()?;
    m.update(VERSION.as_bytes());
    m.update(b"\n");
    m.update(payload.as_bytes());
    Some(m.finalize().into_bytes().into())
}

/// `"name:value\n…"`: a field name holds no `:` and a value no line break.
fn join_headers(headers: &[(String, String)]) -> String {
    let mut out = String::new();
    for (k, v) in headers {
        out.push_str(k);
        out.push(':');
        out.push_str(v);
        out.push('\n');
    }
    out
}

fn split_headers(text: &str) -> Option<Vec<(String, String)>> {
    text.split_terminator('\n')
        .map(|line| {
            let (k, v) = line.split_once(':')?;
            Some((k.to_owned(), v.to_owned()))
        })
        .collect()
}

/// JSON text with every non-ASCII character written as a `\u` escape (only string contents
/// can hold one), so that the message's length is its size whichever way it is counted.
fn ascii_only(json: String) -> String {
    if json.is_ascii() {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                use std::fmt::Write as _;
                let _ = write!(out, "\\u{u:04x}");
            }
        }
    }
    out
}

/// How a message carries the body: in itself, or as the R2 object (see `record.rs`) holding
/// the request, named and pinned by its SHA-256 (covered by the MAC, so a changed object is
/// refused).
pub enum Body<'a> {
    Inline(&'a [u8]),
    Stored { key: &'a str, sha256: &'a str },
}

/// The message text for a delivery, signed with the first key.
fn encode(
    keys: &[String],
    route: &str,
    headers: &[(String, String)],
    body: Body<'_>,
    facts: &Facts,
) -> Option<String> {
    let mut w = ObjectWriter::new();
    w.str("route", route)
        .str("provider", &facts.provider)
        .opt_str("event", facts.event.as_deref())
        .str("id", &facts.id)
        .num("verifiedAt", facts.verified_at)
        .str("headers", &join_headers(headers));
    match body {
        Body::Inline(bytes) => w.str("body", &base64_encode(bytes)),
        Body::Stored { key, sha256 } => w.str("bodyRef", key).str("bodySha256", sha256),
    };
    let payload = ascii_only(w.finish());
    let tag = mac(keys.first()?, &payload)?;
    Some(format!("{VERSION} {} {payload}", hex_encode(&tag)))
}

impl QueuedDelivery {
    /// Checks the MAC against every key (constant time), then reads the payload.
    pub fn decode(text: &str, keys: &[String]) -> std::result::Result<QueuedDelivery, Rejected> {
        let rest = text
            .strip_prefix(VERSION)
            .and_then(|r| r.strip_prefix(' '))
            .ok_or(Rejected::Unreadable)?;
        let (tag, payload) = rest.split_once(' ').ok_or(Rejected::Unreadable)?;
        let tag = hex_decode_32(tag.as_bytes()).ok_or(Rejected::Unreadable)?;
        // Every key is tried, whichever matches, so the time taken says nothing about which.
        let mut ok = false;
        for key in keys {
            ok |= mac(key, payload).is_some_and(|expected| ct_eq(&expected, &tag));
        }
        if !ok {
            return Err(Rejected::Unauthenticated);
        }
        let wanted = [
            "route",
            "provider",
            "event",
            "id",
            "verifiedAt",
            "headers",
            "body",
            "bodyRef",
            "bodySha256",
        ];
        let fields = object_fields(payload, &wanted).map_err(|_| Rejected::Unreadable)?;
        let mut it = fields.into_iter();
        let mut next = || it.next().flatten();
        let text = |f: Option<Field>| match f {
            Some(Field::Str(s)) => Some(s),
            _ => None,
        };
        let route = text(next()).ok_or(Rejected::Unreadable)?;
        let provider = text(next()).ok_or(Rejected::Unreadable)?;
        let event = match next() {
            Some(Field::Str(s)) => Some(s),
            None | Some(Field::Null) => None,
            Some(_) => return Err(Rejected::Unreadable),
        };
        let id = text(next()).ok_or(Rejected::Unreadable)?;
        let verified_at = match next() {
            Some(Field::Uint(n)) => i64::try_from(n).map_err(|_| Rejected::Unreadable)?,
            _ => return Err(Rejected::Unreadable),
        };
        let headers = text(next())
            .and_then(|h| split_headers(&h))
            .ok_or(Rejected::Unreadable)?;
        let (body, body_ref, sha) = (next(), text(next()), text(next()));
        let (body, stored) = match (body, body_ref, sha) {
            (Some(Field::Str(b)), None, None) => (
                base64_decode(b.as_bytes()).ok_or(Rejected::Unreadable)?,
                None,
            ),
            (None, Some(key), Some(sha)) if key.starts_with("bodies/") && sha.len() == 64 => {
                (Vec::new(), Some(Stored::whole(&key, &sha)))
            }
            _ => return Err(Rejected::Unreadable),
        };
        Ok(QueuedDelivery {
            route,
            provider: provider.clone(),
            headers,
            body,
            stored,
            facts: Facts {
                provider,
                event,
                id,
                verified_at,
                confirmed: None,
                replay: false,
            },
        })
    }
}

/// An authentic message for a queue route of its own provider. Only those take messages: a
/// forged message naming a direct route would otherwise skip its replay check.
fn decode_routed<'c>(
    cfg: &'c Config,
    text: &str,
) -> std::result::Result<(&'c Route, QueuedDelivery), Rejected> {
    let d = QueuedDelivery::decode(text, &cfg.queue_keys)?;
    match cfg.route(&d.route) {
        Some(r) if r.mode == Mode::Queue && r.provider.id() == d.provider => Ok((r, d)),
        _ => Err(Rejected::Misrouted),
    }
}

impl QueuedDelivery {
    /// What the delivery log records of it (received when it was verified).
    fn entry(&self, cfg: &Config, route: &Route) -> Entry {
        Entry::new(
            cfg,
            route,
            &self.facts,
            self.body.len(),
            None,
            self.facts.verified_at.saturating_mul(1000),
        )
    }
}

/// Why the consumer refused a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// Not this worker's format (another deployment's, a foreign producer's).
    Unreadable,
    /// The MAC does not match any configured key.
    Unauthenticated,
    /// Authentic, but it names no queue route of its provider (the configuration changed
    /// since it was queued).
    Misrouted,
}

impl Rejected {
    fn label(self) -> &'static str {
        match self {
            Rejected::Unreadable => "unreadable_message",
            Rejected::Unauthenticated => "unauthenticated_message",
            Rejected::Misrouted => "misrouted_message",
        }
    }
}

/// The message for a verified delivery, or `None` when it would not fit in one (the caller
/// then forwards it directly rather than refusing it: the provider may never retry). The size
/// is the exact length of the text that is sent.
pub fn message(
    cfg: &Config,
    route: &str,
    headers: &[(String, String)],
    body: Body<'_>,
    facts: &Facts,
) -> Option<String> {
    encode(&cfg.queue_keys, route, headers, body, facts)
        .filter(|text| text.len() <= MAX_MESSAGE_BYTES)
}

pub async fn enqueue(env: &Env, text: String) -> Result<()> {
    env.queue(QUEUE_BINDING)?
        .send_raw(
            RawMessageBuilder::new(wasm_bindgen::JsValue::from_str(&text))
                .build_with_content_type(QueueContentType::Text),
        )
        .await
}

#[event(queue)]
async fn consume(
    batch: MessageBatch<wasm_bindgen::JsValue>,
    env: Env,
    _ctx: Context,
) -> Result<()> {
    let sink = Sink::new(&env);
    let cfg = config(&env);
    let cfg = match cfg.as_ref() {
        Ok(c) => c,
        Err(e) => {
            Line::new("queue")
                .field("level", "error")
                .field("outcome", "invalid_config")
                .field("message", e.message())
                .emit_to(&sink);
            batch.retry_all_with_options(
                &QueueRetryOptionsBuilder::new()
                    .with_delay_seconds(60)
                    .build(),
            );
            sink.settle().await;
            return Ok(());
        }
    };
    let env = &env;
    let log = &Log::new(env);
    if batch.queue() == cfg.dead_letter_queue {
        let work = batch
            .raw_iter()
            .map(|raw| async move { dead_letter(cfg, env, log, &raw).await });
        futures_util::future::join_all(work).await;
        return Ok(());
    }
    let decisions = &sink;
    let work = batch.raw_iter().map(|raw| async move {
        let text = raw.body().as_string().unwrap_or_default();
        let decoded = decode_routed(cfg, &text);
        match decoded {
            Ok((route, mut d)) => {
                let started = now_ms();
                let tried = deliver(cfg, env, log, route, &raw, &mut d, decisions).await;
                if let Some(t) = tried {
                    let entry = d.entry(cfg, route);
                    let attempt = Attempt {
                        kind: "queue",
                        outcome: t.outcome,
                        origin_status: t.origin_status,
                        latency_ms: now_ms() - started,
                    };
                    log.record(&entry, t.status, d.stored.as_ref(), Some(&attempt))
                        .await;
                    // Without a log nothing else ever deletes a body that travelled through R2
                    // (a later copy of the message is a duplicate: acked unread).
                    if t.status == "delivered"
                        && !log.enabled()
                        && let (Some(bucket), Some(s)) = (&log.bucket, &d.stored)
                    {
                        let _ = bucket.delete(std::slice::from_ref(&s.key)).await;
                    }
                }
            }
            Err(why) => {
                // Retried, not acked, so that it ends in the dead-letter queue where an
                // operator sees it; never forwarded.
                let delay = backoff_seconds(cfg, &raw);
                raw.retry_with_options(
                    &QueueRetryOptionsBuilder::new()
                        .with_delay_seconds(delay)
                        .build(),
                );
                Line::new("queue")
                    .field("level", "error")
                    .field("outcome", why.label())
                    .field("retryInSeconds", delay)
                    .emit_to(decisions);
            }
        }
    });
    futures_util::future::join_all(work).await;
    sink.settle().await;
    Ok(())
}

/// Reads the body of a message whose body travelled through R2, checking it against the
/// SHA-256 the message's MAC covers.
async fn read_stored(log: &Log, d: &mut QueuedDelivery) -> std::result::Result<(), String> {
    let Some(Stored {
        key, sha256: sha, ..
    }) = &d.stored
    else {
        return Ok(());
    };
    let bucket = log
        .bucket
        .as_ref()
        .ok_or("the body is in R2 and the BODIES binding is missing")?;
    let object = bucket
        .get(key)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the stored body is missing")?;
    if !ct_eq(
        crate::record::sha256_hex(&object).as_bytes(),
        sha.as_bytes(),
    ) {
        return Err("the stored body does not match its message".into());
    }
    let (_, body) =
        crate::record::decode_request(&object).ok_or("the stored body is unreadable")?;
    d.body = body;
    Ok(())
}

/// A message the queue gave up on (its consumer is the dead-letter queue's): recorded as
/// `dead` in the delivery log, with its body, then acknowledged. Until that record is written
/// the message is retried (a long wait each time), so nothing leaves the dead-letter queue
/// unrecorded. Its route's dead-letter count goes to the health store (an alert at the next cron
/// run).
async fn dead_letter(cfg: &Config, env: &Env, log: &Log, raw: &worker::RawMessage) {
    let text = raw.body().as_string().unwrap_or_default();
    let decoded = decode_routed(cfg, &text);
    let route_path = decoded.as_ref().ok().map(|(r, _)| r.path.clone());
    let (recorded, line) = match decoded {
        // A copy of an old message (anyone who can read the queue could keep one): kept as it
        // came and recorded, but not replayable, as the consumer never forwards it either.
        Ok((_, d))
            if (now_ms() / 1000).saturating_sub(d.facts.verified_at)
                > i64::try_from(cfg.queue_max_message_age_seconds).unwrap_or(i64::MAX) =>
        {
            (
                record_foreign(log, &text, "expired_message").await,
                Line::new("queue")
                    .field("route", d.route.as_str())
                    .field("id", d.facts.id.as_str())
                    .field("reason", "expired_message"),
            )
        }
        Ok((route, d)) => {
            // What the consumer delivered is no dead letter, whatever copy of it arrives here.
            match delivered_already(cfg, env, route, &d).await {
                Ok(Claim::Duplicate) => {
                    raw.ack();
                    return Line::new("queue")
                        .field("route", d.route.as_str())
                        .field("id", d.facts.id.as_str())
                        .field("outcome", "duplicate")
                        .field("stage", "dead_letter")
                        .emit();
                }
                Ok(Claim::InFlight { .. }) | Err(_) => {
                    raw.retry_with_options(
                        &QueueRetryOptionsBuilder::new()
                            .with_delay_seconds(300)
                            .build(),
                    );
                    return Line::new("queue")
                        .field("level", "warn")
                        .field("route", d.route.as_str())
                        .field("id", d.facts.id.as_str())
                        .field("outcome", "dead_letter_deferred")
                        .field("retryInSeconds", 300u32)
                        .emit();
                }
                Ok(Claim::Claimed { .. }) => {}
            }
            let entry = d.entry(cfg, route);
            let request = d
                .stored
                .is_none()
                .then_some((d.headers.as_slice(), d.body.as_slice()));
            (
                record_dead(log, &entry, request, d.stored.clone()).await,
                Line::new("queue")
                    .field("route", d.route.as_str())
                    .field("provider", d.facts.provider.as_str())
                    .opt("event", d.facts.event.clone())
                    .field("id", d.facts.id.as_str()),
            )
        }
        Err(why) => (
            record_foreign(log, &text, why.label()).await,
            Line::new("queue").field("reason", why.label()),
        ),
    };
    match recorded {
        Ok(()) => {
            raw.ack();
            crate::worker::health::note_dead(env, route_path.as_deref().unwrap_or("")).await;
            line.field("level", "error")
                .field("outcome", "dead_lettered")
                .emit();
        }
        Err(e) => {
            // As long as it has waited, from 5 minutes to 12 hours (the platform's longest).
            let sent_ms = i64::try_from(raw.timestamp().as_millis()).unwrap_or(0);
            let age = u32::try_from(((now_ms() - sent_ms) / 1000).max(0)).unwrap_or(u32::MAX);
            let delay = age.clamp(300, 43_200);
            raw.retry_with_options(
                &QueueRetryOptionsBuilder::new()
                    .with_delay_seconds(delay)
                    .build(),
            );
            line.field("level", "error")
                .field("outcome", "dead_letter_unrecorded")
                .field("detail", e.to_string())
                .field("retryInSeconds", delay)
                .emit();
        }
    }
}

/// Whether the consumer already delivered this message's id (`Duplicate`); a claim it takes
/// to find out is given back at once.
async fn delivered_already(
    cfg: &Config,
    env: &Env,
    route: &Route,
    d: &QueuedDelivery,
) -> Result<Claim> {
    let client = DedupeClient::new(
        env,
        &route.dedupe_namespace,
        &format!("queue:{}", d.facts.id),
        cfg.queue_max_message_age_seconds,
    )?;
    let claim = client.claim(5_000).await?;
    if let Claim::Claimed { token } = &claim {
        let _ = client.release(token).await;
    }
    Ok(claim)
}

/// What one try of a message came to, for the delivery log.
struct Tried {
    outcome: String,
    status: &'static str,
    origin_status: Option<u16>,
}

impl Tried {
    fn failed(outcome: &str, origin_status: Option<u16>) -> Tried {
        Tried {
            outcome: outcome.to_owned(),
            status: "failed",
            origin_status,
        }
    }
}

/// Forwards one message; acks on 2xx, otherwise schedules a retry, so that after the last
/// attempt the platform moves it to the dead-letter queue rather than dropping it.
///
/// An authentic message can still be sent again by whoever can read the queue or its
/// dead-letter queue and produce to it, so the consumer keeps its own replay memory: each
/// message's id is claimed before forwarding and recorded once the origin took it, and a
/// message older than `QUEUE_MAX_MESSAGE_AGE_SECONDS` (by its signed `verifiedAt`) is never
/// forwarded. A re-drive of a message that was never delivered still goes through.
///
/// Returns the try for the delivery log (`None`: no try was made, a duplicate or in flight).
async fn deliver(
    cfg: &Config,
    env: &Env,
    log: &Log,
    route: &Route,
    msg: &impl MessageExt,
    d: &mut QueuedDelivery,
    sink: &Sink,
) -> Option<Tried> {
    let started = now_ms();
    let line = Line::new("queue")
        .field("route", d.route.as_str())
        .field("provider", d.facts.provider.as_str())
        .opt("event", d.facts.event.clone())
        .field("id", d.facts.id.as_str());
    let retry = |line: Line, outcome: &str, status: &'static str, origin: Option<u16>| {
        let delay = backoff_seconds(cfg, msg);
        msg.retry_with_options(
            &QueueRetryOptionsBuilder::new()
                .with_delay_seconds(delay)
                .build(),
        );
        line.field("outcome", outcome.to_owned())
            .field("retryInSeconds", delay)
            .field("latencyMs", now_ms() - started)
            .emit_to(sink);
        Some(Tried {
            outcome: outcome.to_owned(),
            status,
            origin_status: origin,
        })
    };
    let now_s = now_ms() / 1000;
    let max_age = i64::try_from(cfg.queue_max_message_age_seconds).unwrap_or(i64::MAX);
    if now_s.saturating_sub(d.facts.verified_at) > max_age {
        return retry(
            line.field("level", "error"),
            "expired_message",
            "failed",
            None,
        );
    }
    let key = format!("queue:{}", d.facts.id);
    let claimed = match DedupeClient::new(
        env,
        &route.dedupe_namespace,
        &key,
        cfg.queue_max_message_age_seconds,
    ) {
        Ok(client) => {
            // The look-up runs under the lease too.
            let confirming = route
                .confirm
                .as_ref()
                .map_or(0, |c| i64::from(c.timeout_ms));
            let lease_ms = i64::from(route.origin_timeout_ms) + confirming + 5_000;
            client.claim(lease_ms).await.map(|c| (client, c))
        }
        Err(e) => Err(e),
    };
    let claim = match claimed {
        Ok((client, Claim::Claimed { token })) => Some((client, token)),
        Ok((_, Claim::Duplicate)) => {
            msg.ack();
            line.field("outcome", "duplicate")
                .field("latencyMs", now_ms() - started)
                .emit_to(sink);
            return None;
        }
        Ok((_, Claim::InFlight { .. })) => {
            retry(line, "in_flight", "queued", None);
            return None;
        }
        Err(e) => {
            // As at the front door in queue mode: a possible duplicate beats holding back an
            // event whose sender never retries; the age bound above still holds.
            Line::new("dedupe")
                .field("level", "error")
                .field("route", route.path.as_str())
                .field("id", d.facts.id.as_str())
                .field("outcome", "dedupe_unavailable")
                .field("detail", e.to_string())
                .emit();
            None
        }
    };
    // A body that travelled through R2 is read once the id is claimed: a copy of a delivered
    // message is acked above without it.
    if let Err(detail) = read_stored(log, d).await {
        crate::worker::release_claim(claim.as_ref()).await;
        return retry(
            line.field("level", "error").field("detail", detail),
            "body_unavailable",
            "failed",
            None,
        );
    }
    // Inspakt confirmation: forwarded only when the envelope's state agrees (see confirm.rs).
    let mut facts = d.facts.clone();
    let line = if let Some(c) = &route.confirm {
        let age = u64::try_from(now_s.saturating_sub(d.facts.verified_at)).unwrap_or(0);
        match confirm::confirm(c, d.facts.event.as_deref(), &d.body, age).await {
            Verdict::Confirmed { status, envelope } => {
                facts.confirmed = Some((envelope, status.clone()));
                line.field("confirmed", status)
            }
            Verdict::Contradicted { reason, status } => {
                // Never forwarded; acknowledged, so that it is not retried into the
                // dead-letter queue as if the origin had failed.
                crate::worker::release_claim(claim.as_ref()).await;
                msg.ack();
                line.field("level", "warn")
                    .field("outcome", "not_confirmed")
                    .field("reason", reason)
                    .opt("envelopeStatus", status)
                    .field("latencyMs", now_ms() - started)
                    .emit_to(sink);
                return Some(Tried::failed("not_confirmed", None));
            }
            Verdict::Pending { reason, status } => {
                crate::worker::release_claim(claim.as_ref()).await;
                return retry(
                    line.field("reason", reason).opt("envelopeStatus", status),
                    "confirm_pending",
                    "queued",
                    None,
                );
            }
            Verdict::Unavailable(detail) => {
                crate::worker::release_claim(claim.as_ref()).await;
                return retry(
                    line.field("level", "error").field("detail", detail),
                    "confirm_unavailable",
                    "failed",
                    None,
                );
            }
            Verdict::Unjudgeable(reason) => {
                // Retried into the dead-letter queue, where an operator sees it: a new event type
                // or payload shape is never dropped.
                crate::worker::release_claim(claim.as_ref()).await;
                return retry(
                    line.field("level", "error").field("reason", reason),
                    "not_confirmable",
                    "failed",
                    None,
                );
            }
        }
    } else {
        line
    };
    match forward::forward(route, &d.headers, &d.body, &facts, now_s).await {
        Ok(Outcome::Delivered(status)) => {
            crate::worker::record_delivered(route, claim.as_ref()).await;
            msg.ack();
            line.field("outcome", "delivered")
                .field("originStatus", status)
                .field("latencyMs", now_ms() - started)
                .emit_to(sink);
            Some(Tried {
                outcome: "delivered".to_owned(),
                status: "delivered",
                origin_status: Some(status),
            })
        }
        failed => {
            crate::worker::release_claim(claim.as_ref()).await;
            match failed {
                Ok(Outcome::Refused(status)) => retry(
                    line.field("originStatus", status),
                    "origin_refused",
                    "failed",
                    Some(status),
                ),
                Ok(Outcome::EdgeFailed(detail)) => retry(
                    line.field("level", "error").field("detail", detail),
                    "internal_error",
                    "failed",
                    None,
                ),
                Ok(other) => retry(line, other.label(), "failed", None),
                Err(e) => retry(
                    line.field("detail", e.to_string()),
                    "forward_failed",
                    "failed",
                    None,
                ),
            }
        }
    }
}

/// Backoff from the message's age: waiting about as long as it has already waited doubles the
/// gap each time (exponential without needing the attempt count), within the configured bounds.
fn backoff_seconds(cfg: &Config, msg: &impl MessageExt) -> u32 {
    let sent_ms = i64::try_from(msg.timestamp().as_millis()).unwrap_or(0);
    let age = u32::try_from(((now_ms() - sent_ms) / 1000).max(0)).unwrap_or(u32::MAX);
    age.clamp(cfg.queue_retry_base_seconds, cfg.queue_retry_max_seconds)
}
