//! Reads a Markdown document that charter rendered back into the blocks of its layout, by the anchors
//! and the line shapes the built-in template writes (`## <a id="…"></a>3. Title`,
//! `<a id="…"></a>**3.2 Quorum.** text`, tables, `### <a id="…"></a>` groups), so that two rendered
//! documents are compared clause by clause as two charters are.

use super::layout::{Facts, Kind, Layout, Piece, Role, Unit};

/// The layout of a Markdown document rendered by charter.
#[must_use]
pub fn of_rendered(markdown: &str) -> Layout {
    let mut reader = Reader::default();
    for line in markdown.lines() {
        reader.line(line.trim_end());
    }
    reader.finish()
}

#[derive(Default)]
struct Reader {
    units: Vec<Unit>,
    facts: Facts,
    section: String,
    tables: usize,
    /// The last line was blank: a new line starts a new part.
    blank: bool,
    footer: bool,
}

impl Reader {
    fn line(&mut self, line: &str) {
        if self.footer {
            if let Some(at) = line.find("SHA-256 `") {
                let rest = &line[at + 9..];
                self.facts.fingerprint = rest.split('`').next().map(str::to_owned);
            }
            return;
        }
        if line.is_empty() {
            self.blank = true;
            return;
        }
        let blank = std::mem::replace(&mut self.blank, false);
        if line == "---" {
            self.footer = true;
        } else if let Some(title) = line.strip_prefix("# ") {
            self.facts.title = Some(plain(title));
            self.open(Kind::Title, "title".to_owned(), None, None);
            self.part(Role::Heading, title);
        } else if let Some((anchor, rest)) = line.strip_prefix("## ").and_then(anchor_of) {
            let (number, title) = rest.split_once(". ").unwrap_or(("", rest));
            self.section = anchor.to_owned();
            self.tables = 0;
            self.open(Kind::Section, anchor.to_owned(), Some(anchor), Some(number));
            self.part(Role::Heading, title);
        } else if let Some((anchor, rest)) = line.strip_prefix("### ").and_then(anchor_of) {
            let kind = if anchor.starts_with("sign-") {
                Kind::Signature
            } else {
                Kind::Checklist
            };
            self.open(kind, anchor.to_owned(), Some(anchor), None);
            self.part(Role::Heading, rest);
        } else if let Some((anchor, rest)) = anchor_of(line) {
            self.clause(anchor, rest);
        } else if line.starts_with('|') {
            self.row(line);
        } else if let Some(task) = line.strip_prefix("- [ ] ") {
            self.part(Role::Task, task);
        } else if let Some(item) = line.strip_prefix("- ") {
            self.item(item);
        } else if blank || self.units.is_empty() {
            self.part(Role::Paragraph, line);
        } else {
            self.continued(line);
        }
    }

    fn open(&mut self, kind: Kind, key: String, anchor: Option<&str>, number: Option<&str>) {
        self.units.push(Unit {
            kind,
            key,
            anchor: anchor.map(str::to_owned),
            number: number.map(str::to_owned),
            parts: Vec::new(),
        });
    }

    fn part(&mut self, role: Role, text: &str) {
        if self.units.is_empty() {
            self.open(Kind::Text, String::new(), None, None);
        }
        if let Some(unit) = self.units.last_mut() {
            unit.parts.push(Piece::one(role, text));
        }
    }

    /// A clause line: `**3.2 Quorum.** text` (or `**3.2** text` for a clause without a heading).
    fn clause(&mut self, anchor: &str, rest: &str) {
        let inner = rest.strip_prefix("**").unwrap_or(rest);
        let close = inner.find("**").unwrap_or(inner.len());
        let (head, text) = (
            &inner[..close],
            inner[close..].trim_start_matches('*').trim(),
        );
        let (number, heading) = head.split_once(' ').unwrap_or((head, ""));
        let heading = heading.strip_suffix('.').unwrap_or(heading);
        self.open(Kind::Clause, anchor.to_owned(), Some(anchor), Some(number));
        self.part(Role::Heading, heading);
        self.part(Role::Text, text);
    }

    fn item(&mut self, item: &str) {
        let in_title = self.units.last().is_some_and(|u| u.kind == Kind::Title);
        if in_title {
            let (label, value) = item.split_once(": ").unwrap_or((item, ""));
            let value = plain(value);
            match label {
                "Charter" => self.facts.id = Some(value),
                "Version" => self.facts.version = Some(value),
                "Effective date" => self.facts.effective_date = Some(value),
                _ => {}
            }
            self.part(Role::Detail, item);
        } else {
            self.part(Role::Item, item);
        }
    }

    fn row(&mut self, line: &str) {
        let cells = cells(line);
        if cells.iter().all(|c| c == "---") {
            return;
        }
        // An execution block's table belongs to its signature block, as the document lays it out.
        let in_table = self
            .units
            .last()
            .is_some_and(|u| u.kind == Kind::Table || u.kind == Kind::Signature);
        if !in_table {
            self.tables += 1;
            let key = format!("{}#table-{}", self.section, self.tables);
            self.open(Kind::Table, key, None, None);
        }
        if let Some(unit) = self.units.last_mut() {
            let role = if !unit
                .parts
                .iter()
                .any(|p| matches!(p.role, Role::Header | Role::Row))
            {
                Role::Header
            } else {
                Role::Row
            };
            unit.parts.push(Piece {
                role,
                cells,
                key: None,
            });
        }
    }

    /// A line that continues the part before it (a paragraph of several lines).
    fn continued(&mut self, line: &str) {
        let last = self
            .units
            .last_mut()
            .and_then(|u| u.parts.last_mut())
            .and_then(|p| p.cells.last_mut());
        match last {
            Some(cell) => {
                cell.push('\n');
                cell.push_str(line);
            }
            None => self.part(Role::Paragraph, line),
        }
    }

    fn finish(self) -> Layout {
        Layout {
            units: self.units,
            facts: self.facts,
            anchored: true,
        }
    }
}

/// `<a id="x"></a>rest` → `("x", "rest")`.
fn anchor_of(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("<a id=\"")?;
    let (anchor, rest) = rest.split_once("\"></a>")?;
    Some((anchor, rest))
}

/// The cells of a table row, split at pipes that are not escaped.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            out.push(cell.trim().to_owned());
            cell.clear();
        } else {
            cell.push(c);
        }
        escaped = !escaped && c == '\\';
    }
    out.push(cell.trim().to_owned());
    out
}

/// Escaped Markdown as plain text.
fn plain(md: &str) -> String {
    crate::render::markdown::Md::raw(md).plain()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_sections_clauses_tables_and_groups() {
        let md = "# Title\n\n- Charter: x\n- Version: 2\n\n## <a id=\"partners\"></a>2. Partners\n\n| Partner | Kind |\n| --- | --- |\n| A \\| B | Industry |\n\n<a id=\"partner-a\"></a>**2.1 A.** A Inc. takes part.\n\n- Contributes: money\n\n### <a id=\"sign-a\"></a>For A Inc.\n\n- Name: Ann\n\n---\n\nGenerated by charter 0.1.0 from an input with SHA-256 `abc`.\n";
        let layout = of_rendered(md);
        let kinds: Vec<Kind> = layout.units.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Title,
                Kind::Section,
                Kind::Table,
                Kind::Clause,
                Kind::Signature
            ]
        );
        assert_eq!(layout.units[2].parts[1].cells, ["A \\| B", "Industry"]);
        assert_eq!(layout.units[3].number.as_deref(), Some("2.1"));
        assert_eq!(layout.units[3].parts[0].cells, ["A"]);
        assert_eq!(layout.units[3].parts[2].role, Role::Item);
        assert_eq!(layout.facts.version.as_deref(), Some("2"));
        assert_eq!(layout.facts.fingerprint.as_deref(), Some("abc"));
    }
}
