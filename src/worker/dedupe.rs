//! Replay protection in SQLite-backed Durable Objects. Each route's keys are spread over
//! [`SHARDS`] objects by a hash of the key; an object is single-threaded and strongly consistent,
//! so "is this id new?" and "claim it" are one atomic step.
//!
//! A record goes `claimed` (with a lease) -> `delivered` (once the origin answered 2xx, or the
//! queue accepted the event) or back to nothing (`release`, when forwarding failed, so the
//! provider's retry gets through). A crashed attempt's lease simply runs out. An operator's
//! replay (`reclaim`) also takes a delivered record, as `reclaimed`: while its lease lasts the
//! provider's retries wait (in flight), and a failed replay goes back to `delivered`. Every row
//! has an expiry; an alarm deletes expired rows and re-arms itself for the next one.

use crate::json::{Field, ObjectWriter, object_fields};
use crate::worker::raw_fetch;
use sha2::{Digest, Sha256};
use std::cell::Cell;
use worker::{
    DurableObject, Env, Request, Response, ResponseBuilder, Result, SqlStorage, SqlStorageValue,
    State, durable_object,
};

/// Objects per route. Keys are independent, so spreading them only adds capacity; a few
/// objects per route keep each one warm and its table small.
pub const SHARDS: u8 = 16;

/// What the store says about a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// New (or a previous attempt failed or timed out): this caller forwards it.
    Claimed { token: String },
    /// Already delivered: answer 200 duplicate, do not forward.
    Duplicate,
    /// Another attempt holds the lease right now.
    InFlight { retry_after_seconds: u64 },
}

/// The worker-to-object protocol: one flat JSON object per call, written and read with the
/// core's JSON code (`{"op":"claim","key":…,"lease_ms":…,"ttl_ms":…}`, …).
enum Op {
    Claim {
        key: String,
        lease_ms: i64,
        ttl_ms: i64,
    },
    Complete {
        key: String,
        token: String,
        ttl_ms: i64,
    },
    Release {
        key: String,
        token: String,
    },
    /// An operator's replay: claimed like `Claim`, and also when the key is already delivered
    /// (then it goes `reclaimed`, and a release puts it back to `delivered`). Only a live lease
    /// refuses it: a replay never races another copy of the delivery.
    Reclaim {
        key: String,
        lease_ms: i64,
        ttl_ms: i64,
    },
    /// For operators and tests: how many records the object holds and when its alarm fires
    /// (read from storage, not from the instance's memory). Only reachable through the binding.
    Stats,
}

fn text(f: Option<Field>) -> Option<String> {
    match f {
        Some(Field::Str(s)) => Some(s),
        _ => None,
    }
}

fn millis(f: Option<Field>) -> Option<i64> {
    match f {
        Some(Field::Uint(n)) => i64::try_from(n).ok(),
        _ => None,
    }
}

impl Op {
    fn to_json(&self) -> String {
        let mut w = ObjectWriter::new();
        match self {
            Op::Claim {
                key,
                lease_ms,
                ttl_ms,
            } => w
                .str("op", "claim")
                .str("key", key)
                .num("lease_ms", lease_ms)
                .num("ttl_ms", ttl_ms),
            Op::Complete { key, token, ttl_ms } => w
                .str("op", "complete")
                .str("key", key)
                .str("token", token)
                .num("ttl_ms", ttl_ms),
            Op::Release { key, token } => {
                w.str("op", "release").str("key", key).str("token", token)
            }
            Op::Reclaim {
                key,
                lease_ms,
                ttl_ms,
            } => w
                .str("op", "reclaim")
                .str("key", key)
                .num("lease_ms", lease_ms)
                .num("ttl_ms", ttl_ms),
            Op::Stats => w.str("op", "stats"),
        };
        w.finish()
    }

    fn parse(doc: &str) -> Option<Op> {
        let fields = object_fields(doc, &["op", "key", "token", "lease_ms", "ttl_ms"]).ok()?;
        let [op, key, token, lease_ms, ttl_ms] = <[Option<Field>; 5]>::try_from(fields).ok()?;
        match text(op)?.as_str() {
            "claim" => Some(Op::Claim {
                key: text(key)?,
                lease_ms: millis(lease_ms)?,
                ttl_ms: millis(ttl_ms)?,
            }),
            "complete" => Some(Op::Complete {
                key: text(key)?,
                token: text(token)?,
                ttl_ms: millis(ttl_ms)?,
            }),
            "release" => Some(Op::Release {
                key: text(key)?,
                token: text(token)?,
            }),
            "reclaim" => Some(Op::Reclaim {
                key: text(key)?,
                lease_ms: millis(lease_ms)?,
                ttl_ms: millis(ttl_ms)?,
            }),
            "stats" => Some(Op::Stats),
            _ => None,
        }
    }
}

impl Claim {
    fn to_json(&self) -> String {
        let mut w = ObjectWriter::new();
        match self {
            Claim::Claimed { token } => w.str("outcome", "claimed").str("token", token),
            Claim::Duplicate => w.str("outcome", "duplicate"),
            Claim::InFlight {
                retry_after_seconds,
            } => w
                .str("outcome", "in_flight")
                .num("retry_after_seconds", retry_after_seconds),
        };
        w.finish()
    }

    fn parse(doc: &str) -> Option<Claim> {
        let fields = object_fields(doc, &["outcome", "token", "retry_after_seconds"]).ok()?;
        let [outcome, token, retry] = <[Option<Field>; 3]>::try_from(fields).ok()?;
        match text(outcome)?.as_str() {
            "claimed" => Some(Claim::Claimed {
                token: text(token)?,
            }),
            "duplicate" => Some(Claim::Duplicate),
            "in_flight" => Some(Claim::InFlight {
                retry_after_seconds: match retry {
                    Some(Field::Uint(n)) => n,
                    _ => return None,
                },
            }),
            _ => None,
        }
    }
}

/// A JSON answer from the object (`body` is already JSON).
fn json_response(body: String) -> Result<Response> {
    Ok(ResponseBuilder::new()
        .with_header("content-type", "application/json")?
        .fixed(body.into_bytes()))
}

fn protocol_error(what: &str) -> worker::Error {
    worker::Error::RustError(format!("replay store protocol: {what}"))
}

struct Row {
    /// `claimed`, `delivered`, or `reclaimed` (delivered, and being replayed).
    state: String,
    token: String,
    lease_until: i64,
    expires_at: i64,
}

impl Row {
    fn delivered(&self, now: i64) -> bool {
        self.state == "delivered" || (self.state == "reclaimed" && self.lease_until <= now)
    }

    /// Someone holds a live lease on it.
    fn leased(&self, now: i64) -> bool {
        matches!(self.state.as_str(), "claimed" | "reclaimed") && self.lease_until > now
    }

    fn in_flight(&self, now: i64) -> Claim {
        Claim::InFlight {
            retry_after_seconds: u64::try_from((self.lease_until - now + 999) / 1000)
                .unwrap_or(1)
                .max(1),
        }
    }
}

/// The first row of a query, as its raw values (no serde: the worker carries no deserialiser).
fn first_row(cursor: &worker::SqlCursor) -> Result<Option<Vec<SqlStorageValue>>> {
    cursor.raw().next().transpose()
}

/// A column read as an integer (SQLite hands `INTEGER` columns over as numbers).
fn int(values: &[SqlStorageValue], i: usize) -> Result<Option<i64>> {
    match values.get(i) {
        Some(SqlStorageValue::Integer(n)) => Ok(Some(*n)),
        // JavaScript numbers: an integer-valued float within the safe range is that integer.
        Some(SqlStorageValue::Float(f))
            if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_991.0 =>
        {
            Ok(Some(*f as i64))
        }
        Some(SqlStorageValue::Null) => Ok(None),
        _ => Err(protocol_error("a column is not an integer")),
    }
}

fn column_text(values: &[SqlStorageValue], i: usize) -> Result<String> {
    match values.get(i) {
        Some(SqlStorageValue::String(s)) => Ok(s.clone()),
        _ => Err(protocol_error("a column is not text")),
    }
}

/// The Durable Object class (`new_sqlite_classes = ["DedupeStore"]` in wrangler.toml).
#[durable_object]
pub struct DedupeStore {
    state: State,
    sql: SqlStorage,
    /// False at start and after the alarm freed the storage (`delete_all` drops the table too).
    schema_ready: Cell<bool>,
    /// The pending alarm as this instance last set or read it: `None` = not known yet (a fresh
    /// instance reads it from storage once), `Some(None)` = no alarm pending. Saves a storage
    /// round trip on every claim and complete; only this object sets its alarm. The alarm only
    /// collects garbage (expiry itself is enforced by `row`), so a stale value can only delay
    /// the clean-up, never make an expired record count.
    alarm_at: Cell<Option<Option<i64>>>,
}

impl DurableObject for DedupeStore {
    fn new(state: State, _env: Env) -> Self {
        let sql = state.storage().sql();
        Self {
            state,
            sql,
            schema_ready: Cell::new(false),
            alarm_at: Cell::new(None),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let op = Op::parse(&req.text().await?).ok_or_else(|| protocol_error("unreadable op"))?;
        self.ensure_schema()?;
        let now = now_ms();
        // No await between reading and writing a row: the object handles one event at a time
        // until it awaits, so each read-modify-write is atomic.
        match op {
            Op::Claim {
                key,
                lease_ms,
                ttl_ms,
            } => {
                let claim = match self.row(&key, now)? {
                    // A replay's lease that ran out leaves what was there: delivered.
                    Some(r) if r.delivered(now) => Claim::Duplicate,
                    Some(r) if r.leased(now) => r.in_flight(now),
                    _ => {
                        let token = new_token();
                        let expires = now + ttl_ms.max(lease_ms);
                        self.write(&key, "claimed", &token, now + lease_ms, expires)?;
                        self.arm_alarm(expires).await?;
                        Claim::Claimed { token }
                    }
                };
                json_response(claim.to_json())
            }
            Op::Complete { key, token, ttl_ms } => {
                // Recorded even when another attempt took the lease over meanwhile: the origin
                // has the event, which is what "delivered" means.
                self.write(&key, "delivered", &token, 0, now + ttl_ms)?;
                self.arm_alarm(now + ttl_ms).await?;
                json_response(ObjectWriter::new().bool("ok", true).finish())
            }
            Op::Stats => {
                let count = first_row(&self.sql.exec("SELECT COUNT(*) AS n FROM delivery", None)?)?;
                let records = match count {
                    Some(values) => int(&values, 0)?.unwrap_or(0),
                    None => 0,
                };
                let alarm = self.state.storage().get_alarm().await?;
                let mut w = ObjectWriter::new();
                w.num("records", records);
                match alarm {
                    Some(at) => w.num("alarm", at),
                    None => w.raw("alarm", "null"),
                };
                json_response(w.finish())
            }
            Op::Reclaim {
                key,
                lease_ms,
                ttl_ms,
            } => {
                let row = self.row(&key, now)?;
                let claim = match &row {
                    Some(r) if r.leased(now) => r.in_flight(now),
                    _ => {
                        let token = new_token();
                        let state = if row.as_ref().is_some_and(|r| r.delivered(now)) {
                            "reclaimed"
                        } else {
                            "claimed"
                        };
                        let kept = row.as_ref().map_or(0, |r| r.expires_at);
                        let expires = kept.max(now + ttl_ms.max(lease_ms));
                        self.write(&key, state, &token, now + lease_ms, expires)?;
                        self.arm_alarm(expires).await?;
                        Claim::Claimed { token }
                    }
                };
                json_response(claim.to_json())
            }
            Op::Release { key, token } => {
                let row = self.row(&key, now)?.filter(|r| r.token == token);
                let mine = row.is_some();
                match row {
                    Some(r) if r.state == "claimed" => {
                        self.sql
                            .exec("DELETE FROM delivery WHERE key = ?", vec![key.into()])?;
                    }
                    // A failed replay of a delivered key: it stays delivered.
                    Some(r) if r.state == "reclaimed" => {
                        self.write(&key, "delivered", &token, 0, r.expires_at)?;
                    }
                    _ => {}
                }
                json_response(
                    ObjectWriter::new()
                        .bool("ok", true)
                        .bool("released", mine)
                        .finish(),
                )
            }
        }
    }

    async fn alarm(&self) -> Result<Response> {
        // Until this handler has finished, what is pending is not known (a failed run is retried).
        self.alarm_at.set(None);
        let now = now_ms();
        self.sql.exec(
            "DELETE FROM delivery WHERE expires_at <= ?",
            vec![now.into()],
        )?;
        let next = first_row(
            &self
                .sql
                .exec("SELECT MIN(expires_at) AS next FROM delivery", None)?,
        )?;
        let next = match next {
            Some(values) => int(&values, 0)?,
            None => None,
        };
        match next {
            Some(at) => {
                self.state.storage().set_alarm((at - now).max(1)).await?;
                self.alarm_at.set(Some(Some(at)));
            }
            // Nothing left: free the object's storage entirely.
            None => {
                self.schema_ready.set(false);
                self.state.storage().delete_all().await?;
                self.alarm_at.set(Some(None));
            }
        }
        Response::ok("")
    }
}

impl DedupeStore {
    fn ensure_schema(&self) -> Result<()> {
        if !self.schema_ready.get() {
            self.sql.exec(
                "CREATE TABLE IF NOT EXISTS delivery (
                    key TEXT PRIMARY KEY,
                    state TEXT NOT NULL,
                    token TEXT NOT NULL,
                    lease_until INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL);
                 CREATE INDEX IF NOT EXISTS delivery_expiry ON delivery (expires_at);",
                None,
            )?;
            self.schema_ready.set(true);
        }
        Ok(())
    }

    /// The live row for `key` (an expired one the alarm has not removed yet counts as absent).
    fn row(&self, key: &str, now: i64) -> Result<Option<Row>> {
        let values = first_row(&self.sql.exec(
            "SELECT state, token, lease_until, expires_at FROM delivery WHERE key = ?",
            vec![key.into()],
        )?)?;
        let Some(v) = values else {
            return Ok(None);
        };
        let missing = || protocol_error("a row has a null column");
        let row = Row {
            state: column_text(&v, 0)?,
            token: column_text(&v, 1)?,
            lease_until: int(&v, 2)?.ok_or_else(missing)?,
            expires_at: int(&v, 3)?.ok_or_else(missing)?,
        };
        Ok(Some(row).filter(|r| r.expires_at > now))
    }

    fn write(
        &self,
        key: &str,
        state: &str,
        token: &str,
        lease_until: i64,
        expires_at: i64,
    ) -> Result<()> {
        self.sql.exec(
            "INSERT OR REPLACE INTO delivery (key, state, token, lease_until, expires_at)
             VALUES (?, ?, ?, ?, ?)",
            vec![
                key.into(),
                state.into(),
                token.into(),
                lease_until.into(),
                expires_at.into(),
            ],
        )?;
        Ok(())
    }

    /// Makes sure an alarm fires no later than `at` (the alarm re-arms itself for later rows).
    async fn arm_alarm(&self, at: i64) -> Result<()> {
        let storage = self.state.storage();
        let pending = match self.alarm_at.get() {
            Some(known) => known,
            None => {
                let read = storage.get_alarm().await?;
                self.alarm_at.set(Some(read));
                read
            }
        };
        if pending.is_some_and(|existing| existing <= at) {
            return Ok(());
        }
        storage.set_alarm((at - now_ms()).max(1)).await?;
        self.alarm_at.set(Some(Some(at)));
        Ok(())
    }
}

fn now_ms() -> i64 {
    i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX)
}

fn new_token() -> String {
    // Identifies one claim so a stale attempt cannot release a newer one; not a secret.
    format!(
        "{:x}-{:x}",
        now_ms(),
        (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
    )
}

/// The worker's side: talks to the object for one (route, key).
pub struct DedupeClient {
    /// The object's stub as the runtime gives it (see `raw_fetch`).
    stub: wasm_bindgen::JsValue,
    key: String,
    ttl_ms: i64,
}

impl DedupeClient {
    pub fn new(env: &Env, route: &str, key: &str, ttl_seconds: u64) -> Result<DedupeClient> {
        let ns = env.durable_object(crate::worker::config::DEDUPE_BINDING)?;
        // The route is part of the name: two routes may legitimately see the same id.
        let shard = Sha256::digest(key.as_bytes()).first().copied().unwrap_or(0) % SHARDS;
        let stub = ns
            .id_from_name(&format!("{route}\n{shard}"))?
            .get_stub()?
            .into_rpc::<wasm_bindgen::JsValue>();
        let ttl_ms = i64::try_from(ttl_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
        Ok(DedupeClient {
            stub,
            key: key.to_owned(),
            ttl_ms,
        })
    }

    /// One round trip to the object; the answer's text on success.
    async fn call(&self, op: &Op) -> Result<String> {
        let init = raw_fetch::post(&wasm_bindgen::JsValue::from_str(&op.to_json()));
        let res = raw_fetch::fetch(&self.stub, "https://dedupe.internal/", &init).await?;
        if res.status() != 200 {
            return Err(protocol_error(&format!("status {}", res.status())));
        }
        raw_fetch::text(&res).await
    }

    pub async fn claim(&self, lease_ms: i64) -> Result<Claim> {
        let answer = self
            .call(&Op::Claim {
                key: self.key.clone(),
                lease_ms,
                ttl_ms: self.ttl_ms,
            })
            .await?;
        Claim::parse(&answer).ok_or_else(|| protocol_error("unreadable claim answer"))
    }

    /// An operator's replay (see `Op::Reclaim`).
    pub async fn reclaim(&self, lease_ms: i64) -> Result<Claim> {
        let answer = self
            .call(&Op::Reclaim {
                key: self.key.clone(),
                lease_ms,
                ttl_ms: self.ttl_ms,
            })
            .await?;
        Claim::parse(&answer).ok_or_else(|| protocol_error("unreadable claim answer"))
    }

    pub async fn complete(&self, token: &str) -> Result<()> {
        self.call(&Op::Complete {
            key: self.key.clone(),
            token: token.to_owned(),
            ttl_ms: self.ttl_ms,
        })
        .await
        .map(|_| ())
    }

    pub async fn release(&self, token: &str) -> Result<()> {
        self.call(&Op::Release {
            key: self.key.clone(),
            token: token.to_owned(),
        })
        .await
        .map(|_| ())
    }
}
