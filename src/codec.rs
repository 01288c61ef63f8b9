//! Hex and base64 for signature headers, and constant-time comparison.

use subtle::ConstantTimeEq;

/// Decodes hex (either case). `None` for an odd length or a non-hex character.
#[cfg(any(test, feature = "asymmetric", feature = "worker"))]
pub(crate) fn hex_decode(s: &[u8]) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    s.chunks_exact(2)
        .map(|pair| match pair {
            [hi, lo] => Some((hex_val(*hi)? << 4) | hex_val(*lo)?),
            _ => None,
        })
        .collect()
}

/// Decodes exactly 64 hex digits (either case) into 32 bytes, without allocating.
pub(crate) fn hex_decode_32(s: &[u8]) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *o = (hex_val(*hi)? << 4) | hex_val(*lo)?;
    }
    Some(out)
}

/// Decodes exactly `2 * out.len()` hex digits (either case) into `out`, without allocating.
pub(crate) fn hex_decode_to(s: &[u8], out: &mut [u8]) -> Option<()> {
    if s.len() != out.len().checked_mul(2)? {
        return None;
    }
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *o = (hex_val(*hi)? << 4) | hex_val(*lo)?;
    }
    Some(())
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Lower-case hex.
pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextet = |shift: u32| {
            char::from(
                B64.get(((n >> shift) & 63) as usize)
                    .copied()
                    .unwrap_or(b'A'),
            )
        };
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// Decodes standard base64. Padding is required (as every Standard Webhooks library writes it);
/// non-zero trailing bits are rejected so that one signature has exactly one spelling.
pub(crate) fn base64_decode(s: &[u8]) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let quads = s.len() / 4;
    for (i, quad) in s.chunks_exact(4).enumerate() {
        let last = i + 1 == quads;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n: u32 = 0;
        for (j, &c) in quad.iter().enumerate() {
            let v = if j >= 4 - pad { 0 } else { b64_val(c)? };
            n = (n << 6) | u32::from(v);
        }
        let bytes = n.to_be_bytes();
        match pad {
            0 => out.extend_from_slice(&bytes[1..4]),
            1 if n & 0xff == 0 => out.extend_from_slice(&bytes[1..3]),
            2 if n & 0xffff == 0 => out.push(bytes[1]),
            _ => return None,
        }
    }
    Some(out)
}

fn b64_val(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Constant-time equality of two byte strings. The length is not secret here (both sides are
/// digests of a fixed size); callers comparing secrets of varying length hash them first.
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// A value fit for an HTTP header, and one that gives the original back exactly: returned as is
/// when it is visible ASCII without `%` and without surrounding spaces; otherwise every byte
/// outside `!`..`~`, and every `%`, is percent-encoded (UTF-8). So `decodeURIComponent` of the
/// header is always the value, and two different values never share a header (a clean id such
/// as `caf%C3%A9%201` is written `caf%25C3%25A9%25201`, not confused with `café 1`). Ids and
/// events come from the signed body, where a newline or a non-Latin-1 character is legal JSON
/// but would make `Headers.set` throw and the delivery fail on every attempt.
#[cfg(any(test, feature = "worker"))]
pub(crate) fn header_safe(value: &str) -> std::borrow::Cow<'_, str> {
    let b = value.as_bytes();
    let clean = b.iter().all(|c| (0x20..0x7f).contains(c) && *c != b'%')
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ');
    if clean {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(b.len().saturating_mul(3));
    for &c in b {
        if (0x21..0x7f).contains(&c) && c != b'%' {
            out.push(char::from(c));
        } else {
            use std::fmt::Write as _;
            let _ = write!(out, "%{c:02X}");
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hex_known_values() {
        assert_eq!(hex_decode(b"00ffA0"), Some(vec![0, 255, 160]));
        assert_eq!(hex_decode(b"0"), None);
        assert_eq!(hex_decode(b"zz"), None);
        assert_eq!(hex_encode(&[0, 255, 160]), "00ffa0");
    }

    #[test]
    fn base64_known_values() {
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_decode(b"Zm8="), Some(b"fo".to_vec()));
        assert_eq!(base64_decode(b"Zg=="), Some(b"f".to_vec()));
        // Non-canonical trailing bits, misplaced padding, bad length, bad alphabet.
        assert_eq!(base64_decode(b"Zh=="), None);
        assert_eq!(base64_decode(b"Zg==Zg=="), None);
        assert_eq!(base64_decode(b"Zg="), None);
        assert_eq!(base64_decode(b"Zg-_"), None);
        assert_eq!(base64_decode(b"===="), None);
    }

    #[test]
    fn ct_eq_compares_content_and_length() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }

    #[test]
    fn header_safe_keeps_clean_values_and_encodes_the_rest() {
        assert_eq!(header_safe("dlv_01J x"), "dlv_01J x");
        assert_eq!(header_safe("100%"), "100%25");
        assert_eq!(header_safe("a\nb"), "a%0Ab");
        assert_eq!(header_safe(" lead"), "%20lead");
        assert_eq!(header_safe("caf\u{e9} 100%"), "caf%C3%A9%20100%25");
        assert_eq!(header_safe("\u{1F600}"), "%F0%9F%98%80");
    }

    #[test]
    fn header_safe_never_confuses_an_encoded_looking_id_with_the_id_it_spells() {
        // Regression (issue 17, finding 8): both were forwarded as `caf%C3%A9%201`.
        assert_eq!(header_safe("caf\u{e9} 1"), "caf%C3%A9%201");
        assert_eq!(header_safe("caf%C3%A9%201"), "caf%25C3%25A9%25201");
    }

    /// decodeURIComponent, for the round-trip property.
    fn percent_decode(s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            if c == b'%' {
                let hex = b.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                i += 3;
            } else {
                out.push(c);
                i += 1;
            }
        }
        String::from_utf8(out).ok()
    }

    proptest! {
        #[test]
        fn header_safe_round_trips_and_is_a_legal_header_value(s in any::<String>()) {
            let h = header_safe(&s);
            prop_assert_eq!(percent_decode(&h), Some(s.clone()));
            prop_assert!(h.bytes().all(|c| (0x20..0x7f).contains(&c)));
            prop_assert!(!h.starts_with(' ') && !h.ends_with(' '));
        }

        #[test]
        fn header_safe_is_injective(a in "[a%C3A9 \u{e9}0-9]{0,12}", b in "[a%C3A9 \u{e9}0-9]{0,12}") {
            prop_assume!(a != b);
            prop_assert_ne!(header_safe(&a), header_safe(&b));
        }

        #[test]
        fn hex_32_agrees_with_hex(s in "[0-9a-fA-Fg ]{60,68}") {
            let general = hex_decode(s.as_bytes()).filter(|v| v.len() == 32);
            prop_assert_eq!(hex_decode_32(s.as_bytes()).map(|a| a.to_vec()), general);
        }

        #[test]
        fn hex_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(hex_decode(hex_encode(&bytes).as_bytes()), Some(bytes.clone()));
            prop_assert_eq!(hex_decode(hex_encode(&bytes).to_uppercase().as_bytes()), Some(bytes));
        }

        #[test]
        fn base64_round_trips_and_matches_reference(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
            use base64::Engine as _;
            let ours = base64_encode(&bytes);
            prop_assert_eq!(&ours, &base64::engine::general_purpose::STANDARD.encode(&bytes));
            prop_assert_eq!(base64_decode(ours.as_bytes()), Some(bytes));
        }

        #[test]
        fn decoders_never_panic(s in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = hex_decode(&s);
            let _ = base64_decode(&s);
        }
    }
}
