//! A redline of two rendered documents: lines are matched first, then words inside each changed line, so a
//! one-word change shows as one word struck and one inserted, not as a whole paragraph replaced.
//!
//! Markup never lands inside document structure: anchors, emphasis markers, table pipes and list or heading
//! markers are kept out of the marked runs, so the redline stays valid Markdown and valid HTML.

/// Opens deleted text (a private-use character, stripped from every input; the cross-reference markers
/// use others).
pub const DEL_OPEN: char = '\u{E010}';
/// Closes deleted text.
pub const DEL_CLOSE: char = '\u{E011}';
/// Opens inserted text.
pub const INS_OPEN: char = '\u{E012}';
/// Closes inserted text.
pub const INS_CLOSE: char = '\u{E013}';

/// One line of the redline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line with deletions and insertions marked by the private-use markers above.
    pub marked: String,
    /// Whether anything in it changed.
    pub changed: bool,
    /// Its 1-based number in the new document, or in the old one for a deleted line.
    pub number: usize,
}

/// Compares two documents and returns every line of the new one, with deleted lines and words kept in place.
#[must_use]
pub fn redline(old: &str, new: &str) -> Vec<Line> {
    let old = clean(old);
    let new = clean(new);
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let mut out = Vec::with_capacity(new_lines.len());
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_lines, &new_lines) {
        match op {
            similar::DiffOp::Equal { new_index, len, .. } => {
                for (i, line) in new_lines[new_index..new_index + len].iter().enumerate() {
                    out.push(Line {
                        marked: (*line).to_owned(),
                        changed: false,
                        number: new_index + i + 1,
                    });
                }
            }
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => whole_lines(
                &mut out,
                &old_lines,
                old_index..old_index + old_len,
                Mark::Deleted,
            ),
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => whole_lines(
                &mut out,
                &new_lines,
                new_index..new_index + new_len,
                Mark::Inserted,
            ),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let pairs = old_len.min(new_len);
                for i in 0..pairs {
                    out.push(Line {
                        marked: words(old_lines[old_index + i], new_lines[new_index + i]),
                        changed: true,
                        number: new_index + i + 1,
                    });
                }
                whole_lines(
                    &mut out,
                    &old_lines,
                    old_index + pairs..old_index + old_len,
                    Mark::Deleted,
                );
                whole_lines(
                    &mut out,
                    &new_lines,
                    new_index + pairs..new_index + new_len,
                    Mark::Inserted,
                );
            }
        }
    }
    out
}

/// Replaces the markers with other text: CriticMarkup, plain-text brackets, or HTML tags.
#[must_use]
pub fn with_markup(marked: &str, del: (&str, &str), ins: (&str, &str)) -> String {
    let mut out = String::with_capacity(marked.len() + 16);
    for c in marked.chars() {
        match c {
            DEL_OPEN => out.push_str(del.0),
            DEL_CLOSE => out.push_str(del.1),
            INS_OPEN => out.push_str(ins.0),
            INS_CLOSE => out.push_str(ins.1),
            c => out.push(c),
        }
    }
    out
}

fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !matches!(c, DEL_OPEN..=INS_CLOSE))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Same,
    Deleted,
    Inserted,
}

/// A token of a line: a word, a run of white space, or structure that must never be marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Token<'a> {
    text: &'a str,
    structural: bool,
}

fn tokens(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    // Leading block markers (list items, task boxes, headings, quotes) belong to the line's structure.
    let body_start = {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let marker = ["- [ ] ", "- [x] ", "- ", "* ", "> "]
            .iter()
            .find(|m| trimmed.starts_with(**m))
            .map(|m| m.len())
            .or_else(|| {
                let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
                (hashes > 0 && trimmed[hashes..].starts_with(' ')).then_some(hashes + 1)
            })
            .or_else(|| {
                let digits = trimmed.len()
                    - trimmed
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .len();
                (digits > 0 && trimmed[digits..].starts_with(". ")).then_some(digits + 2)
            })
            .unwrap_or(0);
        indent + marker
    };
    if body_start > 0 {
        out.push(Token {
            text: &line[..body_start],
            structural: true,
        });
    }
    let rest = &line[body_start..];
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < rest.len() {
        let start = i;
        let structural;
        if rest[i..].starts_with("<a id=\"") {
            i += rest[i..].find("</a>").map_or(rest.len() - i, |e| e + 4);
            structural = true;
        } else if bytes[i].is_ascii_whitespace() {
            while i < rest.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            structural = false;
        } else if matches!(bytes[i], b'|' | b'*' | b'_' | b'`') {
            let c = bytes[i];
            while i < rest.len() && bytes[i] == c {
                i += 1;
            }
            structural = true;
        } else {
            while i < rest.len() {
                let b = bytes[i];
                if b.is_ascii_whitespace()
                    || matches!(b, b'|' | b'*' | b'_' | b'`')
                    || rest[i..].starts_with("<a id=\"")
                {
                    break;
                }
                // A backslash escape belongs to its word.
                i += if b == b'\\' && i + 1 < rest.len() {
                    1 + rest[i + 1..].chars().next().map_or(0, char::len_utf8)
                } else {
                    rest[i..].chars().next().map_or(1, char::len_utf8)
                };
            }
            structural = false;
        }
        out.push(Token {
            text: &rest[start..i],
            structural,
        });
    }
    out
}

/// A whole line deleted or inserted: every word marked, structure kept (anchors of a deleted line are
/// dropped so that no anchor appears twice).
/// Lines `range` of one side, each deleted or inserted whole, numbered as on that side.
fn whole_lines(out: &mut Vec<Line>, lines: &[&str], range: std::ops::Range<usize>, mark: Mark) {
    out.extend(range.map(|i| Line {
        marked: whole(lines[i], mark),
        changed: true,
        number: i + 1,
    }));
}

fn whole(line: &str, mark: Mark) -> String {
    let mut out = Emitter::default();
    for t in tokens(line) {
        // The line's own structure (list marker, pipes, emphasis) stays so that it still reads as a list
        // item or a table row; only a deleted line's anchor goes.
        let is_anchor = t.text.starts_with("<a id=");
        match (t.structural, is_anchor) {
            (true, true) => out.token(t, mark),
            (true, false) => out.token(t, Mark::Same),
            (false, _) => out.token(t, mark),
        }
    }
    out.finish()
}

fn words(old: &str, new: &str) -> String {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let mut out = Emitter::default();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_tokens, &new_tokens) {
        match op {
            similar::DiffOp::Equal { new_index, len, .. } => {
                for t in &new_tokens[new_index..new_index + len] {
                    out.token(*t, Mark::Same);
                }
            }
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for t in &old_tokens[old_index..old_index + old_len] {
                    out.token(*t, Mark::Deleted);
                }
            }
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for t in &new_tokens[new_index..new_index + new_len] {
                    out.token(*t, Mark::Inserted);
                }
            }
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for t in &old_tokens[old_index..old_index + old_len] {
                    out.token(*t, Mark::Deleted);
                }
                for t in &new_tokens[new_index..new_index + new_len] {
                    out.token(*t, Mark::Inserted);
                }
            }
        }
    }
    out.finish()
}

/// Writes tokens, opening and closing marks around runs of changed words. White space between two
/// changed words joins their run; structure closes it.
#[derive(Default)]
struct Emitter {
    out: String,
    open: Option<bool>,
    pending_space: String,
}

impl Emitter {
    fn close(&mut self) {
        if let Some(deleted) = self.open.take() {
            self.out.push(if deleted { DEL_CLOSE } else { INS_CLOSE });
        }
        self.out.push_str(&std::mem::take(&mut self.pending_space));
    }

    fn token(&mut self, t: Token<'_>, mark: Mark) {
        let is_space = !t.structural && t.text.trim().is_empty();
        match mark {
            Mark::Same => {
                self.close();
                self.out.push_str(t.text);
            }
            // Deleted structure (an old anchor, a pipe) is dropped; deleted white space is kept only inside
            // a run of deleted words.
            Mark::Deleted if t.structural => {}
            Mark::Inserted if t.structural => {
                self.close();
                self.out.push_str(t.text);
            }
            _ if is_space => {
                if self.open.is_some() {
                    self.pending_space.push_str(t.text);
                } else if mark == Mark::Inserted {
                    self.out.push_str(t.text);
                }
            }
            Mark::Deleted | Mark::Inserted => {
                let deleted = mark == Mark::Deleted;
                if self.open != Some(deleted) {
                    self.close();
                    self.out.push(if deleted { DEL_OPEN } else { INS_OPEN });
                    self.open = Some(deleted);
                } else {
                    self.out.push_str(&std::mem::take(&mut self.pending_space));
                }
                self.out.push_str(t.text);
            }
        }
    }

    fn finish(mut self) -> String {
        self.close();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn critic(old: &str, new: &str) -> Vec<String> {
        redline(old, new)
            .into_iter()
            .map(|l| with_markup(&l.marked, ("{--", "--}"), ("{++", "++}")))
            .collect()
    }

    #[test]
    fn one_changed_word_is_marked_alone() {
        let lines = critic(
            "a\n**7.1 Review.** Sent 30 days before.\nz\n",
            "a\n**7.1 Review.** Sent 45 days before.\nz\n",
        );
        assert_eq!(
            lines,
            [
                "a",
                "**7.1 Review.** Sent {--30--}{++45++} days before.",
                "z"
            ]
        );
    }

    #[test]
    fn anchors_and_table_pipes_are_never_inside_marks() {
        let lines = critic(
            "| <a id=\"decision-x\"></a>Budget | Board |\n",
            "| <a id=\"decision-x\"></a>Budget | Steering |\n",
        );
        assert_eq!(
            lines,
            ["| <a id=\"decision-x\"></a>Budget | {--Board--}{++Steering++} |"]
        );
        let lines = critic("", "- <a id=\"p\"></a>New item\n");
        assert_eq!(lines, ["- <a id=\"p\"></a>{++New item++}"]);
    }

    #[test]
    fn whole_lines_deleted_keep_their_list_marker() {
        let lines = critic("- one\n- two\n", "- one\n");
        assert_eq!(lines, ["- one", "- {--two--}"]);
    }
}
