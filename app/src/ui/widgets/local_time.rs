//! The `datetime-local` and `date` inputs' text, in this device's time zone.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};

const LOCAL_MINUTE: &str = "%Y-%m-%dT%H:%M";

/// Now, as a `datetime-local` input's value.
pub fn now_local() -> String {
    Local::now().format(LOCAL_MINUTE).to_string()
}

/// A moment as a `datetime-local` input's value.
pub fn local_minute(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format(LOCAL_MINUTE).to_string()
}

/// A `datetime-local` input's value as a moment; `None` when empty or not a
/// time that exists here (a spring-forward gap resolves to its first valid
/// reading by the browser, so that is rare).
pub fn parse_local_minute(text: &str) -> Option<DateTime<Utc>> {
    let t = NaiveDateTime::parse_from_str(text, LOCAL_MINUTE).ok()?;
    Local
        .from_local_datetime(&t)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A `date` input's value.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The first moment of a local calendar day.
pub fn day_start(d: NaiveDate) -> Option<DateTime<Utc>> {
    Local
        .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The last local day a range ending (exclusively) at `ends` includes.
pub fn last_day(ends: DateTime<Utc>) -> NaiveDate {
    (ends - chrono::Duration::seconds(1))
        .with_timezone(&Local)
        .date_naive()
}
