//! Reads the JSON envelope: validates the whole document and extracts a few top-level string
//! fields, rejecting duplicates of those fields (a JSON parser that keeps the last one and a
//! verifier that read the first would disagree about what was signed).

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// Extracts the top-level string fields named in `wanted` from `body`. The body must be a JSON
/// object; every other value is validated and skipped. Returns one slot per wanted name.
pub(crate) fn extract_fields(body: &[u8], wanted: &[&str]) -> Result<Vec<Option<String>>, String> {
    // serde_json skips ignored strings without validating their UTF-8, so check the whole body
    // first: JSON is UTF-8, and a JavaScript consumer would otherwise decode it lossily.
    let body = std::str::from_utf8(body).map_err(|e| {
        format!("the body is not UTF-8 (invalid byte at offset {})", e.valid_up_to())
    })?;
    let mut de = serde_json::Deserializer::from_str(body);
    let fields = Fields { wanted }
        .deserialize(&mut de)
        .map_err(|e| describe(&e))?;
    de.end().map_err(|e| describe(&e))?;
    Ok(fields)
}

/// A message without body content: serde_json's errors can quote the input (unknown field names,
/// invalid values), so only the category and position are kept.
fn describe(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "the body is not valid JSON",
        Category::Eof => "the body ends before the JSON does",
        Category::Data => "the body is not the provider's JSON envelope",
        Category::Io => "the body could not be read",
    };
    if e.line() > 0 {
        format!("{what} (line {}, column {})", e.line(), e.column())
    } else {
        what.to_owned()
    }
}

struct Fields<'w> {
    wanted: &'w [&'w str],
}

impl<'de> DeserializeSeed<'de> for Fields<'_> {
    type Value = Vec<Option<String>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fields<'_> {
    type Value = Vec<Option<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<Option<String>> = vec![None; self.wanted.len()];
        while let Some(key) = map.next_key_seed(Key {
            wanted: self.wanted,
        })? {
            match key.and_then(|i| out.get_mut(i)) {
                Some(slot) => {
                    if slot.is_some() {
                        return Err(de::Error::custom("duplicate envelope field"));
                    }
                    *slot = Some(map.next_value::<String>()?);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// Deserializes a key into the index of the wanted field it names, without allocating.
struct Key<'w> {
    wanted: &'w [&'w str],
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.wanted.iter().position(|w| *w == v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_wanted_strings_and_skips_the_rest() {
        let body = br#"{"a":"1","n":[1,{"x":null}],"b":"tw\u006f","c":2.5e3}"#;
        assert_eq!(
            extract_fields(body, &["b", "a", "z"]),
            Ok(vec![Some("two".into()), Some("1".into()), None])
        );
    }

    #[test]
    fn rejects_non_objects_duplicates_wrong_types_and_trailing_data() {
        for body in [
            &b"[]"[..],
            b"\"s\"",
            b"{\"a\":\"1\",\"a\":\"2\"}",
            b"{\"a\":1}",
            b"{\"a\":\"1\"} x",
            b"{\"a\":\"1\"",
            b"",
            b"{\"a\":\"\xff\"}",
        ] {
            assert!(extract_fields(body, &["a"]).is_err(), "{body:?}");
        }
    }

    #[test]
    fn escaped_duplicate_key_is_still_a_duplicate() {
        assert!(extract_fields(br#"{"id":"1","\u0069d":"2"}"#, &["id"]).is_err());
    }

    #[test]
    fn invalid_utf8_in_a_skipped_string_is_rejected() {
        // Regression: serde_json does not validate UTF-8 inside strings it skips.
        assert!(extract_fields(b"{\"a\":\"1\",\"b\":\"\xff\"}", &["a"]).is_err());
    }

    #[test]
    fn deep_nesting_in_a_skipped_value_is_walked_without_recursion() {
        let mut body = b"{\"a\":\"1\",\"b\":".to_vec();
        body.extend(std::iter::repeat_n(b'[', 200_000));
        body.extend(std::iter::repeat_n(b']', 200_000));
        body.push(b'}');
        assert_eq!(extract_fields(&body, &["a"]), Ok(vec![Some("1".into())]));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let mut body = b"{\"a\":".to_vec();
        body.extend(std::iter::repeat_n(b'[', 100_000));
        assert!(extract_fields(&body, &["a"]).is_err());
    }

    #[test]
    fn messages_do_not_quote_the_body() {
        let err = extract_fields(br#"{"secretfield": tru}"#, &["a"]).unwrap_err();
        assert!(!err.contains("secretfield"), "{err}");
    }
}
