//! The checklist as an iCalendar file (RFC 5545) for calendar applications: an all-day event for every item
//! due on a date, and a repeating all-day event for every item that recurs, bounded by the end of the term.
//! Items that hang on an event nobody can date (a breach, a meeting's minutes) are left out: a calendar has
//! nowhere to put them, and the Markdown, CSV and JSON exports list them.
//!
//! Every event's UID is made from the item's key and the charter's id, never from its position, so that
//! importing the calendar of an updated charter updates the events it already holds. The file has no clock
//! in it: DTSTAMP comes from `SOURCE_DATE_EPOCH` or, failing that, the effective date.

use std::fmt::Write as _;

use super::checklist::{Frequency, Group, Item, Timing};
use crate::model::{Charter, Date, PeriodUnit};
use crate::validate::{Valid, term_end};

/// The calendar, and how many items it could not hold.
#[derive(Debug)]
pub struct Calendar {
    /// The iCalendar text, with CRLF line ends and lines folded at 75 octets.
    pub text: String,
    /// Events written.
    pub events: usize,
    /// Items left out because they cannot be dated.
    pub undated: usize,
}

/// A moment in UTC for DTSTAMP: `YYYYMMDDTHHMMSSZ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp(String);

impl Stamp {
    /// The same moment in ISO 8601's extended form, `YYYY-MM-DDTHH:MM:SSZ`, as Word dates revisions.
    #[must_use]
    pub fn iso(&self) -> String {
        let s = &self.0;
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &s[0..4],
            &s[4..6],
            &s[6..8],
            &s[9..11],
            &s[11..13],
            &s[13..15]
        )
    }

    /// Midnight UTC at the start of `date`.
    #[must_use]
    pub fn of_date(date: Date) -> Stamp {
        Stamp(format!("{}T000000Z", basic(date)))
    }

    /// `seconds` since 1970-01-01T00:00:00Z, as `SOURCE_DATE_EPOCH` gives them; `None` if the text is not a
    /// whole number of seconds or falls outside the years 1970 to 9999.
    #[must_use]
    pub fn of_epoch(seconds: &str) -> Option<Stamp> {
        // The last second of 9999-12-31: iCalendar years have four digits.
        const LAST: i64 = 253_402_300_799;
        let seconds: i64 = seconds
            .trim()
            .parse()
            .ok()
            .filter(|s| (0..=LAST).contains(s))?;
        let epoch = Date {
            year: 1970,
            month: 1,
            day: 1,
        };
        let date = epoch.add_days(seconds / 86_400);
        let rest = seconds % 86_400;
        Some(Stamp(format!(
            "{}T{:02}{:02}{:02}Z",
            basic(date),
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )))
    }
}

/// Writes the calendar of a charter's checklist.
#[must_use]
pub fn calendar(charter: &Valid<Charter>, groups: &[Group], stamp: &Stamp) -> Calendar {
    let c: &Charter = charter;
    let until = term_end(c);
    let mut out = String::new();
    let mut line = |text: &str| fold(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//charter//charter {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let name = escape(&format!("{}: accountability checklist", c.charter.title));
    line(&format!("NAME:{name}"));
    line(&format!("X-WR-CALNAME:{name}"));
    let mut events = 0;
    let mut undated = 0;
    for group in groups {
        let owner = group.owner.plain();
        for item in &group.items {
            let Some(start) = item.timing.date() else {
                undated += 1;
                continue;
            };
            events += 1;
            event(&mut line, c, &owner, item, (start, until), stamp);
        }
    }
    line("END:VCALENDAR");
    Calendar {
        text: out,
        events,
        undated,
    }
}

/// One dated checklist item as a `VEVENT`, repeating until the end of the term (`span`: its first date and
/// the term's end) when it recurs.
fn event(
    line: &mut impl FnMut(&str),
    c: &Charter,
    owner: &str,
    item: &Item,
    (start, until): (Date, Option<Date>),
    stamp: &Stamp,
) {
    line("BEGIN:VEVENT");
    line(&format!("UID:{}.{}@charter", item.key, c.charter.id));
    line(&format!("DTSTAMP:{}", stamp.0));
    line(&format!("DTSTART;VALUE=DATE:{}", basic(start)));
    line(&format!("DTEND;VALUE=DATE:{}", basic(start.add_days(1))));
    if let Timing::Recurring { every, .. } = item.timing {
        // An end before the first occurrence (an obligation due after the term) leaves one event.
        match until {
            Some(end) if end < start => {}
            Some(end) => line(&format!(
                "RRULE:{};UNTIL={}",
                rule(every, start),
                basic(end)
            )),
            None => line(&format!("RRULE:{}", rule(every, start))),
        }
    }
    line(&format!(
        "SUMMARY:{}",
        escape(&format!("{owner}: {}", item.action.plain()))
    ));
    line(&format!(
        "DESCRIPTION:{}",
        escape(&description(c, owner, item))
    ));
    line(&format!("CATEGORIES:{}", escape(owner)));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
}

fn description(c: &Charter, owner: &str, item: &Item) -> String {
    format!(
        "Owner: {owner}\nWhen: {}\nEvidence: {}\nClause: §{} of \"{}\", version {} ({})",
        item.when.plain(),
        item.evidence.plain(),
        item.clause.number,
        c.charter.title,
        c.charter.version,
        item.clause.anchor
    )
}

/// The RRULE recurrence of a frequency from `start`; quarterly and semiannual are every 3 and 6 months.
///
/// A plain monthly rule from the 31st skips every shorter month (RFC 5545 drops invalid dates), so a
/// series that starts after the 28th asks for the start's day or, in a shorter month, its last day:
/// `BYMONTHDAY=28,29,30,31;BYSETPOS=-1` keeps the latest of those days the month has. A yearly series from
/// 29 February does the same in February.
fn rule(every: Frequency, start: Date) -> String {
    let base = match every {
        Frequency::Weekly => "FREQ=WEEKLY".to_owned(),
        Frequency::Monthly => "FREQ=MONTHLY".to_owned(),
        Frequency::Quarterly => "FREQ=MONTHLY;INTERVAL=3".to_owned(),
        Frequency::Semiannually => "FREQ=MONTHLY;INTERVAL=6".to_owned(),
        Frequency::Annually => "FREQ=YEARLY".to_owned(),
        Frequency::Every(p) => format!("FREQ={};INTERVAL={}", rrule_unit(p.unit), p.count),
    };
    let days = || {
        (28..=start.day)
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let unit = match every {
        Frequency::Every(p) => p.unit,
        Frequency::Weekly => PeriodUnit::Weeks,
        Frequency::Annually => PeriodUnit::Years,
        _ => PeriodUnit::Months,
    };
    match unit {
        PeriodUnit::Years if start.month == 2 && start.day == 29 => {
            format!("{base};BYMONTH=2;BYMONTHDAY={};BYSETPOS=-1", days())
        }
        PeriodUnit::Months if start.day > 28 => {
            format!("{base};BYMONTHDAY={};BYSETPOS=-1", days())
        }
        _ => base,
    }
}

/// The RRULE frequency that counts a calendar unit; [`Frequency::of_period`] gives no frequency in hours
/// or business days.
fn rrule_unit(unit: PeriodUnit) -> &'static str {
    match unit {
        PeriodUnit::Weeks => "WEEKLY",
        PeriodUnit::Months => "MONTHLY",
        PeriodUnit::Years => "YEARLY",
        PeriodUnit::Hours | PeriodUnit::BusinessDays | PeriodUnit::Days => "DAILY",
    }
}

/// A date in the basic format of iCalendar: `YYYYMMDD`.
fn basic(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks; other control
/// characters, which TEXT may not hold, become spaces.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded (RFC 5545, 3.1) so that no physical line is longer than 75 octets
/// before its CRLF, never splitting a UTF-8 character; each continuation starts with a space.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    let _ = out.write_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_rfc_5545_asks() {
        assert_eq!(
            escape("a\\b;c,d\ne\r\nf"),
            "a\\\\b\\;c\\,d\\ne\\nf".to_owned()
        );
        assert_eq!(escape("tab\there\u{7}"), "tab\there ");
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "é".repeat(100));
        fold(&mut out, &text);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{text}\r\n"));
        let mut short = String::new();
        fold(&mut short, &"x".repeat(75));
        assert_eq!(short, format!("{}\r\n", "x".repeat(75)), "75 octets fit");
    }

    #[test]
    fn series_from_late_in_a_month_keep_to_the_month_end() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(
            rule(Frequency::Quarterly, d(2026, 3, 1)),
            "FREQ=MONTHLY;INTERVAL=3"
        );
        assert_eq!(
            rule(Frequency::Quarterly, d(2026, 3, 31)),
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
        );
        assert_eq!(
            rule(Frequency::Monthly, d(2026, 1, 29)),
            "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1"
        );
        assert_eq!(rule(Frequency::Annually, d(2026, 3, 31)), "FREQ=YEARLY");
        assert_eq!(
            rule(Frequency::Annually, d(2028, 2, 29)),
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
        );
        assert_eq!(rule(Frequency::Weekly, d(2026, 3, 31)), "FREQ=WEEKLY");
        let every = |p: &str| Frequency::Every(p.parse().expect("a period"));
        assert_eq!(
            rule(every("2 years"), d(2026, 3, 31)),
            "FREQ=YEARLY;INTERVAL=2"
        );
        assert_eq!(
            rule(every("18 months"), d(2026, 1, 31)),
            "FREQ=MONTHLY;INTERVAL=18;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
        );
        assert_eq!(
            rule(every("90 days"), d(2026, 1, 31)),
            "FREQ=DAILY;INTERVAL=90"
        );
    }

    #[test]
    fn stamps_come_from_the_epoch_or_a_date() {
        assert_eq!(
            Stamp::of_epoch("0").map(|s| s.0),
            Some("19700101T000000Z".to_owned())
        );
        assert_eq!(
            Stamp::of_epoch("1772323199").map(|s| s.0),
            Some("20260228T235959Z".to_owned())
        );
        assert_eq!(Stamp::of_epoch("soon"), None);
        assert_eq!(Stamp::of_epoch("-5"), None);
        assert_eq!(
            Stamp::of_epoch("253402300799").map(|s| s.0),
            Some("99991231T235959Z".to_owned())
        );
        assert_eq!(Stamp::of_epoch("253402300800"), None);
        assert_eq!(
            Stamp::of_date(Date {
                year: 2026,
                month: 3,
                day: 1
            })
            .0,
            "20260301T000000Z"
        );
    }
}
