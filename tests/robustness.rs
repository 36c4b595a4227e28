//! No input makes `charter` panic: truncated, corrupted and odd inputs all end in diagnostics or a render.

use std::fs;
use std::path::Path;

use charter::pipeline::check;
use charter::source::Source;

fn example() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("charters/sepsis-advisory-board.toml"))
        .expect("example")
}

/// Checks, and renders when valid; the point is that nothing panics.
fn exercise(bytes: Vec<u8>) -> usize {
    let source = Source::new("fuzz.toml", bytes);
    let (valid, diagnostics) = check(&source);
    if let Some(valid) = valid {
        charter::render::markdown(&valid, &source).expect("a valid charter renders");
        charter::render::html(&valid, &source).expect("a valid charter renders");
    }
    for d in &diagnostics {
        assert!(
            d.span.start <= source.text.len() + 1,
            "span out of range: {d:?}"
        );
    }
    diagnostics.len()
}

#[test]
fn truncation_at_any_point_is_reported_not_a_panic() {
    let bytes = example();
    // Cut before `[term]`, a required section is missing, so the charter cannot be valid.
    let term = String::from_utf8_lossy(&bytes)
        .find("\n[term]")
        .expect("example has [term]");
    for cut in (0..bytes.len()).step_by(37) {
        let reported = exercise(bytes[..cut].to_vec());
        assert!(
            cut > term || reported > 0,
            "a charter cut at byte {cut} should not be valid"
        );
    }
}

#[test]
fn flipped_bytes_are_reported_not_a_panic() {
    let bytes = example();
    for at in (0..bytes.len()).step_by(53) {
        let mut corrupted = bytes.clone();
        corrupted[at] ^= 0xA5;
        exercise(corrupted);
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let text = String::from_utf8(example()).expect("utf-8");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    let source = Source::new("crlf.toml", bytes);
    let (valid, diagnostics) = check(&source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let md = charter::render::markdown(&valid.expect("valid"), &source).expect("renders");
    assert!(!md.contains('\r'));
}

#[test]
fn empty_and_odd_inputs_are_reported() {
    for input in [
        &b""[..],
        b"\0\0\0",
        b"[[[",
        b"schema_version = 2",
        b"partners = 3",
        b"a = [[[[[[[[[[1]]]]]]]]]]",
    ] {
        assert!(exercise(input.to_vec()) > 0, "{input:?}");
    }
}

#[test]
fn fuzz_findings_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
    {
        exercise(fs::read(path).expect("finding"));
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    for deep in [
        format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("a = {}1{}", "{ b = ".repeat(50_000), " }".repeat(50_000)),
        format!(
            "{}\nx = 1\n",
            (0..5_000)
                .map(|i| format!("[t{i}]"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    ] {
        assert!(exercise(deep.into_bytes()) > 0);
    }
}

#[test]
fn huge_arrays_in_a_valid_charter_still_render() {
    let minimal = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml"),
    )
    .expect("minimal");
    let goals: Vec<String> = (0..20_000)
        .map(|i| format!("\"Goal number {i}\""))
        .collect();
    let start = minimal.find("goals = ").expect("goals");
    let end = start + minimal[start..].find('\n').expect("end of line");
    let huge = format!(
        "{}goals = [{}]{}",
        &minimal[..start],
        goals.join(", "),
        &minimal[end..]
    );
    let source = Source::new("huge.toml", huge.into_bytes());
    let (valid, diagnostics) = check(&source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let md = charter::render::markdown(&valid.expect("valid"), &source).expect("renders");
    assert!(md.contains("- Goal number 19999\n"));
}
