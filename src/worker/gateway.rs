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

    /// When a record in `status`, written now, expires.
    fn expires_at(&self, status: &str, now: i64) -> i64 {
        let keep = match status {
            "queued" | "failed" => self.retention_ms.max(self.hold_ms),
            _ => self.retention_ms,
        };
        now.saturating_add(keep)
    }
}

const UPSERT: &str = "INSERT INTO deliveries (route, id, provider, event, status, attempts, \
     origin_status, reason, received_at, updated_at, expires_at, body_bytes, body_key, \
     body_sha256, dedupe_key, replays) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
     ON CONFLICT (route, id) DO UPDATE SET status = excluded.status, \
     attempts = deliveries.attempts + excluded.attempts, origin_status = excluded.origin_status, \
     reason = excluded.reason, updated_at = excluded.updated_at, expires_at = excluded.expires_at, \
     body_key = COALESCE(excluded.body_key, deliveries.body_key), \
     body_sha256 = COALESCE(excluded.body_sha256, deliveries.body_sha256), \
     dedupe_key = COALESCE(deliveries.dedupe_key, excluded.dedupe_key), \
     replays = deliveries.replays + excluded.replays";

/// A delivery accepted into the queue: only a new row takes `queued` (the consumer may already
/// have recorded its first try); an existing one only gains the stored body.
const QUEUED: &str = "INSERT INTO deliveries (route, id, provider, event, status, attempts, \
     origin_status, reason, received_at, updated_at, expires_at, body_bytes, body_key, \
     body_sha256, dedupe_key, replays) \
     VALUES (?1, ?2, ?3, ?4, 'queued', 0, NULL, NULL, ?5, ?5, ?6, ?7, ?8, ?9, ?10, 0) \
     ON CONFLICT (route, id) DO UPDATE SET \
     body_key = COALESCE(deliveries.body_key, excluded.body_key), \
     body_sha256 = COALESCE(deliveries.body_sha256, excluded.body_sha256), \
     dedupe_key = COALESCE(deliveries.dedupe_key, excluded.dedupe_key), \
     received_at = MIN(deliveries.received_at, excluded.received_at)";

const ATTEMPT: &str = "INSERT INTO attempts (route, id, n, at, kind, outcome, origin_status, \
     latency_ms) VALUES (?1, ?2, (SELECT COALESCE(MAX(n), 0) + 1 FROM attempts WHERE route = ?1 \
     AND id = ?2), ?3, ?4, ?5, ?6, ?7)";

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
    stored: Option<(String, String)>,
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

    /// Stores the request in R2; its key and SHA-256, or `None` (no bucket, or it failed,
    /// logged).
    pub async fn put_request(
        &self,
        route: &str,
        id: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Option<(String, String)> {
        let bucket = self.bucket.as_ref()?;
        let object = encode_request(headers, body);
        let key = body_key(route, id);
        match bucket.put(&key, &object).await {
            Ok(()) => Some((key, sha256_hex(&object))),
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
        stored: Option<&(String, String)>,
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
        stored: Option<(String, String)>,
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
    stored: Option<&(String, String)>,
    attempt: Option<&Attempt>,
) -> worker::Result<Vec<wasm_bindgen::JsValue>> {
    let now = now_ms();
    let (key, sha) = match stored {
        Some((k, s)) => (Some(k.as_str()), Some(s.as_str())),
        None => (None, None),
    };
    let bytes = int(i64::try_from(entry.body_bytes).unwrap_or(i64::MAX));
    let Some(a) = attempt else {
        return Ok(vec![db.stmt(
            QUEUED,
            &[
                text(&entry.route),
                text(&entry.id),
                text(&entry.provider),
                opt_text(entry.event.as_deref()),
                int(entry.received_ms),
                int(entry.expires_at("queued", now)),
                bytes,
                opt_text(key),
                opt_text(sha),
                opt_text(entry.dedupe_key.as_deref()),
            ],
        )?]);
    };
    let reason = (status != "delivered").then_some(a.outcome.as_str());
    Ok(vec![
        db.stmt(
            UPSERT,
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
                int(entry.expires_at(status, now)),
                bytes,
                opt_text(key),
                opt_text(sha),
                opt_text(entry.dedupe_key.as_deref()),
                int(i64::from(a.kind == "replay")),
            ],
        )?,
        db.stmt(
            ATTEMPT,
            &[
                text(&entry.route),
                text(&entry.id),
                int(now),
                text(a.kind),
                text(&a.outcome),
                opt_int(a.origin_status.map(i64::from)),
                int(a.latency_ms),
            ],
        )?,
    ])
}

thread_local! {
    /// The front door's records waiting for this isolate's next flush.
    static PENDING: std::cell::RefCell<Vec<Job>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Whether a flush is scheduled (it takes everything pending when it starts).
    static FLUSH_SCHEDULED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How long the first record waits for others to share its write.
const FLUSH_DELAY_MS: u64 = 50;

impl Job {
    /// Records the delivery with whatever else this isolate recorded within [`FLUSH_DELAY_MS`]:
    /// their bodies are put concurrently and their rows written in one D1 batch, so that under
    /// load the log costs a fraction of a write per delivery. Runs in `wait_until`: the request
    /// whose record arrived first waits for the flush (its bindings write everyone's records,
    /// which are plain data); the others' finish at once.
    pub async fn run(self) {
        PENDING.with(|p| p.borrow_mut().push(self));
        if FLUSH_SCHEDULED.with(|f| f.replace(true)) {
            return;
        }
        worker::Delay::from(std::time::Duration::from_millis(FLUSH_DELAY_MS)).await;
        FLUSH_SCHEDULED.with(|f| f.set(false));
        let jobs = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        flush(jobs).await;
    }
}

async fn flush(jobs: Vec<Job>) {
    let Some(first) = jobs.first() else { return };
    let log = Log {
        db: first.log.db.clone(),
        bucket: first.log.bucket.clone(),
    };
    let Some(db) = &log.db else { return };
    let puts = jobs.iter().map(|job| {
        let log = &log;
        async move {
            match (&job.stored, &job.request) {
                (Some(s), _) => Some(s.clone()),
                (None, Some((headers, body))) => {
                    log.put_request(&job.entry.route, &job.entry.id, headers, body)
                        .await
                }
                (None, None) => None,
            }
        }
    });
    let stored = futures_util::future::join_all(puts).await;
    let mut stmts = Vec::with_capacity(jobs.len() * 2);
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
        Line::new("log")
            .field("level", "error")
            .field("outcome", "log_unavailable")
            .field("part", "log")
            .field("records", jobs.len())
            .field("detail", e.to_string())
            .emit();
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
/// travelled in the message, then its row `dead`. Unlike the rest of the log, this must
/// succeed: the caller acknowledges the message only on `Ok`.
pub async fn record_dead(
    log: &Log,
    entry: &Entry,
    request: Option<RequestRef<'_>>,
    stored: Option<(String, String)>,
) -> worker::Result<()> {
    let db = log
        .db
        .as_ref()
        .ok_or_else(|| worker::Error::RustError("no LOG binding".into()))?;
    let stored = match (stored, request) {
        (Some(s), _) => Some(s),
        (None, Some((headers, body))) => {
            let bucket = log
                .bucket
                .as_ref()
                .ok_or_else(|| worker::Error::RustError("no BODIES binding".into()))?;
            let object = encode_request(headers, body);
            let key = body_key(&entry.route, &entry.id);
            bucket.put(&key, &object).await?;
            Some((key, sha256_hex(&object)))
        }
        (None, None) => None,
    };
    let now = now_ms();
    let (key, sha) = match &stored {
        Some((k, s)) => (Some(k.as_str()), Some(s.as_str())),
        None => (None, None),
    };
    db.run(
        "INSERT INTO deliveries (route, id, provider, event, status, attempts, origin_status, \
         reason, received_at, updated_at, expires_at, body_bytes, body_key, body_sha256, \
         dedupe_key, replays) VALUES (?1, ?2, ?3, ?4, 'dead', 0, NULL, 'dead_lettered', ?5, ?6, \
         ?7, ?8, ?9, ?10, NULL, 0) ON CONFLICT (route, id) DO UPDATE SET status = 'dead', \
         updated_at = excluded.updated_at, expires_at = excluded.expires_at, \
         body_key = COALESCE(excluded.body_key, deliveries.body_key), \
         body_sha256 = COALESCE(excluded.body_sha256, deliveries.body_sha256)",
        &[
            text(&entry.route),
            text(&entry.id),
            text(&entry.provider),
            opt_text(entry.event.as_deref()),
            int(entry.received_ms),
            int(now),
            int(entry.expires_at("dead", now)),
            int(i64::try_from(entry.body_bytes).unwrap_or(i64::MAX)),
            opt_text(key),
            opt_text(sha),
        ],
    )
    .await
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
    bucket.put(&key, text_message.as_bytes()).await?;
    let now = now_ms();
    db.run(
        "INSERT INTO deliveries (route, id, provider, event, status, attempts, origin_status, \
         reason, received_at, updated_at, expires_at, body_bytes, body_key, body_sha256, \
         dedupe_key, replays) VALUES ('', ?1, '', NULL, 'dead', 0, NULL, ?2, ?3, ?3, ?4, ?5, \
         ?6, NULL, NULL, 0) ON CONFLICT (route, id) DO UPDATE SET updated_at = excluded.updated_at",
        &[
            text(&id),
            text(reason),
            int(now),
            int(now.saturating_add(30 * DAY_MS)),
            int(i64::try_from(text_message.len()).unwrap_or(i64::MAX)),
            text(&key),
        ],
    )
    .await
}

/// The cron's clean-up: records and bodies past their expiry, a bounded amount per run.
pub async fn expire(env: &Env) {
    const BATCH: i64 = 200;
    const ROUNDS: usize = 5;
    let log = Log::new(env);
    let Some(db) = &log.db else { return };
    for _ in 0..ROUNDS {
        let now = now_ms();
        let rows = match db
            .rows(
                "SELECT route, id, body_key FROM deliveries WHERE expires_at <= ?1 \
                 ORDER BY expires_at LIMIT ?2",
                &[int(now), int(BATCH)],
            )
            .await
        {
            Ok(rows) => rows,
            Err(e) => return unavailable("log", "", &e),
        };
        if rows.is_empty() {
            return;
        }
        let keys: Vec<String> = rows.iter().filter_map(|r| r.text("body_key")).collect();
        // Bodies first: a record whose body is gone is harmless (it cannot be replayed), a body
        // without its record would outlive the retention unseen.
        if let Some(bucket) = &log.bucket
            && let Err(e) = bucket.delete(&keys).await
        {
            return unavailable("bodies", "", &e);
        }
        let mut stmts = Vec::with_capacity(rows.len() * 2);
        for r in &rows {
            let (Some(route), Some(id)) = (r.text("route"), r.text("id")) else {
                continue;
            };
            let made = db
                .stmt(
                    "DELETE FROM attempts WHERE route = ?1 AND id = ?2",
                    &[text(&route), text(&id)],
                )
                .and_then(|a| {
                    db.stmt(
                        "DELETE FROM deliveries WHERE route = ?1 AND id = ?2",
                        &[text(&route), text(&id)],
                    )
                    .map(|b| [a, b])
                });
            match made {
                Ok(pair) => stmts.extend(pair),
                Err(e) => return unavailable("log", "", &e),
            }
        }
        let count = rows.len();
        if let Err(e) = db.batch(stmts).await {
            return unavailable("log", "", &e);
        }
        Line::new("log")
            .field("outcome", "expired")
            .field("records", count)
            .emit();
        if i64::try_from(count).unwrap_or(0) < BATCH {
            return;
        }
    }
}
