//! The `charter` command: parse arguments, run the library, exit with its code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = charter::cli::Cli::parse_colored(std::env::args_os());
    let exit = match charter::app::run(&cli) {
        Ok(exit) => exit,
        Err(error) => {
            charter::ui::report_error(&mut std::io::stderr(), &error);
            charter::exit::Exit::Failure
        }
    };
    ExitCode::from(exit as u8)
}
