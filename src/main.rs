//! The `charter` command: parse arguments, run the library, exit with its code.

use std::process::ExitCode;

/// With the `mimalloc` feature, mimalloc rather than the system allocator: a large charter's render or
/// redline makes millions of small strings on every core, and the system allocator spends a quarter of such
/// a run allocating and freeing them, and the kernel as much again growing its per-thread heaps. It makes
/// the 1,000-partner redline a third faster, but every small run takes about 1 MiB more, which puts a render
/// of the largest example above its 10 MiB budget; so it is not the default. Version 2, without transparent
/// huge pages, keeps the peak of a large redline below the system allocator's; version 3 added to it.
#[cfg(feature = "mimalloc")]
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
