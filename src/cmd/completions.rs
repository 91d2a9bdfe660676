//! `brief completions`: shell completions on stdout.

use clap::CommandFactory;

use super::Outcome;
use crate::cli::Cli;

pub fn run(shell: clap_complete::Shell) -> brief::Result<Outcome> {
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut std::io::stdout());
    Ok(Outcome::Clean)
}
