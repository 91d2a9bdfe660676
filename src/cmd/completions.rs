//! `brief completions`: shell completions on stdout.

use clap::CommandFactory;

use super::Outcome;
use crate::cli::Cli;

pub fn run(shell: clap_complete::Shell) -> brief::Result<Outcome> {
    // Generated into memory: clap_complete panics on a failed write.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut script);
    super::out(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Clean)
}
