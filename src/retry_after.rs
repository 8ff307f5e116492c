//! `Retry-After`: delta-seconds or an HTTP date, as the wait it asks for.

/// `Retry-After` as a wait in milliseconds: delta-seconds (`120`), or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`, the IMF-fixdate form), counted from `now_ms`; a date in the
/// past is no wait. `None` for anything else, and the retry then uses its own backoff.
pub fn parse_retry_after_ms(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Ten digits or more is over 31 years: longer than any retry policy waits, which must
        // end the retrying, not be read as no wait at all.
        return Some(if value.len() <= 9 {
            value.parse::<u64>().map_or(u64::MAX, |s| s * 1000)
        } else {
            u64::MAX
        });
    }
    http_date_ms(value).map(|at| at.saturating_sub(now_ms))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as milliseconds since the Unix epoch.
fn http_date_ms(value: &str) -> Option<u64> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = value.split(' ');
    let weekday = parts.next()?.strip_suffix(',')?;
    let (day, month, year, time, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next().is_some() || zone != "GMT" || !DAYS.contains(&weekday) {
        return None;
    }
    let number = |text: &str, digits: usize| {
        (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<u64>().ok())
            .flatten()
    };
    let day = number(day, 2)?;
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let year = number(year, 4)?;
    let mut clock = time.split(':');
    let (hour, minute, second) = (
        number(clock.next()?, 2)?,
        number(clock.next()?, 2)?,
        number(clock.next()?, 2)?,
    );
    if clock.next().is_some()
        || year < 1970
        || day == 0
        || day > 31
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days from 1970-01-01 to the date (Howard Hinnant's days_from_civil, for years >= 1970).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = (era * 146_097 + day_of_era).checked_sub(719_468)?;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mon, 21 Sep 2026 14:13:20 GMT.
    const NOW_MS: u64 = 1_790_000_000_000;

    #[test]
    fn retry_after_seconds_and_dates() {
        let parse = |v: &str| parse_retry_after_ms(v, NOW_MS);
        assert_eq!(parse("2"), Some(2_000));
        assert_eq!(parse(" 0 "), Some(0));
        assert_eq!(parse("-1"), None);
        assert_eq!(parse("1.5"), None);
        // Valid delta-seconds however long: past any policy's cap, which ends the retrying.
        assert_eq!(parse("999999999"), Some(999_999_999_000));
        assert_eq!(parse("1000000000"), Some(u64::MAX));
        assert_eq!(parse(&"9".repeat(100_000)), Some(u64::MAX));
        // NOW_MS is Mon, 21 Sep 2026 14:13:20 GMT.
        assert_eq!(parse("Mon, 21 Sep 2026 14:13:23 GMT"), Some(3_000));
        assert_eq!(parse("Tue, 22 Sep 2026 14:13:20 GMT"), Some(86_400_000));
        assert_eq!(
            parse("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(0),
            "a past date: no wait"
        );
        assert_eq!(parse("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(
            http_date_ms("Tue, 29 Feb 2028 00:00:00 GMT"),
            Some(1_835_395_200_000)
        );
        for bad in [
            "Mon, 21 Sep 2026 12:26:43 UTC",
            "Monday, 21-Sep-26 12:26:43 GMT",
            "Mon Sep 21 12:26:43 2026",
            "Mon, 21 Sep 2026 24:00:00 GMT",
            "Mon, 21 Foo 2026 12:26:43 GMT",
            "Mon, 1 Sep 2026 12:26:43 GMT",
            "soon",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
