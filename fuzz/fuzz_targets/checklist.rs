//! Any bytes as a charter: when valid, its checklist in every export (Markdown, CSV, JSON, iCalendar) never
//! panics, is the same bytes twice, holds no hidden character (but the tabs a calendar's text may keep),
//! starts no CSV cell with a formula trigger, and folds every calendar line at 75 octets.
#![no_main]

use charter::pipeline::check;
use charter::source::Source;
use charter::render::{self, ics, tracker};
use libfuzzer_sys::fuzz_target;

fn no_hidden(what: &str, text: &str, allowed: &[char]) {
    if let Some(c) = text.chars().find(|c| charter::hidden::class(*c).is_some() && !allowed.contains(c)) {
        panic!("{what} holds {c:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let source = Source::new("fuzz.toml", data.to_vec());
    let Some(valid) = check(&source).0 else { return };
    let groups = render::checklist(&valid);
    let md = render::checklist_markdown(&valid, &source).expect("the checklist renders");
    let csv = tracker::csv(&groups).expect("csv");
    let json = tracker::json(&valid, &groups, "f").expect("json");
    let stamp = ics::Stamp::of_date(render::checklist::start(&valid));
    let calendar = ics::calendar(&valid, &groups, &stamp).text;
    assert_eq!(md, render::checklist_markdown(&valid, &source).expect("again"));
    assert_eq!(csv, tracker::csv(&render::checklist(&valid)).expect("again"));
    no_hidden("md", &md, &['\n']);
    no_hidden("csv", &csv, &['\n', '\r']);
    no_hidden("json", &json, &['\n']);
    // RFC 5545 text may hold a horizontal tab (WSP), and the calendar keeps one as written (ics::escape).
    no_hidden("ics", &calendar, &['\n', '\r', '\t']);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON parses");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in &record.expect("the CSV parses") {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula cell {cell:?}");
        }
    }
    for line in calendar.split("\r\n") {
        assert!(line.len() <= 75, "calendar line of {} octets", line.len());
        assert!(!line.contains('\n'), "bare newline in the calendar");
    }
});
