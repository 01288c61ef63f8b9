//! The delivery log: every delivery the worker accepted, in D1 (`LOG`, schema in
//! `migrations/`), with its exact bytes in R2 (`BODIES`), so an operator can see it and replay
//! it (admin.rs). Best effort by design: when D1 or R2 fails, deliveries flow exactly as
//! without the log, and the failure is a log line at level error. The one exception is the
//! dead-letter queue, whose messages are acknowledged only once recorded (nothing leaves it
//! unrecorded).
//!
//! A delivery is one row per (route, id), with one `attempts` row per try: `live` (the front
//! door's forward in direct mode), `queue` (the consumer's), `replay` (an operator's). Its status:
//! `queued` (accepted into the queue, not tried yet), `delivered` (the last try reached the
//! origin with a 2xx), `failed` (the last try did not; in queue mode it is retried), `dead` (the
//! queue gave up: in the dead-letter queue's record). Bodies and secrets never enter D1: only
//! the R2 key of the stored request and its SHA-256, checked again before a replay.

use crate::record::{body_key, encode_request, sha256_hex};
use crate::worker::config::{Config, Mode, Route};
use crate::worker::forward::Facts;
use crate::worker::log::Line;
use crate::worker::now_ms;
use crate::worker::store::{Bucket, Db, int, opt_int, opt_text, text};
use worker::Env;

const DAY_MS: i64 = 86_400_000;

/// The headers and body of a request, borrowed.
pub type RequestRef<'a> = (&'a [(String, String)], &'a [u8]);

/// One try at the origin (or at confirming), as recorded.
pub struct Attempt {
    /// `live`, `queue` or `replay`.
    pub kind: &'static str,
    pub outcome: String,
    pub origin_status: Option<u16>,
    pub latency_ms: i64,
}

/// The owned facts of one delivery, for a write that may run after the response.
#[derive(Clone)]
pub struct Entry {
    pub route: String,
    pub id: String,
    pub provider: String,
    pub event: Option<String>,
    pub received_ms: i64,
    pub body_bytes: usize,
    pub dedupe_key: Option<String>,
    retention_ms: i64,
    /// Queue routes keep a record that is still in the queue at least as long as the queue may
    /// hold the message, whatever the retention.
    hold_ms: i64,
}

impl Entry {
    pub fn new(
        cfg: &Config,
        route: &Route,
        facts: &Facts,
        body_bytes: usize,
        dedupe_key: Option<String>,
        received_ms: i64,
    ) -> Entry {
        let hold_ms = match route.mode {
            Mode::Queue => i64::try_from(cfg.queue_max_message_age_seconds.saturating_mul(1000))
                .unwrap_or(i64::MAX),
            Mode::Direct => 0,
        };
        Entry {
            route: route.path.clone(),
            id: facts.id.clone(),
            provider: facts.provider.clone(),
            event: facts.event.clone(),
            received_ms,
            body_bytes,
            dedupe_key,
            retention_ms: i64::from(route.retention_days).saturating_mul(DAY_MS),
            hold_ms,
        }
    }

    /// When a queued record written now expires (the object holding its body at least as late).
    pub fn expires_at_queued(&self, now: i64) -> i64 {
        self.expires_at("queued", now)
    }

    /// When a record in `status`, written now, expires.
    fn expires_at(&self, status: &str, now: i64) -> i64 {
        let keep = match status {
            "queued" | "failed" => self.retention_ms.max(self.hold_ms),
            _ => self.retention_ms,
        };
        now.saturating_add(keep)
    }
}

/// Where a delivery's request is in R2: a whole object (`offset` `None`), or a part of a
/// flush's segment (see [`flush`]).
#[derive(Clone, Debug)]
pub struct Stored {
    pub key: String,
    pub sha256: String,
    pub offset: Option<usize>,
    pub length: Option<usize>,
}

impl Stored {
    pub fn whole(key: &str, sha256: &str) -> Stored {
        Stored {
            key: key.to_owned(),
            sha256: sha256.to_owned(),
            offset: None,
            length: None,
        }
    }

    fn values(stored: Option<&Stored>) -> [wasm_bindgen::JsValue; 4] {
        let size = |n: Option<usize>| opt_int(n.and_then(|n| i64::try_from(n).ok()));
        [
            opt_text(stored.map(|s| s.key.as_str())),
            opt_text(stored.map(|s| s.sha256.as_str())),
            size(stored.and_then(|s| s.offset)),
            size(stored.and_then(|s| s.length)),
        ]
    }
}

/// The first stored copy of a delivery stays its body (a retry's copy is the same delivery):
/// a record's pointer never moves, so what it points at is never orphaned by it.
const KEEP_BODY: &str = "body_key = COALESCE(deliveries.body_key, excluded.body_key), \
     body_sha256 = CASE WHEN deliveries.body_key IS NULL THEN excluded.body_sha256 ELSE deliveries.body_sha256 END, \
     body_offset = CASE WHEN deliveries.body_key IS NULL THEN excluded.body_offset ELSE deliveries.body_offset END, \
     body_length = CASE WHEN deliveries.body_key IS NULL THEN excluded.body_length ELSE deliveries.body_length END";

/// A delivery's record with the try it just had; the try's own row (`attempts`) is written by
/// the triggers in migrations/ from the record's `last_*` columns, in the same statement.
fn upsert() -> String {
    format!(
        "INSERT INTO deliveries (route, id, provider, event, status, attempts, origin_status, \
         reason, received_at, updated_at, expires_at, body_bytes, body_key, body_sha256, \
         body_offset, body_length, dedupe_key, replays, last_kind, last_outcome, \
         last_latency_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
         ?19, ?20, ?21) \
         ON CONFLICT (route, id) DO UPDATE SET status = excluded.status, \
         attempts = deliveries.attempts + excluded.attempts, \
         origin_status = excluded.origin_status, reason = excluded.reason, \
         updated_at = excluded.updated_at, expires_at = excluded.expires_at, {KEEP_BODY}, \
         dedupe_key = COALESCE(deliveries.dedupe_key, excluded.dedupe_key), \
         replays = deliveries.replays + excluded.replays, last_kind = excluded.last_kind, \
         last_outcome = excluded.last_outcome, last_latency_ms = excluded.last_latency_ms"
    )
}

/// A delivery accepted into the queue: only a new row takes `queued` (the consumer may already
/// have recorded its first try); an existing one only gains the stored body.
fn queued() -> String {
    format!(
        "INSERT INTO deliveries (route, id, provider, event, status, attempts, origin_status, \
         reason, received_at, updated_at, expires_at, body_bytes, body_key, body_sha256, \
         body_offset, body_length, dedupe_key, replays) \
         VALUES (?1, ?2, ?3, ?4, 'queued', 0, NULL, NULL, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0) \
         ON CONFLICT (route, id) DO UPDATE SET {KEEP_BODY}, \
         dedupe_key = COALESCE(deliveries.dedupe_key, excluded.dedupe_key)"
    )
}

/// Every object the log puts in R2 is entered here with an expiry, before (or, for a flush, in
/// the same transaction as its records, before) its put: the cron deletes what has expired, so
/// no object is kept forever, not even one whose records were never written. A record's expiry carries over to the object holding its body (the triggers in
/// migrations/), so no object expires before a record pointing into it.
const INTENT: &str = "INSERT INTO objects (key, expires_at) VALUES (?1, ?2) ON CONFLICT (key) \
     DO UPDATE SET expires_at = MAX(objects.expires_at, excluded.expires_at)";

/// The log's bindings for one invocation (`None` each when not bound).
pub struct Log {
    pub db: Option<Db>,
    pub bucket: Option<Bucket>,
}

/// What to record about one delivery, owned, so it can run after the response is sent.
pub struct Job {
    log: Log,
    entry: Entry,
    /// Where the request is already stored (a queue message's body travelling through R2).
    stored: Option<Stored>,
    /// The request to store, unless it is.
    request: Option<crate::record::Request>,
    status: &'static str,
    attempt: Option<Attempt>,
}

impl Log {
    pub fn new(env: &Env) -> Log {
        Log {
            db: Db::from_env(env),
            bucket: Bucket::from_env(env),
        }
    }

    pub fn enabled(&self) -> bool {
        self.db.is_some()
    }

    /// Stores one request in R2 as its own object (entered in `objects` first, to expire at
    /// `expires_at`, when there is a log); where it is, or `None` (no bucket, or it failed,
    /// logged).
    pub async fn put_request(
        &self,
        route: &str,
        id: &str,
        headers: &[(String, String)],
        body: &[u8],
        expires_at: i64,
    ) -> Option<Stored> {
        let bucket = self.bucket.as_ref()?;
        let object = encode_request(headers, body);
        let sha = sha256_hex(&object);
        let key = own_key(route, id, &sha);
        if let Some(db) = &self.db
            && let Err(e) = db.run(INTENT, &[text(&key), int(expires_at)]).await
        {
            unavailable("log", route, &e);
            return None;
        }
        match bucket.put(&key, &object).await {
            Ok(()) => Some(Stored::whole(&key, &sha)),
            Err(e) => {
                unavailable("bodies", route, &e);
                None
            }
        }
    }

    /// A record of a delivery (new or updated), with the try it just had, if any.
    pub async fn record(
        &self,
        entry: &Entry,
        status: &str,
        stored: Option<&Stored>,
        attempt: Option<&Attempt>,
    ) {
        let Some(db) = &self.db else { return };
        let result = match statements(db, entry, status, stored, attempt) {
            Ok(stmts) => db.batch(stmts).await,
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            unavailable("log", &entry.route, &e);
        }
    }

    /// A job that stores the request (unless `stored` says where it is) and records the
    /// delivery, for `wait_until`.
    pub fn job(
        self,
        entry: Entry,
        status: &'static str,
        stored: Option<Stored>,
        request: crate::record::Request,
        attempt: Option<Attempt>,
    ) -> Job {
        Job {
            log: self,
            entry,
            request: if stored.is_some() {
                None
            } else {
                Some(request)
            },
            stored,
            status,
            attempt,
        }
    }
}

/// The statements that record a delivery in `status`, with its try if it had one.
fn statements(
    db: &Db,
    entry: &Entry,
    status: &str,
    stored: Option<&Stored>,
    attempt: Option<&Attempt>,
) -> worker::Result<Vec<wasm_bindgen::JsValue>> {
    let now = now_ms();
    let [key, sha, offset, length] = Stored::values(stored);
    let bytes = int(i64::try_from(entry.body_bytes).unwrap_or(i64::MAX));
    let Some(a) = attempt else {
        return Ok(vec![db.stmt(
            &queued(),
            &[
                text(&entry.route),
                text(&entry.id),
                text(&entry.provider),
                opt_text(entry.event.as_deref()),
                int(entry.received_ms),
                int(entry.expires_at("queued", now)),
                bytes,
                key,
                sha,
                offset,
                length,
                opt_text(entry.dedupe_key.as_deref()),
            ],
        )?]);
    };
    let reason = (status != "delivered").then_some(a.outcome.as_str());
    let expires = entry.expires_at(status, now);
    Ok(vec![db.stmt(
        &upsert(),
        &[
            text(&entry.route),
            text(&entry.id),
            text(&entry.provider),
            opt_text(entry.event.as_deref()),
            text(status),
            int(1),
            opt_int(a.origin_status.map(i64::from)),
            opt_text(reason),
            int(entry.received_ms),
            int(now),
            int(expires),
            bytes,
            key,
            sha,
            offset,
            length,
            opt_text(entry.dedupe_key.as_deref()),
            int(i64::from(a.kind == "replay")),
            text(a.kind),
            text(&a.outcome),
            int(a.latency_ms),
        ],
    )?])
}

thread_local! {
    /// The front door's records waiting for this isolate's next flush.
    static PENDING: std::cell::RefCell<Vec<Job>> = const { std::cell::RefCell::new(Vec::new()) };
    /// When the pending flush was scheduled (0: none). A schedule older than
    /// [`STALE_FLUSH_MS`] (its invocation ended before it ran) is taken over.
    static FLUSH_SCHEDULED_AT: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// How long the first record waits for others to share its writes.
const FLUSH_DELAY_MS: u64 = 250;
/// At most this many records per flush (one invocation's subrequests stay few): the record
/// that fills it flushes at once.
const MAX_FLUSH: usize = 24;
const STALE_FLUSH_MS: i64 = 10_000;

impl Job {
    /// Records the delivery with whatever else this isolate recorded within [`FLUSH_DELAY_MS`]:
    /// one R2 object per route holds their requests, and their rows go in one D1 batch, so under
    /// load the log costs a fraction of a write per delivery. Runs in `wait_until`: the request
    /// whose record arrived first waits for the flush (its bindings write everyone's records,
    /// which are plain data); the others' finish at once.
    pub async fn run(self) {
        let full = PENDING.with(|p| {
            let mut p = p.borrow_mut();
            p.push(self);
            p.len() >= MAX_FLUSH
        });
        if full {
            let jobs = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
            return flush(jobs).await;
        }
        let now = now_ms();
        let scheduled = FLUSH_SCHEDULED_AT.with(|f| f.get());
        if scheduled != 0 && now - scheduled < STALE_FLUSH_MS {
            return;
        }
        FLUSH_SCHEDULED_AT.with(|f| f.set(now));
        worker::Delay::from(std::time::Duration::from_millis(FLUSH_DELAY_MS)).await;
        FLUSH_SCHEDULED_AT.with(|f| f.set(0));
        let jobs = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        flush(jobs).await;
    }
}

/// One R2 object of a flush: a route's requests, one after another (a single one is stored
/// under its own key, as [`Log::put_request`] does).
struct Segment {
    key: String,
    bytes: Vec<u8>,
    expires_at: i64,
    /// (job index, offset, length, SHA-256 of the part).
    parts: Vec<(usize, usize, usize, String)>,
}

fn segments(jobs: &[Job], now: i64) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut by_route: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        if job.stored.is_some() || job.request.is_none() {
            continue;
        }
        match by_route.iter_mut().find(|(r, _)| *r == job.entry.route) {
            Some((_, list)) => list.push(i),
            None => by_route.push((&job.entry.route, vec![i])),
        }
    }
    for (route, list) in by_route {
        let key = match list.as_slice() {
            [one] => jobs
                .get(*one)
                .and_then(|j| j.request.as_ref().map(|r| (j, r)))
                .map_or_else(String::new, |(j, (headers, body))| {
                    own_key(
                        route,
                        &j.entry.id,
                        &sha256_hex(&encode_request(headers, body)),
                    )
                }),
            _ => segment_key(route, now),
        };
        let mut seg = Segment {
            key,
            bytes: Vec::new(),
            expires_at: now,
            parts: Vec::with_capacity(list.len()),
        };
        for i in list {
            let Some(job) = jobs.get(i) else { continue };
            let Some((headers, body)) = &job.request else {
                continue;
            };
            let part = encode_request(headers, body);
            seg.parts
                .push((i, seg.bytes.len(), part.len(), sha256_hex(&part)));
            seg.bytes.extend_from_slice(&part);
            seg.expires_at = seg.expires_at.max(job.entry.expires_at(job.status, now));
        }
        out.push(seg);
    }
    out
}

/// A request's own object: per route and id, and per content, so that no put ever replaces
/// what another record or queued message points at.
fn own_key(route: &str, id: &str, sha: &str) -> String {
    format!("{}/{}", body_key(route, id), sha.get(..32).unwrap_or(sha))
}

fn segment_key(route: &str, now: i64) -> String {
    let r = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    let route_hash = sha256_hex(route.as_bytes());
    format!(
        "segments/{}/{now:013}-{r:x}",
        route_hash.get(..16).unwrap_or(&route_hash)
    )
}

/// One D1 transaction enters the flush's objects (see INTENT) and writes its records, pointing
/// at their parts; then the objects are put. A put that fails takes its records' pointers back
/// (they cannot be replayed); a replay in the moment between the two finds the body missing.
async fn flush(jobs: Vec<Job>) {
    let Some(first) = jobs.first() else { return };
    let log = Log {
        db: first.log.db.clone(),
        bucket: first.log.bucket.clone(),
    };
    let Some(db) = &log.db else { return };
    let now = now_ms();
    let mut stored: Vec<Option<Stored>> = jobs.iter().map(|j| j.stored.clone()).collect();
    let segs = match &log.bucket {
        Some(_) => segments(&jobs, now),
        None => Vec::new(),
    };
    let mut stmts = Vec::with_capacity(segs.len() + jobs.len() * 2);
    for seg in &segs {
        match db.stmt(INTENT, &[text(&seg.key), int(seg.expires_at)]) {
            Ok(stmt) => stmts.push(stmt),
            Err(e) => return unavailable("log", &first.entry.route, &e),
        }
        let whole = seg.parts.len() == 1;
        for (i, offset, length, sha) in &seg.parts {
            if let Some(slot) = stored.get_mut(*i) {
                *slot = Some(Stored {
                    key: seg.key.clone(),
                    sha256: sha.clone(),
                    offset: (!whole).then_some(*offset),
                    length: (!whole).then_some(*length),
                });
            }
        }
    }
    for (job, stored) in jobs.iter().zip(&stored) {
        match statements(
            db,
            &job.entry,
            job.status,
            stored.as_ref(),
            job.attempt.as_ref(),
        ) {
            Ok(s) => stmts.extend(s),
            Err(e) => unavailable("log", &job.entry.route, &e),
        }
    }
    if let Err(e) = db.batch(stmts).await {
        return Line::new("log")
            .field("level", "error")
            .field("outcome", "log_unavailable")
            .field("part", "log")
            .field("records", jobs.len())
            .field("detail", e.to_string())
            .emit();
    }
    let Some(bucket) = &log.bucket else { return };
    let puts = segs.iter().map(|s| bucket.put(&s.key, &s.bytes));
    let results = futures_util::future::join_all(puts).await;
    for (seg, result) in segs.iter().zip(results) {
        if let Err(e) = result {
            unavailable("bodies", &first.entry.route, &e);
            let _ = db
                .run(
                    "UPDATE deliveries SET body_key = NULL, body_sha256 = NULL, \
                     body_offset = NULL, body_length = NULL WHERE body_key = ?1",
                    &[text(&seg.key)],
                )
                .await;
        }
    }
}

/// The log line for a log that could not be written: what failed, never what was written.
fn unavailable(part: &str, route: &str, e: &worker::Error) {
    Line::new("log")
        .field("level", "error")
        .field("route", route)
        .field("outcome", "log_unavailable")
        .field("part", part)
        .field("detail", e.to_string())
        .emit();
}

/// Records a dead-lettered delivery (the dead-letter queue's consumer): its body stored when it
/// travelled in the message and is not stored yet, then its row `dead`. Unlike the rest of the
/// log, this must succeed: the caller acknowledges the message only on `Ok`.
pub async fn record_dead(
    log: &Log,
    entry: &Entry,
    request: Option<RequestRef<'_>>,
    stored: Option<Stored>,
) -> worker::Result<()> {
    let db = log
        .db
        .as_ref()
        .ok_or_else(|| worker::Error::RustError("no LOG binding".into()))?;
    let now = now_ms();
    let expires = entry.expires_at("dead", now);
    let has_body = !db
        .rows(
            "SELECT body_key FROM deliveries WHERE route = ?1 AND id = ?2 AND body_key IS NOT NULL",
            &[text(&entry.route), text(&entry.id)],
        )
        .await?
        .is_empty();
    let stored = match (stored, request) {
        (Some(s), _) => Some(s),
        (None, Some((headers, body))) if !has_body => {
            let bucket = log
                .bucket
                .as_ref()
                .ok_or_else(|| worker::Error::RustError("no BODIES binding".into()))?;
            let object = encode_request(headers, body);
            let sha = sha256_hex(&object);
            let key = own_key(&entry.route, &entry.id, &sha);
            db.run(INTENT, &[text(&key), int(expires)]).await?;
            bucket.put(&key, &object).await?;
            Some(Stored::whole(&key, &sha))
        }
        _ => None,
    };
    let [key, sha, offset, length] = Stored::values(stored.as_ref());
    let record = db.stmt(
        &format!(
            "INSERT INTO deliveries (route, id, provider, event, status, attempts, origin_status, \
             reason, received_at, updated_at, expires_at, body_bytes, body_key, body_sha256, \
             body_offset, body_length, dedupe_key, replays) VALUES (?1, ?2, ?3, ?4, 'dead', 0, \
             NULL, 'dead_lettered', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL, 0) \
             ON CONFLICT (route, id) DO UPDATE SET status = 'dead', \
             updated_at = excluded.updated_at, expires_at = excluded.expires_at, {KEEP_BODY} \
             WHERE deliveries.status <> 'delivered'"
        ),
        &[
            text(&entry.route),
            text(&entry.id),
            text(&entry.provider),
            opt_text(entry.event.as_deref()),
            int(entry.received_ms),
            int(now),
            int(expires),
            int(i64::try_from(entry.body_bytes).unwrap_or(i64::MAX)),
            key,
            sha,
            offset,
            length,
        ],
    )?;
    db.batch(vec![record]).await
}

/// A dead-lettered message that is no authentic delivery of a queue route (unreadable, forged,
/// or its route is gone): kept as it came, under `dead/`, and recorded so an operator sees it.
/// It cannot be replayed.
pub async fn record_foreign(log: &Log, text_message: &str, reason: &str) -> worker::Result<()> {
    let db = log
        .db
        .as_ref()
        .ok_or_else(|| worker::Error::RustError("no LOG binding".into()))?;
    let bucket = log
        .bucket
        .as_ref()
        .ok_or_else(|| worker::Error::RustError("no BODIES binding".into()))?;
    let digest = sha256_hex(text_message.as_bytes());
    let id = format!("msg_{}", digest.get(..32).unwrap_or(&digest));
    let key = format!("dead/{digest}");
    let now = now_ms();
    let expires = now.saturating_add(30 * DAY_MS);
    db.run(INTENT, &[text(&key), int(expires)]).await?;
    bucket.put(&key, text_message.as_bytes()).await?;
    db.run(
        "INSERT INTO deliveries (route, id, provider, event, status, attempts, origin_status, \
         reason, received_at, updated_at, expires_at, body_bytes, body_key, body_sha256, \
         body_offset, body_length, dedupe_key, replays) VALUES ('', ?1, '', NULL, 'dead', 0, \
         NULL, ?2, ?3, ?3, ?4, ?5, ?6, NULL, NULL, NULL, NULL, 0) \
         ON CONFLICT (route, id) DO UPDATE SET updated_at = excluded.updated_at",
        &[
            text(&id),
            text(reason),
            int(now),
            int(expires),
            int(i64::try_from(text_message.len()).unwrap_or(i64::MAX)),
            text(&key),
        ],
    )
    .await
}

/// The cron's clean-up, a bounded amount per run: records past their expiry (with their tries);
/// then the segments those records had a part in while another record keeps the segment alive
/// (the live parts move to objects of their own, so no expired body outlives its record's
/// retention inside a shared object); then every object past its own expiry.
pub async fn expire(env: &Env) {
    const BATCH: i64 = 200;
    const ROUNDS: usize = 5;
    let log = Log::new(env);
    let Some(db) = &log.db else { return };
    let mut records = 0usize;
    let mut objects = 0usize;
    for _ in 0..ROUNDS {
        let r = match expire_records(&log, db, BATCH).await {
            Ok(n) => n,
            Err(e) => return unavailable("log", "", &e),
        };
        let o = match expire_objects(&log, db, BATCH).await {
            Ok(n) => n,
            Err(e) => return unavailable("bodies", "", &e),
        };
        records += r;
        objects += o;
        // Less than a full batch of each: everything due is done.
        let full = usize::try_from(BATCH).unwrap_or(usize::MAX);
        if r < full && o < full {
            break;
        }
    }
    // Operator actions name routes and ids: kept 30 days.
    if let Err(e) = db
        .run(
            "DELETE FROM operator_actions WHERE at < ?1",
            &[int(now_ms().saturating_sub(30 * DAY_MS))],
        )
        .await
    {
        unavailable("log", "", &e);
    }
    if records + objects > 0 {
        Line::new("log")
            .field("outcome", "expired")
            .field("records", records)
            .field("objects", objects)
            .emit();
    }
}

async fn expire_records(log: &Log, db: &Db, batch: i64) -> worker::Result<usize> {
    let now = now_ms();
    let rows = db
        .rows(
            "SELECT route, id, body_key, body_offset FROM deliveries WHERE expires_at <= ?1 \
             ORDER BY expires_at LIMIT ?2",
            &[int(now), int(batch)],
        )
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut stmts = Vec::with_capacity(rows.len() * 2);
    // The objects these records' bodies are in: each goes now, unless a record that lives on
    // still needs it (then only the expired parts go, see `compact`).
    let mut held: Vec<String> = Vec::new();
    for r in &rows {
        let (Some(route), Some(id)) = (r.text("route"), r.text("id")) else {
            continue;
        };
        if let Some(key) = r.text("body_key")
            && !held.contains(&key)
        {
            held.push(key);
        }
        stmts.push(db.stmt(
            "DELETE FROM attempts WHERE route = ?1 AND id = ?2",
            &[text(&route), text(&id)],
        )?);
        stmts.push(db.stmt(
            "DELETE FROM deliveries WHERE route = ?1 AND id = ?2",
            &[text(&route), text(&id)],
        )?);
    }
    db.batch(stmts).await?;
    if let Some(bucket) = &log.bucket {
        for key in &held {
            compact(db, bucket, key).await?;
        }
    }
    Ok(rows.len())
}

/// Deletes the object `key` once no record points at it. A shared object (a batch's segment)
/// that records still point into first has their parts moved into objects of their own, so
/// the expired parts go now; an object a record uses whole stays.
async fn compact(db: &Db, bucket: &Bucket, key: &str) -> worker::Result<()> {
    let live = db
        .rows(
            "SELECT route, id, body_offset, body_length, expires_at FROM deliveries \
             WHERE body_key = ?1",
            &[text(key)],
        )
        .await?;
    if live.iter().any(|r| r.int("body_offset").is_none()) {
        return Ok(());
    }
    for r in &live {
        let (Some(route), Some(id), Some(expires)) =
            (r.text("route"), r.text("id"), r.int("expires_at"))
        else {
            continue;
        };
        let part = match (r.int("body_offset"), r.int("body_length")) {
            (Some(o), Some(l)) => bucket.get_range(key, o, l).await?,
            _ => bucket.get(key).await?,
        };
        match part {
            Some(bytes) => {
                let own = own_key(&route, &id, &sha256_hex(&bytes));
                db.run(INTENT, &[text(&own), int(expires)]).await?;
                bucket.put(&own, &bytes).await?;
                db.run(
                    "UPDATE deliveries SET body_key = ?3, body_offset = NULL, body_length = NULL \
                     WHERE route = ?1 AND id = ?2 AND body_key = ?4",
                    &[text(&route), text(&id), text(&own), text(key)],
                )
                .await?;
            }
            // Gone already: the record can no longer be replayed.
            None => {
                db.run(
                    "UPDATE deliveries SET body_key = NULL, body_sha256 = NULL, \
                     body_offset = NULL, body_length = NULL WHERE route = ?1 AND id = ?2",
                    &[text(&route), text(&id)],
                )
                .await?;
            }
        }
    }
    bucket.delete(&[key.to_owned()]).await?;
    db.run("DELETE FROM objects WHERE key = ?1", &[text(key)])
        .await
}

async fn expire_objects(log: &Log, db: &Db, batch: i64) -> worker::Result<usize> {
    let rows = db
        .rows(
            "SELECT key FROM objects WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2",
            &[int(now_ms()), int(batch)],
        )
        .await?;
    let keys: Vec<String> = rows.iter().filter_map(|r| r.text("key")).collect();
    if keys.is_empty() {
        return Ok(0);
    }
    if let Some(bucket) = &log.bucket {
        bucket.delete(&keys).await?;
    }
    let stmts = keys
        .iter()
        .map(|k| db.stmt("DELETE FROM objects WHERE key = ?1", &[text(k)]))
        .collect::<worker::Result<Vec<_>>>()?;
    db.batch(stmts).await?;
    // Records still pointing at a deleted object (none, while expiries hold) cannot be replayed.
    Ok(keys.len())
}
