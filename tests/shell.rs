//! Shell integration: completion scripts that load, manual pages, and help that shows an example for every
//! command.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use clap::CommandFactory;

fn charter() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")));
    cmd
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

fn subcommands() -> Vec<String> {
    charter::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect()
}

#[test]
fn the_bash_completion_loads_and_completes_commands_and_options() {
    let out = charter()
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("charter.bash");
    std::fs::write(&script, &out.stdout).expect("write");
    // `complete -p` fails unless sourcing registered a completion for `charter`; calling the function
    // with a partial command line shows that it completes from the real command tree.
    let probe = r#"
        set -e
        source "$1"
        complete -p charter
        COMP_WORDS=(charter re); COMP_CWORD=1; COMP_LINE="charter re"; COMP_POINT=${#COMP_LINE}
        _charter charter re charter
        echo "commands: ${COMPREPLY[*]}"
        COMP_WORDS=(charter checklist --fo); COMP_CWORD=2; COMP_LINE="charter checklist --fo"; COMP_POINT=${#COMP_LINE}
        _charter charter --fo checklist
        echo "options: ${COMPREPLY[*]}"
    "#;
    let result = std::process::Command::new("bash")
        .args(["--noprofile", "--norc", "-c", probe, "probe"])
        .arg(&script)
        .output()
        .expect("bash runs");
    let text = stdout_of(&result);
    assert!(
        result.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(text.contains("-F _charter charter"), "{text}");
    assert!(text.contains("commands: render"), "{text}");
    assert!(text.contains("options: --format --force"), "{text}");
}

#[test]
fn every_shell_gets_a_completion_script_naming_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = charter()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout_of(&out);
        for command in subcommands() {
            assert!(script.contains(&command), "{shell} lacks {command}");
        }
    }
    let out = charter()
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_manual_page_is_roff_for_charter_and_for_each_command() {
    let out = charter().arg("man").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let page = stdout_of(&out);
    // clap_mangen opens with two lines that define a string for old troffs; the page proper starts at .TH.
    let th = page
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
        .expect("a first line");
    assert!(th.starts_with(".TH charter 1 "), "{th}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
    // Every page the list refers to exists: there is no page for `help`.
    assert!(!page.contains("charter\\-help(1)"), "{page}");
    for command in subcommands().iter().filter(|c| *c != "help") {
        assert!(
            page.contains(&format!("charter\\-{}(1)", command.replace('-', "\\-"))),
            "{command}"
        );
    }
    for command in charter::cli::MAN_PAGES {
        let out = charter().args(["man", command]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{command}");
        let page = stdout_of(&out);
        assert!(
            page.contains(&format!(".TH charter-{command} 1 ")),
            "{command}: {page}"
        );
        assert!(
            page.contains(".SH EXAMPLES\n.nf\n") && page.contains("charter"),
            "{command}: the page shows examples in an EXAMPLES section"
        );
        assert!(!page.contains(".SH EXTRA"), "{command}");
    }
    let out = charter().args(["man", "nope"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_command_has_a_manual_page() {
    let mut expected: Vec<String> = subcommands();
    expected.retain(|c| c != "help");
    let mut pages: Vec<String> = charter::cli::MAN_PAGES
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
    expected.sort();
    pages.sort();
    assert_eq!(expected, pages);
}

#[test]
fn every_commands_help_shows_an_example_invocation() {
    for command in subcommands().iter().filter(|c| *c != "help") {
        let out = charter()
            .args([command.as_str(), "--help"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{command}");
        let help = stdout_of(&out);
        let examples = help
            .split_once("Example")
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("{command} --help has no example: {help}"));
        assert!(
            examples.contains(&format!("charter {command}")),
            "{command} --help: {help}"
        );
    }
}
