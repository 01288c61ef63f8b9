//! One JSON object per line. Only names, ids, codes, statuses and timings: never a secret, a
//! token or body bytes.

use serde_json::{Map, Value};

/// A log line under construction.
pub struct Line(Map<String, Value>);

impl Line {
    pub fn new(kind: &str) -> Line {
        let mut m = Map::new();
        m.insert("msg".into(), Value::from(kind));
        Line(m)
    }

    pub fn field(mut self, key: &str, value: impl Into<Value>) -> Line {
        self.0.insert(key.into(), value.into());
        self
    }

    pub fn opt(self, key: &str, value: Option<impl Into<Value>>) -> Line {
        match value {
            Some(v) => self.field(key, v),
            None => self,
        }
    }

    pub fn emit(self) {
        let level_error = self
            .0
            .get("level")
            .and_then(Value::as_str)
            .is_some_and(|l| l == "error");
        let text = Value::Object(self.0).to_string();
        if level_error {
            worker::console_error!("{}", text);
        } else {
            worker::console_log!("{}", text);
        }
    }
}
