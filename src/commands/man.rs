//! `charter man`: the manual page in roff, generated from the argument definitions, with the examples of
//! `--help` as an EXAMPLES section and the exit codes as EXIT STATUS, as manual pages have them.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::output::Destination;
use crate::ui::Ui;

pub(crate) fn run(args: &ManArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = Destination::new(&args.out, &[])?;
    let mut cmd = Cli::command();
    // Building propagates global options to the commands and names them `charter-render` and so on.
    cmd.build();
    // `help` has no page of its own: the list of commands must not refer to one.
    let cmd = cmd.mut_subcommand("help", |help| help.hide(true));
    let page = match &args.command {
        Some(name) => cmd
            .find_subcommand(name)
            .cloned()
            .unwrap_or_else(|| unreachable!("clap only accepts names in MAN_PAGES")),
        None => cmd,
    };
    let roff = page_of(&page).map_err(|source| Error::Write {
        path: "<manual page>".into(),
        source,
    })?;
    ui.write(&destination, &roff)?;
    Ok(Exit::Success)
}

/// The page: clap_mangen's sections, with the text after `--help` split into EXAMPLES and EXIT STATUS.
fn page_of(cmd: &clap::Command) -> std::io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone())
        .source(format!("charter {}", env!("CARGO_PKG_VERSION")))
        .manual("User Commands");
    let mut roff = Vec::new();
    man.render_title(&mut roff)?;
    man.render_name_section(&mut roff)?;
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut roff)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut roff)?;
    }
    if let Some(after) = cmd.get_after_help() {
        after_help(&mut roff, &after.to_string())?;
    }
    if cmd.get_version().is_some() {
        man.render_version_section(&mut roff)?;
    }
    Ok(roff)
}

/// The examples of `--help` (the indented lines after "Examples:" or "Example:"), kept line for line, and
/// the "Exit codes:" paragraph as EXIT STATUS.
fn after_help(roff: &mut Vec<u8>, text: &str) -> std::io::Result<()> {
    let examples: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(str::trim_start)
        .collect();
    if !examples.is_empty() {
        writeln!(roff, ".SH EXAMPLES\n.nf")?;
        for line in examples {
            writeln!(roff, "{}", escape(line))?;
        }
        writeln!(roff, ".fi")?;
    }
    if let Some(codes) = text
        .split("\n\n")
        .find_map(|p| p.strip_prefix("Exit codes: "))
    {
        writeln!(roff, ".SH \"EXIT STATUS\"\n{}", escape(codes.trim()))?;
    }
    Ok(())
}

/// Text as a roff line: backslashes and hyphens escaped, and a leading control character made literal.
fn escape(line: &str) -> String {
    let escaped = line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_and_exit_codes_become_their_own_sections() {
        let mut roff = Vec::new();
        after_help(
            &mut roff,
            "Examples:\n  charter check a.toml\n  .hidden -x\n\nExit codes: 0 fine, 2 not.",
        )
        .expect("writes");
        let roff = String::from_utf8(roff).expect("utf-8");
        assert_eq!(
            roff,
            ".SH EXAMPLES\n.nf\ncharter check a.toml\n\\&.hidden \\-x\n.fi\n.SH \"EXIT STATUS\"\n0 fine, 2 not.\n"
        );
    }
}
