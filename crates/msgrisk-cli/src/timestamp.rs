//! Message times as the command accepts them, to seconds.
//!
//! A conversation's `time` fields are read as:
//!
//! - a JSON number: seconds since the Unix epoch, fractions dropped; a
//!   number of 100 billion or more is read as milliseconds (what JavaScript's
//!   `Date.now()` gives);
//! - a string holding such a number, the same;
//! - an ISO 8601 date and time in the extended format: `2026-04-10`,
//!   `2026-04-10T17:56`, `2026-04-10T17:56:00Z`, `2026-04-10 17:56:00.250`,
//!   `2026-04-10T19:56:00+02:00` (also `+0200` and `+02`); without an offset
//!   the time is taken as UTC;
//! - a clock time `HH:MM` or `HH:MM:SS` (as in PAN 2012): seconds since
//!   midnight.
//!
//! Only differences between the times of one conversation matter, so the
//! forms must not be mixed within a conversation. What this module does not
//! do: week dates, ordinal dates, the basic format without separators, time
//! zones by name.

/// Milliseconds are assumed from this value on.
const MILLIS_FROM: f64 = 1e11;

/// Parses a time string; `None` for an empty one.
pub(crate) fn parse_str(s: &str) -> Result<Option<i64>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(x) = s.parse::<f64>() {
        return from_number(x).map(Some);
    }
    let bad = || format!("time {s:?} is not a number, an ISO 8601 date-time or HH:MM[:SS]");
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        let days = date(&s[..10]).ok_or_else(bad)?;
        let rest = &s[10..];
        if rest.is_empty() {
            return Ok(Some(days * 86_400));
        }
        let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        let zone_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
        let clock = clock(&rest[..zone_at]).ok_or_else(bad)?;
        let offset = zone(&rest[zone_at..]).ok_or_else(bad)?;
        return Ok(Some(days * 86_400 + clock - offset));
    }
    clock(s).map(Some).ok_or_else(bad)
}

/// Seconds from a number of seconds, or of milliseconds when it is that
/// large.
pub(crate) fn from_number(x: f64) -> Result<i64, String> {
    if !x.is_finite() || x.abs() >= 9e15 {
        return Err(format!("time {x} is out of range"));
    }
    let seconds = if x.abs() >= MILLIS_FROM { x / 1000.0 } else { x };
    Ok(seconds.floor() as i64)
}

/// `YYYY-MM-DD` to days since 1970-01-01.
fn date(s: &str) -> Option<i64> {
    let (y, rest) = s.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (digits(y)?, digits(m)?, digits(d)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d < 1 || d > days_in_month {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` to seconds since midnight.
fn clock(s: &str) -> Option<i64> {
    let mut parts = s.split(':');
    let h = parts.next()?;
    let m = parts.next()?;
    let sec = parts.next();
    if parts.next().is_some() || h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m) = (digits(h)?, digits(m)?);
    let sec = match sec {
        None => 0,
        Some(sec) => {
            let whole = match sec.split_once(['.', ',']) {
                Some((w, frac)) if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) => w,
                Some(_) => return None,
                None => sec,
            };
            if whole.len() != 2 {
                return None;
            }
            digits(whole)?
        }
    };
    (h <= 24 && m <= 59 && sec <= 60).then_some(h * 3600 + m * 60 + sec)
}

/// `Z`, `+HH:MM`, `+HHMM`, `+HH` (or `-`) to seconds east of UTC; empty is
/// UTC.
fn zone(s: &str) -> Option<i64> {
    if s.is_empty() || s == "Z" || s == "z" {
        return Some(0);
    }
    let sign = match s.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let s = &s[1..];
    let (h, m) = match s.len() {
        2 => (s, "00"),
        4 => (&s[..2], &s[2..]),
        5 if s.as_bytes()[2] == b':' => (&s[..2], &s[3..]),
        _ => return None,
    };
    let (h, m) = (digits(h)?, digits(m)?);
    (h <= 23 && m <= 59).then_some(sign * (h * 3600 + m * 60))
}

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_times() {
        assert_eq!(parse_str("1970-01-01T00:00:00Z"), Ok(Some(0)));
        assert_eq!(parse_str("2026-04-10T17:56:00Z"), Ok(Some(1_775_843_760)));
        assert_eq!(parse_str("2026-04-10 17:56:00"), Ok(Some(1_775_843_760)));
        assert_eq!(parse_str("2026-04-10T19:56:00+02:00"), Ok(Some(1_775_843_760)));
        assert_eq!(parse_str("2026-04-10T19:56+0200"), Ok(Some(1_775_843_760)));
        assert_eq!(parse_str("2026-04-10T16:56:00.999-01"), Ok(Some(1_775_843_760)));
        assert_eq!(parse_str("2026-04-10"), Ok(Some(1_775_779_200)));
        assert_eq!(parse_str("2024-02-29"), Ok(Some(1_709_164_800)));
        assert_eq!(parse_str("1969-12-31T23:59:59Z"), Ok(Some(-1)));
    }

    #[test]
    fn numbers_and_clock_times() {
        assert_eq!(parse_str("1775843760"), Ok(Some(1_775_843_760)));
        assert_eq!(parse_str("1775843760123"), Ok(Some(1_775_843_760)));
        assert_eq!(parse_str("12.9"), Ok(Some(12)));
        assert_eq!(from_number(1_775_843_760_500.0), Ok(1_775_843_760));
        assert_eq!(parse_str("03:20"), Ok(Some(12_000)));
        assert_eq!(parse_str("23:59:30"), Ok(Some(86_370)));
        assert_eq!(parse_str("  "), Ok(None));
    }

    #[test]
    fn malformed_times_are_refused() {
        for bad in [
            "yesterday",
            "2026-13-01",
            "2023-02-29",
            "2026-04-10T25:00",
            "2026-04-10X17:56",
            "2026-04-10T17:56+2:00",
            "3:20",
            "12:60",
            "2026-04-10T17:56:00.",
            "NaN",
            "inf",
        ] {
            assert!(parse_str(bad).is_err(), "{bad}");
        }
    }
}
