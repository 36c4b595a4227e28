//! Reading a charter: the spanned TOML tree of a [`Source`] for locating diagnostics, and deserialization
//! into the typed model with every structural problem reported at once. Imports the source, the model, the
//! rule catalogue and the diagnostic type; the validator and everything above it import this.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::Diagnostic;
use crate::migrate;
use crate::model::{self, Charter};
use crate::rules;
use crate::source::Source;
use crate::suggest::closest;

mod hint;
mod roster;
mod shape;

pub use roster::read as read_rosters;

/// One step in a path to a value: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A key in a table.
    Key(Cow<'static, str>),
    /// An index into an array.
    Index(usize),
}

impl From<&'static str> for Seg {
    fn from(key: &'static str) -> Self {
        Seg::Key(Cow::Borrowed(key))
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// Builds a path to a value: `path!["partners", 2, "id"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => { &[$($crate::load::Seg::from($seg)),*][..] };
}

/// The spanned TOML tree of a source that parsed, for locating diagnostics by path.
#[derive(Debug)]
pub struct Spans<'s> {
    tree: Spanned<DeTable<'s>>,
    text: &'s str,
}

impl<'s> Spans<'s> {
    /// The byte span of the value at `path`, or of the nearest enclosing value that exists (for a missing
    /// key, the table that lacks it). For an entry of an array of tables (`[[phases]]`) this is its header.
    #[must_use]
    pub fn span_of(&self, path: &[Seg]) -> Range<usize> {
        self.find(path).0
    }

    /// The byte range covering the value at `path` and everything inside it: for an entry of an array of
    /// tables, from its header to its last value.
    #[must_use]
    pub fn extent_of(&self, path: &[Seg]) -> Range<usize> {
        let (span, value) = self.find(path);
        let mut extent = span;
        if let Some(value) = value {
            widen(value, &mut extent);
        }
        extent
    }

    /// Every text value in the file (keys excluded), with the byte span of its literal, quotes included,
    /// in the order they appear.
    #[must_use]
    pub fn strings(&self) -> Vec<(Range<usize>, &str)> {
        let mut out = Vec::new();
        self.each_string(&mut |span, value| out.push((span, value)));
        out.sort_by_key(|(span, _)| span.start);
        out
    }

    /// Calls `f` with every text value in the file (keys excluded) and the byte span of its literal, in
    /// the order of the tree rather than of the file: for scans that do not care about order, without
    /// collecting and sorting every string of a large charter.
    pub fn each_string<'v>(&'v self, f: &mut dyn FnMut(Range<usize>, &'v str)) {
        fn walk<'v>(value: &'v Spanned<DeValue<'_>>, f: &mut dyn FnMut(Range<usize>, &'v str)) {
            match value.get_ref() {
                DeValue::String(s) => f(value.span(), s.as_ref()),
                DeValue::Table(t) => t.iter().for_each(|(_, v)| walk(v, f)),
                DeValue::Array(a) => a.iter().for_each(|v| walk(v, f)),
                _ => {}
            }
        }
        for (_, v) in self.tree.get_ref() {
            walk(v, f);
        }
    }

    /// Every string value with its path (keys and array indices from the top) and its span, in file
    /// order: for edits that must know where a value stands, not only what it says.
    #[must_use]
    pub fn strings_at(&self) -> Vec<(Vec<Seg>, Range<usize>, &str)> {
        fn walk<'v>(
            value: &'v Spanned<DeValue<'_>>,
            path: &mut Vec<Seg>,
            out: &mut Vec<(Vec<Seg>, Range<usize>, &'v str)>,
        ) {
            match value.get_ref() {
                DeValue::String(s) => out.push((path.clone(), value.span(), s.as_ref())),
                DeValue::Table(t) => {
                    for (k, v) in t {
                        path.push(Seg::Key(Cow::Owned(k.get_ref().to_string())));
                        walk(v, path, out);
                        path.pop();
                    }
                }
                DeValue::Array(a) => {
                    for (i, v) in a.iter().enumerate() {
                        path.push(Seg::Index(i));
                        walk(v, path, out);
                        path.pop();
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        let mut path = Vec::new();
        for (k, v) in self.tree.get_ref() {
            path.push(Seg::Key(Cow::Owned(k.get_ref().to_string())));
            walk(v, &mut path, &mut out);
            path.pop();
        }
        out
    }

    /// The source text the spans point into.
    #[must_use]
    pub fn text(&self) -> &'s str {
        self.text
    }

    /// The literal of the number at `path` exactly as the file writes it (`0.80`, `1_000`), or `None` when
    /// no number is there.
    #[must_use]
    pub fn number_literal(&self, path: &[Seg]) -> Option<&'s str> {
        match self.walk(path) {
            (span, Some(DeValue::Integer(_) | DeValue::Float(_)), true) => self.text.get(span),
            _ => None,
        }
    }

    fn find(&self, path: &[Seg]) -> (Range<usize>, Option<&DeValue<'s>>) {
        let (span, value, _) = self.walk(path);
        (span, value)
    }

    /// The span and value at `path`, or at the last step of it that exists, and whether every step did.
    fn walk(&self, path: &[Seg]) -> (Range<usize>, Option<&DeValue<'s>>, bool) {
        let mut span = self.tree.span();
        let mut value: Option<&DeValue<'s>> = None;
        let mut table = self.tree.get_ref();
        for seg in path {
            let next = match (seg, value) {
                (Seg::Key(key), None | Some(DeValue::Table(_))) => table
                    .iter()
                    .find(|(k, _)| k.get_ref() == key)
                    .map(|(_, v)| v),
                (Seg::Index(i), Some(DeValue::Array(a))) => a.get(*i),
                _ => None,
            };
            let Some(next) = next else {
                return (span, value, false);
            };
            span = next.span();
            value = Some(next.get_ref());
            if let DeValue::Table(t) = next.get_ref() {
                table = t;
            }
        }
        (span, value, true)
    }
}

/// Widens `extent` to cover every key and value inside `value`.
fn widen(value: &DeValue<'_>, extent: &mut Range<usize>) {
    fn cover(extent: &mut Range<usize>, span: Range<usize>) {
        extent.start = extent.start.min(span.start);
        extent.end = extent.end.max(span.end);
    }
    match value {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                cover(extent, k.span());
                cover(extent, v.span());
                widen(v.get_ref(), extent);
            }
        }
        DeValue::Array(a) => {
            for v in a.iter() {
                cover(extent, v.span());
                widen(v.get_ref(), extent);
            }
        }
        _ => {}
    }
}

/// Parses the source into the typed model. Every syntax error is reported; then every structural problem
/// (unknown key, wrong type, missing key, bad value) is reported once per table, so that one bad partner
/// does not hide a bad data flow.
///
/// # Errors
/// The diagnostics, when the charter cannot be read into the model.
pub fn parse(source: &Source) -> Result<(Charter, Spans<'_>), Vec<Diagnostic>> {
    not_utf8(source)?;
    let (tree, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        let mut diagnostics: Vec<Diagnostic> =
            errors.iter().map(|e| syntax(e, &source.text)).collect();
        // Words TOML cannot read may stop it twice on one line (`March 1, 2026`); the line has one
        // finding, with the hint that says what its key takes.
        crate::diagnostic::sort(&mut diagnostics);
        let line = |d: &Diagnostic| crate::source::line_column(&source.text, d.span.start).0;
        diagnostics.dedup_by(|later, first| line(later) == line(first) && later.hint == first.hint);
        return Err(diagnostics);
    }
    // The version first: a file written for another schema gives the same keys other meanings, so its
    // keys are not read as this schema's at all.
    if let Some(diagnostic) = version_gate(source, tree.get_ref()) {
        return Err(vec![diagnostic]);
    }
    // One deserialization of the whole charter. Only when it fails is each section deserialized on its
    // own, so that every bad section is reported rather than the first: if the whole succeeds, so does
    // every section, and a valid charter (a large one above all) is read once.
    let whole = Spanned::new(tree.span(), DeValue::Table(tree.get_ref().clone()));
    let charter = match Charter::deserialize(ValueDeserializer::from(whole)) {
        Ok(charter) => charter,
        Err(e) => {
            let mut diagnostics = Vec::new();
            let reading = Reading {
                tree: &tree,
                text: &source.text,
            };
            for (key, value) in tree.get_ref() {
                check_section(key.get_ref(), key.span(), value, &reading, &mut diagnostics);
            }
            if diagnostics.is_empty() {
                diagnostics.push(translate(
                    &e,
                    "the top level of the charter",
                    tree.span(),
                    &reading,
                ));
            }
            every_missing_key(&tree, &mut diagnostics);
            return Err(diagnostics);
        }
    };
    let spans = Spans {
        tree,
        text: &source.text,
    };
    let mut charter = charter;
    written_thresholds(&mut charter, &spans);
    Ok((charter, spans))
}

/// Records each metric's threshold as the file writes it, so that `0.80` renders as `0.80`.
fn written_thresholds(charter: &mut Charter, spans: &Spans<'_>) {
    for (i, phase) in charter.phases.iter_mut().enumerate() {
        for (k, metric) in phase.metrics.iter_mut().enumerate() {
            if let Some(key) = metric.threshold_key() {
                metric.written = spans
                    .number_literal(crate::path!["phases", i, "metrics", k, key])
                    .map(|l| l.replace('_', "").trim_start_matches('+').to_owned());
            }
        }
    }
}

/// The one diagnostic of a file written for a schema version other than this build's: E0107 for schema 1,
/// with what `charter migrate` would change, and E0106 for a version this build does not know. A version
/// that is not a whole number is left to deserialization, which reports its type.
fn version_gate(source: &Source, tree: &DeTable<'_>) -> Option<Diagnostic> {
    let (_, value) = tree.iter().find(|(k, _)| k.get_ref() == "schema_version")?;
    let version = u32::deserialize(ValueDeserializer::from(value.clone())).ok()?;
    let span = value.span();
    if version == model::SCHEMA_VERSION {
        return None;
    }
    if version != migrate::FROM {
        return Some(
            Diagnostic::new(
                &rules::SCHEMA_VERSION,
                span,
                format!("schema version {version} is not supported"),
            )
            .label(format!(
                "this build reads schema version {}",
                model::SCHEMA_VERSION
            ))
            .hint(format!(
                "write `schema_version = {}`, or use a newer `charter`",
                model::SCHEMA_VERSION
            )),
        );
    }
    let (command, lister) = if source.name == "<stdin>" {
        (
            "charter migrate - < old.toml > new.toml".to_owned(),
            "charter migrate - < old.toml > /dev/null".to_owned(),
        )
    } else {
        (
            format!("charter migrate {} --in-place", source.name),
            format!("charter migrate {} > /dev/null", source.name),
        )
    };
    // The version's own change goes without saying; the hint lists the terms the migration states.
    let terms = match migrate::migrate(&source.text) {
        Ok(migrate::Migration::Migrated { changes, .. }) => {
            let terms: Vec<_> = changes.into_iter().filter(|c| !c.version).collect();
            // A charter of a thousand bodies would make a hint of thousands of changes; the command
            // lists them all.
            const LISTED: usize = 12;
            let more = match terms.len().saturating_sub(LISTED) {
                0 => String::new(),
                n => format!("; and {n} more, which `{lister}` lists"),
            };
            if terms.is_empty() {
                "; besides the version, nothing changes".to_owned()
            } else {
                format!(
                    ", with the explicit terms that render the same document as schema {} did: {}{more}",
                    migrate::FROM,
                    migrate::summary(&terms[..terms.len().min(LISTED)])
                )
            }
        }
        _ => String::new(),
    };
    Some(
        Diagnostic::new(
            &rules::OLD_SCHEMA_VERSION,
            span,
            format!(
                "this charter is written for schema version {}, whose terms schema {} reads differently",
                migrate::FROM,
                model::SCHEMA_VERSION
            ),
        )
        .label(format!(
            "schema {}; this build reads schema {} only after `charter migrate`",
            migrate::FROM,
            model::SCHEMA_VERSION
        ))
        .hint(format!(
            "run `{command}`: it rewrites the file for schema {}, keeping its comments{terms}",
            model::SCHEMA_VERSION,
        )),
    )
}

/// Adds every required key that any table lacks to the diagnostics of a charter that failed to deserialize,
/// beside the one per table that deserialization found (which is kept once, not twice).
fn every_missing_key(tree: &Spanned<DeTable<'_>>, diagnostics: &mut Vec<Diagnostic>) {
    let reported = |m: &shape::Missing, d: &Diagnostic| {
        d.rule.code == rules::MISSING_KEY.code
            && d.span == m.span
            && backticked(&d.message).last() == Some(&m.key.as_str())
    };
    let missing: Vec<Diagnostic> = shape::missing_keys(tree)
        .into_iter()
        .filter(|m| !diagnostics.iter().any(|d| reported(m, d)))
        .map(|m| missing_key(&m.key, m.span, &m.context))
        .collect();
    diagnostics.extend(missing);
    crate::diagnostic::sort(diagnostics);
}

/// The one diagnostic of a file that is not UTF-8, at the first byte that is not.
fn not_utf8(source: &Source) -> Result<(), Vec<Diagnostic>> {
    let Err(e) = std::str::from_utf8(&source.bytes) else {
        return Ok(());
    };
    let at = e.valid_up_to();
    let bom = if source.bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let at = source
        .text
        .get(..at.saturating_sub(bom))
        .map_or(0, str::len);
    Err(vec![
        Diagnostic::new(
            &rules::SYNTAX,
            at..at + 1,
            "the file is not valid UTF-8 text",
        )
        .label("this byte is not UTF-8")
        .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
    ])
}

/// A TOML syntax error, located. A value TOML cannot read on a `key = value` line (words without quotes,
/// a date in words, text in curly quotes) gets a hint that says what that key takes, with the value
/// written so: a date without quotes, text in straight quotes.
fn syntax(e: &toml::de::Error, text: &str) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let message = format!("TOML syntax: {}", e.message().trim());
    let general = "check quotes, brackets and `=` on this line; text values need double quotes";
    let Some(line) = hint::unreadable_value(text, &span) else {
        return Diagnostic::new(&rules::SYNTAX, span, message)
            .label("here")
            .hint(general);
    };
    let schema = hint::schema_at(&crate::schema::value(), &line.path);
    let takes = if line.literal {
        Some(hint::Takes {
            what: "the value with straight quotes".to_owned(),
            example: format!("{} = {}", line.key, line.words),
        })
    } else {
        schema.and_then(|schema| {
            let key = line.path.last()?;
            hint::takes(key, &schema, hint::Found::Bare(&line.words))
        })
    };
    match (line.curly, takes) {
        (Some(quotes), takes) => {
            let straight = takes.map_or_else(
                || "write straight double quotes (\"), which TOML reads, in their place".to_owned(),
                |t| t.hint(),
            );
            Diagnostic::new(
                &rules::SYNTAX,
                span,
                format!(
                    "TOML syntax: the value of `{}` is in curly quotes {quotes}, which TOML does not read as quotes",
                    line.key
                ),
            )
            .label("curly quotes")
            .hint(format!(
                "TOML reads only straight quotes (a word processor's smart quotes turn them curly): {straight}"
            ))
        }
        (None, Some(takes)) => Diagnostic::new(&rules::SYNTAX, span, message)
            .label("here")
            .hint(takes.hint()),
        (None, None) => Diagnostic::new(&rules::SYNTAX, span, message)
            .label("here")
            .hint(general),
    }
}

/// The top-level keys of a charter, in the order the format reference lists them.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "schema_version",
    "charter",
    "partners",
    "organisations",
    "membership_classes",
    "bodies",
    "decisions",
    "amendment",
    "data_flows",
    "data_access",
    "ip",
    "publication",
    "conflicts",
    "phases",
    "obligations",
    "term",
    "disputes",
    "review",
    "definitions",
    "notices",
    "precedence",
    "confidentiality",
    "adoption",
    "versions",
    "exceptions",
];

/// The tree of a charter that failed to deserialize, and its text, for saying what a key takes.
struct Reading<'r, 's> {
    tree: &'r Spanned<DeTable<'s>>,
    text: &'r str,
}

fn check_section(
    key: &str,
    key_span: Range<usize>,
    value: &Spanned<DeValue<'_>>,
    at: &Reading<'_, '_>,
    out: &mut Vec<Diagnostic>,
) {
    use crate::model as m;
    let out = &mut Out { at, out };
    match key {
        "schema_version" => one::<u32>(value, "`schema_version`", out),
        "charter" => one::<m::Overview>(value, "`[charter]`", out),
        "partners" => each::<m::Partner>(value, "[[partners]]", out),
        "organisations" => each::<m::Organisation>(value, "[[organisations]]", out),
        "membership_classes" => each::<m::MembershipClass>(value, "[[membership_classes]]", out),
        "bodies" => each::<m::Body>(value, "[[bodies]]", out),
        "decisions" => each::<m::Decision>(value, "[[decisions]]", out),
        "amendment" => one::<m::Amendment>(value, "`[amendment]`", out),
        "data_flows" => each::<m::DataFlow>(value, "[[data_flows]]", out),
        "data_access" => one::<m::DataAccess>(value, "`[data_access]`", out),
        "ip" => one::<m::IpTerms>(value, "`[ip]`", out),
        "publication" => one::<m::Publication>(value, "`[publication]`", out),
        "conflicts" => one::<m::ConflictTerms>(value, "`[conflicts]`", out),
        "phases" => each::<m::Phase>(value, "[[phases]]", out),
        "obligations" => each::<m::Obligation>(value, "[[obligations]]", out),
        "term" => one::<m::Term>(value, "`[term]`", out),
        "disputes" => one::<m::Disputes>(value, "`[disputes]`", out),
        "review" => one::<m::Review>(value, "`[review]`", out),
        "definitions" => each::<m::Definition>(value, "[[definitions]]", out),
        "notices" => one::<m::Notices>(value, "`[notices]`", out),
        "precedence" => one::<m::Precedence>(value, "`[precedence]`", out),
        "confidentiality" => one::<m::Confidentiality>(value, "`[confidentiality]`", out),
        "adoption" => one::<m::Adoption>(value, "`[adoption]`", out),
        "versions" => each::<m::VersionRecord>(value, "[[versions]]", out),
        "exceptions" => each::<m::Exception>(value, "[[exceptions]]", out),
        _ => out.out.push(unknown_key(
            key,
            key_span,
            "the top level of the charter",
            TOP_LEVEL_KEYS,
        )),
    }
}

/// Where the sections of a charter that failed to deserialize report, with what it was read from.
struct Out<'o, 'r, 's> {
    at: &'o Reading<'r, 's>,
    out: &'o mut Vec<Diagnostic>,
}

fn one<T: DeserializeOwned>(
    value: &Spanned<DeValue<'_>>,
    context: &str,
    out: &mut Out<'_, '_, '_>,
) {
    if let Err(e) = T::deserialize(ValueDeserializer::from(value.clone())) {
        let diagnostic = translate(&e, context, value.span(), out.at);
        out.out.push(diagnostic);
    }
}

fn each<T: DeserializeOwned>(
    value: &Spanned<DeValue<'_>>,
    context: &str,
    out: &mut Out<'_, '_, '_>,
) {
    match value.get_ref() {
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let context = format!("{context} entry {}", i + 1);
                one::<T>(item, &context, out);
            }
        }
        _ => one::<Vec<T>>(value, context, out),
    }
}

/// Turns a deserialization error into a diagnostic in the organiser's words.
fn translate(
    e: &toml::de::Error,
    context: &str,
    fallback: Range<usize>,
    at: &Reading<'_, '_>,
) -> Diagnostic {
    let message = e.message().trim();
    let span = e.span().unwrap_or(fallback);
    let ticked = backticked(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let candidates: Vec<&str> = ticked.iter().skip(1).copied().collect();
        let key = ticked.first().copied().unwrap_or(rest);
        return unknown_key(key, span, context, &candidates);
    }
    if message.starts_with("missing field ") {
        return missing_key(ticked.first().copied().unwrap_or("?"), span, context);
    }
    if message.starts_with("unknown variant ") {
        return unknown_variant(&ticked, span, context);
    }
    let takes = field_takes(at, &span);
    if let Some(diagnostic) = mismatch(message, span.clone(), context, takes.as_ref()) {
        return diagnostic;
    }
    // Messages of our own value types (dates, periods, quorums) already say what to write.
    let (message, hint) = match (message.split_once(": "), takes) {
        (Some((what, hint)), _) if message.contains(": write") => {
            (what.to_owned(), hint.to_owned())
        }
        (_, Some(takes)) => (message.to_owned(), takes.hint()),
        _ => (
            message.to_owned(),
            "see docs/format.md for what this key takes".to_owned(),
        ),
    };
    Diagnostic::new(&rules::INVALID_VALUE, span, message)
        .label("invalid value")
        .hint(hint)
}

/// A required key that a table lacks.
fn missing_key(key: &str, span: Range<usize>, context: &str) -> Diagnostic {
    Diagnostic::new(
        &rules::MISSING_KEY,
        span,
        format!("{context} is missing the required key `{key}`"),
    )
    .label(format!("`{key}` is required here"))
    .hint(missing_hint(key, context))
}

/// A value outside a closed vocabulary, with the closest allowed value when one is close.
fn unknown_variant(ticked: &[&str], span: Range<usize>, context: &str) -> Diagnostic {
    let value = ticked.first().copied().unwrap_or("?");
    let allowed: Vec<&str> = ticked.iter().skip(1).copied().collect();
    let hint = match closest(value, &allowed) {
        Some(best) => format!(
            "did you mean \"{best}\"? The allowed values are: {}",
            quoted_list(&allowed)
        ),
        None => format!("write one of: {}", quoted_list(&allowed)),
    };
    Diagnostic::new(
        &rules::INVALID_VALUE,
        span,
        format!("\"{value}\" is not an allowed value in {context}"),
    )
    .label("not one of the allowed values")
    .hint(hint)
}

/// What the key whose value is at `span` takes, from the schema of the model, with an example drawn
/// from the value found there.
fn field_takes(at: &Reading<'_, '_>, span: &Range<usize>) -> Option<hint::Takes> {
    let path = hint::path_at(at.tree, span)?;
    let schema = hint::schema_at(&crate::schema::value(), &path)?;
    hint::takes(
        path.last()?,
        &schema,
        hint::found_at(at.tree, at.text, span),
    )
}

impl hint::Takes {
    /// The hint: what to write, and an example.
    fn hint(&self) -> String {
        format!("write {}, like `{}`", self.what, self.example)
    }
}

/// A value of the wrong type, or of the right type but not a value the key takes, in plain words: what
/// the key takes, when the schema says, and an example of it.
fn mismatch(
    message: &str,
    span: Range<usize>,
    context: &str,
    takes: Option<&hint::Takes>,
) -> Option<Diagnostic> {
    let (what, rest) = message
        .strip_prefix("invalid type: ")
        .map(|rest| ("wrong type", rest))
        .or_else(|| {
            message
                .strip_prefix("invalid value: ")
                .map(|rest| ("invalid value", rest))
        })?;
    let (found, expected) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "another value"));
    let (expected, hint) = match takes {
        Some(takes) => (takes.what.clone(), takes.hint()),
        None => {
            let expected = plain_type(expected);
            let hint = format!("write {expected} here");
            (expected, hint)
        }
    };
    Some(
        Diagnostic::new(
            &rules::WRONG_TYPE,
            span,
            format!(
                "{what} in {context}: expected {expected}, found {}",
                plain_found(found)
            ),
        )
        .label(format!("expected {expected}"))
        .hint(hint),
    )
}

fn missing_hint(key: &str, context: &str) -> String {
    let top = context.starts_with("the top level");
    match key {
        "schema_version" if top => format!(
            "add `schema_version = {}` as the first line",
            model::SCHEMA_VERSION
        ),
        "partners" if top => {
            "add a `[[partners]]` section for each partner (at least two)".to_owned()
        }
        _ if top => format!("add a `[{key}]` section"),
        _ => format!(
            "add a line `{key} = …` to this table; the format reference in docs/format.md says what it takes"
        ),
    }
}

/// Keys an earlier version of the format took, each with what to write instead: the term they stood for
/// said more than the key did, so the organiser states it now.
const RETIRED: &[(&str, &str)] = &[(
    "electronic_votes",
    "`electronic_votes` is retired because it did not say by which rule an electronic vote passes: write `electronic = { rule = \"same_as_meetings\" }` for the rules of a meeting, or the rule the partners agreed, e.g. `electronic = { rule = \"majority_body\", deadline = \"5 days\" }`; if it said `false`, remove the line (`charter migrate` does this for a file written for schema 1)",
)];

fn unknown_key(key: &str, span: Range<usize>, context: &str, candidates: &[&str]) -> Diagnostic {
    let retired = RETIRED.iter().find(|(old, _)| *old == key);
    let hint = match (retired, closest(key, candidates)) {
        (Some((_, hint)), _) => (*hint).to_owned(),
        (None, Some(best)) => format!("did you mean `{best}`?"),
        (None, None) if candidates.is_empty() => {
            "remove this key: the table takes no keys".to_owned()
        }
        (None, None) => format!("the keys allowed here are: {}", ticked_list(candidates)),
    };
    Diagnostic::new(
        &rules::UNKNOWN_KEY,
        span,
        format!("unknown key `{key}` in {context}"),
    )
    .label("unknown key")
    .hint(hint)
}

fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn ticked_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plain_type(expected: &str) -> String {
    let e = expected.trim();
    let plain = match e {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a string" => "text in double quotes",
        "a sequence" => "a list in square brackets, like [\"a\", \"b\"]",
        _ if e.starts_with("struct ") || e == "a map" => "a table",
        _ if e.starts_with("enum ") => "one of the allowed words, in double quotes",
        _ => e,
    };
    plain.to_owned()
}

fn plain_found(found: &str) -> String {
    match found.trim() {
        "sequence" => "a list".to_owned(),
        "map" => "a table".to_owned(),
        f if f.starts_with("string ") => format!("the text {}", &f["string ".len()..]),
        f if f.starts_with("integer ") => {
            format!("the number {}", f["integer ".len()..].trim_matches('`'))
        }
        f if f.starts_with("floating point ") => {
            format!(
                "the number {}",
                f["floating point ".len()..].trim_matches('`')
            )
        }
        f if f.starts_with("boolean ") => f["boolean ".len()..].trim_matches('`').to_string(),
        f => f.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<Diagnostic> {
        let source = Source::new("t.toml", text.as_bytes().to_vec());
        parse(&source).err().unwrap_or_default()
    }

    #[test]
    fn the_extent_of_a_table_covers_its_header_and_every_value() {
        let text =
            "[[phases]]\nid = \"a\"\n\n[[phases]]\nid = \"b\"\nmetrics = [{ name = \"x\" }]\n";
        let (tree, errors) = DeTable::parse_recoverable(text);
        assert!(errors.is_empty());
        let spans = Spans { tree, text };
        let second = spans.extent_of(crate::path!["phases", 1]);
        assert_eq!(&text[second.start..second.start + 10], "[[phases]]");
        assert!(
            text[second.clone()].ends_with("{ name = \"x\" }]"),
            "{:?}",
            &text[second]
        );
        assert_eq!(
            spans.span_of(crate::path!["phases", 1]).len(),
            "[[phases]]".len()
        );
    }

    #[test]
    fn every_bad_section_is_reported_not_just_the_first() {
        let found =
            errors("schema_version = 2\n[[partners]]\nidd = 1\n[[partners]]\nid = 3\n[tern]\n");
        // Besides the section the file lacks (`[charter]`), which is reported as well.
        let codes: Vec<_> = found
            .iter()
            .map(|d| d.rule.code)
            .filter(|c| *c != "E0104")
            .collect();
        assert_eq!(codes.len(), 3, "{found:#?}");
        let missing = |m: &str| found.iter().any(|d| d.message == m);
        assert!(missing(
            "the top level of the charter is missing the required key `charter`"
        ));
        assert!(missing(
            "[[partners]] entry 2 is missing the required key `legal_name`"
        ));
        assert!(
            !missing("[[partners]] entry 1 is missing the required key `id`"),
            "{found:#?}"
        );
        assert!(codes.contains(&"E0102"));
        assert!(codes.contains(&"E0103"));
        let tern = found
            .iter()
            .find(|d| d.message.contains("tern"))
            .expect("tern reported");
        assert_eq!(tern.hint.as_deref(), Some("did you mean `term`?"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let found = errors("schema_version = 2\ntitle = unquoted\n");
        assert_eq!(found[0].rule.code, "E0101");
        assert_eq!(
            crate::source::line_column(
                "schema_version = 2\ntitle = unquoted\n",
                found[0].span.start
            )
            .0,
            2
        );
    }

    #[test]
    fn a_schema_1_file_is_one_error_at_its_version_naming_what_migrate_changes() {
        let text = "schema_version = 1\n[[bodies]]\nid = \"cab\"\nretired_or_not = 1\n[bodies.meetings]\nelectronic_votes = true\n[disputes]\nresolution = \"mediation\"\n";
        let found = parse(&Source::new("board.toml", text.as_bytes().to_vec()))
            .err()
            .unwrap_or_default();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].rule.code, "E0107");
        assert_eq!(&text[found[0].span.clone()], "1");
        let hint = found[0].hint.as_deref().unwrap_or_default();
        assert!(
            hint.contains("`charter migrate board.toml --in-place`"),
            "{hint}"
        );
        assert!(hint.contains("line 6: `electronic_votes = true` → `electronic = { rule = \"same_as_meetings\" }` in the meetings of body \"cab\""), "{hint}");
        assert!(
            hint.contains(
                "line 8: `resolution = \"mediation\"` → `resolution = \"mediation_then_courts\"`"
            ),
            "{hint}"
        );
    }

    #[test]
    fn the_hint_lists_a_dozen_changes_and_counts_the_rest() {
        let mut text = "schema_version = 1\n".to_owned();
        for i in 0..20 {
            text.push_str(&format!(
                "[[bodies]]\nid = \"b{i}\"\n[bodies.meetings]\ncadence = \"monthly\"\n"
            ));
        }
        let found = errors(&text);
        let hint = found[0].hint.as_deref().unwrap_or_default();
        assert_eq!(
            hint.matches("added `remote_attendance = true`").count(),
            12,
            "{hint}"
        );
        assert!(
            hint.ends_with("; and 8 more, which `charter migrate t.toml > /dev/null` lists"),
            "{hint}"
        );
    }

    #[test]
    fn an_unknown_version_is_one_error_whatever_else_the_file_says() {
        let found = errors("schema_version = 9\nzzz_not_a_key = 1\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].rule.code, "E0106");
        assert_eq!(found[0].message, "schema version 9 is not supported");
    }

    #[test]
    fn non_utf8_is_reported_at_the_bad_byte() {
        let source = Source::new("t.toml", b"a = \"\xff\"\n".to_vec());
        let found = parse(&source).err().unwrap_or_default();
        assert_eq!(found[0].rule.code, "E0101");
        assert_eq!(found[0].span, 5..6);
    }

    #[test]
    fn top_level_key_list_matches_the_model() {
        let found = errors("schema_version = 2\nzzz_not_a_key = 1\n");
        assert!(found.iter().any(|d| d.rule.code == "E0102"), "{found:#?}");
        // serde's own list of the Charter's fields must equal ours.
        let err = toml::from_str::<Charter>("zzz = 1").expect_err("unknown key");
        let listed: Vec<&str> = backticked(err.message()).into_iter().skip(1).collect();
        assert_eq!(listed, TOP_LEVEL_KEYS);
    }
}
