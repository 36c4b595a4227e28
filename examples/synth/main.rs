//! Writes a synthetic charter of any size for benchmarks, and checks that it is valid.
//!
//! ```sh
//! cargo run --release --example synth -- --partners 1000 --obligations 10000 -o target/synth-1000.toml
//! cargo run --release --example synth -- --partners 1000 --obligations 10000 --amended -o target/synth-1000-v2.toml
//! ```
//!
//! Options: `--partners N` (default 20, at least 4), `--obligations M` (default ten per partner), `--seed S`
//! (default 1; the same size and seed always give the same bytes), `--amended` (a later version of the
//! same charter, for `charter diff`), `-o FILE` (default standard output), `--no-check` (skip the check).

#![allow(clippy::print_stderr)]

mod generator;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use generator::Spec;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("synth: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let mut spec = Spec {
        partners: 20,
        obligations: 0,
        seed: 1,
        version: 1,
    };
    let mut obligations = None;
    let mut out: Option<PathBuf> = None;
    let mut check = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--partners" => spec.partners = number(&value("--partners")?)?,
            "--obligations" => obligations = Some(number(&value("--obligations")?)?),
            "--seed" => spec.seed = number(&value("--seed")?)? as u64,
            "--amended" => spec.version = 2,
            "-o" | "--out" => out = Some(PathBuf::from(value("-o")?)),
            "--no-check" => check = false,
            "-h" | "--help" => {
                eprintln!(
                    "usage: synth [--partners N] [--obligations M] [--seed S] [--amended] [-o FILE] [--no-check]"
                );
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument `{other}`; see --help")),
        }
    }
    if spec.partners < 4 {
        return Err("--partners must be at least 4".into());
    }
    spec.obligations = obligations.unwrap_or(10 * spec.partners);
    let text = generator::charter(&spec);
    if check {
        let source = charter::source::Source::new("synthetic.toml", text.clone().into_bytes());
        let (valid, diagnostics) = charter::pipeline::check(&source);
        if valid.is_none() {
            for d in diagnostics.iter().filter(|d| d.is_error()).take(5) {
                let (line, column) = charter::source::line_column(&text, d.span.start);
                eprintln!("synth: {line}:{column}: {} {}", d.rule.code, d.message);
            }
            return Err(
                "the generated charter is not valid; this is a bug in the generator".into(),
            );
        }
    }
    match out {
        Some(path) => {
            std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn number(text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a whole number"))
}
