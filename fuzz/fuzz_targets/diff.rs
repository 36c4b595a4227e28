//! Two inputs split at the first NUL byte: compared as charters when both are valid, and always as text,
//! in the format the first byte picks (one format per run keeps the executions fast); two valid charters
//! are also written as a Word redline on one run in four.
#![no_main]

use charter::pipeline::check;
use charter::diff::{self, Format, Options, Side};
use charter::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, data)) = data.split_first() else { return };
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (a, b) = (&data[..split], data.get(split + 1..).unwrap_or(&[]));
    let (sa, sb) = (Source::new("a.toml", a.to_vec()), Source::new("b.toml", b.to_vec()));
    let text = |s: &Source| Side::of_markdown("x", &s.text);
    let format = [Format::Text, Format::Md, Format::Html, Format::Json][usize::from(selector % 4)];
    // The bit above the format's asks for the changed-only redline.
    let changed_only = selector & 4 != 0;
    let options = Options { format, rendered: true, color: false, mark_renumbered: false, changed_only };
    let same = diff::diff(&text(&sa), &text(&sa), options);
    assert!(!same.different, "a text differs from itself");
    let _ = diff::diff(&text(&sa), &text(&sb), options);
    if let (Some(va), Some(vb)) = (check(&sa).0, check(&sb).0) {
        let side = |name, s: &Source, v| Side::laid_out(name, v, &s.bytes);
        let (old, new) = (side("a", &sa, &va), side("b", &sb, &vb));
        let options = Options { format: Format::Json, rendered: false, color: false, mark_renumbered: false, changed_only: false };
        assert!(!diff::diff(&old, &old, options).different, "a charter differs from itself");
        let _ = diff::diff(&old, &new, options);
        // The Word redline of the same pair, on one run in four.
        if selector % 4 == 0 {
            let revision = charter::render::docx::inline::Revision {
                author: "charter".to_owned(),
                date: "2026-01-01T00:00:00Z".to_owned(),
            };
            let redline = diff::docx(&old, &new, true, &revision).expect("a redline of valid charters");
            assert!(redline.docx.starts_with(b"PK"), "a DOCX is a zip file");
        }
    }
});
