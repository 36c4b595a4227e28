//! The `charter` command: parse arguments, run the library, exit with its code.

use std::process::ExitCode;

/// mimalloc rather than the system allocator: a large charter's render or redline makes millions of small
/// strings on every core, and the system allocator spent a quarter of such a run allocating and freeing
/// them, and the kernel as much again growing its per-thread heaps. Version 2, without transparent huge
/// pages, keeps the peak memory of a large redline below the system allocator's; version 3 added to it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
