//! A strict RFC 3339 date-time reader for signed event times (inSigner's `created_at`).
//!
//! Accepted, and nothing else: `YYYY-MM-DDTHH:MM:SS[.F]` then `Z` or `±HH:MM`, where
//! - `T` and `Z` are upper case (what JavaScript's `toISOString()` writes, and inSigner's
//!   envelopes show); the lower-case forms RFC 3339 also permits, a space instead of `T`, and
//!   every other ISO 8601 variant are refused rather than guessed at;
//! - the year is 0000-9999, the date a real one in the proleptic Gregorian calendar (leap
//!   years: divisible by 4, except centuries not divisible by 400);
//! - hours are 00-23, minutes and seconds 00-59: a leap second (`:60`) is refused, as
//!   JavaScript's `Date` never writes one;
//! - the fraction `.F` has 1 to 9 digits; it is checked and then dropped (the time is rounded
//!   down to the second, which can only make an event look older by less than a second);
//! - an offset has hours 00-23 and minutes 00-59 (`-00:00` is read as UTC).
//!
//! Every value is bounded before any arithmetic, so no input can overflow.

/// Why a date-time was refused (never quotes the input).
pub(crate) type TimeError = &'static str;

/// Unix seconds (rounded down) for a strict RFC 3339 date-time.
pub(crate) fn parse_rfc3339(s: &str) -> Result<i64, TimeError> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<i64> {
        let part = b.get(from..from.checked_add(n)?)?;
        part.iter().try_fold(0i64, |v, &c| {
            c.is_ascii_digit().then(|| v * 10 + i64::from(c - b'0'))
        })
    };
    let byte = |at: usize| b.get(at).copied();
    const SHAPE: &str =
        "is not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±HH:MM)";
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0, 4),
        digits(5, 2),
        digits(8, 2),
        digits(11, 2),
        digits(14, 2),
        digits(17, 2),
    ) else {
        return Err(SHAPE);
    };
    if byte(4) != Some(b'-')
        || byte(7) != Some(b'-')
        || byte(10) != Some(b'T')
        || byte(13) != Some(b':')
        || byte(16) != Some(b':')
    {
        return Err(SHAPE);
    }
    let mut i = 19;
    if byte(i) == Some(b'.') {
        i += 1;
        let start = i;
        while byte(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if i == start || i - start > 9 {
            return Err("has a fraction of seconds that is not 1 to 9 digits");
        }
    }
    let offset_minutes = match byte(i) {
        Some(b'Z') => {
            i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let (Some(oh), Some(om)) = (digits(i + 1, 2), digits(i + 4, 2)) else {
                return Err(SHAPE);
            };
            if byte(i + 3) != Some(b':') {
                return Err(SHAPE);
            }
            if oh > 23 || om > 59 {
                return Err("has a time zone offset out of range");
            }
            i += 6;
            let m = oh * 60 + om;
            if sign == b'-' { -m } else { m }
        }
        _ => return Err(SHAPE),
    };
    if i != b.len() {
        return Err(SHAPE);
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err("is not a real calendar date");
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err("is not a valid time of day (leap seconds are not accepted)");
    }
    // |result| < 400 years of seconds around year 0-9999: far inside i64.
    let days = days_since_epoch(year, month, day);
    Ok(days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 0000-01-01 to the first day of `year` (0 <= year <= 10000): 365 a year plus one
/// for each leap year before it (year 0 is one).
fn days_before_year(year: i64) -> i64 {
    if year == 0 {
        return 0;
    }
    let y = year - 1;
    365 * year + y / 4 - y / 100 + y / 400 + 1
}

/// Days from 1970-01-01 to a valid date (negative before it).
fn days_since_epoch(year: i64, month: i64, day: i64) -> i64 {
    let before_month: i64 = (1..month).map(|m| days_in_month(year, m)).sum();
    days_before_year(year) + before_month + day - 1 - days_before_year(1970)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_instants() {
        for (text, want) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2026-05-29T14:30:00.000Z", 1_780_065_000),
            ("2026-05-29T20:00:00+05:30", 1_780_065_000),
            ("2026-05-29T09:30:00-05:00", 1_780_065_000),
            ("2026-05-29T14:30:00-00:00", 1_780_065_000),
            ("2026-05-29T14:30:00.999999999Z", 1_780_065_000),
            ("2026-05-29T14:30:00.5+00:00", 1_780_065_000),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("1969-12-31T23:59:59Z", -1),
            ("0000-01-01T00:00:00Z", -62_167_219_200),
            ("0000-02-29T00:00:00Z", -62_167_219_200 + 59 * 86_400),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
            ("9999-12-31T23:59:59-23:59", 253_402_300_799 + 86_340),
        ] {
            assert_eq!(parse_rfc3339(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "2026-05-29T14:30:00",
            "2026-05-29T14:30:00.000",
            "2026-05-29t14:30:00Z",
            "2026-05-29T14:30:00z",
            "2026-05-29 14:30:00Z",
            "2026-02-30T14:30:00Z",
            "2026-02-29T14:30:00Z",
            "1900-02-29T14:30:00Z",
            "2026-04-31T00:00:00Z",
            "2026-00-10T00:00:00Z",
            "2026-13-10T00:00:00Z",
            "2026-05-00T00:00:00Z",
            "2026-05-29T24:00:00Z",
            "2026-05-29T23:60:00Z",
            "2026-05-29T23:59:60Z",
            "2026-05-29T14:30:00+25:00",
            "2026-05-29T14:30:00+05:60",
            "2026-05-29T14:30:00+0530",
            "2026-05-29T14:30:00+05",
            "2026-05-29T14:30:00Zjunk",
            "2026-05-29T14:30:00Z ",
            " 2026-05-29T14:30:00Z",
            "2026-05-29T14:30:00.Z",
            "2026-05-29T14:30:00.0123456789Z",
            "2026-05-29T14:30Z",
            "26-05-29T14:30:00Z",
            "+2026-05-29T14:30:00Z",
            "20260-05-29T14:30:00Z",
            "2026/05/29T14:30:00Z",
            "2026-5-29T14:30:00Z",
            "2026-05-29T14:30:00.000+05:30:00",
            "２０２６-05-29T14:30:00Z",
            "2026-05-29T14:30:00\u{0}Z",
            "1780065000",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Against the independent days-to-date algorithm the signer uses.
        #[test]
        fn agrees_with_the_signers_formatter(ts in -62_167_219_200i64..=253_402_300_799) {
            let text = crate::sign::iso8601(ts);
            prop_assert_eq!(parse_rfc3339(&text), Ok(ts), "{}", text);
        }

        #[test]
        fn arbitrary_text_never_panics(s in any::<String>(), t in "[0-9T:.Z+-]{0,40}") {
            let _ = parse_rfc3339(&s);
            let _ = parse_rfc3339(&t);
        }
    }
}
