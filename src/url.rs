//! The request URL as URL-signing providers sign it (Twilio, Square, HubSpot, PandaDoc): plain
//! byte operations on the URL string the caller gives (the call option `url`), never a
//! normalising parser, since the provider signs the exact text it called. Byte searches only
//! (`str::find` with a string pattern pulls the two-way searcher and its panic formatting into
//! the .wasm).

/// Where `://` starts.
fn scheme_end(url: &str) -> Option<usize> {
    url.as_bytes().windows(3).position(|w| w == b"://")
}

/// The first index of any of `bytes` in `s`, else `s.len()`.
fn first_of(s: &str, bytes: &[u8]) -> usize {
    s.bytes()
        .position(|c| bytes.contains(&c))
        .unwrap_or(s.len())
}

/// The last index of `byte` in `s`.
fn last(s: &str, byte: u8) -> Option<usize> {
    s.bytes().rposition(|c| c == byte)
}

/// Why a call option `url` or `method` is unusable (never quoting it: a URL can hold
/// credentials). `None` when usable.
pub(crate) fn url_problem(url: &str) -> Option<&'static str> {
    let Some(sep) = scheme_end(url) else {
        return Some("is not an absolute URL (scheme://host/path)");
    };
    let scheme = url.get(..sep).unwrap_or_default();
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
    {
        return Some("has no valid scheme before ://");
    }
    if url.bytes().any(|c| c <= b' ' || c == 0x7f) {
        return Some("contains a space or a control character");
    }
    if authority(url).is_none_or(str::is_empty) {
        return Some("has no host after ://");
    }
    None
}

/// Why a method is unusable: it must be an HTTP token (RFC 9110), e.g. `POST`.
pub(crate) fn method_problem(method: &str) -> Option<&'static str> {
    let token = !method.is_empty()
        && method
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c));
    (!token).then_some("is not an HTTP method token (such as POST)")
}

/// The authority (`user@host:port`) of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    let start = scheme_end(url)?.checked_add(3)?;
    let rest = url.get(start..)?;
    rest.get(..first_of(rest, b"/?#"))
}

/// The URL's query string (after the first `?`, before any `#`).
fn query(url: &str) -> &str {
    let q = first_of(url, b"?");
    let rest = url.get(q.saturating_add(1)..).unwrap_or_default();
    rest.get(..first_of(rest, b"#")).unwrap_or_default()
}

/// What a query parameter lookup found (raw value, not percent-decoded).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Param<'u> {
    Absent,
    One(&'u str),
    Repeated,
}

/// The query parameter `name` (compared exactly, undecoded).
pub(crate) fn query_param<'u>(url: &'u str, name: &str) -> Param<'u> {
    let mut found = Param::Absent;
    for pair in query(url).split('&') {
        let eq = first_of(pair, b"=");
        let k = pair.get(..eq).unwrap_or_default();
        let v = pair.get(eq.saturating_add(1)..).unwrap_or_default();
        if k == name {
            if found != Param::Absent {
                return Param::Repeated;
            }
            found = Param::One(v);
        }
    }
    found
}

/// Twilio's other form of the URL (twilio-python `request_validator.py`): with a port in the
/// authority, the URL without it; without one, the URL with the scheme's default port added
/// (`:443` for https, `:80` otherwise). `None` when the authority cannot be told apart.
pub(crate) fn twilio_other_port_form(url: &str) -> Option<String> {
    let start = scheme_end(url)?.checked_add(3)?;
    let auth = authority(url)?;
    let end = start.checked_add(auth.len())?;
    let (head, tail) = (url.get(..start)?, url.get(end..)?);
    // The port is after the last ':' past any userinfo and IPv6 literal.
    let host_start = last(auth, b'@').map_or(0, |i| i.saturating_add(1));
    let host = auth.get(host_start..)?;
    let after_bracket = last(host, b']').map_or(0, |i| i.saturating_add(1));
    let port_colon =
        last(host.get(after_bracket..)?, b':').map(|i| i.saturating_add(after_bracket));
    match port_colon {
        Some(c) => {
            let port = host.get(c.saturating_add(1)..)?;
            if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let cut = host_start.checked_add(c)?;
            Some(format!("{head}{}{tail}", auth.get(..cut)?))
        }
        None => {
            let scheme = url.get(..start.checked_sub(3)?)?;
            let port = if scheme.eq_ignore_ascii_case("https") {
                443
            } else {
                80
            };
            Some(format!("{head}{auth}:{port}{tail}"))
        }
    }
}

/// HubSpot's v3 request URI: the URL with these percent-escapes decoded (hex of either case),
/// every other byte as it is: `%3A :`, `%2F /`, `%3F ?`, `%40 @`, `%21 !`, `%24 $`, `%27 '`,
/// `%28 (`, `%29 )`, `%2A *`, `%2C ,`, `%3B ;`.
pub(crate) fn hubspot_decoded(url: &str) -> String {
    const DECODED: &[u8] = b":/?@!$'()*,;";
    let b = url.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%'
            && let (Some(h), Some(l)) = (b.get(i + 1), b.get(i + 2))
            && let Some(v) = hex_pair(*h, *l)
            && DECODED.contains(&v)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| url.to_owned())
}

fn hex_pair(h: u8, l: u8) -> Option<u8> {
    let d = |c: u8| (c as char).to_digit(16).and_then(|v| u8::try_from(v).ok());
    d(h)?.checked_mul(16)?.checked_add(d(l)?)
}

/// `application/x-www-form-urlencoded` for one name or value: unreserved bytes as they are,
/// space as `+`, every other byte `%XX` (what the signer writes; form.rs reads it back).
pub(crate) fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twilio_port_forms_follow_the_sdk() {
        let f = |u| twilio_other_port_form(u);
        assert_eq!(
            f("https://mycompany.com/myapp.php?foo=1&bar=2").as_deref(),
            Some("https://mycompany.com:443/myapp.php?foo=1&bar=2")
        );
        assert_eq!(
            f("http://mycompany.com/myapp.php").as_deref(),
            Some("http://mycompany.com:80/myapp.php")
        );
        assert_eq!(
            f("https://mycompany.com:1234/myapp.php?x=a:b").as_deref(),
            Some("https://mycompany.com/myapp.php?x=a:b")
        );
        assert_eq!(
            f("https://[::1]:8443/x").as_deref(),
            Some("https://[::1]/x")
        );
        assert_eq!(f("https://[::1]/x").as_deref(), Some("https://[::1]:443/x"));
        assert_eq!(f("https://host:/x"), None);
    }

    #[test]
    fn queries_and_decoding() {
        let u = "https://h/p?signature=abc&x=1&x=2#frag";
        assert_eq!(query_param(u, "signature"), Param::One("abc"));
        assert_eq!(query_param(u, "x"), Param::Repeated);
        assert_eq!(query_param(u, "frag"), Param::Absent);
        assert_eq!(
            hubspot_decoded("https://h/a%3Ab%2fc?q=%40%20%zz%2"),
            "https://h/a:b/c?q=@%20%zz%2"
        );
        assert_eq!(url_problem("https://h/p"), None);
        assert!(url_problem("/p").is_some());
        assert!(url_problem("https:///p").is_some());
        assert!(url_problem("https://h/a b").is_some());
        assert_eq!(method_problem("POST"), None);
        assert!(method_problem("PO ST").is_some());
        assert!(method_problem("").is_some());
    }
}
