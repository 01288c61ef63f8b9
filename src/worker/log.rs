//! One JSON object per line. Only names, ids, codes, statuses and timings: never a secret, a
//! token or body bytes. Written with the core's JSON writer (serde_json cost the upload ~12 KB).

use crate::json::ObjectWriter;

/// A field's value: the kinds log lines use.
pub enum Value {
    Str(String),
    Int(i64),
    Uint(u64),
    Bool(bool),
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Str(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Str(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}

macro_rules! int_value {
    ($($t:ty => $variant:ident),*) => {
        $(impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::$variant(v.into())
            }
        })*
    };
}
int_value!(i32 => Int, i64 => Int, u16 => Uint, u32 => Uint, u64 => Uint);

impl From<usize> for Value {
    fn from(v: usize) -> Value {
        Value::Uint(u64::try_from(v).unwrap_or(u64::MAX))
    }
}

/// A log line under construction; a key set twice keeps its last value.
pub struct Line(Vec<(String, Value)>);

impl Line {
    pub fn new(kind: &str) -> Line {
        Line(vec![("msg".to_owned(), Value::from(kind))])
    }

    pub fn field(mut self, key: &str, value: impl Into<Value>) -> Line {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_owned(), value)),
        }
        self
    }

    pub fn opt(self, key: &str, value: Option<impl Into<Value>>) -> Line {
        match value {
            Some(v) => self.field(key, v),
            None => self,
        }
    }

    /// A field's value.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A text field's value.
    pub fn str(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The line as one JSON object.
    pub fn to_json(&self) -> String {
        let mut w = ObjectWriter::new();
        for (k, v) in &self.0 {
            match v {
                Value::Str(s) => w.str(k, s),
                Value::Int(n) => w.num(k, n),
                Value::Uint(n) => w.num(k, n),
                Value::Bool(b) => w.bool(k, *b),
            };
        }
        w.finish()
    }

    /// Logs a decision's line (`delivery`, `queue`): also its metrics data point, and it counts
    /// in its route's failure streak (see `metrics::Sink`).
    pub fn emit_to(self, sink: &crate::worker::metrics::Sink) {
        sink.record(&self);
        self.emit();
    }

    pub fn emit(self) {
        let level_error = self
            .0
            .iter()
            .any(|(k, v)| k == "level" && matches!(v, Value::Str(s) if s == "error"));
        let text = self.to_json();
        if level_error {
            worker::console_error!("{}", text);
        } else {
            worker::console_log!("{}", text);
        }
    }
}
