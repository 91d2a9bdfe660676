//! The `brief` binary: parses arguments, calls the library, renders errors once.
//!
//! Exit codes: 0 success, 1 problems found in the inputs (or a brief failed
//! to build), 2 usage or I/O failure, 130 interrupted.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use brief::build::{self, BuildRequest, JobReport, Outcome};
use brief::check::{self, Report, Seeds};
use brief::project::Project;
use brief::{diagnostics, typeset, Error};
use clap::{CommandFactory, Parser};

use cli::{Cli, ColorChoice, Command, Format};

// mimalloc: Typst's layout makes many small, short-lived allocations from
// several threads, which glibc's malloc serves with thousands of mprotect
// calls as its per-thread arenas grow (measured: 5-8% of a batch's CPU).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.color);
    // On Ctrl-C the process exits without running destructors: remove the
    // temp file of a PDF being written so nothing partial is left behind.
    let _ = ctrlc::set_handler(|| typeset::remove_pending_temp_files_and_exit(130));
    match run(cli, color) {
        Ok(code) => code,
        Err(err) => {
            let code = match err {
                Error::Check(_) => 1,
                _ => 2,
            };
            match err {
                Error::Check(_) | Error::Template { .. } => {
                    eprint!("{}", render(diagnostics::error_problems(&err), color))
                }
                other => eprintln!("{}: {other}", paint(color, "1;31", "error")),
            }
            ExitCode::from(code)
        }
    }
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
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

/// Renders problems without a summary line (for `brief build`).
fn render(problems: Vec<check::Problem>, color: bool) -> String {
    let report = Report {
        problems,
        ..Report::default()
    };
    let text = diagnostics::render_human(&report, color);
    let summary = diagnostics::summary(&report, color);
    text.strip_suffix(&summary).unwrap_or(&text).to_string()
}

fn run(cli: Cli, color: bool) -> brief::Result<ExitCode> {
    let project = Project::new(&cli.project);
    match cli.command {
        Command::Build(args) => build(&project, args, color),
        Command::Watch(args) => watch(&project, args, color),
        Command::Check(args) => check(&project, args, color),
        Command::Ingest(args) => ingest(&project, args),
        Command::Schedule(args) => schedule(&project, args),
        Command::Figures(args) => figures(&project, args, color),
        Command::Draft(args) => draft(&project, args, color),
        Command::Diff {
            brief: name,
            from,
            to,
            format,
        } => {
            let loaded = brief::project::load_brief(&project.find_brief(&name)?)?;
            let (sources, _) = project.load_sources()?;
            let changes = brief::diff::between_editions(
                &project.out_dir(),
                &loaded.id,
                from.as_deref(),
                to.as_deref(),
                (&loaded.brief, &sources),
            )?;
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&changes).unwrap_or_default()
                ),
                Format::Human => print!(
                    "{}",
                    brief::diff::to_text(&changes, to.as_deref().unwrap_or("newest"))
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let dir = dir.unwrap_or_else(|| project.root.clone());
            for path in brief::scaffold::init(&dir)? {
                println!("created {}", path.display());
            }
            println!("next: brief -C {} build", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates(cli::TemplatesCommand::Eject { audience, force }) => {
            let written =
                brief::scaffold::eject(&project.templates_dir(), audience.as_deref(), force)?;
            for path in &written {
                println!("wrote {}", path.display());
            }
            if written.is_empty() {
                println!("nothing written: the files exist (pass --force to overwrite)");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "brief", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn selected_briefs(project: &Project, names: &[String]) -> brief::Result<Vec<std::path::PathBuf>> {
    if names.is_empty() {
        project.brief_paths()
    } else {
        names.iter().map(|n| project.find_brief(n)).collect()
    }
}

fn no_briefs(project: &Project) -> Error {
    Error::Usage(format!(
        "no briefs in {}: write one (see README) or run `brief draft`",
        project.briefs_dir().display()
    ))
}

fn build(project: &Project, args: cli::BuildArgs, color: bool) -> brief::Result<ExitCode> {
    // Accessible (tagged, PDF/UA-1) unless the user names other standards.
    let requested = if args.pdf_standard.is_empty() {
        vec!["ua-1".to_string()]
    } else {
        args.pdf_standard.clone()
    };
    let standards = requested
        .iter()
        .map(|s| typeset::parse_standard(s))
        .collect::<brief::Result<Vec<_>>>()?;
    let briefs = selected_briefs(project, &args.briefs)?;
    if briefs.is_empty() {
        return Err(no_briefs(project));
    }
    // Seeds with errors are left out (briefs citing them then fail their
    // check); the others still build.
    let seeds = Seeds::load(&project.seeds_dir())?;
    let seed_errors: Vec<_> = seeds.problems().filter(|p| p.is_error()).cloned().collect();
    let seeds_failed = !seed_errors.is_empty();
    eprint!("{}", render(seed_errors, color));
    let request = BuildRequest {
        briefs,
        audiences: args.audiences,
        date: args
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        force: args.force,
        emit_typ: args.emit.contains(&cli::Emit::Typ),
        standards,
        out_dir: args.out.unwrap_or_else(|| project.out_dir()),
    };
    let progress = Progress::new(color);
    let reports = build::build(project, &seeds.set, &request, &|r| progress.report(r));
    progress.finish();
    let failed = reports
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed { .. }))
        .count();
    Ok(if failed == 0 && !seeds_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Build progress: a bar on a terminal, one line per job otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    color: bool,
}

impl Progress {
    fn new(color: bool) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        });
        Progress { bar, color }
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
                    line.push_str(&format!("\n{}: {w}", paint(self.color, "1;33", "warning")));
                }
                line
            }
            Outcome::UpToDate { pdf } => format!("up to date {}", pdf.display()),
            Outcome::Failed { error } => {
                let what = match r.audience.as_str() {
                    "-" => format!("`{}`", r.brief),
                    audience => format!("`{}` ({audience})", r.brief),
                };
                format!(
                    "{}{}: {what} was not built; its previous PDF, if any, is untouched",
                    render(diagnostics::error_problems(error), self.color),
                    paint(self.color, "1;31", "error"),
                )
            }
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

/// `brief watch`: one build, then one rebuild per batch of changes, until Ctrl-C.
fn watch(project: &Project, args: cli::WatchArgs, color: bool) -> brief::Result<ExitCode> {
    use brief::watch::{self, Rebuild};
    // Watch before the first build so no change made during it is missed.
    let mut watcher = watch::Watcher::new(project)?;
    let dirs: Vec<String> = watcher
        .dirs()
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    rebuild(project, &args, args.briefs.clone(), "first build", color);
    println!("watching {} (Ctrl-C to stop)", dirs.join(", "));
    loop {
        let changed = watcher.next_change()?;
        let what = format!("{} changed", watch::describe(project, &changed));
        match watch::briefs_to_rebuild(project, &args.briefs, &changed) {
            Rebuild::All => rebuild(project, &args, args.briefs.clone(), &what, color),
            Rebuild::Briefs(briefs) => rebuild(project, &args, briefs, &what, color),
            Rebuild::Nothing => println!("{what}: nothing to rebuild"),
        }
    }
}

/// One watch rebuild through the `brief build --force` path, then one line.
fn rebuild(project: &Project, args: &cli::WatchArgs, briefs: Vec<String>, what: &str, color: bool) {
    let started = std::time::Instant::now();
    let result = build(project, args.build_args(briefs), color);
    let secs = started.elapsed().as_secs_f64();
    let ok = match result {
        Ok(code) => code == ExitCode::SUCCESS,
        Err(err) => {
            print_error(&err, color);
            false
        }
    };
    let time = chrono::Local::now().format("%H:%M:%S");
    if ok {
        println!("[{time}] rebuilt ({what}) in {secs:.2} s");
    } else {
        println!(
            "[{time}] {} ({what}, {secs:.2} s); still watching",
            paint(color, "1;31", "rebuild failed")
        );
    }
}

fn print_error(err: &Error, color: bool) {
    match err {
        Error::Check(_) | Error::Template { .. } => {
            eprint!("{}", render(diagnostics::error_problems(err), color))
        }
        other => eprintln!("{}: {other}", paint(color, "1;31", "error")),
    }
}

fn check(project: &Project, args: cli::CheckArgs, color: bool) -> brief::Result<ExitCode> {
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let paths = selected_briefs(project, &args.briefs)?;
    let seeds = Seeds::load(&project.seeds_dir())?;
    if paths.is_empty() && seeds.files.is_empty() {
        return Err(no_briefs(project));
    }
    let report = check::check_files(&seeds, &paths, args.briefs.is_empty(), date);
    match args.format {
        Format::Json => print!("{}", diagnostics::render_json(&report)),
        Format::Human => eprint!("{}", diagnostics::render_human(&report, color)),
    }
    Ok(if report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn figures(project: &Project, args: cli::FiguresArgs, color: bool) -> brief::Result<ExitCode> {
    let paths = if args.seeds.is_empty() {
        vec![project.seeds_dir()]
    } else {
        args.seeds.clone()
    };
    let (sources, errors) = brief::sources::load_paths(&paths)?;
    for e in &errors {
        eprintln!("{}: {e} (left out)", paint(color, "1;33", "warning"));
    }
    let cues = brief::extract::Cues::for_project(&project.root)?;
    let refs: Vec<&brief::sources::Source> = sources.iter().collect();
    let analysis = brief::extract::analyze(&refs, &cues);
    let groups: Vec<_> = brief::extract::figures::groups(&analysis)
        .into_iter()
        .filter(|g| g.outlets >= args.min_outlets)
        .collect();
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&groups).unwrap_or_default()
        ),
        Format::Human => print!("{}", brief::extract::figures::to_text(&groups, 0)),
    }
    Ok(ExitCode::SUCCESS)
}

fn draft(project: &Project, args: cli::DraftArgs, color: bool) -> brief::Result<ExitCode> {
    let dir = args.sources.clone().unwrap_or_else(|| project.seeds_dir());
    let seeds = Seeds::load(&dir)?;
    if seeds.set.is_empty() {
        return Err(Error::Usage(format!(
            "no seed articles in {}: add some with `brief ingest`",
            dir.display()
        )));
    }
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let cues = brief::extract::Cues::for_project(&project.root)?;
    let refs: Vec<&brief::sources::Source> = seeds.set.sources.values().collect();
    let options = brief::draft::Options {
        title: args.title.clone(),
        date,
    };
    let d = brief::draft::draft(&refs, &cues, &options);
    brief::draft::write(&args.output, &brief::draft::to_toml(&d), args.force)?;
    let report = check::check_files(&seeds, std::slice::from_ref(&args.output), false, date);
    eprint!("{}", render(report.problems.clone(), color));
    println!(
        "wrote {}: {} figures, {} findings from {} sources; brief check: {} errors, {} warnings",
        args.output.display(),
        d.brief.figures.len(),
        d.brief.findings.len(),
        d.sources,
        report.errors(),
        report.warnings()
    );
    Ok(if report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn ingest(project: &Project, args: cli::IngestArgs) -> brief::Result<ExitCode> {
    if args.files.len() > 1 && (args.id.is_some() || args.title.is_some()) {
        return Err(Error::Usage(
            "--id and --title apply to one file; ingest files one at a time to set them".into(),
        ));
    }
    for file in &args.files {
        let text = brief::sources::read_text(file)?;
        let fallback = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".into());
        let over = brief::ingest::Overrides {
            id: args.id.clone(),
            title: args.title.clone(),
            outlet: args.outlet.clone(),
            author: args.author.clone(),
            date: args.date,
            url: args.url.clone(),
        };
        let format = brief::ingest::InputFormat::detect(file, &text);
        let out = brief::ingest::ingest_any(&text, format, &fallback, &over);
        let target = project.seeds_dir().join(format!("{}.md", out.meta.id));
        if target.exists() && !args.force {
            return Err(Error::Usage(format!(
                "{} exists; pass --force to replace it",
                target.display()
            )));
        }
        for d in &out.dropped {
            // Page parts of HTML/Markdown have no line in the plain text.
            let at = if d.line == 0 {
                String::new()
            } else {
                format!(":{}", d.line)
            };
            eprintln!("{}{at}: dropped ({}): {}", file.display(), d.rule, d.text);
        }
        typeset::write_atomic(
            &target,
            brief::sources::to_seed_text(&out.meta, &out.body).as_bytes(),
        )?;
        println!(
            "ingested {} -> {} ({} lines dropped)",
            file.display(),
            target.display(),
            out.dropped.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn schedule(project: &Project, args: cli::ScheduleArgs) -> brief::Result<ExitCode> {
    use brief::schedule::{self, Weekly, UNIT};
    let when = Weekly::parse(&args.weekly)?;
    let exe = std::env::current_exe().map_err(|e| Error::io("brief", e))?;
    let dir = std::path::absolute(&project.root).map_err(|e| Error::io(&project.root, e))?;
    if args.cron {
        print!("{}", schedule::cron_line(&when, &exe, &dir));
    } else if args.github {
        print!("{}", schedule::github_workflow(&when));
    } else {
        let service = schedule::systemd_service(&exe, &dir);
        let timer = schedule::systemd_timer(&when);
        if args.install {
            let base = std::env::var_os("XDG_CONFIG_HOME")
                .map(std::path::PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".config"))
                })
                .ok_or_else(|| Error::Usage("neither XDG_CONFIG_HOME nor HOME is set".into()))?;
            let units = base.join("systemd/user");
            typeset::write_atomic(&units.join(format!("{UNIT}.service")), service.as_bytes())?;
            typeset::write_atomic(&units.join(format!("{UNIT}.timer")), timer.as_bytes())?;
            println!("wrote {}/{UNIT}.service and {UNIT}.timer", units.display());
            println!("now run: systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer");
        } else {
            println!("# ~/.config/systemd/user/{UNIT}.service\n{service}\n# ~/.config/systemd/user/{UNIT}.timer\n{timer}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
