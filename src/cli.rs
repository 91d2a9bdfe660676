//! Command-line interface: argument definitions only (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "Turn a folder of source articles into evidence-backed PDF policy briefs",
    long_about = "brief keeps the articles of a developing story in seeds/, the structured findings \
                  in briefs/*.toml, and renders them through templates/ into PDF briefs in out/.",
    after_help = "Examples:\n  brief build                 build every brief in briefs/\n  brief check                 verify every quote against its source\n  brief ingest article.txt    add a captured article to seeds/"
)]
pub struct Cli {
    /// The project folder (with seeds/, briefs/, templates/, out/).
    #[arg(
        short = 'C',
        long = "project",
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub project: PathBuf,

    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDF briefs into out/.
    #[command(
        after_help = "Examples:\n  brief build\n  brief build story --date 2026-07-06\n  brief build story --emit typ --pdf-standard a-2b"
    )]
    Build(BuildArgs),

    /// Rebuild on every change to briefs/, seeds/ or templates/, for a live preview.
    #[command(
        long_about = "Build once, then watch briefs/, seeds/ and templates/ and rebuild whenever \
                      a file changes (changes are debounced: one save, one rebuild). Each \
                      rebuild replaces this week's edition, as `brief build --force` does, and \
                      prints one line; errors are printed and the watch goes on. Ctrl-C stops it.",
        after_help = "Examples:\n  brief watch\n  brief watch longcat --audience executive\n  brief watch longcat --audience all --date 2026-07-06"
    )]
    Watch(WatchArgs),

    /// Verify every brief and seed: quotes, source ids, required fields.
    #[command(
        long_about = "Verify every brief and seed in one run: TOML syntax and structure, unknown \
                      source ids, duplicate ids, every quote against the article it cites (with \
                      the closest passage when it is not found), key figures against their \
                      sources, one-outlet proofs, one-sided contested findings, overdue reviews.",
        after_help = "Examples:\n  brief check\n  brief check story --format json\n  brief check --date 2026-07-06\n\nExit codes:\n  0  clean: no errors (warnings may have been printed)\n  1  problems found: at least one error in a brief or seed\n  2  usage or I/O failure: bad arguments, unreadable project folder\n\nColour is used only on a terminal and never when NO_COLOR is set; see --color."
    )]
    Check(CheckArgs),

    /// Turn captured articles (text, Markdown, HTML) into seeds/<id>.md.
    #[command(
        after_help = "Examples:\n  brief ingest capture.txt --outlet \"Example News\" --date 2026-07-02\n  brief ingest a.html b.txt\n  brief ingest --from sources.toml"
    )]
    Ingest(IngestArgs),

    /// List every figure the articles report, grouped by subject and measure, with agreement.
    #[command(
        long_about = "List every quantity the articles report (parameters, chips, tokens, money, \
                      per cent, units, scores, ...) with its qualifier, grouped by subject and \
                      what it measures, with every source's value and verbatim sentence, how many \
                      outlets agree and whether they disagree. The word lists behind it are data: \
                      see docs/extraction.md (a project may override them with cues.toml).",
        after_help = "Examples:\n  brief figures\n  brief figures --min-outlets 2\n  brief figures seeds/a.md seeds/b.md --format json"
    )]
    Figures(FiguresArgs),

    /// Draft a brief from the articles: figures, findings by status and watch items, with quotes.
    #[command(
        long_about = "Draft a brief from the articles: key figures the outlets agree on, figures \
                      they disagree on (contested, a quote per side), claims stated as fact by two \
                      or more outlets (proven), claims resting on someone's word (not proven) and \
                      open questions (watch), strongest first, each with verbatim quotes and a \
                      comment saying why it was proposed. The draft passes `brief check` as written.",
        after_help = "Examples:\n  brief draft -o briefs/story.toml\n  brief draft --sources seeds/ -o briefs/story.toml --title \"Who trained it on what\" --force"
    )]
    Draft(DraftArgs),

    /// Print (or install) a weekly schedule: systemd timer, crontab line or CI workflow.
    #[command(
        after_help = "Examples:\n  brief schedule --weekly \"mon 07:00\" --systemd --install\n  brief schedule --weekly \"fri 16:30\" --cron >> mycrontab\n  brief schedule --weekly \"mon 06:00\" --github --tool-repo https://github.com/you/brief > .github/workflows/briefs.yml"
    )]
    Schedule(ScheduleArgs),

    /// Show what changed between two editions of a brief.
    #[command(
        after_help = "Examples:\n  brief diff story                      the two newest editions\n  brief diff story --to current         the working brief vs the newest edition\n  brief diff story --from 2026-W27 --to 2026-W29 --format json"
    )]
    Diff(DiffArgs),

    /// Create an empty project: seeds/, briefs/ and a README of the layout.
    #[command(
        after_help = "Examples:\n  brief init my-story                   an empty project\n  brief init my-story --example && brief -C my-story build"
    )]
    Init {
        /// The folder (default: the project folder).
        dir: Option<PathBuf>,
        /// Also add an example article and a brief built from it.
        #[arg(long)]
        example: bool,
    },

    /// Work with templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),

    /// Print shell completions.
    #[command(
        after_help = "Example:\n  brief completions bash > ~/.local/share/bash-completion/completions/brief"
    )]
    Completions {
        /// The shell: bash, zsh, fish, elvish, powershell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Briefs to build, by name (`story`) or path; default: all in briefs/.
    pub briefs: Vec<String>,

    /// The edition date, YYYY-MM-DD (default: today). Editions are kept per ISO week.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,

    /// Audiences to build: a name (policy, executive, investor, technical, or
    /// one the brief declares), repeatable, or `all`. Default: the default audience.
    #[arg(short, long = "audience", value_name = "NAME")]
    pub audiences: Vec<String>,

    /// Replace this week's edition even though it exists and its inputs changed.
    #[arg(long)]
    pub force: bool,

    /// Also write the generated Typst markup (`typ`) next to the PDF.
    #[arg(long, value_enum)]
    pub emit: Vec<Emit>,

    /// PDF standards to enforce (repeatable): default ua-1 (accessible, tagged); a-2b for archives.
    #[arg(
        long = "pdf-standard",
        value_name = "STANDARD",
        value_enum,
        hide_possible_values = true
    )]
    pub pdf_standard: Vec<brief::typeset::Standard>,

    /// Where PDFs go (default: out/ in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Fail at once if another build is writing the same output folder
    /// (default: wait for it to finish).
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The brief's name.
    pub brief: String,
    /// The older edition (ISO week, e.g. 2026-W27); default: the one before --to.
    #[arg(long, value_name = "WEEK")]
    pub from: Option<String>,
    /// The newer edition, or `current`; default: the newest edition.
    #[arg(long, value_name = "WEEK")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Briefs to rebuild, by name or path; default: all in briefs/ (only the
    /// changed ones when only brief files change).
    pub briefs: Vec<String>,

    /// Audiences to build: a name, repeatable, or `all`. Default: the default audience.
    #[arg(short, long = "audience", value_name = "NAME")]
    pub audiences: Vec<String>,

    /// The edition date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,

    /// Where PDFs go (default: out/ in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl WatchArgs {
    /// The `brief build --force` arguments of one rebuild of `briefs`.
    pub fn build_args(&self, briefs: Vec<String>) -> BuildArgs {
        BuildArgs {
            briefs,
            date: self.date,
            audiences: self.audiences.clone(),
            force: true,
            emit: Vec::new(),
            pdf_standard: Vec::new(),
            out: self.out.clone(),
            no_wait: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// The generated Typst markup and the files it imports.
    Typ,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Briefs to check (default: all).
    pub briefs: Vec<String>,

    /// Output format: human diagnostics on stderr, or JSON on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The reference date for overdue reviews, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Captured article files.
    #[arg(required_unless_present = "from")]
    pub files: Vec<PathBuf>,
    /// A TOML file whose [[sources]] rows (file, id, title, outlet, author,
    /// published, url) name the files to ingest, paths relative to it.
    #[arg(long, value_name = "SOURCES.toml")]
    pub from: Option<PathBuf>,
    /// Title (overrides what is detected).
    #[arg(long)]
    pub title: Option<String>,
    /// Outlet that published the article.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Author (overrides the detected byline).
    #[arg(long)]
    pub author: Option<String>,
    /// Publication date, YYYY-MM-DD (overrides the detected date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// The article's address.
    #[arg(long)]
    pub url: Option<String>,
    /// The seed id (default: derived from the title, else the file name).
    #[arg(long)]
    pub id: Option<String>,
    /// Replace an existing seed with the same id.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// Seed files or folders (default: the project's seeds/).
    pub seeds: Vec<PathBuf>,
    /// Output format: a readable listing, or JSON (an array of groups).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Only figures reported by at least this many outlets.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_outlets: usize,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The folder of seed articles to draft from (default: the project's seeds/).
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
    /// Where to write the draft, e.g. briefs/story.toml.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The brief's headline (default: from the subject the articles mention most).
    #[arg(long)]
    pub title: Option<String>,
    /// The brief's as-of date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// When: a three-letter weekday and a 24-hour time, e.g. "mon 07:00".
    #[arg(long, value_name = "DAY HH:MM")]
    pub weekly: String,
    /// A systemd user service + timer pair (the default).
    #[arg(long, conflicts_with_all = ["cron", "github"])]
    pub systemd: bool,
    /// A crontab line.
    #[arg(long, conflicts_with = "github")]
    pub cron: bool,
    /// A GitHub Actions workflow: installs brief, checks, builds every
    /// audience and keeps out/ on the `editions` branch.
    #[arg(long)]
    pub github: bool,
    /// With --github: the git repository brief is installed from
    /// (`cargo install --git URL`).
    #[arg(long, value_name = "URL", requires = "github")]
    pub tool_repo: Option<String>,
    /// Write the systemd user units to ~/.config/systemd/user/ instead of printing them.
    #[arg(long, requires = "systemd")]
    pub install: bool,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Copy the built-in templates into templates/ for editing.
    #[command(
        after_help = "Examples:\n  brief templates eject\n  brief templates eject --audience executive"
    )]
    Eject {
        /// Only what this audience needs.
        #[arg(long)]
        audience: Option<String>,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}
