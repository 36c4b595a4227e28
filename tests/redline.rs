//! The redline of two laid-out charters: aligned by clause, so that inserting, removing or moving one
//! table marks only what that table says; snapshots of realistic amendments in md, html and json; and the
//! inputs that cannot be aligned.

mod common;

use std::ops::Range;

use charter::diff::align::{self, Redline, Status};
use charter::diff::effects::Derived;
use charter::diff::layout::{self, Kind, Layout};
use charter::diff::{self, Format, Options, Side};
use charter::pipeline::check;
use charter::render;
use charter::source::Source;
use proptest::prelude::*;

/// The kinds of table the law is checked for, as they are written in TOML.
const TABLES: [&str; 6] = [
    "partners",
    "bodies",
    "data_flows",
    "obligations",
    "phases",
    "decisions",
];

/// The byte ranges of every `[[kind]]` table, sub-tables (`[[bodies.members]]`) included.
fn tables(text: &str, kind: &str) -> Vec<Range<usize>> {
    let header = format!("[[{kind}]]");
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == header {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
        .into_iter()
        .map(|start| {
            let mut end = start + header.len();
            let mut offset = end;
            for line in text[end..].split_inclusive('\n') {
                let t = line.trim_start();
                let nested =
                    t.starts_with(&format!("[[{kind}.")) || t.starts_with(&format!("[{kind}."));
                if t.starts_with('[') && !nested && offset > start + header.len() {
                    break;
                }
                offset += line.len();
                end = offset;
            }
            start..end
        })
        .collect()
}

fn id_of(table: &str) -> Option<String> {
    let line = table.lines().find(|l| l.starts_with("id = "))?;
    Some(
        line.trim_start_matches("id = ")
            .trim_matches('"')
            .to_owned(),
    )
}

/// One edit of one table, and the id of the table it touches.
#[derive(Debug, Clone, Copy)]
enum Edit {
    Remove,
    Move,
    Insert,
}

fn apply(text: &str, kind: &str, edit: Edit, i: usize, j: usize) -> Option<(String, String)> {
    let found = tables(text, kind);
    if found.is_empty() {
        return None;
    }
    let range = found[i % found.len()].clone();
    let table = &text[range.clone()];
    let id = id_of(table)?;
    let without = format!("{}{}", &text[..range.start], &text[range.end..]);
    match edit {
        Edit::Remove => Some((without, id)),
        Edit::Move => {
            let rest = tables(&without, kind);
            let at = if j % (rest.len() + 1) == rest.len() {
                rest.last()?.end
            } else {
                rest[j % (rest.len() + 1)].start
            };
            Some((format!("{}{table}{}", &without[..at], &without[at..]), id))
        }
        Edit::Insert => {
            let new_id = format!("zz-{id}");
            let copy = table
                .replacen(&format!("id = \"{id}\""), &format!("id = \"{new_id}\""), 1)
                .replacen("short_name = \"", "short_name = \"Second ", 1)
                .replacen("legal_name = \"", "legal_name = \"Second ", 1)
                .replacen("\nname = \"", "\nname = \"Second ", 1);
            let at = found[j % found.len()].start;
            Some((format!("{}{copy}{}", &text[..at], &text[at..]), new_id))
        }
    }
}

/// The laid-out document of a valid charter, and the same read back from its rendered Markdown.
fn laid_out(text: &str) -> Option<(Layout, Layout)> {
    let source = Source::new("p.toml", text.as_bytes().to_vec());
    let valid = check(&source).0?;
    let doc = render::document::build(&valid, render::fingerprint(&source.bytes));
    let markdown = render::markdown(&valid, &source).expect("a valid charter renders");
    Some((
        layout::of_document(&doc),
        charter::diff::reread::of_rendered(&markdown),
    ))
}

/// A block's words with clause numbers taken out, so that renumbering alone is no change.
fn words_of(layout: &Layout, key: &str) -> Option<String> {
    let unit = layout.units.iter().find(|u| u.key == key)?;
    let text: Vec<String> = unit
        .parts
        .iter()
        .flat_map(|p| p.cells.iter())
        .map(|c| {
            let mut out = String::new();
            let mut chars = c.chars().peekable();
            while let Some(ch) = chars.next() {
                out.push(ch);
                if ch == '§' {
                    while chars
                        .peek()
                        .is_some_and(|c| c.is_ascii_digit() || *c == '.')
                    {
                        chars.next();
                    }
                }
            }
            out
        })
        .collect();
    Some(text.join("\n"))
}

/// The blocks of the redline that the edit of table `id` may mark: its own clauses, the tables and
/// checklists that list it, and section headings that come or go with it.
fn may_be_marked(block: &align::Block, id: &str) -> bool {
    block.anchor.as_deref().is_some_and(|a| a.contains(id))
        || matches!(
            block.kind,
            Kind::Table | Kind::Checklist | Kind::Section | Kind::Title
        )
}

/// The anchors of clauses the md or html redline marks, found in the written output.
fn marked_anchors(written: &str, marks: &[&str]) -> Vec<String> {
    written
        .split("<a id=\"")
        .skip(1)
        .filter(|segment| marks.iter().any(|m| segment.contains(m)))
        .map(|segment| segment[..segment.find('"').unwrap_or(0)].to_owned())
        .collect()
}

fn check_law(
    redline: &Redline,
    (old, new): (&Layout, &Layout),
    id: &str,
    edit: Edit,
) -> Result<(), TestCaseError> {
    let mut unmarked_ok = Vec::new();
    for block in &redline.blocks {
        if may_be_marked(block, id) {
            continue;
        }
        // Two neighbours swapped are one move either way: the redline may name either one as moved.
        let only_moved = matches!(block.status, Status::Moved { .. })
            && block
                .parts
                .iter()
                .all(|p| p.status == align::PartStatus::Same);
        if matches!(edit, Edit::Move) && only_moved {
            continue;
        }
        let key = block.anchor.clone().unwrap_or_default();
        let same_words = words_of(old, &key) == words_of(new, &key);
        if same_words {
            prop_assert_eq!(
                &block.status,
                &Status::Same,
                "{} is marked: {:?}",
                key,
                block
            );
            unmarked_ok.push(key);
        }
    }
    let header = charter::diff::report::Header::new("old", "new", redline);
    let summary = charter::diff::report::of_blocks(redline);
    let none = charter::diff::view::Renumbered::default();
    let md = charter::diff::markdown::write(&header, &summary, &[], redline, &none);
    let html = charter::diff::page::write(&header, &summary, &[], redline, &none);
    for (written, marks) in [
        (&md, &["{++", "{--", "{>>"][..]),
        (&html, &["<ins>", "<del>", "class=\"moved\""][..]),
    ] {
        for anchor in marked_anchors(written, marks) {
            prop_assert!(
                !unmarked_ok.contains(&anchor),
                "{} is marked in the written redline",
                anchor
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn one_table_edited_marks_only_what_that_table_says(
        example in 0usize..8,
        kind in 0usize..TABLES.len(),
        edit in prop_oneof![Just(Edit::Remove), Just(Edit::Move), Just(Edit::Insert)],
        i in 0usize..16,
        j in 0usize..16,
    ) {
        let mut texts = common::example_texts();
        texts.push((common::root().join("tests/fixtures/valid/complete.toml"), std::fs::read_to_string(common::root().join("tests/fixtures/valid/complete.toml")).expect("fixture")));
        let (_, text) = &texts[example % texts.len()];
        let Some((edited, id)) = apply(text, TABLES[kind], edit, i, j) else {
            return Ok(());
        };
        let (Some(old), Some(new)) = (laid_out(text), laid_out(&edited)) else {
            // The edit left an invalid charter (a removed partner still named elsewhere): nothing to compare.
            return Ok(());
        };
        // Laid out from the charters, and read back from their rendered Markdown.
        for (old, new) in [(&old.0, &new.0), (&old.1, &new.1)] {
            let redline = align::compare(old, new);
            check_law(&redline, (old, new), &id, edit)?;
        }
    }
}

fn report(old: &str, new: &str, format: Format) -> String {
    report_with(old, new, format, false)
}

/// The report of two charters in a format, whole or of the changes only.
fn report_with(old: &str, new: &str, format: Format, changed_only: bool) -> String {
    let (old_src, new_src) = (
        Source::new("v1.toml", old.into()),
        Source::new("v2.toml", new.into()),
    );
    let (old_valid, old_found) = check(&old_src);
    let (new_valid, new_found) = check(&new_src);
    let (old_valid, new_valid) = (
        old_valid.expect("old is valid"),
        new_valid.expect("new is valid"),
    );
    let side = |name: &'static str, src: &Source, valid, found| {
        let derived = Derived::of(valid, &render::checklist(valid), found);
        Side::laid_out(name, valid, &src.bytes).with_effects(derived)
    };
    let (o, n) = (
        side("v1.toml", &old_src, &old_valid, &old_found),
        side("v2.toml", &new_src, &new_valid, &new_found),
    );
    let options = Options {
        format,
        rendered: false,
        color: false,
        mark_renumbered: false,
        changed_only,
    };
    diff::diff(&o, &n, options).report
}

/// The html redline without the stylesheet, which every redline shares.
fn html_without_style(html: &str) -> String {
    let start = html.find("<style>").unwrap_or(0);
    let end = html.find("</style>").map_or(0, |e| e + 8);
    format!("{}<style>…</style>{}", &html[..start], &html[end..])
}

/// The realistic amendments: each a name and the edit that makes it.
fn amendments() -> Vec<(&'static str, String)> {
    let base = common::complete_fixture();
    let bumped = |text: String| text.replacen("version = \"1.0\"", "version = \"1.1\"", 1);
    let obligation = "[[obligations]]\nid = \"bias-audit\"\nowner = \"harbor\"\naction = \"Audit the algorithm's accuracy for bias across patient groups\"\ncadence = \"annually\"\nevidence = \"Audit report to the Clinical Board\"\n\n";
    let first_obligation = base.find("[[obligations]]").expect("obligations");
    let flows = tables(&base, "data_flows");
    let (a, b) = (flows[0].clone(), flows[1].clone());
    let moved_flow = format!(
        "{}{}{}{}",
        &base[..a.start],
        &base[b.clone()],
        &base[a.clone()],
        &base[b.end..]
    );
    vec![
        (
            "added-obligation",
            bumped(format!(
                "{}{obligation}{}",
                &base[..first_obligation],
                &base[first_obligation..]
            )),
        ),
        (
            "changed-threshold",
            bumped(common::edit(
                &base,
                &[("threshold_usd = 5000", "threshold_usd = 2500")],
            )),
        ),
        (
            "rewritten-mandate",
            bumped(common::edit(
                &base,
                &[(
                    "mandate = \"Runs budget, contracts and amendments, and breaks deadlocks of the Clinical Board.\"",
                    "mandate = \"Approves the budget and every contract above USD 50,000, and breaks deadlocks of the [[body:board]].\"",
                )],
            )),
        ),
        ("moved-data-flow", bumped(moved_flow)),
        (
            "withdrawn-partner",
            bumped(common::edit(&base, common::PINE_VALLEY_WITHDRAWS)),
        ),
    ]
}

#[test]
fn realistic_amendments_in_md_html_and_json() {
    let base = common::complete_fixture();
    for (name, amended) in amendments() {
        let md = report(&base, &amended, Format::Md);
        let html = report(&base, &amended, Format::Html);
        let json = report(&base, &amended, Format::Json);
        insta::assert_snapshot!(format!("{name}.md"), md);
        insta::assert_snapshot!(format!("{name}.html"), html_without_style(&html));
        insta::assert_snapshot!(format!("{name}.json"), json);
    }
}

#[test]
fn an_added_obligation_marks_only_itself_and_its_checklist_item() {
    let base = common::complete_fixture();
    let (_, amended) = amendments().remove(0);
    let md = report(&base, &amended, Format::Md);
    let body = &md[md.find("\n---\n").expect("body")..];
    let marked: Vec<&str> = body
        .lines()
        .filter(|l| !l.starts_with("- Version:") && (l.contains("{++") || l.contains("{--")))
        .collect();
    assert_eq!(marked.len(), 2, "{marked:#?}");
    assert!(
        marked[0].starts_with("<a id=\"obligation-bias-audit\"></a>**11.1"),
        "{marked:#?}"
    );
    assert!(
        marked[1].starts_with("- [ ] {++Audit the algorithm"),
        "{marked:#?}"
    );
    assert!(
        md.contains("§11.1–11.3 → §11.2–11.4"),
        "renumbering shown once: {md}"
    );
}

#[test]
fn every_renumbering_is_marked_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, amended) = amendments().remove(0);
    std::fs::write(dir.path().join("v1.toml"), common::complete_fixture()).expect("write v1");
    std::fs::write(dir.path().join("v2.toml"), amended).expect("write v2");
    let redline = |format: &str, mark: bool| {
        let mut cmd = charter_cmd(dir.path());
        cmd.args(["diff", "v1.toml", "v2.toml", "--format", format]);
        if mark {
            cmd.arg("--mark-renumbered");
        }
        let out = cmd.assert().code(1).get_output().stdout.clone();
        String::from_utf8(out).expect("utf-8")
    };
    let (md, marked_md) = (redline("md", false), redline("md", true));
    let (html, marked_html) = (redline("html", false), redline("html", true));
    assert!(!md.contains("was §"), "{md}");
    assert!(!html.contains("was §"), "{html}");
    assert!(!html.contains("class=\"renumbered\""), "{html}");
    // Both list the renumbering once.
    for text in [&md, &marked_md] {
        assert!(text.contains("§11.1–11.3 → §11.2–11.4"), "{text}");
    }
    // The clause now 11.2 carries its old number; the inserted 11.1 has none.
    let line = |text: &str, start: &str| -> String {
        text.lines()
            .find(|l| l.contains(start))
            .unwrap_or_else(|| panic!("no line with {start}: {text}"))
            .to_owned()
    };
    assert!(
        line(&marked_md, "**11.2 ").contains("** {>>was §11.1<<}"),
        "{marked_md}"
    );
    assert!(
        !line(&marked_md, "**11.1 ").contains("was §"),
        "{marked_md}"
    );
    // So does every reference to a renumbered clause, in the checklist among others.
    let references = marked_md.matches(") {>>was §11.").count();
    assert!(
        references >= 3,
        "{references} references marked: {marked_md}"
    );
    assert!(marked_md.contains("{>>was §N<<}"), "legend: {marked_md}");
    assert!(
        marked_html.contains("<span class=\"renumbered\">was §11.1</span>"),
        "{marked_html}"
    );
    assert!(marked_html.contains(".renumbered {"), "its style");
    // Nothing else changes: without the marks, the marked redline is the plain one.
    let mut unmarked = marked_md.replace(
        " A renumbered clause or § reference carries its old number: {>>was §N<<}.",
        "",
    );
    while let Some(at) = unmarked.find(" {>>was §") {
        let end = at + unmarked[at..].find("<<}").expect("a closed note") + 3;
        unmarked.replace_range(at..end, "");
    }
    assert_eq!(unmarked, md);
}

/// The marked lines of a Markdown redline's document (after the summary), in order.
fn marked_lines(md: &str) -> Vec<&str> {
    let body = &md[md.find("\n---\n").expect("body")..];
    body.lines()
        .filter(|l| l.contains("{++") || l.contains("{--") || l.contains("{>>"))
        .collect()
}

#[test]
fn a_changed_only_redline_keeps_every_change_under_its_section_and_nothing_else() {
    let base = common::complete_fixture();
    for (name, amended) in amendments() {
        let whole = report(&base, &amended, Format::Md);
        let short = report_with(&base, &amended, Format::Md, true);
        assert_eq!(
            marked_lines(&short),
            marked_lines(&whole),
            "{name}: {short}"
        );
        assert!(
            short.len() * 3 < whole.len(),
            "{name}: {} of {} bytes",
            short.len(),
            whole.len()
        );
        // The summary is the same, and says what was left out.
        let summary = |md: &str| {
            md[md.find("## Changes").expect("summary")..md.find("\n---\n").expect("body")]
                .to_owned()
        };
        assert_eq!(summary(&short), summary(&whole), "{name}");
        assert!(
            short.contains("Only what changed is shown, with the heading of its section:"),
            "{name}: {short}"
        );
        assert!(
            short.contains("unchanged blocks are left out"),
            "{name}: {short}"
        );
        // Every marked clause stands under its own section's heading.
        let body = &short[short.find("\n---\n").expect("body")..];
        let mut section = None;
        for line in body.lines() {
            if line.starts_with("## ") {
                section = line
                    .split_once("</a>")
                    .map(|(_, h)| h.split('.').next().unwrap_or("").to_owned());
            }
            if let Some(number) = line
                .split_once("</a>**")
                .and_then(|(_, rest)| rest.split('.').next())
                && (line.contains("{++") || line.contains("{--"))
            {
                assert_eq!(
                    section.as_deref(),
                    Some(number),
                    "{name}: {line} under {section:?}"
                );
            }
        }
        // Links go only to what the redline shows.
        for link in short.split("](#").skip(1) {
            let anchor = &link[..link.find(')').expect("link end")];
            assert!(
                short.contains(&format!("<a id=\"{anchor}\">")),
                "{name}: #{anchor} is not in {short}"
            );
        }
        let (html, whole_html) = (
            report_with(&base, &amended, Format::Html, true),
            report(&base, &amended, Format::Html),
        );
        for tag in ["<ins>", "<del>"] {
            assert_eq!(
                html.matches(tag).count(),
                whole_html.matches(tag).count(),
                "{name}: {tag}"
            );
        }
        assert!(html.contains("unchanged blocks are left out"), "{name}");
        for link in html.split("href=\"#").skip(1) {
            let anchor = &link[..link.find('"').expect("link end")];
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "{name}: #{anchor} is not in the html"
            );
        }
    }
}

#[test]
fn a_changed_only_redline_of_identical_charters_shows_no_clause() {
    let base = common::complete_fixture();
    let short = report_with(&base, &base, Format::Md, true);
    assert!(marked_lines(&short).is_empty(), "{short}");
    let body = &short[short.find("\n---\n").expect("body") + 5..];
    assert!(
        body.trim_start().starts_with("---\n\nRedline by charter"),
        "{short}"
    );
    assert!(short.contains("0 changes."), "{short}");
}

#[test]
fn changed_only_is_refused_for_a_word_redline_and_works_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = common::complete_fixture();
    let (_, amended) = amendments().remove(0);
    std::fs::write(dir.path().join("v1.toml"), &base).expect("write");
    std::fs::write(dir.path().join("v2.toml"), &amended).expect("write");
    let out = charter_cmd(dir.path())
        .args([
            "diff",
            "v1.toml",
            "v2.toml",
            "--format",
            "docx",
            "--changed-only",
            "-o",
            "r.docx",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a Word redline is always the whole document"),
        "{stderr}"
    );
    assert!(!dir.path().join("r.docx").exists());
    let out = charter_cmd(dir.path())
        .args([
            "diff",
            "v1.toml",
            "v2.toml",
            "--format",
            "md",
            "--changed-only",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(md, report_with(&base, &amended, Format::Md, true));
}

fn charter_cmd(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

#[test]
fn bad_inputs_are_named_not_silently_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    let base = common::complete_fixture();
    write("v1.toml", &base);
    write(
        "other.toml",
        &base.replacen("id = \"stroke-validation\"", "id = \"another-charter\"", 1),
    );
    write(
        "same-version.toml",
        &common::edit(&base, &[("threshold_usd = 5000", "threshold_usd = 2500")]),
    );
    write(
        "bad.toml",
        &common::edit(
            &base,
            &[("threshold_usd = 5000", "threshold_usd = \"five\"")],
        ),
    );
    write(
        "notes-1.md",
        "# Notes\n\nThe board meets monthly.\n\nSigned by University A and University B.\n",
    );
    write(
        "notes-2.md",
        "# Notes\n\nThe board meets quarterly.\n\nSigned by University A.\n",
    );
    let run = |args: &[&str]| charter_cmd(dir.path()).args(args).output().expect("runs");
    let stdout = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();

    let other = run(&["diff", "v1.toml", "other.toml", "-f", "md"]);
    assert!(
        stdout(&other).contains(
            "These are different charters (\"stroke-validation\" and \"another-charter\")"
        ),
        "{}",
        stdout(&other)
    );
    let same = run(&["diff", "v1.toml", "same-version.toml"]);
    assert!(
        stdout(&same).starts_with("warning: Both versions carry version 1.0"),
        "{}",
        stdout(&same)
    );

    let bad = run(&["diff", "v1.toml", "bad.toml", "-f", "html"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty(), "an invalid version is not diffed");
    assert!(
        common::stderr_of(&bad).contains("E01"),
        "{}",
        common::stderr_of(&bad)
    );

    let text = run(&["diff", "notes-1.md", "notes-2.md", "-f", "md"]);
    assert_eq!(text.status.code(), Some(1));
    let md = stdout(&text);
    assert!(md.contains("no clause alignment was possible"), "{md}");
    assert!(
        md.contains("The board meets {--monthly--}{++quarterly++}."),
        "{md}"
    );
    assert!(
        md.contains("Signed by University A{-- and University B--}."),
        "{md}"
    );
}

#[test]
fn two_rendered_documents_are_aligned_by_clause_as_their_charters_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, amended) = amendments().remove(0);
    std::fs::write(dir.path().join("v1.toml"), common::complete_fixture()).expect("write");
    std::fs::write(dir.path().join("v2.toml"), &amended).expect("write");
    let run = |args: &[&str]| charter_cmd(dir.path()).args(args).output().expect("runs");
    for v in ["v1", "v2"] {
        let out = run(&["render", &format!("{v}.toml"), "-o", &format!("{v}.md")]);
        assert_eq!(out.status.code(), Some(0));
    }
    let from_docs =
        String::from_utf8_lossy(&run(&["diff", "v1.md", "v2.md", "-f", "md"]).stdout).into_owned();
    let from_charters = String::from_utf8_lossy(
        &run(&["diff", "v1.toml", "v2.toml", "-f", "md", "--rendered"]).stdout,
    )
    .into_owned();
    let body = |md: &str| md[md.find("\n---\n").expect("body")..].to_owned();
    assert!(
        body(&from_docs) == body(&from_charters),
        "the redline of the documents differs from that of their charters:\n{from_docs}"
    );
    assert!(!from_docs.contains("no clause alignment"), "{from_docs}");
}

#[test]
fn effects_are_worked_out_from_the_two_charters() {
    let base = common::complete_fixture();
    let voting = common::edit(
        &base,
        &[(
            "{ partner = \"medisoft\", role = \"vendor scientist (non-voting)\" },",
            "{ partner = \"medisoft\", role = \"vendor scientist\", voting = true },",
        )],
    );
    let text = report(&base, &voting, Format::Text);
    assert!(
        text.contains("Quorum › Clinical Board: 3 of 4 → 3 of 5 voting seats (§4.4)"),
        "{text}"
    );
    assert!(
        text.contains("Warnings › new warning W0432: MediSoft (sponsor) votes"),
        "{text}"
    );
    let back = report(&voting, &base, Format::Text);
    assert!(back.contains("Warnings › resolved warning W0432"), "{back}");

    let start = base.find("[review]\n").expect("review");
    let end = base[start + 1..]
        .find("\n[")
        .map_or(base.len(), |e| start + 2 + e);
    let without_review = format!("{}{}", &base[..start], &base[end..]);
    let text = report(&base, &without_review, Format::Text);
    assert!(
        text.contains("Coverage › Performance review: covered → "),
        "{text}"
    );
    assert!(
        text.contains("Checklist › Executive Committee: Assess the partnership"),
        "{text}"
    );
    let json = report(&base, &without_review, Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(
        value["effects"].as_array().is_some_and(|e| !e.is_empty()),
        "{json}"
    );
}

#[test]
fn the_checklist_from_clause_numbers_is_the_documents_own() {
    for (path, text) in common::example_texts() {
        let source = Source::new("p.toml", text.into_bytes());
        let valid = check(&source).0.expect("valid");
        let clauses = render::document::clause_numbers(&valid);
        let alone = Derived::checklist(&valid, &clauses);
        let from_document = render::checklist(&valid);
        let keys = |groups: &[charter::render::checklist::Group]| -> Vec<(String, String, String)> {
            groups
                .iter()
                .flat_map(|g| {
                    g.items
                        .iter()
                        .map(|i| (g.anchor.clone(), i.key.clone(), i.clause.number.clone()))
                })
                .collect()
        };
        assert_eq!(keys(&alone), keys(&from_document), "{}", path.display());
    }
}

#[test]
fn markdown_charter_did_not_write_reaches_the_redline_inert() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.md");
    let new = dir.path().join("new.md");
    std::fs::write(
        &old,
        "# Notes\n\nSee [the policy](https://example.org/p).\n",
    )
    .expect("write");
    std::fs::write(
        &new,
        "# Notes\n\nSee [the policy](JaVaScRiPt:alert(1)) and ![x](https://evil.example/x.png).\n\n<img src=x onerror=alert(1)>\n\n[ref]: javascript:alert(2)\n",
    )
    .expect("write");
    for format in ["md", "html"] {
        let out = common::charter()
            .args(["diff", "--format", format])
            .arg(&old)
            .arg(&new)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{}", common::stderr_of(&out));
        let text = String::from_utf8(out.stdout).expect("utf-8").to_lowercase();
        assert!(!text.contains("](javascript:"), "{format}: {text}");
        assert!(!text.contains("href=\"javascript:"), "{format}: {text}");
        assert!(!text.contains("<img"), "{format}: {text}");
        if format == "md" {
            assert!(!text.contains("![x]("), "an image stays text: {text}");
        }
        assert!(
            text.contains("https://example.org/p"),
            "{format}: a safe link is kept"
        );
    }
}
