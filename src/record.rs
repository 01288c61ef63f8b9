//! The delivery log's pure parts (the worker's gateway.rs and admin.rs use them; here so that
//! native tests and the fuzzer reach them): the stored-request format, R2 keys, the admin API's
//! filters and cursors, and the token check.

use crate::codec::{ct_eq, hex_decode, hex_encode};
use sha2::{Digest, Sha256};

/// A stored request: `MAGIC`, the header block's length (u32, big-endian), the header block
/// (`name:value\n` per header), then the body bytes exactly as received.
const MAGIC: &[u8; 4] = b"hgb1";

/// Where a delivery's request is kept in R2 (a route path holds no line break).
pub fn body_key(route: &str, id: &str) -> String {
    let mut h = Sha256::new();
    h.update(route.as_bytes());
    h.update(b"\n");
    h.update(id.as_bytes());
    format!("bodies/{}", hex_encode(&h.finalize()))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_encode(&Sha256::digest(bytes))
}

/// The R2 object for a request (see [`MAGIC`]).
pub fn encode_request(headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut block = String::new();
    for (k, v) in headers {
        block.push_str(k);
        block.push(':');
        block.push_str(v);
        block.push('\n');
    }
    let len = u32::try_from(block.len()).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(8 + block.len() + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(body);
    out
}

/// A request's headers and body.
pub type Request = (Vec<(String, String)>, Vec<u8>);

/// The headers and body of a stored request; `None` for anything that is not one.
pub fn decode_request(bytes: &[u8]) -> Option<Request> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (len, rest) = rest.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
    let block = std::str::from_utf8(rest.get(..len)?).ok()?;
    let body = rest.get(len..)?.to_vec();
    let headers = block
        .split_terminator('\n')
        .map(|line| {
            let (k, v) = line.split_once(':')?;
            Some((k.to_owned(), v.to_owned()))
        })
        .collect::<Option<Vec<_>>>()?;
    if !block.is_empty() && !block.ends_with('\n') {
        return None;
    }
    Some((headers, body))
}

/// Whether `given` is the admin token: both are hashed first, so the comparison takes the same
/// time whatever their lengths and contents.
pub fn token_matches(given: &str, token: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(token.as_bytes());
    ct_eq(&a, &b) & !token.is_empty()
}

pub const STATUSES: &[&str] = &["delivered", "queued", "failed", "dead"];
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;
pub const DEFAULT_BULK_LIMIT: u32 = 20;
pub const MAX_BULK_LIMIT: u32 = 25;

/// Where a page of the list ended: the last row's received time, route and id (newest first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub received_ms: i64,
    pub route: String,
    pub id: String,
}

impl Cursor {
    /// Opaque to callers: hex of `received\nroute\nid`.
    pub fn encode(&self) -> String {
        hex_encode(format!("{}\n{}\n{}", self.received_ms, self.route, self.id).as_bytes())
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        if s.len() > 4096 {
            return None;
        }
        let text = String::from_utf8(hex_decode(s.as_bytes())?).ok()?;
        let mut parts = text.splitn(3, '\n');
        let received = parts.next()?;
        if received.is_empty() || !received.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(Cursor {
            received_ms: received.parse().ok()?,
            route: parts.next()?.to_owned(),
            id: parts.next()?.to_owned(),
        })
    }
}

/// What a list or a bulk replay selects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub route: Option<String>,
    pub status: Option<String>,
    pub event: Option<String>,
    /// Received at or after (ms).
    pub since_ms: Option<i64>,
    /// Received before (ms).
    pub until_ms: Option<i64>,
    pub limit: u32,
    pub cursor: Option<Cursor>,
}

impl Filter {
    /// Whether it narrows anything (a bulk replay must).
    pub fn selects(&self) -> bool {
        self.route.is_some()
            || self.status.is_some()
            || self.event.is_some()
            || self.since_ms.is_some()
            || self.until_ms.is_some()
    }
}

/// A parameter the API refused: its name and why (never its value).
#[derive(Debug, PartialEq, Eq)]
pub struct BadParameter {
    pub name: String,
    pub why: &'static str,
}

/// An instant in a filter: RFC 3339 (`2026-12-02T16:25:04Z`, `…04.123Z`, `…+01:00`) or Unix
/// milliseconds.
fn instant(value: &str) -> Option<i64> {
    if !value.is_empty() && value.len() <= 16 && value.bytes().all(|c| c.is_ascii_digit()) {
        return value.parse().ok();
    }
    let seconds = crate::time::parse_rfc3339(value).ok()?;
    let mut ms = seconds.checked_mul(1000)?;
    // The reader drops the fraction: keep its milliseconds, so `since` = a row's own time works.
    if let Some(frac) = value
        .get(20..)
        .filter(|_| value.as_bytes().get(19) == Some(&b'.'))
    {
        let digits: String = frac
            .chars()
            .take_while(char::is_ascii_digit)
            .take(3)
            .collect();
        let scale = [100, 10, 1];
        for (d, s) in digits.bytes().zip(scale) {
            ms = ms.checked_add(i64::from(d - b'0') * s)?;
        }
    }
    Some(ms)
}

/// Reads a filter from name/value pairs (a query string's, or a JSON body's top-level
/// strings); `bulk` selects the bulk replay's limits. Unknown names are refused, by name.
pub fn parse_filter(pairs: &[(String, String)], bulk: bool) -> Result<Filter, BadParameter> {
    let bad = |name: &str, why: &'static str| BadParameter {
        name: name.to_owned(),
        why,
    };
    let (default_limit, max_limit) = if bulk {
        (DEFAULT_BULK_LIMIT, MAX_BULK_LIMIT)
    } else {
        (DEFAULT_LIMIT, MAX_LIMIT)
    };
    let mut f = Filter {
        limit: default_limit,
        ..Filter::default()
    };
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in pairs {
        if seen.contains(&name.as_str()) {
            return Err(bad(name, "is given more than once"));
        }
        seen.push(name);
        // An empty value is the same as none (an HTML form's unset field).
        if value.is_empty() && name != "cursor" {
            continue;
        }
        match name.as_str() {
            "route" if value.starts_with('/') && value.len() <= 1024 => {
                f.route = Some(value.clone());
            }
            "route" => return Err(bad(name, "must be a route path (starting with /)")),
            "status" if STATUSES.contains(&value.as_str()) => f.status = Some(value.clone()),
            "status" => return Err(bad(name, "must be delivered, queued, failed or dead")),
            "event" if value.len() <= 256 => f.event = Some(value.clone()),
            "event" => return Err(bad(name, "is longer than 256 bytes")),
            "since" | "until" => {
                let ms = instant(value).ok_or_else(|| {
                    bad(
                        name,
                        "must be an RFC 3339 time (2026-12-02T16:25:04Z) or Unix milliseconds",
                    )
                })?;
                if name == "since" {
                    f.since_ms = Some(ms);
                } else {
                    f.until_ms = Some(ms);
                }
            }
            "limit" => {
                f.limit = value
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=max_limit).contains(n))
                    .ok_or_else(|| {
                        bad(
                            name,
                            if bulk {
                                "must be a whole number from 1 to 25"
                            } else {
                                "must be a whole number from 1 to 200"
                            },
                        )
                    })?;
            }
            "cursor" if !bulk => {
                f.cursor = Some(
                    Cursor::decode(value)
                        .ok_or_else(|| bad(name, "is not a cursor this API returned"))?,
                );
            }
            _ => return Err(bad(name, "is not a parameter of this call")),
        }
    }
    if let (Some(a), Some(b)) = (f.since_ms, f.until_ms)
        && a >= b
    {
        return Err(bad("until", "must be later than since"));
    }
    Ok(f)
}

/// A path segment with its percent-escapes decoded (a `+` stays a `+`); `None` when an escape
/// is broken or the result is not UTF-8.
pub fn percent_decode(raw: &str) -> Option<String> {
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let v = crate::codec::hex_decode(hex)?;
            out.extend_from_slice(&v);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A bulk replay's JSON body as name/value pairs for [`parse_filter`]: an object whose values
/// are strings (or a number for `limit`); `null` is the same as absent. An empty body is `{}`.
pub fn body_pairs(doc: &str) -> Result<Vec<(String, String)>, BadParameter> {
    let doc = if doc.trim().is_empty() { "{}" } else { doc };
    let members = crate::json::object_members(doc).map_err(|_| BadParameter {
        name: "body".to_owned(),
        why: "must be a JSON object",
    })?;
    let mut out = Vec::with_capacity(members.len());
    for (name, raw) in members {
        match crate::json::value(raw) {
            Ok(crate::json::Field::Str(s)) => out.push((name, s)),
            Ok(crate::json::Field::Uint(n)) if name == "limit" => out.push((name, n.to_string())),
            Ok(crate::json::Field::Null) => {}
            _ => {
                return Err(BadParameter {
                    name,
                    why: "must be a string (limit: a number)",
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_stored_request_reads_back_exactly() {
        let headers = vec![
            ("x-signature".to_owned(), "t=1,v1=ab".to_owned()),
            ("user-agent".to_owned(), "a: b".to_owned()),
        ];
        let body = b"\x00\xff{\"a\":1}\r\n".to_vec();
        let object = encode_request(&headers, &body);
        assert_eq!(decode_request(&object), Some((headers, body)));
        assert_eq!(
            decode_request(&encode_request(&[], b"")),
            Some((vec![], vec![]))
        );
    }

    #[test]
    fn anything_else_is_no_stored_request() {
        let good = encode_request(&[("a".into(), "b".into())], b"body");
        for bad in [
            &b""[..],
            b"hgb0\0\0\0\0",
            b"hgb1\0\0",
            b"hgb1\0\0\0\x09a:b\n",
            b"hgb1\0\0\0\x02ab",
            b"hgb1\0\0\0\x03a:b",
            b"hgb1\0\0\0\x02\xff\n",
            &good[..7],
        ] {
            assert_eq!(decode_request(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sha256_hex_is_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn body_keys_are_per_route_and_id() {
        assert_ne!(body_key("/a", "1"), body_key("/b", "1"));
        assert_ne!(body_key("/a", "1"), body_key("/a", "2"));
        assert!(body_key("/a", "1").starts_with("bodies/"));
        assert_eq!(body_key("/a", "1").len(), "bodies/".len() + 64);
    }

    #[test]
    fn the_token_check_needs_the_exact_token() {
        assert!(token_matches("s3cret-token", "s3cret-token"));
        assert!(!token_matches("s3cret-toke", "s3cret-token"));
        assert!(!token_matches("s3cret-token ", "s3cret-token"));
        assert!(!token_matches("", "s3cret-token"));
        assert!(!token_matches("", ""));
    }

    #[test]
    fn cursors_round_trip_and_refuse_what_they_did_not_make() {
        let c = Cursor {
            received_ms: 1_764_000_000_123,
            route: "/hooks/a".into(),
            id: "evt\n1".into(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        for bad in [
            "",
            "zz",
            "31",
            "0a0a",
            &hex_encode(b"x\n/a\nb"),
            &hex_encode(b"\xff"),
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn filters_read_every_parameter() {
        let f = parse_filter(
            &pairs(&[
                ("route", "/hooks/a"),
                ("status", "dead"),
                ("event", "document.completed"),
                ("since", "2026-12-02T16:25:04.123Z"),
                ("until", "1796300000000"),
                ("limit", "10"),
            ]),
            false,
        )
        .unwrap();
        assert_eq!(f.route.as_deref(), Some("/hooks/a"));
        assert_eq!(f.status.as_deref(), Some("dead"));
        assert_eq!(f.event.as_deref(), Some("document.completed"));
        assert_eq!(f.since_ms, Some(1_796_228_704_123));
        assert_eq!(f.until_ms, Some(1_796_300_000_000));
        assert_eq!(f.limit, 10);
        assert!(f.selects());
        let none = parse_filter(&pairs(&[("status", ""), ("route", "")]), false).unwrap();
        assert_eq!(none.limit, DEFAULT_LIMIT);
        assert!(!none.selects());
        assert_eq!(parse_filter(&[], true).unwrap().limit, DEFAULT_BULK_LIMIT);
    }

    #[test]
    fn a_bad_parameter_is_named() {
        for (list, bulk, name) in [
            (&[("status", "lost")][..], false, "status"),
            (&[("route", "hooks")][..], false, "route"),
            (&[("limit", "0")][..], false, "limit"),
            (&[("limit", "201")][..], false, "limit"),
            (&[("limit", "26")][..], true, "limit"),
            (&[("limit", "-1")][..], false, "limit"),
            (&[("since", "yesterday")][..], false, "since"),
            (&[("until", "2026-13-01T00:00:00Z")][..], false, "until"),
            (&[("since", "1000"), ("until", "1000")][..], false, "until"),
            (&[("cursor", "xyz")][..], false, "cursor"),
            (&[("cursor", "")][..], false, "cursor"),
            (&[("cursor", "00")][..], true, "cursor"),
            (&[("colour", "red")][..], false, "colour"),
            (
                &[("status", "dead"), ("status", "failed")][..],
                false,
                "status",
            ),
        ] {
            let err = parse_filter(&pairs(list), bulk).unwrap_err();
            assert_eq!(err.name, name, "{list:?}");
        }
    }

    #[test]
    fn path_segments_decode_escapes_only() {
        assert_eq!(
            percent_decode("evt%2F1%20a+b").as_deref(),
            Some("evt/1 a+b")
        );
        assert_eq!(percent_decode("%C3%A9").as_deref(), Some("\u{e9}"));
        assert_eq!(percent_decode(""), Some(String::new()));
        for bad in ["%", "%2", "%zz", "%FF"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bulk_body_reads_as_parameters() {
        let p = body_pairs(r#"{"status":"dead","limit":5,"event":null}"#).unwrap();
        assert_eq!(p, pairs(&[("status", "dead"), ("limit", "5")]));
        assert_eq!(body_pairs("").unwrap(), vec![]);
        assert_eq!(body_pairs("[]").unwrap_err().name, "body");
        assert_eq!(body_pairs(r#"{"status":1}"#).unwrap_err().name, "status");
        assert_eq!(
            body_pairs(r#"{"limit":"5"}"#).unwrap(),
            pairs(&[("limit", "5")])
        );
        assert_eq!(body_pairs(r#"{"limit":-5}"#).unwrap_err().name, "limit");
        let f = parse_filter(&body_pairs(r#"{"stauts":"dead"}"#).unwrap(), true).unwrap_err();
        assert_eq!(f.name, "stauts");
    }

    proptest! {
        #[test]
        fn decoders_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64), s in ".{0,80}") {
            let _ = decode_request(&bytes);
            let _ = Cursor::decode(&s);
            let _ = parse_filter(&[("since".into(), s.clone()), ("cursor".into(), s.clone())], false);
            let _ = instant(&s);
            let _ = body_pairs(&s);
            let _ = percent_decode(&s);
        }

        #[test]
        fn stored_requests_round_trip(
            headers in proptest::collection::vec(("[a-z-]{1,12}", "[ -~]{0,20}"), 0..5),
            body in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let object = encode_request(&headers, &body);
            prop_assert_eq!(decode_request(&object), Some((headers, body)));
        }
    }
}
