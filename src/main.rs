//! The `brief` binary: parses arguments, calls the library, renders errors once.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use brief::build::{self, BuildRequest, JobReport, Outcome};
use brief::project::{self, Project};
use brief::{check, typeset, Error};
use clap::{CommandFactory, Parser};

use cli::{Cli, ColorChoice, Command, Format};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.color);
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let label = if color {
                "\x1b[1;31merror\x1b[0m"
            } else {
                "error"
            };
            eprintln!("{label}: {err}");
            match err {
                Error::Check(_) => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

fn run(cli: Cli) -> brief::Result<ExitCode> {
    let project = Project::new(&cli.project);
    match cli.command {
        Command::Build(args) => build(&project, args),
        Command::Check(args) => check(&project, args),
        Command::Ingest(_args) => Err(Error::Usage("ingest is not available yet".into())),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "brief", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn selected_briefs(project: &Project, names: &[String]) -> brief::Result<Vec<std::path::PathBuf>> {
    if names.is_empty() {
        let all = project.brief_paths()?;
        if all.is_empty() {
            return Err(Error::Usage(format!(
                "no briefs in {}: write one (see README) or run `brief draft`",
                project.briefs_dir().display()
            )));
        }
        Ok(all)
    } else {
        names.iter().map(|n| project.find_brief(n)).collect()
    }
}

fn build(project: &Project, args: cli::BuildArgs) -> brief::Result<ExitCode> {
    let standards = args
        .pdf_standard
        .iter()
        .map(|s| typeset::parse_standard(s))
        .collect::<brief::Result<Vec<_>>>()?;
    let (sources, seed_errors) = project.load_sources()?;
    if let Some(first) = seed_errors.into_iter().next() {
        return Err(first);
    }
    let request = BuildRequest {
        briefs: selected_briefs(project, &args.briefs)?,
        audiences: args.audiences,
        date: args
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        force: args.force,
        emit_typ: args.emit.contains(&cli::Emit::Typ),
        standards,
        out_dir: args.out.unwrap_or_else(|| project.out_dir()),
    };
    let progress = Progress::new();
    let reports = build::build(project, &sources, &request, &|r| progress.report(r));
    progress.finish();
    let failed = reports
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed { .. }))
        .count();
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Build progress: a bar on a terminal, one line per job otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        });
        Progress { bar }
    }

    fn report(&self, r: &JobReport) {
        let line = match &r.outcome {
            Outcome::Built {
                pdf,
                pages,
                bytes,
                warnings,
            } => {
                let mut line = format!(
                    "built {} ({pages} pages, {} KiB)",
                    pdf.display(),
                    bytes / 1024
                );
                for w in warnings {
                    line.push_str(&format!("\nwarning: {w}"));
                }
                line
            }
            Outcome::UpToDate { pdf } => format!("up to date {}", pdf.display()),
            Outcome::Failed { error } => format!("error: {} ({}): {error}", r.brief, r.audience),
        };
        let to_stderr = matches!(r.outcome, Outcome::Failed { .. });
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.println(line);
            }
            None if to_stderr => eprintln!("{line}"),
            None => println!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn check(project: &Project, args: cli::CheckArgs) -> brief::Result<ExitCode> {
    let (sources, seed_errors) = project.load_sources()?;
    let mut problems = Vec::new();
    let mut hard = Vec::new();
    for e in seed_errors {
        hard.push(e.to_string());
    }
    for path in selected_briefs(project, &args.briefs)? {
        match project::load_brief(&path) {
            Ok(loaded) => problems.extend(check::check_brief(
                &loaded.path,
                &loaded.text,
                &loaded.brief,
                &sources,
            )),
            Err(e) => hard.push(e.to_string()),
        }
    }
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&problems).unwrap_or_default()
        ),
        Format::Human => {
            for h in &hard {
                eprintln!("error: {h}");
            }
            if !problems.is_empty() {
                eprintln!("{}", Error::Check(problems.clone()));
            }
        }
    }
    let clean = hard.is_empty()
        && problems
            .iter()
            .all(|p| p.severity != check::Severity::Error);
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
