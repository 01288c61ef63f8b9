//! `application/x-www-form-urlencoded` bodies (Slack's slash commands and interactivity): the
//! one decoder the verifier, the worker and the npm package's `payload` share, so that they
//! agree on what a form says.
//!
//! The WHATWG URL standard's parsing, made strict where it would guess: pairs are split on
//! `&` (empty ones skipped), each on its first `=` (none: the value is empty); `+` is a space;
//! `%XY` is the byte 0xXY. Where WHATWG would keep a broken escape (`%`, `%4`, `%zz`) as text
//! or replace invalid UTF-8 with U+FFFD, this refuses the body: two different bodies would
//! otherwise decode to the same fields. A name that appears twice is refused too (a reader
//! keeping the first and one keeping the last would disagree). Never panics, allocates at
//! most the body's length per field.

/// Whether a body is read as JSON rather than as a form: its first byte past JSON whitespace
/// is `{`. A form's first byte is a field name's, and Slack's names never start with `{`.
/// Deciding on the signed bytes, not on the unsigned `Content-Type` (which bolt-js reads), means
/// whoever relays a delivery cannot change how its body is read.
pub(crate) fn looks_like_json(body: &[u8]) -> bool {
    body.iter()
        .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        .is_some_and(|c| *c == b'{')
}

/// The form's fields in order, decoded. The error says what is wrong and where (a byte
/// offset), never quoting the body.
pub(crate) fn decode(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let fields = decode_pairs(body)?;
    // Repeated names: sorted, then neighbours compared (O(n log n): a 1 MiB body can hold
    // hundreds of thousands of pairs).
    let mut names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    heap_sort(&mut names);
    if names.windows(2).any(|w| w.first() == w.get(1)) {
        return Err("the form body names a field twice".to_owned());
    }
    Ok(fields)
}

/// [`decode`] without refusing repeated names: Twilio signs every value of a repeated name
/// (sorted), so its verifier reads them all.
pub(crate) fn decode_pairs(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut offset = 0usize;
    for pair in body.split(|c| *c == b'&') {
        let start = offset;
        offset = offset.saturating_add(pair.len()).saturating_add(1);
        if pair.is_empty() {
            continue;
        }
        let (name, value) = match pair.iter().position(|c| *c == b'=') {
            Some(eq) => (
                pair.get(..eq).unwrap_or_default(),
                pair.get(eq.saturating_add(1)..).unwrap_or_default(),
            ),
            None => (pair, &b""[..]),
        };
        let name = decode_component(name).map_err(|(why, at)| describe(why, start + at))?;
        let value_start = start + pair.len() - value.len();
        let value = decode_component(value).map_err(|(why, at)| describe(why, value_start + at))?;
        fields.push((name, value));
    }
    Ok(fields)
}

/// Twilio's signed form content: every (name, value) pair sorted by name then value (byte
/// order), each distinct pair once, written `name` + `value` with no separator (twilio-python
/// `compute_signature`: `sorted(set(params))`, then `sorted(set(values))`).
pub(crate) fn twilio_params(mut fields: Vec<(String, String)>) -> Vec<u8> {
    heap_sort(&mut fields);
    fields.dedup();
    let mut out = Vec::with_capacity(fields.iter().map(|(n, v)| n.len() + v.len()).sum());
    for (n, v) in &fields {
        out.extend_from_slice(n.as_bytes());
        out.extend_from_slice(v.as_bytes());
    }
    out
}

/// In-place heapsort: O(n log n), no recursion, and a fraction of the code the standard
/// library's generic sorts add to the .wasm (which the npm package's size budget counts).
/// One generic function for names and (name, value) pairs.
fn heap_sort<T: PartialOrd>(v: &mut [T]) {
    fn sift_down<T: PartialOrd>(v: &mut [T], mut root: usize, end: usize) {
        loop {
            let mut child = root.saturating_mul(2).saturating_add(1);
            if child >= end {
                return;
            }
            if child + 1 < end && v.get(child) < v.get(child + 1) {
                child += 1;
            }
            if v.get(root) >= v.get(child) {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift_down(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// The fields as a JSON object of strings, in order (what the npm package's `payload` is).
#[cfg_attr(not(any(feature = "js", test)), allow(dead_code))]
pub(crate) fn to_json(fields: &[(String, String)]) -> String {
    let mut w = crate::json::ObjectWriter::new();
    for (name, value) in fields {
        w.str(name, value);
    }
    w.finish()
}

fn describe(why: &str, at: usize) -> String {
    format!("the form body {why} (at byte {at})")
}

/// One name or value: `+` to space, `%XY` to its byte, then UTF-8.
fn decode_component(raw: &[u8]) -> Result<String, (&'static str, usize)> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0usize;
    while let Some(&c) = raw.get(i) {
        match c {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |j: usize| raw.get(j).and_then(|d| char::from(*d).to_digit(16));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(hi), Some(lo)) => {
                        out.push(u8::try_from(hi * 16 + lo).map_err(|_| ("has a bad escape", i))?);
                        i += 2;
                    }
                    _ => return Err(("has a % not followed by two hexadecimal digits", i)),
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|e| ("decodes to invalid UTF-8", e.utf8_error().valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn decodes_slack_shaped_forms() {
        let body = b"token=xyz&command=%2Fweather&text=94070+now&empty=&bare&&response_url=https%3A%2F%2Fhooks.slack.com%2Fx";
        assert_eq!(
            decode(body),
            Ok(pairs(&[
                ("token", "xyz"),
                ("command", "/weather"),
                ("text", "94070 now"),
                ("empty", ""),
                ("bare", ""),
                ("response_url", "https://hooks.slack.com/x"),
            ]))
        );
        // Interactivity: one field holding JSON; `=` after the first stays in the value.
        let body = b"payload=%7B%22type%22%3A%22block_actions%22%2C%22a%22%3A%22b%3Dc%22%7D&x=a=b";
        assert_eq!(
            decode(body),
            Ok(pairs(&[
                ("payload", r#"{"type":"block_actions","a":"b=c"}"#),
                ("x", "a=b")
            ]))
        );
        assert_eq!(decode(b""), Ok(vec![]));
        assert_eq!(decode(b"&&"), Ok(vec![]));
        // Upper- and lower-case hex, and multi-byte UTF-8 (raw or escaped).
        assert_eq!(
            decode("n=%c3%A9%E2%9C%93é".as_bytes()),
            Ok(pairs(&[("n", "é✓é")]))
        );
        assert_eq!(decode(b"a%2Bb=%2B+"), Ok(pairs(&[("a+b", "+ ")])));
    }

    #[test]
    fn refuses_broken_escapes_bad_utf8_and_repeated_names() {
        for (body, offset) in [
            (&b"a=%"[..], 2),
            (b"a=%4", 2),
            (b"a=%zz", 2),
            (b"a=1&b%g0=2", 5),
            (b"a=%ff", 2),
            (b"a=\xff", 2),
            (b"a=%C3", 2),
        ] {
            let e = decode(body).unwrap_err();
            assert!(e.contains(&format!("(at byte {offset})")), "{body:?}: {e}");
        }
        let e = decode(b"a=1&b=2&a=3").unwrap_err();
        assert!(e.contains("names a field twice"), "{e}");
        // Names are compared decoded: `a` and `%61` are the same field.
        assert!(decode(b"a=1&%61=2").is_err());
        // Many pairs (what a 1 MiB body can hold) are checked in O(n log n), not O(n^2).
        let many: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("f{i}=&").into_bytes())
            .collect();
        let t = std::time::Instant::now();
        assert_eq!(decode(&many).map(|f| f.len()), Ok(200_000));
        let mut dup = many.clone();
        dup.extend_from_slice(b"f199999=x");
        assert!(decode(&dup).is_err());
        assert!(
            t.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            t.elapsed()
        );
        // Messages never quote the body.
        let e = decode(b"secretvalue=%zz").unwrap_err();
        assert!(!e.contains("secretvalue"), "{e}");
    }

    #[test]
    fn json_sniffing_and_output() {
        assert!(looks_like_json(b" \r\n\t{\"a\":1}"));
        assert!(!looks_like_json(b"token=x"));
        assert!(!looks_like_json(b""));
        assert!(!looks_like_json(b"[1]"));
        assert_eq!(
            to_json(&pairs(&[("__proto__", "x"), ("q", "\"\\\n")])),
            r#"{"__proto__":"x","q":"\"\\\n"}"#
        );
        assert_eq!(to_json(&[]), "{}");
    }

    #[test]
    fn heap_sort_sorts() {
        let mut v = vec!["d", "a", "c", "a", "", "b", "é", "ab"];
        heap_sort(&mut v);
        assert_eq!(v, ["", "a", "a", "ab", "b", "c", "d", "é"]);
        let mut one = vec!["x"];
        heap_sort(&mut one);
        assert_eq!(one, ["x"]);
        heap_sort::<&str>(&mut []);
    }

    /// A minimal encoder: every byte outside the unreserved set escaped, space as `+`.
    fn encode(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    out.push(char::from(b));
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn heap_sort_agrees_with_the_standard_sort(mut v in proptest::collection::vec(".{0,3}", 0..60)) {
            let mut refs: Vec<&str> = v.iter().map(String::as_str).collect();
            heap_sort(&mut refs);
            let got: Vec<String> = refs.into_iter().map(str::to_owned).collect();
            v.sort();
            prop_assert_eq!(got, v);
        }

        #[test]
        fn never_panics_and_agrees_with_its_json(body in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Ok(fields) = decode(&body) {
                let json: serde_json::Value = serde_json::from_str(&to_json(&fields)).unwrap();
                let obj = json.as_object().unwrap();
                prop_assert_eq!(obj.len(), fields.len());
                for (n, v) in &fields {
                    prop_assert_eq!(obj.get(n).and_then(|x| x.as_str()), Some(v.as_str()));
                }
            }
        }

        #[test]
        fn encoded_fields_round_trip(fields in proptest::collection::btree_map(".{0,12}", ".{0,24}", 0..6)) {
            let body = fields
                .iter()
                .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
                .collect::<Vec<_>>()
                .join("&");
            let want: Vec<(String, String)> = fields.into_iter().collect();
            let got = decode(body.as_bytes()).unwrap();
            prop_assert_eq!(got, want);
        }
    }
}
