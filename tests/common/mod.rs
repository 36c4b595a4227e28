//! Helpers shared by the integration tests. Each test crate uses a subset, hence the allowance.
#![allow(dead_code)]

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

/// The project's root folder.
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `charter` binary, run from the project's root, with colour off.
pub(crate) fn charter() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1").current_dir(root());
    cmd
}

/// What a command printed on standard error.
pub(crate) fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The `.toml` files directly in a folder of the project, sorted.
pub(crate) fn toml_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// The example charters, sorted.
pub(crate) fn examples() -> Vec<PathBuf> {
    toml_files("charters")
}

/// The example charters with their text.
pub(crate) fn example_texts() -> Vec<(PathBuf, String)> {
    examples()
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).expect("readable example");
            (p, text)
        })
        .collect()
}

/// Spans (quotes included) and values of every string in a TOML document, in document order.
pub(crate) fn string_leaves(text: &str) -> Vec<(Range<usize>, String)> {
    fn walk(value: &DeValue<'_>, span: Range<usize>, out: &mut Vec<(Range<usize>, String)>) {
        match value {
            DeValue::String(s) => out.push((span, s.to_string())),
            DeValue::Array(items) => items.iter().for_each(|i| walk(i.get_ref(), i.span(), out)),
            DeValue::Table(t) => t.iter().for_each(|(_, v)| walk(v.get_ref(), v.span(), out)),
            _ => {}
        }
    }
    let tree = DeTable::parse(text).expect("valid TOML");
    let mut out = Vec::new();
    for (_, v) in tree.get_ref() {
        walk(v.get_ref(), v.span(), &mut out);
    }
    out.sort_by_key(|(span, _)| span.start);
    out
}

/// An external program a test needs, at `$env_var` or else at `default`. When it is missing the test says
/// so and is skipped (`None`), unless `require` is set in the environment, as `.ci/run` sets it after
/// installing the program: then a missing program fails the test.
pub(crate) fn tool(
    env_var: &str,
    default: &Path,
    require: &str,
    skipping: &str,
) -> Option<PathBuf> {
    let path = std::env::var_os(env_var).map_or_else(|| default.to_path_buf(), PathBuf::from);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os(require).is_none(),
        "{require} is set but there is nothing at {}",
        path.display()
    );
    #[allow(clippy::print_stderr, reason = "a skipped test must say why")]
    {
        eprintln!("skipping {skipping}: nothing at {}", path.display());
    }
    None
}

/// Headless Chromium, at `$CHROMIUM` or `/usr/bin/chromium`, required under `CHARTER_REQUIRE_CHROMIUM`.
pub(crate) fn chromium(skipping: &str) -> Option<PathBuf> {
    tool(
        "CHROMIUM",
        Path::new("/usr/bin/chromium"),
        "CHARTER_REQUIRE_CHROMIUM",
        skipping,
    )
}

/// Whether a DOCX reader (pandoc, LibreOffice, poppler) runs; when not, the test is skipped, unless CI
/// insists with `CHARTER_REQUIRE_DOCX_READERS`.
pub(crate) fn available(tool: &str, args: &[&str]) -> bool {
    let runs = std::process::Command::new(tool)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        assert!(
            std::env::var_os("CHARTER_REQUIRE_DOCX_READERS").is_none(),
            "CHARTER_REQUIRE_DOCX_READERS is set but `{tool}` does not run"
        );
        #[allow(clippy::print_stderr, reason = "a skipped test must say why")]
        {
            eprintln!("skipping: `{tool}` is not installed or does not run");
        }
    }
    runs
}

/// Converts documents to PDF in `dir` with one headless LibreOffice, with a profile of its own so that it
/// never meets a running one, and insists that it succeeds.
pub(crate) fn soffice_to_pdf(dir: &Path, docs: &[PathBuf]) {
    let profile = tempfile::tempdir().expect("profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(docs)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The valid fixture with every kind of term, which the amendment tests edit.
pub(crate) fn complete_fixture() -> String {
    fs::read_to_string(root().join("tests/fixtures/valid/complete.toml")).expect("fixture")
}

/// Applies text replacements, insisting that each one matches.
pub(crate) fn edit(text: &str, replacements: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (from, to) in replacements {
        assert!(
            out.contains(from),
            "the fixture no longer contains {from:?}"
        );
        out = out.replacen(from, to, 1);
    }
    out
}

/// The edits of the complete fixture by which Pine Valley withdraws: its withdrawal date, and its seats,
/// its chair and its data removed.
pub(crate) const PINE_VALLEY_WITHDRAWS: &[(&str, &str)] = &[
    (
        "data_ceiling = \"aggregate\"\n",
        "data_ceiling = \"aggregate\"\nwithdrawn = 2026-06-30\n",
    ),
    (
        "  { partner = \"pine-valley\", role = \"site lead\" },\n",
        "",
    ),
    ("  { partner = \"pine-valley\" },\n", ""),
    (
        "chair = { partner = \"pine-valley\", term = \"1 year\", renewable = false }",
        "chair = { partner = \"harbor\", term = \"1 year\", renewable = false }",
    ),
    (
        "recipients = [\"harbor\", \"pine-valley\"]",
        "recipients = [\"harbor\"]",
    ),
];

/// The flags of every headless Chromium the tests start: no sandbox (CI runs as root), no GPU, and nothing
/// that reaches for the network or updates itself.
pub(crate) const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// A file of the project (an example, a fixture) with each replacement made once, as [`edit`] makes it.
pub(crate) fn edited(path: &str, replacements: &[(&str, &str)]) -> String {
    let text = fs::read_to_string(root().join(path)).expect("readable file");
    edit(&text, replacements)
}

/// `charter ARGS` with `text` on standard input (an argument `-`): its exit code, standard output and
/// standard error.
pub(crate) fn run_stdin(args: &[&str], text: &str) -> (Option<i32>, String, String) {
    let out = charter()
        .args(args)
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    let stderr = stderr_of(&out);
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf-8"),
        stderr,
    )
}

/// The Markdown document `charter render` writes for `text`, which must render.
pub(crate) fn markdown(text: &str) -> String {
    let (code, md, stderr) = run_stdin(&["render", "--format", "md", "-o", "-", "-"], text);
    assert_eq!(code, Some(0), "{stderr}");
    md
}

/// The items of the JSON checklist of `text`, a valid charter.
pub(crate) fn checklist_items(text: &str) -> Vec<serde_json::Value> {
    let (code, json, stderr) = run_stdin(&["checklist", "--format", "json", "-o", "-", "-"], text);
    assert_eq!(code, Some(0), "{stderr}");
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
    match value["items"].take() {
        serde_json::Value::Array(items) => items,
        other => panic!("no items in the checklist: {other}"),
    }
}

/// The item of that checklist with `key`.
pub(crate) fn checklist_item(text: &str, key: &str) -> serde_json::Value {
    checklist_items(text)
        .into_iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no checklist item {key}"))
}

/// The term-level changes from `old` to `new`, both valid charters, as the text report.
pub(crate) fn term_changes(old: &str, new: &str) -> String {
    use charter::diff::{self, Format, Options, Side};
    use charter::pipeline::check;
    use charter::source::Source;
    let (old, new) = (
        Source::new("old.toml", old.as_bytes().to_vec()),
        Source::new("new.toml", new.as_bytes().to_vec()),
    );
    let old_valid = check(&old).0.expect("old is valid");
    let new_valid = check(&new).0.expect("new is valid");
    diff::diff(
        &Side::laid_out("old.toml", &old_valid, &old.bytes),
        &Side::laid_out("new.toml", &new_valid, &new.bytes),
        Options {
            format: Format::Text,
            rendered: false,
            color: false,
            mark_renumbered: false,
            changed_only: false,
        },
    )
    .report
}
