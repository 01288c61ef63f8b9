//! Reads the JSON envelope: validates the whole document and extracts a few top-level string
//! fields, rejecting duplicates of those fields (a JSON parser that keeps the last one and a
//! verifier that read the first would disagree about what was signed).

use crate::json::{Field, LONE_SURROGATE, object_fields};

/// Extracts the top-level string fields named in `wanted` from `body`. The body must be a UTF-8
/// JSON object; every other value is validated and skipped. Returns one slot per wanted name;
/// a wanted field that is present but not a string is an error.
pub(crate) fn extract_fields(body: &[u8], wanted: &[&str]) -> Result<Vec<Option<String>>, String> {
    extract_fields_and_uint(body, wanted, None).map(|(values, _)| values)
}

/// [`extract_fields`], and in the same pass the top-level field `uint` (when given), which
/// must be a non-negative JSON integer: `Ok(None)` for it when it is absent, an error when it
/// is anything else (a string, a fraction, a negative number).
pub(crate) fn extract_fields_and_uint(
    body: &[u8],
    wanted: &[&str],
    uint: Option<&str>,
) -> Result<(Vec<Option<String>>, Option<u64>), String> {
    // JSON is UTF-8; a JavaScript consumer would otherwise decode the body lossily.
    let body = std::str::from_utf8(body).map_err(|e| {
        format!(
            "the body is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    // Without an integer field (every scheme but a body-timestamp one) the wanted names are
    // used as they are: no copy on the hot path.
    let with_uint: Vec<&str>;
    let names: &[&str] = match uint {
        None => wanted,
        Some(u) => {
            with_uint = wanted.iter().copied().chain([u]).collect();
            &with_uint
        }
    };
    let mut fields = object_fields(body, names).map_err(|e| {
        if e.what == LONE_SURROGATE {
            // Valid JSON (JSON.parse takes it), but the value cannot be kept as text.
            format!(
                "a top-level field hookguard reads ({}) holds a lone UTF-16 surrogate escape \
                 (at byte {}): valid JSON, but no text can hold it, and replacing it would let \
                 two different values compare equal",
                names.join(", "),
                e.offset
            )
        } else {
            format!("the body is not a valid JSON object: {}", e.describe())
        }
    })?;
    let number = match uint {
        None => None,
        Some(name) => match fields.pop().flatten() {
            None => None,
            Some(Field::Uint(n)) => Some(n),
            Some(_) => {
                return Err(format!(
                    "the envelope's \"{name}\" is not a non-negative integer"
                ));
            }
        },
    };
    let values = wanted
        .iter()
        .zip(fields)
        .map(|(name, f)| match f {
            None => Ok(None),
            Some(Field::Str(s)) => Ok(Some(s)),
            Some(_) => Err(format!("the envelope's \"{name}\" is not a string")),
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok((values, number))
}

/// A nested field's value, as [`nested_fields`] reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Leaf {
    /// A JSON string, unescaped.
    Str(String),
    /// A non-negative JSON integer.
    Uint(u64),
}

impl Leaf {
    /// The value as signed text: a string's text, an integer's digits.
    pub(crate) fn text(&self) -> String {
        match self {
            Leaf::Str(s) => s.clone(),
            Leaf::Uint(n) => n.to_string(),
        }
    }
}

/// The values at dotted `paths` (`event.event_time`: member `event_time` of the object member
/// `event`) of the JSON object `doc`, validated whole. A path that is absent, or passes through
/// something other than an object, is `None`; a leaf that is neither a string nor a
/// non-negative integer is an error, as is a repeated key on any path.
pub(crate) fn nested_fields(doc: &str, paths: &[&str]) -> Result<Vec<Option<Leaf>>, String> {
    use crate::json::{object_raw_fields, value};
    let describe = |e: crate::json::JsonError| {
        if e.what == LONE_SURROGATE {
            format!(
                "a field hookguard reads holds a lone UTF-16 surrogate escape (at byte {})",
                e.offset
            )
        } else {
            format!("the body is not a valid JSON object: {}", e.describe())
        }
    };
    // The first segments, read in one pass over the whole document (which validates it).
    let mut firsts: Vec<&str> = Vec::new();
    for p in paths {
        let first = p.split('.').next().unwrap_or_default();
        if !firsts.contains(&first) {
            firsts.push(first);
        }
    }
    let top = object_raw_fields(doc, &firsts).map_err(describe)?;
    let mut out = Vec::with_capacity(paths.len());
    for p in paths {
        let mut segments = p.split('.');
        let first = segments.next().unwrap_or_default();
        let mut raw = firsts
            .iter()
            .position(|f| *f == first)
            .and_then(|i| top.get(i).copied().flatten());
        for seg in segments {
            raw = match raw {
                Some(r) if r.starts_with('{') => object_raw_fields(r, &[seg])
                    .map_err(describe)?
                    .pop()
                    .flatten(),
                _ => None,
            };
        }
        out.push(match raw {
            None => None,
            Some(r) => match value(r).map_err(describe)? {
                Field::Str(s) => Some(Leaf::Str(s)),
                Field::Uint(n) => Some(Leaf::Uint(n)),
                Field::Null => None,
                _ => return Err(format!("the body's \"{p}\" is not a string or an integer")),
            },
        });
    }
    Ok(out)
}

/// The byte range in `doc` of the JSON string at the dotted `path` (quotes included), for the
/// signer to write a body-field signature in place. `None` when absent or not a string.
pub(crate) fn nested_span(doc: &str, path: &str) -> Option<(usize, usize)> {
    let mut raw = doc;
    for seg in path.split('.') {
        raw = crate::json::object_raw_fields(raw, &[seg])
            .ok()?
            .pop()
            .flatten()?;
    }
    if !raw.starts_with('"') {
        return None;
    }
    let start = (raw.as_ptr() as usize).checked_sub(doc.as_ptr() as usize)?;
    Some((start, start.checked_add(raw.len())?))
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
            b"\xef\xbb\xbf{\"a\":\"1\"}",
        ] {
            assert!(extract_fields(body, &["a"]).is_err(), "{body:?}");
        }
    }

    #[test]
    fn invalid_utf8_in_a_skipped_string_is_rejected() {
        // Regression: serde_json did not validate UTF-8 inside strings it skipped.
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
    fn lone_surrogates_pass_where_skipped_and_fail_where_extracted() {
        // What JSON.stringify writes for a string cut inside an emoji: valid JSON.
        for body in [
            &br#"{"a":"1","data":{"reason":"cut \ud83d"}}"#[..],
            br#"{"a":"1","data":["\udc00","\ud83d\u0041","\ud800\ud800\udc00"]}"#,
            br#"{"a":"1","data":{"\ud83d":1,"\ud83d":2}}"#,
            br#"{"\ud800":"x","a":"1","\udfff":{"a":"\ud800"}}"#,
            br#"{"a\ud800":"x","a":"1"}"#,
        ] {
            assert_eq!(
                extract_fields(body, &["a"]),
                Ok(vec![Some("1".into())]),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        // Paired escapes in an extracted field decode to the character.
        assert_eq!(
            extract_fields(br#"{"a":"x\ud83d\ude00"}"#, &["a"]),
            Ok(vec![Some("x\u{1f600}".into())])
        );
        // A lone one in an extracted field: refused, never replaced (two ids would collide).
        for body in [
            &br#"{"a":"\ud83d"}"#[..],
            br#"{"a":"x\udc00"}"#,
            br#"{"a":"\ud83d\u0041"}"#,
            br#"{"a":"\ud83d\ud83d"}"#,
            br#"{"a":"\uD83D"}"#,
        ] {
            let e = extract_fields(body, &["a"]).unwrap_err();
            assert!(e.contains("lone UTF-16 surrogate"), "{e}");
            assert!(
                e.starts_with("a top-level field hookguard reads (a)"),
                "{e}"
            );
        }
        // The duplicate check still sees a wanted name spelled with escapes.
        assert!(extract_fields(br#"{"a":"1","\u0061":"2"}"#, &["a"]).is_err());
        // A broken escape after a lone high surrogate is still invalid.
        assert!(extract_fields(br#"{"a":"1","b":"\ud800\uzzzz"}"#, &["a"]).is_err());
        assert!(extract_fields(br#"{"a":"1","b":"\ud800\u"}"#, &["a"]).is_err());
    }

    #[test]
    fn reads_one_integer_field_in_the_same_pass() {
        let body = br#"{"type":"Issue","webhookTimestamp":1780065000123}"#;
        assert_eq!(
            extract_fields_and_uint(body, &["type"], Some("webhookTimestamp")),
            Ok((vec![Some("Issue".into())], Some(1_780_065_000_123)))
        );
        assert_eq!(
            extract_fields_and_uint(br#"{"type":"Issue"}"#, &["type"], Some("webhookTimestamp")),
            Ok((vec![Some("Issue".into())], None))
        );
        for bad in [
            &br#"{"webhookTimestamp":"1780065000123"}"#[..],
            br#"{"webhookTimestamp":1780065000.5}"#,
            br#"{"webhookTimestamp":-1}"#,
            br#"{"webhookTimestamp":1.78e12}"#,
            br#"{"webhookTimestamp":null}"#,
            br#"{"webhookTimestamp":99999999999999999999}"#,
            br#"{"webhookTimestamp":1,"webhookTimestamp":2}"#,
        ] {
            assert!(
                extract_fields_and_uint(bad, &[], Some("webhookTimestamp")).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn messages_do_not_quote_the_body() {
        let err = extract_fields(br#"{"secretfield": tru}"#, &["a"]).unwrap_err();
        assert!(!err.contains("secretfield"), "{err}");
    }
}
