//! The `charter` command: parse arguments, run the library, exit with its code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = charter::cli::Cli::parse();
    let exit = match charter::app::run(&cli) {
        Ok(exit) => exit,
        Err(error) => {
            charter::ui::report_error(&mut std::io::stderr(), &error);
            charter::exit::Exit::Failure
        }
    };
    ExitCode::from(exit as u8)
}
