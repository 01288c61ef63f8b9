//! Case-insensitive header lookup over whatever the caller holds.

/// What a header lookup found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// The header is absent.
    Absent,
    /// Exactly one value.
    One(&'a [u8]),
    /// The header appears more than once: ambiguous, so the verifier rejects it.
    Repeated,
}

/// A set of request headers. Names are matched ASCII-case-insensitively; values are raw bytes
/// (HTTP allows obs-text), trimmed of surrounding spaces and tabs by the verifier.
pub trait HeaderSource {
    /// Finds `name` (given in lower case).
    fn lookup(&self, name: &str) -> Lookup<'_>;
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderSource for [(K, V)] {
    fn lookup(&self, name: &str) -> Lookup<'_> {
        let mut found = Lookup::Absent;
        for (k, v) in self {
            if k.as_ref().eq_ignore_ascii_case(name) {
                if found != Lookup::Absent {
                    return Lookup::Repeated;
                }
                found = Lookup::One(v.as_ref());
            }
        }
        found
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderSource for Vec<(K, V)> {
    fn lookup(&self, name: &str) -> Lookup<'_> {
        self.as_slice().lookup(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> HeaderSource for [(K, V); N] {
    fn lookup(&self, name: &str) -> Lookup<'_> {
        self.as_slice().lookup(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderSource for std::collections::BTreeMap<K, V> {
    fn lookup(&self, name: &str) -> Lookup<'_> {
        let mut found = Lookup::Absent;
        for (k, v) in self {
            if k.as_ref().eq_ignore_ascii_case(name) {
                if found != Lookup::Absent {
                    return Lookup::Repeated;
                }
                found = Lookup::One(v.as_ref());
            }
        }
        found
    }
}

impl<T: HeaderSource + ?Sized> HeaderSource for &T {
    fn lookup(&self, name: &str) -> Lookup<'_> {
        (**self).lookup(name)
    }
}

/// Trims HTTP optional whitespace (spaces and tabs) from both ends.
pub(crate) fn trim_ows(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|&c| c != b' ' && c != b'\t')
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|&c| c != b' ' && c != b'\t')
        .map_or(start, |i| i + 1);
    v.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_and_flags_repeats() {
        let h = [("X-A", "1"), ("x-b", "2"), ("X-B", "3")];
        assert_eq!(h.lookup("x-a"), Lookup::One(b"1"));
        assert_eq!(h.lookup("x-b"), Lookup::Repeated);
        assert_eq!(h.lookup("x-c"), Lookup::Absent);
    }

    #[test]
    fn trims_only_ows() {
        assert_eq!(trim_ows(b"  a b\t"), b"a b");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b""), b"");
        assert_eq!(trim_ows(b"\na"), b"\na");
    }
}
