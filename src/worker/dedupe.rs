//! Replay protection: one SQLite-backed Durable Object per (route, dedupe key). Strongly
//! consistent and single-threaded, so "is this id new?" and "claim it" are one atomic step.
//!
//! A record goes `claimed` (with a lease) -> `delivered` (once the origin answered 2xx, or the
//! queue accepted the event) or back to nothing (`release`, when forwarding failed, so the
//! provider's retry gets through). A crashed attempt's lease simply runs out. An alarm deletes
//! the record when it expires.

use serde::{Deserialize, Serialize};
use worker::{
    DurableObject, Env, Method, Request, RequestInit, Response, Result, SqlStorage, State,
    durable_object,
};

/// What the store says about a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Claim {
    /// New (or a previous attempt failed or timed out): this caller forwards it.
    Claimed { token: String },
    /// Already delivered: answer 200 duplicate, do not forward.
    Duplicate,
    /// Another attempt holds the lease right now.
    InFlight { retry_after_seconds: u64 },
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Op {
    Claim { lease_ms: i64, ttl_ms: i64 },
    Complete { token: String, ttl_ms: i64 },
    Release { token: String },
}

#[derive(Deserialize)]
struct Row {
    state: String,
    token: String,
    lease_until: i64,
    expires_at: i64,
}

/// The Durable Object class (`new_sqlite_classes = ["DedupeStore"]` in wrangler.toml).
#[durable_object]
pub struct DedupeStore {
    state: State,
    sql: SqlStorage,
}

impl DurableObject for DedupeStore {
    fn new(state: State, _env: Env) -> Self {
        let sql = state.storage().sql();
        // Fails only if storage is broken; every later query would report the same error.
        let _ = sql.exec(
            "CREATE TABLE IF NOT EXISTS delivery (
                k INTEGER PRIMARY KEY CHECK (k = 0),
                state TEXT NOT NULL,
                token TEXT NOT NULL,
                lease_until INTEGER NOT NULL,
                expires_at INTEGER NOT NULL)",
            None,
        );
        Self { state, sql }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let op: Op = req.json().await?;
        let now = now_ms();
        // No await between reading and writing the row: the object handles one event at a
        // time, so the read-modify-write is atomic.
        let row = self.row()?;
        match op {
            Op::Claim { lease_ms, ttl_ms } => {
                let claim = match row {
                    Some(r) if r.state == "delivered" && r.expires_at > now => Claim::Duplicate,
                    Some(r) if r.state == "claimed" && r.lease_until > now => Claim::InFlight {
                        retry_after_seconds: u64::try_from((r.lease_until - now + 999) / 1000)
                            .unwrap_or(1)
                            .max(1),
                    },
                    _ => {
                        let token = new_token();
                        self.write(
                            "claimed",
                            &token,
                            now + lease_ms,
                            now + ttl_ms.max(lease_ms),
                        )?;
                        self.state.storage().set_alarm(ttl_ms.max(lease_ms)).await?;
                        Claim::Claimed { token }
                    }
                };
                Response::from_json(&claim)
            }
            Op::Complete { token, ttl_ms } => {
                // Recorded even when another attempt took the lease over meanwhile: the origin
                // has the event, which is what "delivered" means.
                self.write("delivered", &token, 0, now + ttl_ms)?;
                self.state.storage().set_alarm(ttl_ms).await?;
                Response::from_json(&serde_json::json!({ "ok": true }))
            }
            Op::Release { token } => {
                let mine = row.is_some_and(|r| r.state == "claimed" && r.token == token);
                if mine {
                    self.sql.exec("DELETE FROM delivery", None)?;
                }
                Response::from_json(&serde_json::json!({ "ok": true, "released": mine }))
            }
        }
    }

    async fn alarm(&self) -> Result<Response> {
        let now = now_ms();
        match self.row()? {
            Some(r) if r.expires_at > now => {
                self.state.storage().set_alarm(r.expires_at - now).await?;
            }
            _ => {
                // Nothing left worth keeping: free the object's storage entirely.
                self.state.storage().delete_all().await?;
            }
        }
        Response::ok("")
    }
}

impl DedupeStore {
    fn row(&self) -> Result<Option<Row>> {
        let rows: Vec<Row> = self
            .sql
            .exec(
                "SELECT state, token, lease_until, expires_at FROM delivery WHERE k = 0",
                None,
            )?
            .to_array()?;
        Ok(rows.into_iter().next())
    }

    fn write(&self, state: &str, token: &str, lease_until: i64, expires_at: i64) -> Result<()> {
        self.sql.exec(
            "INSERT OR REPLACE INTO delivery (k, state, token, lease_until, expires_at)
             VALUES (0, ?, ?, ?, ?)",
            vec![
                state.into(),
                token.into(),
                lease_until.into(),
                expires_at.into(),
            ],
        )?;
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
    stub: worker::Stub,
    ttl_ms: i64,
}

impl DedupeClient {
    pub fn new(env: &Env, route: &str, key: &str, ttl_seconds: u64) -> Result<DedupeClient> {
        let ns = env.durable_object(crate::worker::config::DEDUPE_BINDING)?;
        // The route is part of the name: two routes may legitimately see the same id.
        let stub = ns.id_from_name(&format!("{route}\n{key}"))?.get_stub()?;
        let ttl_ms = i64::try_from(ttl_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
        Ok(DedupeClient { stub, ttl_ms })
    }

    async fn call<T: for<'de> Deserialize<'de>>(&self, op: &Op) -> Result<T> {
        let body =
            serde_json::to_string(op).map_err(|e| worker::Error::RustError(e.to_string()))?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post)
            .with_body(Some(wasm_bindgen::JsValue::from_str(&body)));
        let req = Request::new_with_init("https://dedupe.internal/", &init)?;
        let mut res = self.stub.fetch_with_request(req).await?;
        res.json().await
    }

    pub async fn claim(&self, lease_ms: i64) -> Result<Claim> {
        self.call(&Op::Claim {
            lease_ms,
            ttl_ms: self.ttl_ms,
        })
        .await
    }

    pub async fn complete(&self, token: &str) -> Result<()> {
        self.call::<serde_json::Value>(&Op::Complete {
            token: token.to_owned(),
            ttl_ms: self.ttl_ms,
        })
        .await
        .map(|_| ())
    }

    pub async fn release(&self, token: &str) -> Result<()> {
        self.call::<serde_json::Value>(&Op::Release {
            token: token.to_owned(),
        })
        .await
        .map(|_| ())
    }
}
