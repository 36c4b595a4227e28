//! Word-level comparison of two fragments of inline Markdown, in readable runs.
//!
//! A fragment is cut into tokens: words (a run of non-blank characters, punctuation and backslash escapes
//! included, so that punctuation stays with its word), runs of white space, links (`[§5.2](#flow-x)`, one
//! token each) and emphasis or code markers (`*`, `_`, `` ` ``), which are structure and never marked. The
//! two token sequences are compared with the diff-match-patch algorithm and its semantic clean-up
//! ([`dissimilar`]), each token standing for one character: a change is then one deletion and one insertion
//! over the whole changed phrase, and the spaces or single words between two changes join them.
//!
//! A link to a clause compares by its target, not its number, so a renumbered clause reference is not a
//! change (the new number is shown). Taking the equal and deleted spans gives the old text back, and the
//! equal and inserted ones the new text, except for deleted emphasis markers, which are dropped so that
//! markup never lands inside a mark.

use rustc_hash::FxHashMap;
use serde::Serialize;

/// Whether a span of text is common to both versions, only in the old one, or only in the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// In both versions.
    Equal,
    /// Only in the new version.
    Inserted,
    /// Only in the old version.
    Deleted,
}

/// A run of inline Markdown with one mark. Markup inside a span is balanced (a whole link, a whole word);
/// emphasis markers are spans of their own and always [`Mark::Equal`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The Markdown source of the run.
    pub text: String,
    /// What happened to it.
    pub mark: Mark,
}

impl Span {
    /// A span of text common to both versions.
    #[must_use]
    pub fn equal(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            mark: Mark::Equal,
        }
    }
}

/// A token of a fragment, with the key it is compared by.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    key: &'a str,
    structural: bool,
}

/// Cuts inline Markdown into tokens.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let start = i;
        let b = bytes[i];
        let mut structural = false;
        let mut key_range = None;
        if b.is_ascii_whitespace() {
            while i < text.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
        } else if matches!(b, b'*' | b'_' | b'`') {
            while i < text.len() && bytes[i] == b {
                i += 1;
            }
            structural = true;
        } else if let Some(end) = link_end(&text[i..]) {
            i += end;
            key_range = clause_link_key(&text[start..i]).map(|k| (start + k.0, start + k.1));
        } else {
            while i < text.len() {
                let c = bytes[i];
                if c.is_ascii_whitespace()
                    || matches!(c, b'*' | b'_' | b'`')
                    || (c == b'[' && link_end(&text[i..]).is_some())
                {
                    break;
                }
                let width = text[i..].chars().next().map_or(1, char::len_utf8);
                i += if c == b'\\' && i + 1 < text.len() {
                    1 + text[i + 1..].chars().next().map_or(0, char::len_utf8)
                } else {
                    width
                };
            }
        }
        if key_range.is_none() && !structural && !b.is_ascii_whitespace() {
            word(&text[start..i], &mut out);
            continue;
        }
        let key = key_range.map_or(&text[start..i], |(a, b)| &text[a..b]);
        out.push(Token {
            text: &text[start..i],
            key,
            structural,
        });
    }
    out
}

/// A word, with the punctuation that opens or closes it (`(`, `"`, `.`, `,`) as tokens of their own, so
/// that `Harbor.` and `Harbor Health.` differ by one inserted word.
fn word<'a>(w: &'a str, out: &mut Vec<Token<'a>>) {
    let is_punct = |c: char| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\''
        )
    };
    let lead = w.len() - w.trim_start_matches(is_punct).len();
    let core = &w[lead..];
    let trail = core.len() - core.trim_end_matches(is_punct).len();
    // A word that ends with a backslash escape keeps it (`\\.` is not punctuation).
    let trail = if core[..core.len() - trail].ends_with('\\') {
        0
    } else {
        trail
    };
    for piece in [
        &w[..lead],
        &core[..core.len() - trail],
        &core[core.len() - trail..],
    ] {
        if !piece.is_empty() {
            out.push(Token {
                text: piece,
                key: piece,
                structural: false,
            });
        }
    }
}

/// The length of the inline link `[text](target)` at the start of `s`, if there is one.
fn link_end(s: &str) -> Option<usize> {
    if !s.starts_with('[') {
        return None;
    }
    let mut escaped = false;
    let close = s.char_indices().skip(1).find_map(|(i, c)| {
        let found = !escaped && c == ']';
        escaped = !escaped && c == '\\';
        found.then_some(i)
    })?;
    let rest = &s[close + 1..];
    if !rest.starts_with('(') {
        return None;
    }
    let end = rest.find(')')?;
    Some(close + 1 + end + 1)
}

/// For a link to a clause (`[§5.2](#flow-x)`), the byte range of its target, which is what it compares by.
fn clause_link_key(link: &str) -> Option<(usize, usize)> {
    if !link.starts_with("[§") {
        return None;
    }
    let open = link.find("](#")? + 2;
    Some((open, link.len() - 1))
}

/// Compares two fragments word by word. Equal fragments give one equal span without any diff.
#[must_use]
pub fn compare(old: &str, new: &str) -> Vec<Span> {
    if old == new {
        return vec![Span::equal(new)];
    }
    let (old_tokens, new_tokens) = (tokens(old), tokens(new));
    let Some((old_code, new_code)) = encode(&old_tokens, &new_tokens) else {
        // More distinct words than the encoding has characters: the whole fragment changed.
        let mut out = Builder::default();
        old_tokens.iter().for_each(|t| out.push(*t, Mark::Deleted));
        new_tokens.iter().for_each(|t| out.push(*t, Mark::Inserted));
        return out.finish();
    };
    let mut out = Builder::default();
    let (mut o, mut n) = (0, 0);
    for chunk in dissimilar::diff(&old_code, &new_code) {
        match chunk {
            dissimilar::Chunk::Equal(s) => {
                let len = s.chars().count();
                for t in &new_tokens[n..n + len] {
                    out.push(*t, Mark::Equal);
                }
                (o, n) = (o + len, n + len);
            }
            dissimilar::Chunk::Delete(s) => {
                let len = s.chars().count();
                for t in &old_tokens[o..o + len] {
                    out.push(*t, Mark::Deleted);
                }
                o += len;
            }
            dissimilar::Chunk::Insert(s) => {
                let len = s.chars().count();
                for t in &new_tokens[n..n + len] {
                    out.push(*t, Mark::Inserted);
                }
                n += len;
            }
        }
    }
    out.finish()
}

/// The whole fragment with one mark (a block deleted or inserted whole).
#[must_use]
pub fn whole(text: &str, mark: Mark) -> Vec<Span> {
    let mut out = Builder::default();
    for t in tokens(text) {
        out.push(t, mark);
    }
    out.finish()
}

/// Each distinct token key becomes one character, so that a character diff is a token diff. White space
/// maps to white space and everything else to letters, so the clean-up's idea of word boundaries holds.
fn encode<'a>(old: &[Token<'a>], new: &[Token<'a>]) -> Option<(String, String)> {
    const LETTERS: [(u32, u32); 2] = [(0x4E00, 0x9FFF), (0x2_0000, 0x2_A6DF)];
    const SPACES: [char; 12] = [
        ' ', '\n', '\t', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}',
        '\u{2006}', '\u{2007}', '\u{2008}',
    ];
    let mut codes: FxHashMap<&'a str, char> = FxHashMap::default();
    let (mut letters, mut spaces) = (0u32, 0usize);
    let mut code = |t: &Token<'a>| -> Option<char> {
        if let Some(c) = codes.get(t.key) {
            return Some(*c);
        }
        let blank = !t.structural && t.text.trim().is_empty();
        let c = if blank && spaces < SPACES.len() {
            spaces += 1;
            SPACES[spaces - 1]
        } else {
            let mut at = letters;
            letters += 1;
            LETTERS.iter().find_map(|(lo, hi)| {
                let size = hi - lo + 1;
                if at < size {
                    char::from_u32(lo + at)
                } else {
                    at -= size;
                    None
                }
            })?
        };
        codes.insert(t.key, c);
        Some(c)
    };
    let old_code = old.iter().map(&mut code).collect::<Option<String>>()?;
    let new_code = new.iter().map(&mut code).collect::<Option<String>>()?;
    Some((old_code, new_code))
}

/// Collects tokens into spans, one span per run of the same mark; structure is a span of its own.
#[derive(Default)]
struct Builder {
    spans: Vec<Span>,
}

impl Builder {
    fn push(&mut self, t: Token<'_>, mark: Mark) {
        if t.structural {
            // Deleted structure is dropped; inserted structure is kept, unmarked, outside any run.
            if mark != Mark::Deleted {
                self.spans.push(Span::equal(t.text));
            }
            return;
        }
        match self.spans.last_mut() {
            Some(last) if last.mark == mark && !is_structure(&last.text) => {
                last.text.push_str(t.text);
            }
            _ => self.spans.push(Span {
                text: t.text.to_owned(),
                mark,
            }),
        }
    }

    fn finish(self) -> Vec<Span> {
        self.spans
    }
}

/// Whether a span holds emphasis or code markers only.
fn is_structure(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| matches!(b, b'*' | b'_' | b'`'))
}

/// The text of one side: equal and deleted spans for the old version, equal and inserted for the new.
#[must_use]
pub fn side(spans: &[Span], old: bool) -> String {
    let wanted = if old { Mark::Deleted } else { Mark::Inserted };
    spans
        .iter()
        .filter(|s| s.mark == Mark::Equal || s.mark == wanted)
        .map(|s| s.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn critic(spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| match s.mark {
                Mark::Equal => s.text.clone(),
                Mark::Deleted => format!("{{--{}--}}", s.text),
                Mark::Inserted => format!("{{++{}++}}", s.text),
            })
            .collect()
    }

    #[test]
    fn one_changed_word_is_marked_alone() {
        let spans = compare("Sent 30 days before.", "Sent 45 days before.");
        assert_eq!(critic(&spans), "Sent {--30--}{++45++} days before.");
    }

    #[test]
    fn a_rewritten_phrase_is_one_deletion_and_one_insertion() {
        let old = "Publish results and the partnership's data after review.";
        let new = "Publish results only within the deleted window after review.";
        let spans = compare(old, new);
        assert_eq!(
            critic(&spans),
            "Publish results {--and the partnership's data--}{++only within the deleted window++} after review."
        );
    }

    #[test]
    fn no_space_is_lost() {
        let old = "Signed by University A and University B.";
        let new = "Signed by University A.";
        let spans = compare(old, new);
        assert_eq!(side(&spans, true), old);
        assert_eq!(side(&spans, false), new);
        assert_eq!(
            critic(&spans),
            "Signed by University A{-- and University B--}."
        );
    }

    #[test]
    fn a_renumbered_clause_reference_is_not_a_change() {
        let spans = compare("See [§5.1](#flow-x).", "See [§5.2](#flow-x).");
        assert_eq!(spans, [Span::equal("See [§5.2](#flow-x).")]);
        let spans = compare("See [§5.1](#flow-x).", "See [§5.1](#flow-y).");
        assert!(spans.iter().any(|s| s.mark != Mark::Equal));
    }

    #[test]
    fn emphasis_markers_are_never_inside_a_mark() {
        let spans = compare("Keep *all* data.", "Keep *some* data.");
        assert_eq!(critic(&spans), "Keep *{--all--}{++some++}* data.");
    }

    #[test]
    fn sides_give_both_texts_back() {
        for (old, new) in [
            ("a b c d e", "a x c y e"),
            ("", "new text"),
            ("old text", ""),
            (
                "Harbor, Inc. (\"Harbor\")",
                "Harbor Health, Inc. (\"Harbor Health\")",
            ),
        ] {
            let spans = compare(old, new);
            assert_eq!(side(&spans, true), old);
            assert_eq!(side(&spans, false), new);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_two_texts_come_back_from_their_spans(
            old in proptest::collection::vec("(the|board|meets|[0-9]{1,2}|days|,|\\.|\\(x\\)| |  |\n)", 0..30),
            new in proptest::collection::vec("(the|board|meets|[0-9]{1,2}|days|,|\\.|\\(x\\)| |  |\n)", 0..30),
        ) {
            let (old, new) = (old.concat(), new.concat());
            let spans = compare(&old, &new);
            proptest::prop_assert_eq!(side(&spans, true), old);
            proptest::prop_assert_eq!(side(&spans, false), new);
        }
    }
}
