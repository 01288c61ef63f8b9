//! D1 and R2 as the runtime hands them over, called through `js_sys` like `raw_fetch`:
//! workers-rs' wrappers deserialise rows with serde, which the worker otherwise does without.
//! Only what the delivery log needs: statements with bound values, batches (one transaction),
//! rows as objects, and whole-object put / get / delete.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::{Env, Result};

pub const LOG_BINDING: &str = "LOG";
pub const BODIES_BINDING: &str = "BODIES";

fn binding(env: &Env, name: &str) -> Option<JsValue> {
    Reflect::get(env, &JsValue::from_str(name))
        .ok()
        .filter(|v| v.is_object())
}

fn method(target: &JsValue, name: &str) -> Result<Function> {
    Ok(Reflect::get(target, &JsValue::from_str(name))?.dyn_into()?)
}

async fn settle(value: JsValue) -> Result<JsValue> {
    Ok(JsFuture::from(value.dyn_into::<Promise>()?).await?)
}

/// A value bound to a statement's `?`.
pub fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

pub fn int(n: i64) -> JsValue {
    // D1 binds JavaScript numbers; every integer stored here (times in ms, counts, statuses) is
    // far inside the safe range.
    JsValue::from_f64(n as f64)
}

pub fn opt_text(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

pub fn opt_int(n: Option<i64>) -> JsValue {
    n.map_or(JsValue::NULL, int)
}

/// The `LOG` database.
#[derive(Clone)]
pub struct Db(JsValue);

impl Db {
    pub fn from_env(env: &Env) -> Option<Db> {
        binding(env, LOG_BINDING).map(Db)
    }

    /// A prepared statement with its values bound.
    pub fn stmt(&self, sql: &str, values: &[JsValue]) -> Result<JsValue> {
        let stmt = method(&self.0, "prepare")?.call1(&self.0, &JsValue::from_str(sql))?;
        let args: Array = values.iter().collect();
        Ok(method(&stmt, "bind")?.apply(&stmt, &args)?)
    }

    /// Runs one statement; how many rows it changed.
    pub async fn run_changes(&self, sql: &str, values: &[JsValue]) -> Result<u64> {
        let stmt = self.stmt(sql, values)?;
        let result = settle(method(&stmt, "run")?.call0(&stmt)?).await?;
        let meta = Reflect::get(&result, &JsValue::from_str("meta"))?;
        let changes = Reflect::get(&meta, &JsValue::from_str("changes"))?
            .as_f64()
            .unwrap_or(0.0);
        Ok(if changes >= 1.0 { changes as u64 } else { 0 })
    }

    /// Runs the statements in one transaction: all or none.
    pub async fn batch(&self, stmts: Vec<JsValue>) -> Result<()> {
        let list: Array = stmts.into_iter().collect();
        settle(method(&self.0, "batch")?.call1(&self.0, &list)?).await?;
        Ok(())
    }

    pub async fn run(&self, sql: &str, values: &[JsValue]) -> Result<()> {
        let stmt = self.stmt(sql, values)?;
        settle(method(&stmt, "run")?.call0(&stmt)?).await?;
        Ok(())
    }

    /// The rows of a query, each an object keyed by column name.
    pub async fn rows(&self, sql: &str, values: &[JsValue]) -> Result<Vec<Row>> {
        let stmt = self.stmt(sql, values)?;
        let result = settle(method(&stmt, "all")?.call0(&stmt)?).await?;
        let results: Array = Reflect::get(&result, &JsValue::from_str("results"))?.dyn_into()?;
        Ok(results.iter().map(Row).collect())
    }
}

/// One row of a query.
pub struct Row(JsValue);

impl Row {
    pub fn text(&self, col: &str) -> Option<String> {
        Reflect::get(&self.0, &JsValue::from_str(col))
            .ok()?
            .as_string()
    }

    pub fn int(&self, col: &str) -> Option<i64> {
        let n = Reflect::get(&self.0, &JsValue::from_str(col))
            .ok()?
            .as_f64()?;
        (n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0).then_some(n as i64)
    }
}

/// The `BODIES` bucket.
#[derive(Clone)]
pub struct Bucket(JsValue);

impl Bucket {
    pub fn from_env(env: &Env) -> Option<Bucket> {
        binding(env, BODIES_BINDING).map(Bucket)
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<()> {
        let value = Uint8Array::from(bytes);
        let stored =
            settle(method(&self.0, "put")?.call2(&self.0, &JsValue::from_str(key), &value)?)
                .await?;
        if stored.is_null() || stored.is_undefined() {
            return Err(worker::Error::RustError(
                "the bucket refused the put".into(),
            ));
        }
        Ok(())
    }

    /// The object's bytes, `None` when there is no such object.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let object =
            settle(method(&self.0, "get")?.call1(&self.0, &JsValue::from_str(key))?).await?;
        if object.is_null() || object.is_undefined() {
            return Ok(None);
        }
        let buffer = settle(method(&object, "arrayBuffer")?.call0(&object)?).await?;
        Ok(Some(Uint8Array::new(&buffer).to_vec()))
    }

    /// `length` bytes of the object from `offset`, `None` when there is no such object.
    pub async fn get_range(&self, key: &str, offset: i64, length: i64) -> Result<Option<Vec<u8>>> {
        let range = js_sys::Object::new();
        Reflect::set(&range, &JsValue::from_str("offset"), &int(offset))?;
        Reflect::set(&range, &JsValue::from_str("length"), &int(length))?;
        let options = js_sys::Object::new();
        Reflect::set(&options, &JsValue::from_str("range"), &range)?;
        let object =
            settle(method(&self.0, "get")?.call2(&self.0, &JsValue::from_str(key), &options)?)
                .await?;
        if object.is_null() || object.is_undefined() {
            return Ok(None);
        }
        let buffer = settle(method(&object, "arrayBuffer")?.call0(&object)?).await?;
        Ok(Some(Uint8Array::new(&buffer).to_vec()))
    }

    /// Deletes the objects (at most 1000 keys per call, the platform's limit).
    pub async fn delete(&self, keys: &[String]) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let list: Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
        settle(method(&self.0, "delete")?.call1(&self.0, &list)?).await?;
        Ok(())
    }
}
