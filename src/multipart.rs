//! `multipart/form-data` bodies (RFC 7578 over RFC 2046), read strictly and within bounds, for
//! the one thing hookguard needs from them: the value of one text field (Dropbox Sign posts its
//! event JSON in the field `json`).
//!
//! Strict where a reader could guess: the body starts with the first delimiter (no preamble),
//! every line break is CRLF, each part's headers end with an empty line, every part names itself
//! with `Content-Disposition: form-data; name="…"`, the close delimiter `--boundary--` ends the
//! body (followed by at most one CRLF), and a name that appears twice is refused (a reader
//! keeping the first and one keeping the last would disagree). Bounded: at most
//! [`MAX_PARTS`] parts and [`MAX_PART_HEADER_BYTES`] bytes of headers per part; the body itself
//! is already within the verifier's size limit. Never panics; errors say what is wrong and
//! where (a byte offset), never quoting the body.

/// The most parts read.
pub(crate) const MAX_PARTS: usize = 64;

/// The most bytes of headers in one part.
pub(crate) const MAX_PART_HEADER_BYTES: usize = 2048;

/// The boundary of a `Content-Type: multipart/form-data; boundary=…` value (RFC 2046: 1 to 70
/// characters of `bchars`, optionally quoted). `None` when the value is another media type or
/// its boundary is missing or invalid.
pub(crate) fn boundary(content_type: &[u8]) -> Option<&[u8]> {
    const MEDIA: &[u8] = b"multipart/form-data";
    let (media, params) = content_type.split_at_checked(MEDIA.len())?;
    if !media.eq_ignore_ascii_case(MEDIA) {
        return None;
    }
    // `; boundary=…`, once: any other parameter makes the type unusable here.
    let p = trim(params).strip_prefix(b";")?;
    let p = trim(p);
    let (name, value) = p.split_at_checked(8)?;
    let value = value.strip_prefix(b"=")?;
    if !name.eq_ignore_ascii_case(b"boundary") {
        return None;
    }
    let b = match value.strip_prefix(b"\"") {
        Some(rest) => rest.strip_suffix(b"\"")?,
        None => value,
    };
    let bchar = |c: &u8| c.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(c);
    (!b.is_empty() && b.len() <= 70 && b.iter().all(bchar) && b.last() != Some(&b' ')).then_some(b)
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|c| !matches!(c, b' ' | b'\t'));
    let end = s.iter().rposition(|c| !matches!(c, b' ' | b'\t'));
    match (start, end) {
        (Some(a), Some(b)) => s.get(a..=b).unwrap_or_default(),
        _ => &[],
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let rest = hay.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w == needle)
        .and_then(|i| i.checked_add(from))
}

fn at(what: &str, offset: usize) -> String {
    format!("the multipart body {what} (at byte {offset})")
}

/// The value of the field `name` in a multipart body with `boundary`: `Ok(None)` when no part
/// has that name. Every part is checked, whichever is wanted.
pub(crate) fn field<'b>(
    body: &'b [u8],
    boundary: &[u8],
    name: &[u8],
) -> Result<Option<&'b [u8]>, String> {
    let mut delim = Vec::with_capacity(boundary.len().saturating_add(4));
    delim.extend_from_slice(b"\r\n--");
    delim.extend_from_slice(boundary);
    // The first delimiter has no CRLF before it.
    let first = delim.get(2..).unwrap_or_default();
    if !body.starts_with(first) {
        return Err(at("does not start with its boundary delimiter", 0));
    }
    let mut pos = first.len();
    let mut names: Vec<&[u8]> = Vec::new();
    let mut wanted = None;
    loop {
        // After a delimiter: `--` closes, CRLF opens a part.
        match body.get(pos..pos.saturating_add(2)) {
            Some(b"--") => {
                let end = pos.saturating_add(2);
                let tail = body.get(end..).unwrap_or_default();
                if tail.is_empty() || tail == b"\r\n" {
                    return Ok(wanted);
                }
                return Err(at("has bytes after its close delimiter", end));
            }
            Some(b"\r\n") => pos = pos.saturating_add(2),
            _ => return Err(at("has a delimiter not followed by CRLF or --", pos)),
        }
        if names.len() >= MAX_PARTS {
            return Err(format!(
                "the multipart body has more than {MAX_PARTS} parts"
            ));
        }
        let headers_end = find(body, b"\r\n\r\n", pos)
            .filter(|e| e.saturating_sub(pos) <= MAX_PART_HEADER_BYTES)
            .ok_or_else(|| at("has a part whose headers do not end in time", pos))?;
        // The header block with its last line's CRLF.
        let headers = body
            .get(pos..headers_end.saturating_add(2))
            .unwrap_or_default();
        let part_name = disposition_name(headers).map_err(|why| at(why, pos))?;
        let content_start = headers_end.saturating_add(4);
        let content_end = find(body, &delim, content_start)
            .ok_or_else(|| at("has a part with no delimiter after it", content_start))?;
        if names.contains(&part_name) {
            return Err(at("names a field twice", pos));
        }
        names.push(part_name);
        if part_name == name {
            wanted = body.get(content_start..content_end);
        }
        pos = content_end.saturating_add(delim.len());
    }
}

/// The `name` of a part's one `Content-Disposition` header, which must read exactly
/// `form-data; name="…"` (case-insensitive names; a quoted name without `"` or `\\`; nothing
/// after it: a file part's `filename` is refused). Every header line ends in CRLF and holds no
/// other control character.
fn disposition_name(headers: &[u8]) -> Result<&[u8], &'static str> {
    const CD: &[u8] = b"content-disposition:";
    const FD: &[u8] = b"form-data;";
    let mut found = None;
    let lines = headers
        .strip_suffix(b"\n")
        .ok_or("has a part header not ending in CRLF")?;
    for line in lines.split(|c| *c == b'\n') {
        let line = line
            .strip_suffix(b"\r")
            .filter(|l| !l.iter().any(|c| (*c < 0x20 && *c != b'\t') || *c == 0x7f))
            .ok_or("has a part header line with a bare LF or a control character")?;
        let Some((name, value)) = line.split_at_checked(CD.len()) else {
            continue;
        };
        if !name.eq_ignore_ascii_case(CD) {
            continue;
        }
        let bad = "has a part whose Content-Disposition is not form-data; name=\"…\"";
        let value = trim(value);
        let (fd, rest) = value.split_at_checked(FD.len()).ok_or(bad)?;
        let rest = trim(rest);
        let quoted = rest
            .get(..6)
            .filter(|k| k.eq_ignore_ascii_case(b"name=\""))
            .and_then(|_| rest.get(6..))
            .and_then(|r| r.strip_suffix(b"\""))
            .filter(|r| !r.contains(&b'"') && !r.contains(&b'\\'));
        match (fd.eq_ignore_ascii_case(FD), quoted, found) {
            (true, Some(q), None) => found = Some(q),
            (_, _, Some(_)) => return Err("has a part with two Content-Disposition headers"),
            _ => return Err(bad),
        }
    }
    found.ok_or("has a part without a Content-Disposition header")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[(&str, &str)], b: &str) -> Vec<u8> {
        let mut out = String::new();
        for (name, value) in parts {
            out.push_str(&format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        out.push_str(&format!("--{b}--\r\n"));
        out.into_bytes()
    }

    #[test]
    fn reads_one_field_strictly() {
        let b = body(&[("json", r#"{"a":1}"#), ("other", "x")], "XyZ");
        assert_eq!(field(&b, b"XyZ", b"json"), Ok(Some(&br#"{"a":1}"#[..])));
        assert_eq!(field(&b, b"XyZ", b"missing"), Ok(None));
        let twice = body(&[("json", "1"), ("json", "2")], "XyZ");
        assert!(field(&twice, b"XyZ", b"json").is_err());
        assert!(field(&b, b"other-boundary", b"json").is_err());
        let mut trailing = b.clone();
        trailing.extend_from_slice(b"junk");
        assert!(field(&trailing, b"XyZ", b"json").is_err());
        let lf = String::from_utf8(b.clone())
            .unwrap_or_default()
            .replace("\r\n", "\n");
        assert!(field(lf.as_bytes(), b"XyZ", b"json").is_err());
        let many: Vec<(String, &str)> = (0..=MAX_PARTS).map(|i| (format!("f{i}"), "v")).collect();
        let many: Vec<(&str, &str)> = many.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        assert!(field(&body(&many, "XyZ"), b"XyZ", b"json").is_err());
        let file = b"--B\r\nContent-Disposition: form-data; name=\"json\"; filename=\"a\"\r\n\r\nx\r\n--B--";
        assert!(
            field(file, b"B", b"json").is_err(),
            "a file part is refused"
        );
        let lower = b"--B\r\ncontent-type: text/plain\r\ncontent-disposition: FORM-DATA; NAME=\"json\"\r\n\r\nx\r\n--B--";
        assert_eq!(field(lower, b"B", b"json"), Ok(Some(&b"x"[..])));
        let none = b"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--";
        assert!(
            field(none, b"B", b"json").is_err(),
            "a part must name itself"
        );
        // Truncations never panic and never succeed with a different value.
        for n in 0..b.len() {
            let _ = field(b.get(..n).unwrap_or_default(), b"XyZ", b"json");
        }
    }

    #[test]
    fn boundaries_parse_from_the_content_type() {
        assert_eq!(
            boundary(b"multipart/form-data; boundary=abc123"),
            Some(&b"abc123"[..])
        );
        assert_eq!(
            boundary(b"Multipart/Form-Data;boundary=\"a b\""),
            Some(&b"a b"[..])
        );
        assert_eq!(boundary(b"application/json"), None);
        assert_eq!(boundary(b"multipart/form-data"), None);
        assert_eq!(boundary(b"multipart/form-data; boundary="), None);
        assert_eq!(
            boundary(b"multipart/form-data; boundary=a; boundary=b"),
            None
        );
        assert_eq!(
            boundary(b"multipart/form-data; charset=utf-8; boundary=b"),
            None
        );
        let long = format!("multipart/form-data; boundary={}", "a".repeat(71));
        assert_eq!(boundary(long.as_bytes()), None);
    }
}
