//! What a key takes, in the organiser's words and with an example of a value it accepts, for the hint of
//! a value of the wrong type or a line TOML cannot read. The JSON Schema generated from the model says
//! what each key takes (its type, its range from the model's validators, its allowed words), so the
//! hint is right for each key: a date as `2026-03-01`, a share as `50`, a period as `"30 days"`. Where the
//! value written says what was meant (`"50%"`, `"1 March 2026"`, `"yes"`), the example is that value
//! written the way the key takes it, so that following the hint keeps the organiser's own term.

use std::ops::Range;

use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What a value was, as the organiser wrote it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Found<'a> {
    /// Text in quotes, without its quotes.
    Text(&'a str),
    /// A value TOML could not read, as written (`March 1, 2026`), without curly quotes around it.
    Bare(&'a str),
    /// A number, as written.
    Number(&'a str),
    /// `true` or `false`.
    Boolean(bool),
    /// A date or date-time, as written.
    Datetime(&'a str),
    /// A list or a table.
    Other,
}

/// What a key takes: in words, and as an example line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Takes {
    /// E.g. "a whole number from 1 to 100, without quotes".
    pub what: String,
    /// E.g. `percent = 50`.
    pub example: String,
}

/// A `key = value` line whose value TOML cannot read, where a syntax error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unreadable {
    /// The keys from the top of the charter to the key, from the table header above the line.
    pub path: Vec<String>,
    /// The key as written on the line.
    pub key: String,
    /// The value as written, without curly quotes around it.
    pub words: String,
    /// The curly quotes around the value, as written (`“…”`), if it is in curly quotes.
    pub curly: Option<String>,
    /// Whether `words` is the value itself, written with straight quotes in place of curly ones (for a
    /// list or table with curly quotes inside it).
    pub literal: bool,
}

/// The curly quotes a word processor puts in place of straight ones.
const CURLY: [char; 7] = [
    '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{201E}', '\u{00AB}', '\u{00BB}',
];

/// The `key = value` line the syntax error at `span` is on, when its value is words TOML cannot read
/// as a value (`March 1, 2026`, `30 days`, `“Lakeside”`) rather than a value broken off (`[` or `"`
/// left open, which the general hint is for).
pub(super) fn unreadable_value(text: &str, span: &Range<usize>) -> Option<Unreadable> {
    let start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty()
        || key.starts_with('[')
        || key.starts_with('#')
        || span.start < start + line.find('=')?
    {
        return None;
    }
    let value = value.trim().trim_end_matches('\r');
    let curly = value.starts_with(CURLY);
    let mut path = header_above(text, start);
    path.extend(
        key.split('.')
            .map(|k| k.trim().trim_matches('"').to_owned()),
    );
    // Curly quotes inside a list or table (`["research", “care”]`): the line as it reads with straight
    // quotes, when that is a value.
    if !curly && value.contains(CURLY) {
        let straight: String = value
            .chars()
            .map(|c| match c {
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
                '\u{2018}' | '\u{2019}' => '"',
                c => c,
            })
            .collect();
        let mut used: Vec<char> = value.chars().filter(|c| CURLY.contains(c)).collect();
        used.dedup();
        let open = *used.first()?;
        let close = used.get(1).map_or(String::new(), char::to_string);
        return toml::de::DeValue::parse(&straight)
            .is_ok()
            .then(|| Unreadable {
                path,
                key: key.to_owned(),
                words: straight,
                curly: Some(format!("{open}…{close}")),
                literal: true,
            });
    }
    if !curly && value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    // An unquoted value has no comment; a `#` in it is the start of one.
    let value = if curly {
        value
    } else {
        value.split_once(" #").map_or(value, |(v, _)| v).trim()
    };
    if value.is_empty() || toml::de::DeValue::parse(value).is_ok() {
        return None;
    }
    let (words, curly) = if curly {
        let open = value.chars().next()?;
        let close = value.chars().next_back().filter(|c| CURLY.contains(c));
        let inner =
            value[open.len_utf8()..value.len() - close.map_or(0, char::len_utf8)].to_owned();
        (
            inner,
            Some(format!(
                "{open}…{}",
                close.map_or(String::new(), String::from)
            )),
        )
    } else {
        (value.to_owned(), None)
    };
    Some(Unreadable {
        path,
        key: key.to_owned(),
        words,
        curly,
        literal: false,
    })
}

/// The keys of the table header (`[charter]`, `[[bodies]]`, `[bodies.meetings]`) last before `at`.
fn header_above(text: &str, at: usize) -> Vec<String> {
    for line in text[..at].lines().rev() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            let header = header.split(']').next().unwrap_or_default();
            return header
                .split('.')
                .map(|k| k.trim().trim_matches('"').to_owned())
                .collect();
        }
    }
    Vec::new()
}

/// The keys from the top of the charter to the value whose literal is at `span`, array entries skipped.
pub(super) fn path_at(tree: &Spanned<DeTable<'_>>, span: &Range<usize>) -> Option<Vec<String>> {
    fn walk(value: &Spanned<DeValue<'_>>, span: &Range<usize>, path: &mut Vec<String>) -> bool {
        if value.span() == *span {
            return true;
        }
        match value.get_ref() {
            DeValue::Table(t) => t.iter().any(|(k, v)| {
                path.push(k.get_ref().to_string());
                let found = walk(v, span, path);
                if !found {
                    path.pop();
                }
                found
            }),
            DeValue::Array(a) => a.iter().any(|v| walk(v, span, path)),
            _ => false,
        }
    }
    let mut path = Vec::new();
    tree.get_ref()
        .iter()
        .any(|(k, v)| {
            path.push(k.get_ref().to_string());
            let found = walk(v, span, &mut path);
            if !found {
                path.pop();
            }
            found
        })
        .then_some(path)
}

/// The value at `span` in the tree of `text`, as found.
pub(super) fn found_at<'t>(
    tree: &'t Spanned<DeTable<'_>>,
    text: &'t str,
    span: &Range<usize>,
) -> Found<'t> {
    fn walk<'t>(
        value: &'t Spanned<DeValue<'_>>,
        text: &'t str,
        span: &Range<usize>,
    ) -> Option<Found<'t>> {
        if value.span() == *span {
            return Some(match value.get_ref() {
                DeValue::String(s) => Found::Text(s.as_ref()),
                DeValue::Integer(i) => Found::Number(i.as_str()),
                DeValue::Float(f) => Found::Number(f.as_str()),
                DeValue::Boolean(b) => Found::Boolean(*b),
                DeValue::Datetime(_) => {
                    text.get(span.clone()).map_or(Found::Other, Found::Datetime)
                }
                DeValue::Array(_) | DeValue::Table(_) => Found::Other,
            });
        }
        match value.get_ref() {
            DeValue::Table(t) => t.iter().find_map(|(_, v)| walk(v, text, span)),
            DeValue::Array(a) => a.iter().find_map(|v| walk(v, text, span)),
            _ => None,
        }
    }
    tree.get_ref()
        .iter()
        .find_map(|(_, v)| walk(v, text, span))
        .unwrap_or(Found::Other)
}

/// The schema of the key at `path` (keys only; each list is entered at its items).
pub(super) fn schema_at(root: &Value, path: &[String]) -> Option<Value> {
    let mut schema = resolve(root, root);
    for key in path {
        if let Some(items) = schema.get("items") {
            schema = resolve(root, items);
        }
        schema = resolve(root, schema.get("properties")?.get(key)?);
    }
    if let Some(items) = schema.get("items")
        && path.is_empty()
    {
        schema = resolve(root, items);
    }
    Some(schema.clone())
}

/// A schema with its `$ref` followed, keeping the description of the reference itself.
fn resolve<'s>(root: &'s Value, mut schema: &'s Value) -> &'s Value {
    for _ in 0..8 {
        let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        else {
            break;
        };
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// What the key `key`, of schema `schema`, takes, with an example drawn from what was found where it
/// says what was meant. `None` for a schema this does not describe (a table, a choice of shapes).
pub(super) fn takes(key: &str, schema: &Value, found: Found<'_>) -> Option<Takes> {
    let (what, example) = value_takes(key, schema, found)?;
    Some(Takes {
        what,
        example: format!("{key} = {example}"),
    })
}

fn value_takes(key: &str, schema: &Value, found: Found<'_>) -> Option<(String, String)> {
    let kind = schema.get("type");
    let words = words_of(found);
    if schema.get("format").and_then(Value::as_str) == Some("date") {
        let date = words
            .and_then(date_in)
            .unwrap_or_else(|| "2026-03-01".to_owned());
        return Some(("a date as year-month-day, without quotes".to_owned(), date));
    }
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
        && pattern.contains("business")
        && kind.and_then(Value::as_str) == Some("string")
    {
        let period = words
            .and_then(period_in)
            .unwrap_or_else(|| "30 days".to_owned());
        let what = "a period in double quotes: a whole number and a unit (hours, days, business days, weeks, months or years)";
        return Some((what.to_owned(), format!("\"{period}\"")));
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        let allowed: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
        let example = words
            .and_then(|w| {
                crate::suggest::closest(w, &allowed)
                    .or_else(|| allowed.iter().copied().find(|a| *a == w))
            })
            .or_else(|| allowed.first().copied())?;
        let listed = allowed
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ");
        return Some((
            format!("one of the words {listed}, in double quotes"),
            format!("\"{example}\""),
        ));
    }
    match kind.and_then(Value::as_str)? {
        "integer" => {
            let min = schema
                .get("minimum")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MIN);
            let max = schema.get("maximum").and_then(Value::as_i64);
            let what = match (min, max) {
                // A file written for another schema version says so with its own number, which the
                // example keeps.
                (min, Some(max)) if key == "schema_version" && min == max => {
                    format!(
                        "the version as a whole number, without quotes (this build reads {min})"
                    )
                }
                (min, Some(max)) if min == max => format!("the whole number {min}, without quotes"),
                (min, Some(max)) => {
                    format!("a whole number from {min} to {max}, without quotes")
                }
                (i64::MIN, None) => "a whole number, without quotes".to_owned(),
                (min, None) => format!("a whole number of {min} or more, without quotes"),
            };
            // The number in what was written, without thousands separators, a currency or a percent
            // sign: `"60%"`, `"$5,000"`, `"USD 5000"`.
            let written = words.and_then(|w| {
                let digits: String = w
                    .chars()
                    .filter(|c| !matches!(c, ',' | '_' | ' '))
                    .collect();
                let digits = digits.trim_matches(|c: char| !c.is_ascii_digit() && c != '-');
                digits.parse::<i64>().ok()
            });
            let in_range = |n: i64| n >= min && max.is_none_or(|max| n <= max);
            // The schema version as written, even one this build does not read: E0107 or E0106 then
            // says what to do with it, rather than the file being relabelled without its migration.
            let example = match written {
                Some(n) if in_range(n) || key == "schema_version" => n,
                _ => match (schema.get("default").and_then(Value::as_i64), max) {
                    (Some(d), _) => d,
                    (None, Some(max)) => ((min.max(0) + max) / 2).max(min),
                    (None, None) => min.max(1),
                },
            };
            Some((what, example.to_string()))
        }
        "number" => {
            let written =
                words.and_then(|w| w.trim().trim_end_matches('%').trim().parse::<f64>().ok());
            let example = written.map_or_else(|| "1.5".to_owned(), |n| n.to_string());
            Some(("a number, without quotes".to_owned(), example))
        }
        "boolean" => {
            let example = match found {
                Found::Text(w) | Found::Bare(w) => {
                    let w = w.trim().to_lowercase();
                    !matches!(w.as_str(), "false" | "no" | "n" | "0" | "off")
                }
                Found::Number(n) => n.trim() != "0",
                Found::Boolean(b) => b,
                Found::Datetime(_) | Found::Other => true,
            };
            Some((
                "true or false, without quotes".to_owned(),
                example.to_string(),
            ))
        }
        "string" => {
            let example = match found {
                Found::Text(w) | Found::Bare(w) | Found::Number(w) | Found::Datetime(w) => {
                    quoted(w.trim())
                }
                Found::Boolean(b) => quoted(&b.to_string()),
                Found::Other => "\"…\"".to_owned(),
            };
            Some(("text in double quotes".to_owned(), example))
        }
        "array" => {
            let items = schema.get("items")?;
            if items.get("type").and_then(Value::as_str) != Some("string")
                || items.get("enum").is_some()
            {
                return None;
            }
            let example = match found {
                Found::Text(w) | Found::Bare(w) => format!("[{}]", quoted(w.trim())),
                _ => "[\"…\"]".to_owned(),
            };
            Some((
                "a list of text values in square brackets".to_owned(),
                example,
            ))
        }
        _ => None,
    }
}

/// The words of a value that may say what was meant.
fn words_of(found: Found<'_>) -> Option<&str> {
    match found {
        Found::Text(w) | Found::Bare(w) | Found::Number(w) | Found::Datetime(w) => Some(w),
        Found::Boolean(_) | Found::Other => None,
    }
}

/// Text as a TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The date that words name, year-month-day: `2026-03-01`, `"2026-03-01"`, `2026/03/01`,
/// `1 March 2026`, `March 1, 2026`, a date-time's date. A date in digits only, day and month in either
/// order (`01/03/2026`), names no date: which is the month cannot be known.
pub(super) fn date_in(words: &str) -> Option<String> {
    let w = words.trim().trim_matches('"');
    let iso = |y: &str, m: &str, d: &str| -> Option<String> {
        let (y, m, d): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        ((1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    };
    let digits: Vec<&str> = w
        .get(..10.min(w.len()))
        .unwrap_or(w)
        .split(['-', '/', '.'])
        .collect();
    if let [y, m, d] = digits.as_slice()
        && y.len() == 4
        && let Some(date) = iso(y, m, d)
    {
        return Some(date);
    }
    let parts: Vec<&str> = w
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let month = |p: &str| -> Option<u8> {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let p = p.to_lowercase();
        let p = p.trim_end_matches('.');
        if p.len() < 3 {
            return None;
        }
        let at = MONTHS.iter().position(|m| p.starts_with(m))?;
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ][at];
        (full.starts_with(p) || p == "sept").then(|| u8::try_from(at + 1).unwrap_or(1))
    };
    let day = |p: &str| -> Option<String> {
        let p = p
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        Some(p.parse::<u8>().ok()?.to_string())
    };
    match parts.as_slice() {
        [d, m, y] if month(m).is_some() => iso(y, &month(m)?.to_string(), &day(d)?),
        [m, d, y] if month(m).is_some() => iso(y, &month(m)?.to_string(), &day(d)?),
        _ => None,
    }
}

/// The period that words name, as the format writes it: `30 days` for `30 days`, `30days`, `30` (a
/// bare number is taken as days, the unit most periods of a charter are in) or `thirty days`, no.
fn period_in(words: &str) -> Option<String> {
    let w = words.trim().trim_matches('"').to_lowercase();
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let count: u32 = digits.parse().ok()?;
    let unit = w[digits.len()..].trim();
    let unit = match unit {
        "" => "days",
        "hour" | "hours" | "h" => "hours",
        "day" | "days" | "d" => "days",
        "business day" | "business days" | "working day" | "working days" => "business days",
        "week" | "weeks" | "w" => "weeks",
        "month" | "months" => "months",
        "year" | "years" | "y" => "years",
        _ => return None,
    };
    let unit = if count == 1 {
        unit.trim_end_matches('s')
    } else {
        unit
    };
    Some(format!("{count} {unit}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words_become_year_month_day() {
        for (words, date) in [
            ("2026-03-01", Some("2026-03-01")),
            ("\"2026-03-01\"", Some("2026-03-01")),
            ("2026/3/1", Some("2026-03-01")),
            ("1 March 2026", Some("2026-03-01")),
            ("March 1, 2026", Some("2026-03-01")),
            ("Mar 1st 2026", Some("2026-03-01")),
            ("2026-03-01T09:00:00", Some("2026-03-01")),
            ("01/03/2026", None),
            ("next spring", None),
            ("Ma 1 2026", None),
        ] {
            assert_eq!(date_in(words).as_deref(), date, "{words}");
        }
    }

    #[test]
    fn periods_in_words_become_the_format_s_words() {
        for (words, period) in [
            ("30 days", Some("30 days")),
            ("30", Some("30 days")),
            ("1 weeks", Some("1 week")),
            ("5 working days", Some("5 business days")),
            ("thirty days", None),
        ] {
            assert_eq!(period_in(words).as_deref(), period, "{words}");
        }
    }
}
