//! The `brief` binary: parses arguments, runs one command (`cmd/<name>.rs`),
//! prints an error once and maps the result to an exit code.
//!
//! Exit codes: 0 success, 1 problems found in the inputs (or a brief failed
//! to build), 2 usage or I/O failure, 130 interrupted.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use cmd::{Outcome, Term};

// mimalloc: Typst's layout makes many small, short-lived allocations from
// several threads, which glibc's malloc serves with thousands of mprotect
// calls as its per-thread arenas grow (measured: 5-8% of a batch's CPU).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let term = Term::new(cli.color);
    // On Ctrl-C the process exits without running destructors: remove the
    // temp file of a PDF being written so nothing partial is left behind.
    let _ = ctrlc::set_handler(|| brief::util::fs::remove_pending_temp_files_and_exit(130));
    let result = run(cli, &term);
    if let Err(err) = &result {
        term.print_error(err);
    }
    cmd::exit_code(&result)
}

fn run(cli: Cli, term: &Term) -> brief::Result<Outcome> {
    let project = brief::project::Project::new(&cli.project);
    match cli.command {
        Command::Build(args) => cmd::build::run(&project, args, term),
        Command::Watch(args) => cmd::watch::run(&project, args, term),
        Command::Check(args) => cmd::check::run(&project, args, term),
        Command::Ingest(args) => cmd::ingest::run(&project, args),
        Command::Schedule(args) => cmd::schedule::run(&project, args),
        Command::Figures(args) => cmd::figures::run(&project, args, term),
        Command::Draft(args) => cmd::draft::run(&project, args, term),
        Command::Diff(args) => cmd::diff::run(&project, args),
        Command::Init { dir, example } => cmd::init::run(&project, dir, example),
        Command::Templates(cli::TemplatesCommand::Eject { audience, force }) => {
            cmd::templates::eject(&project, audience.as_deref(), force)
        }
        Command::Completions { shell } => cmd::completions::run(shell),
    }
}
