//! A hint must lead out of a finding, not into another: for each typical mistake, the example the hint
//! gives, written in place of the mistake, makes the charter valid again. A date in words once led to
//! "text needs quotes", and a date in quotes to "write a TOML datetime", round and round.

use charter::diagnostic::{Diagnostic, format_short};
use charter::pipeline::check;
use charter::source::Source;

/// A valid charter with a date, periods, text, a list, a partner and joint shares.
const BASE: &str = include_str!("fixtures/valid/ip-shares-not-100.toml");

/// A valid charter with every section: bodies with seats, a conflict threshold, metrics.
const COMPLETE: &str = include_str!("fixtures/valid/complete.toml");

/// Mistakes in [`COMPLETE`], as in [`MISTAKES`].
const MORE_MISTAKES: &[(&str, &str, &str, &str)] = &[
    ("seats in quotes", "seats = 2 }", "seats = \"2\" }", "E0103"),
    (
        "an amount with a currency and a thousands separator",
        "threshold_usd = 5000",
        "threshold_usd = \"$5,000\"",
        "E0103",
    ),
    (
        "an amount with a thousands separator",
        "threshold_usd = 5000",
        "threshold_usd = 5,000",
        "E0101",
    ),
    (
        "a number with a percent sign",
        "at_least = 99.5,",
        "at_least = \"99.5%\",",
        "E0103",
    ),
    (
        "a term without quotes",
        "member_term = \"2 years\"",
        "member_term = 2 years",
        "E0101",
    ),
    (
        "yes for true",
        "casting_vote = true",
        "casting_vote = yes",
        "E0101",
    ),
    (
        "True with a capital",
        "multi_site_first = true",
        "multi_site_first = True",
        "E0101",
    ),
];

/// Every mistake, with the charter it is made in.
fn cases() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    let of = |base: &'static str, mistakes: &'static [(&str, &str, &str, &str)]| {
        mistakes
            .iter()
            .map(move |(what, right, wrong, code)| (base, *what, *right, *wrong, *code))
    };
    of(BASE, MISTAKES)
        .chain(of(COMPLETE, MORE_MISTAKES))
        .collect()
}

/// Typical mistakes: what, the right text in the base charter, the mistake written instead, and the code
/// of the finding it gives.
const MISTAKES: &[(&str, &str, &str, &str)] = &[
    (
        "a date in words",
        "effective_date = 2026-01-01",
        "effective_date = January 1, 2026",
        "E0101",
    ),
    (
        "a date in words, day first",
        "effective_date = 2026-01-01",
        "effective_date = 1 January 2026",
        "E0101",
    ),
    (
        "a date in quotes",
        "effective_date = 2026-01-01",
        "effective_date = \"2026-01-01\"",
        "E0103",
    ),
    (
        "a date in words in quotes",
        "effective_date = 2026-01-01",
        "effective_date = \"January 1st, 2026\"",
        "E0103",
    ),
    (
        "a date with a time",
        "effective_date = 2026-01-01",
        "effective_date = 2026-01-01T09:00:00",
        "E0105",
    ),
    (
        "a date in curly quotes",
        "effective_date = 2026-01-01",
        "effective_date = \u{201C}2026-01-01\u{201D}",
        "E0101",
    ),
    (
        "a share with a percent sign",
        "percent = 60",
        "percent = \"60%\"",
        "E0103",
    ),
    (
        "a share in quotes",
        "percent = 40",
        "percent = \"40\"",
        "E0103",
    ),
    (
        "a period without quotes",
        "withdrawal_notice = \"30 days\"",
        "withdrawal_notice = 30 days",
        "E0101",
    ),
    (
        "a period as a bare number",
        "withdrawal_notice = \"30 days\"",
        "withdrawal_notice = 30",
        "E0105",
    ),
    (
        "a period in words",
        "withdrawal_notice = \"30 days\"",
        "withdrawal_notice = \"thirty days\"",
        "E0105",
    ),
    (
        "text in curly quotes",
        "title = \"Lakeside Sepsis Audit Partnership\"",
        "title = \u{201C}Lakeside Sepsis Audit Partnership\u{201D}",
        "E0101",
    ),
    (
        "text in curly single quotes",
        "title = \"Lakeside Sepsis Audit Partnership\"",
        "title = \u{2018}Lakeside Sepsis Audit Partnership\u{2019}",
        "E0101",
    ),
    (
        "curly quotes in a list",
        "goals = [\"Compare time to antibiotics at both hospitals\"]",
        "goals = [\u{201C}Compare time to antibiotics at both hospitals\u{201D}]",
        "E0101",
    ),
    (
        "text without quotes",
        "title = \"Lakeside Sepsis Audit Partnership\"",
        "title = Lakeside Sepsis Audit Partnership",
        "E0101",
    ),
    (
        "a misspelt key",
        "title = \"Lakeside Sepsis Audit Partnership\"",
        "titel = \"Lakeside Sepsis Audit Partnership\"",
        "E0102",
    ),
    (
        "a list written as text",
        "goals = [\"Compare time to antibiotics at both hospitals\"]",
        "goals = \"Compare time to antibiotics at both hospitals\"",
        "E0103",
    ),
    (
        "the schema version in quotes",
        "schema_version = 2",
        "schema_version = \"2\"",
        "E0103",
    ),
    (
        "true or false in quotes",
        "roles = [\"lead\"]",
        "roles = [\"lead\"]\nvoting = \"yes\"",
        "E0103",
    ),
    (
        "a word not in the list",
        "renewal = \"none\"",
        "renewal = \"nothing\"",
        "E0105",
    ),
    (
        "a version as a number",
        "version = \"1.0\"",
        "version = 1.0",
        "E0103",
    ),
];

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    check(&Source::new("t.toml", text.as_bytes().to_vec())).1
}

/// The pieces of a hint between backticks.
fn ticked(hint: &str) -> Vec<&str> {
    hint.split('`').skip(1).step_by(2).collect()
}

/// The charter with the hint of `d` followed: its example `key = value` written in place of the value
/// (the whole value of the line, for a line TOML cannot read), or its suggested key in place of the key,
/// or its first example in quotes in place of the value.
fn follow(text: &str, d: &Diagnostic) -> String {
    let hint = d.hint.as_deref().unwrap_or_default();
    let line_start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[d.span.start..]
        .find('\n')
        .map_or(text.len(), |i| d.span.start + i);
    let example = ticked(hint)
        .into_iter()
        .rev()
        .find_map(|t| t.split_once(" = ").map(|(_, v)| v.to_owned()));
    if let Some(value) = example {
        if d.rule.code == "E0101" {
            let line = &text[line_start..line_end];
            let eq = line.find('=').expect("a key = value line");
            return format!(
                "{}{} {value}{}",
                &text[..line_start],
                &line[..=eq],
                &text[line_end..]
            );
        }
        return format!("{}{value}{}", &text[..d.span.start], &text[d.span.end..]);
    }
    if let Some(key) = hint
        .strip_prefix("did you mean `")
        .and_then(|r| r.split('`').next())
    {
        return format!("{}{key}{}", &text[..d.span.start], &text[d.span.end..]);
    }
    let quoted = hint
        .split('"')
        .nth(1)
        .unwrap_or_else(|| panic!("no example in the hint {hint:?}"));
    format!(
        "{}\"{quoted}\"{}",
        &text[..d.span.start],
        &text[d.span.end..]
    )
}

#[test]
fn the_base_charters_are_valid() {
    for base in [BASE, COMPLETE] {
        let found = diagnostics(base);
        assert!(found.is_empty(), "{found:#?}");
    }
}

#[test]
fn following_the_hint_of_a_typical_mistake_makes_the_charter_valid() {
    for (base, what, right, wrong, code) in cases() {
        assert!(base.contains(right), "{what}: the base lacks {right:?}");
        let text = base.replacen(right, wrong, 1);
        let source = Source::new("t.toml", text.as_bytes().to_vec());
        let found = diagnostics(&text);
        let shown = format_short(&source, &found);
        assert!(
            !found.is_empty() && found.iter().all(|d| d.rule.code == code),
            "{what}: expected only {code}:\n{shown}"
        );
        // Each finding's hint in turn, as someone fixing the file would: every one leads out.
        let mut fixed = text.clone();
        let mut steps = Vec::new();
        for _ in 0..3 {
            let found = diagnostics(&fixed);
            let Some(first) = found.first() else { break };
            steps.push(format!(
                "{} {}: {}",
                first.rule.code,
                first.message,
                first.hint.as_deref().unwrap_or("(no hint)")
            ));
            fixed = follow(&fixed, first);
        }
        let left = diagnostics(&fixed);
        let source = Source::new("t.toml", fixed.as_bytes().to_vec());
        assert!(
            left.is_empty(),
            "{what}: following the hints\n  {}\nleaves:\n{}",
            steps.join("\n  "),
            format_short(&source, &left)
        );
        assert_eq!(
            steps.len(),
            1,
            "{what}: one hint should have been enough:\n  {}",
            steps.join("\n  ")
        );
    }
}

#[test]
fn a_hint_keeps_the_term_the_organiser_wrote() {
    for (base, what, right, wrong, _) in cases() {
        let text = base.replacen(right, wrong, 1);
        let found = diagnostics(&text);
        let fixed = follow(&text, &found[0]);
        // The dates, shares, periods and words written are kept, not replaced by another example.
        match what {
            "a period in words" | "a word not in the list" => {}
            "true or false in quotes" => assert_eq!(
                fixed,
                base.replacen(right, "roles = [\"lead\"]\nvoting = true", 1),
                "{what}"
            ),
            _ => assert_eq!(fixed, base, "{what}"),
        }
    }
}

#[test]
fn the_findings_of_typical_mistakes_are_pinned() {
    let mut out = String::new();
    for (base, what, right, wrong, _) in cases() {
        let text = base.replacen(right, wrong, 1);
        let source = Source::new("t.toml", text.as_bytes().to_vec());
        out.push_str(&format!(
            "{what}: {wrong}\n{}\n",
            format_short(&source, &diagnostics(&text))
        ));
    }
    insta::assert_snapshot!("typical-mistakes", out);
}
