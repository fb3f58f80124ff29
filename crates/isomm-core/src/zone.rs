//! Time zones and deadlines. A workspace keeps an IANA time zone ([`Zone`], `Asia/Tokyo` unless an
//! owner chooses another); an assessment's deadline ([`Deadline`]) is a day in that zone, and times
//! people read (the audit log, "submitted at") are shown in it. No clock is read here: the caller
//! passes the time (seconds since the Unix epoch), and the zone data is compiled in (jiff's bundled
//! tz database), so nothing is read from the system either.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// The zone of a workspace that has not chosen one: isomm's users are Japanese first.
pub const DEFAULT_ZONE: &str = "Asia/Tokyo";

/// The longest zone name accepted (the longest IANA name is 32 characters).
const MAX_ZONE_CHARS: usize = 64;

/// An IANA time zone that isomm knows, by its name.
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name == other.name
    }
}

impl Default for Zone {
    fn default() -> Zone {
        Zone::parse(DEFAULT_ZONE).expect("the bundled tz database has Asia/Tokyo")
    }
}

impl Zone {
    /// A zone by its IANA name (`Asia/Tokyo`, `Europe/Berlin`, `UTC`); `None` for a name the tz
    /// database does not have. Surrounding spaces are ignored.
    pub fn parse(name: &str) -> Option<Zone> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_ZONE_CHARS {
            return None;
        }
        let tz = TimeZone::get(name).ok()?;
        let name = tz.iana_name().unwrap_or(name).to_string();
        Some(Zone { name, tz })
    }

    /// The zone of a stored name: the default zone when the name is not known (a database written
    /// by a later version, say), so a page always shows times.
    pub fn or_default(name: &str) -> Zone {
        Zone::parse(name).unwrap_or_default()
    }

    /// Its IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every zone name the tz database has, sorted (for a list to choose from).
    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.to_string())
            .filter(|n| n.contains('/') || n == "UTC")
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn at(&self, unix: i64) -> ZonedDateTime {
        Timestamp::from_second(unix)
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .to_zoned_datetime(self.tz.clone())
    }

    /// A time as people read it: `2026-12-06 23:05 JST` (the zone's abbreviation at that time).
    pub fn time(&self, unix: i64) -> String {
        self.at(unix).strftime("%Y-%m-%d %H:%M %Z").to_string()
    }

    /// A time for machines: `2026-12-06T23:05:00+09:00`.
    pub fn rfc3339(&self, unix: i64) -> String {
        self.at(unix).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    /// The day it is in this zone at `unix`, `YYYY-MM-DD`.
    pub fn today(&self, unix: i64) -> String {
        self.at(unix).date().to_string()
    }
}

/// The last day on which sheets are due, in the workspace's zone: it passes when the next day
/// begins there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline(Date);

impl Deadline {
    /// A deadline from `YYYY-MM-DD`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Deadline> {
        let s = s.trim();
        if !crate::answers::valid_date(s) {
            return None;
        }
        s.parse::<Date>().ok().map(Deadline)
    }

    /// `YYYY-MM-DD`.
    pub fn as_string(&self) -> String {
        self.0.to_string()
    }

    /// The first moment after the deadline in `zone`, seconds since the Unix epoch.
    fn end(&self, zone: &Zone) -> i64 {
        self.0
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned_datetime(zone.tz.clone()).ok())
            .map_or(i64::MAX, |z| z.timestamp().as_second())
    }

    /// Whether the deadline has passed at `unix` in `zone`.
    pub fn passed(&self, zone: &Zone, unix: i64) -> bool {
        unix >= self.end(zone)
    }

    /// Days from today (in `zone`, at `unix`) to the deadline: 0 on its day, negative after it.
    pub fn days_left(&self, zone: &Zone, unix: i64) -> i64 {
        let today = zone.at(unix).date();
        today
            .until(self.0)
            .map_or(0, |span| i64::from(span.get_days()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-06 15:00:00 UTC (Sunday), 2026-12-07 00:00 in Tokyo.
    const T: i64 = 1_796_569_200;

    #[test]
    fn zones_are_known_by_their_iana_names() {
        assert_eq!(Zone::default().name(), "Asia/Tokyo");
        assert_eq!(
            Zone::parse(" Europe/Berlin ").unwrap().name(),
            "Europe/Berlin"
        );
        for bad in ["", "Tokyo", "Asia/Tokio", "../etc/passwd", &"A".repeat(65)] {
            assert!(Zone::parse(bad).is_none(), "{bad:?}");
        }
        assert_eq!(Zone::or_default("Mars/Olympus").name(), "Asia/Tokyo");
        let names = Zone::names();
        assert!(names.iter().any(|n| n == "Asia/Tokyo") && names.iter().any(|n| n == "UTC"));
    }

    #[test]
    fn times_are_shown_in_the_zone_with_its_offset() {
        let tokyo = Zone::default();
        assert_eq!(tokyo.time(T), "2026-12-07 00:00 JST");
        assert_eq!(tokyo.rfc3339(T), "2026-12-07T00:00:00+09:00");
        assert_eq!(tokyo.today(T), "2026-12-07");
        let utc = Zone::parse("UTC").unwrap();
        assert_eq!(utc.rfc3339(T), "2026-12-06T15:00:00+00:00");
        assert_eq!(utc.today(T), "2026-12-06");
        // Summer time is the zone's at that moment.
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(
            berlin.rfc3339(T - 180 * 86_400),
            "2026-06-09T17:00:00+02:00"
        );
    }

    /// A deadline is a whole day in the workspace's zone.
    #[test]
    fn a_deadline_passes_when_its_next_day_begins_in_the_zone() {
        let tokyo = Zone::default();
        let utc = Zone::parse("UTC").unwrap();
        let d = Deadline::parse("2026-12-06").unwrap();
        assert_eq!(d.as_string(), "2026-12-06");
        // 00:00 of the 7th in Tokyo: passed there, not yet in UTC (15:00 of the 6th).
        assert!(d.passed(&tokyo, T));
        assert!(!d.passed(&tokyo, T - 1));
        assert!(!d.passed(&utc, T));
        assert!(d.passed(&utc, T + 9 * 3600));
        assert_eq!(d.days_left(&tokyo, T), -1);
        assert_eq!(d.days_left(&utc, T), 0);
        assert_eq!(
            Deadline::parse("2026-12-20").unwrap().days_left(&tokyo, T),
            13
        );
        for bad in ["", "2026-02-30", "2026/12/06", "tomorrow", "2026-12-6"] {
            assert!(Deadline::parse(bad).is_none(), "{bad:?}");
        }
    }
}
