//! The rules a loaded brief must pass against its sources: known source
//! ids, verbatim quotes, figures in their sources, independent outlets,
//! two-sided contests, review dates.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use super::quote::{MeaningShift, Passage, QuoteMiss, ShiftKind, ShiftPlace, SourceIndex};
use crate::diag::pos::span_in;
use crate::diag::{Problem, ProblemCode, Seg, Severity};
use crate::load::schema;
use crate::load::seed::SeedFile;
use crate::model::source::SourceSet;
use crate::model::{Brief, SourceId, Status};
use crate::numbers;
use crate::util::text::{normalize_for_match, shorten};

/// What a brief is checked against.
pub struct Context<'a> {
    pub sources: &'a SourceSet,
    /// The seed files, to point at the closest passage (may be empty).
    pub files: &'a [SeedFile],
    /// The reference date for overdue reviews.
    pub today: NaiveDate,
}

struct Checker<'a> {
    file: &'a Path,
    text: &'a str,
    root: toml::Spanned<toml::de::DeTable<'a>>,
    ctx: &'a Context<'a>,
    problems: Vec<Problem>,
    /// Each cited source's token index, built once per source rather than
    /// once per quote (indexing is most of the check's time).
    indexes: HashMap<SourceId, SourceIndex<'a>>,
    /// Each cited source's numbers, likewise found once per source rather
    /// than once per key figure.
    numbers: HashMap<SourceId, Vec<numbers::Number>>,
}

impl<'a> Checker<'a> {
    fn span(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        span_in(&self.root, path)
    }

    fn report(
        &mut self,
        sev: Severity,
        code: ProblemCode,
        path: &[Seg<'_>],
        msg: String,
    ) -> &mut Problem {
        let span = self.span(path);
        self.problems
            .push(Problem::at(sev, code, self.file, self.text, span, msg));
        self.problems.last_mut().expect("just pushed")
    }

    /// Reports an unknown source id at `path`; true if the id is known.
    fn known(&mut self, id: &SourceId, path: &[Seg<'_>]) -> bool {
        if self.ctx.sources.get(id).is_some() {
            return true;
        }
        if id.as_str().trim().is_empty() {
            return false; // an empty field: the schema has reported it
        }
        let ids: Vec<&str> = self
            .ctx
            .sources
            .sources
            .keys()
            .map(|k| k.as_str())
            .collect();
        let hint = match schema::closest(id.as_str(), &ids) {
            Some(best) => format!("did you mean `{best}`?"),
            None if ids.is_empty() => "there are no seeds yet: add the article to seeds/".into(),
            None => format!("known sources: {}", ids.join(", ")),
        };
        let p = self.report(
            Severity::Error,
            ProblemCode::UnknownSource,
            path,
            format!("unknown source id `{id}`"),
        );
        p.hint = Some(hint);
        false
    }

    fn quote(&mut self, id: &SourceId, quote: &str, path: &[Seg<'_>]) {
        if quote.trim().is_empty() {
            return; // an empty field: the schema has reported it
        }
        let ctx = self.ctx;
        let Some(src) = ctx.sources.get(id) else {
            return;
        };
        let index = self
            .indexes
            .entry(id.clone())
            .or_insert_with(|| SourceIndex::new(&src.body));
        let found = index.find(quote);
        // Where the body starts in its seed file, to point into the seed.
        let seed = ctx.files.iter().find(|f| f.path == src.path).map(|f| {
            let body_at = f.text.find(src.body.as_str()).unwrap_or(0);
            (f, body_at)
        });
        let point = |p: &mut Problem, range: Range<usize>, msg: &str| {
            if let Some((f, at)) = seed {
                *p = p
                    .clone()
                    .related(&f.path, &f.text, at + range.start..at + range.end, msg);
            }
        };
        match found {
            Ok(m) => {
                for shift in &m.shifts {
                    let p = self.report(
                        Severity::Warning,
                        ProblemCode::QuoteMeaning,
                        path,
                        meaning_message(id, shift),
                    );
                    *p = p.clone().note(format!(
                        "the source reads: \"{}\"",
                        shorten(&shift.passage_text, 300)
                    ));
                    point(p, shift.passage.clone(), "in the source");
                    p.hint = Some(
                        "quote the words that change the meaning too, or mark the finding `not_proven`"
                            .into(),
                    );
                }
            }
            Err(QuoteMiss::NoWords) => {
                let p = self.report(
                    Severity::Error,
                    ProblemCode::QuoteTooShort,
                    path,
                    "quote has no letter or digit".into(),
                );
                p.hint = Some("quote at least three words of the article".into());
            }
            Err(QuoteMiss::TooShort { words, found }) => {
                let p = self.report(
                    Severity::Error,
                    ProblemCode::QuoteTooShort,
                    path,
                    format!(
                        "quote of {words} word(s) is too short to verify (and is not a whole sentence of `{id}`)"
                    ),
                );
                if let Some(range) = found {
                    point(p, range, "the words occur here");
                }
                p.hint = Some(format!(
                    "quote at least {} words, or the whole sentence",
                    super::quote::MIN_WORDS
                ));
            }
            Err(QuoteMiss::AcrossParagraphs { parts }) => {
                let p = self.report(
                    Severity::Error,
                    ProblemCode::QuoteAcrossParagraphs,
                    path,
                    format!("quote joins words from different paragraphs of `{id}`"),
                );
                if let Some(first) = parts.first() {
                    point(p, first.clone(), "first part here");
                }
                p.hint = Some(
                    "quote one paragraph at a time: `...` may elide words within one paragraph only"
                        .into(),
                );
            }
            Err(QuoteMiss::NotFound { closest }) => {
                let p = self.report(
                    Severity::Error,
                    ProblemCode::QuoteNotFound,
                    path,
                    format!("quote not found in source `{id}`"),
                );
                not_found_help(p, id, closest.as_ref(), &point);
            }
        }
    }
}

/// The message for a quote whose context negates or hedges it.
fn meaning_message(id: &SourceId, shift: &MeaningShift) -> String {
    let what = match shift.kind {
        ShiftKind::Negation => "negates",
        ShiftKind::Hedge => "hedges",
    };
    match shift.place {
        ShiftPlace::Before => format!(
            "in `{id}` the quote is preceded by `{}`, which {what} it",
            shift.cue
        ),
        ShiftPlace::Elided => format!(
            "the elision drops `{}` from `{id}`, which {what} the quote",
            shift.cue
        ),
    }
}

/// The note and hint of a quote not found: the closest passage if one comes close.
fn not_found_help(
    p: &mut Problem,
    id: &SourceId,
    closest: Option<&Passage>,
    point: &dyn Fn(&mut Problem, Range<usize>, &str),
) {
    match closest {
        Some(c) if c.similarity >= 0.4 || c.same_ignoring_case => {
            let pct = (c.similarity * 100.0).floor();
            let msg = format!("closest passage ({pct}% similar)");
            *p = p.clone().note(format!(
                "closest passage in `{id}` ({pct}% similar): \"{}\"",
                shorten(&c.text, 300)
            ));
            point(p, c.range.clone(), &msg);
            p.hint = Some(if c.same_ignoring_case {
                "only letter case differs: quotes keep the article's case (except the first letter)"
                    .into()
            } else {
                "copy the passage verbatim from the article; `...` may elide words within one paragraph".into()
            });
        }
        _ => {
            p.hint = Some(format!(
                "nothing in `{id}` comes close: check that you cite the right source"
            ));
        }
    }
}

/// Verifies a brief's citations, quotes, figures and review dates.
pub fn check_brief(file: &Path, text: &str, brief: &Brief, ctx: &Context<'_>) -> Vec<Problem> {
    let (root, _) = toml::de::DeTable::parse_recoverable(text);
    let mut c = Checker {
        file,
        text,
        root,
        ctx,
        problems: Vec::new(),
        indexes: HashMap::new(),
        numbers: HashMap::new(),
    };
    check_draft(&mut c, brief);
    check_figures(&mut c, brief);
    check_findings(&mut c, brief);
    check_timeline(&mut c, brief);
    if let Some(q) = &brief.pull_quote {
        if c.known(&q.source, &[Seg::Key("pull_quote"), Seg::Key("source")]) {
            c.quote(
                &q.source,
                &q.text,
                &[Seg::Key("pull_quote"), Seg::Key("text")],
            );
        }
    }
    c.problems
}

/// An unreviewed draft: the `draft` marker, and each text `brief draft`
/// wrote as a placeholder that is still there.
fn check_draft(c: &mut Checker<'_>, brief: &Brief) {
    if brief.draft {
        let p = c.report(
            Severity::Warning,
            ProblemCode::Draft,
            &[Seg::Key("draft")],
            "this brief is an unreviewed draft (`draft = true`)".to_string(),
        );
        p.hint =
            Some("review every item, then delete the `draft = true` line to sign it off".into());
    }
    let mut texts: Vec<(Vec<Seg<'_>>, &str)> = vec![
        (vec![Seg::Key("kicker")], brief.kicker.as_str()),
        (vec![Seg::Key("title")], brief.title.as_str()),
        (vec![Seg::Key("deck")], brief.deck.as_str()),
        (vec![Seg::Key("bottom_line")], brief.bottom_line.as_str()),
    ];
    for (i, f) in brief.findings.iter().enumerate() {
        texts.push((
            vec![Seg::Key("findings"), Seg::Index(i), Seg::Key("why")],
            f.why.as_str(),
        ));
    }
    for (at, text) in texts {
        if let Some(placeholder) = crate::draft::placeholder_in(text) {
            let p = c.report(
                Severity::Warning,
                ProblemCode::Placeholder,
                &at,
                format!("placeholder text left by `brief draft`: \"{placeholder}\""),
            );
            p.hint = Some("write the brief's own text here".into());
        }
    }
}

fn check_figures(c: &mut Checker<'_>, brief: &Brief) {
    for (i, f) in brief.figures.iter().enumerate() {
        let cited = c.known_sources(&f.sources, |j| {
            vec![
                Seg::Key("figures"),
                Seg::Index(i),
                Seg::Key("sources"),
                Seg::Index(j),
            ]
        });
        let at = [Seg::Key("figures"), Seg::Index(i), Seg::Key("value")];
        let wanted = numbers::figure_numbers(&f.value);
        if f.value.trim().is_empty() {
            continue; // the schema has reported it
        }
        if wanted.is_empty() {
            c.report(
                Severity::Warning,
                ProblemCode::FigureNotCheckable,
                &at,
                format!("key figure `{}` has no number to check against its sources", f.value),
            )
            .hint = Some("write the figure as a number (\"18\", \"18%\", \"$2.4 billion\"), or put words in the label".into());
            continue;
        }
        if !cited.is_empty() {
            let what = format!("key figure `{}`", f.value);
            c.figure_in_sources(&what, &wanted, &cited, &at);
        }
    }
    for (i, chart) in brief.charts.iter().enumerate() {
        let unit = numbers::figure_numbers(&format!("1 {}", chart.unit))
            .first()
            .map_or(numbers::Unit::Plain, |n| n.unit);
        // A bar without a finite value has been reported by the schema.
        for (j, bar) in chart
            .bars
            .iter()
            .enumerate()
            .filter(|(_, b)| b.value.is_finite())
        {
            let here = |k| {
                vec![
                    Seg::Key("charts"),
                    Seg::Index(i),
                    Seg::Key("bars"),
                    Seg::Index(j),
                    Seg::Key(k),
                ]
            };
            let cited = c.known_sources(&bar.sources, |k| {
                let mut at = here("sources");
                at.push(Seg::Index(k));
                at
            });
            // The printed value says how the article writes it ("$2.4B");
            // the bar's value is what is drawn, and must agree with it.
            let wanted = match bar.display.as_deref().map(numbers::figure_numbers) {
                Some(n) if !n.is_empty() => n,
                _ => vec![numbers::Number {
                    value: bar.value,
                    unit,
                }],
            };
            if !cited.is_empty() {
                let what = format!(
                    "chart bar `{}` ({})",
                    bar.label,
                    bar.display
                        .as_deref()
                        .unwrap_or(&numbers::spoken(bar.value))
                );
                c.figure_in_sources(&what, &wanted, &cited, &here("value"));
            }
        }
    }
}

impl<'a> Checker<'a> {
    /// The known ones of a list of cited source ids; each unknown one is reported.
    fn known_sources(
        &mut self,
        ids: &[SourceId],
        at: impl Fn(usize) -> Vec<Seg<'static>>,
    ) -> Vec<SourceId> {
        let mut known = Vec::new();
        for (j, id) in ids.iter().enumerate() {
            if self.known(id, &at(j)) {
                known.push(id.clone());
            }
        }
        known
    }

    /// The numbers of a source with their units, read once per source.
    fn numbers_of(&mut self, id: &SourceId) -> &[numbers::Number] {
        let ctx = self.ctx;
        self.numbers.entry(id.clone()).or_insert_with(|| {
            ctx.sources
                .get(id)
                .map(|s| numbers::numbers_in(&s.body))
                .unwrap_or_default()
        })
    }

    /// Reports every number of a figure that none of its cited sources
    /// states with the same unit, and names a seed that does.
    fn figure_in_sources(
        &mut self,
        what: &str,
        wanted: &[numbers::Number],
        cited: &[SourceId],
        at: &[Seg<'_>],
    ) {
        let names = cited
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ");
        for &n in wanted {
            if cited
                .iter()
                .any(|id| numbers::mentions(self.numbers_of(id), n))
            {
                continue;
            }
            let shown = numbers::spoken(n.value);
            let other_unit = cited
                .iter()
                .find(|id| numbers::mentions_value(self.numbers_of(id), n.value))
                .cloned();
            let elsewhere = self
                .ctx
                .sources
                .sources
                .keys()
                .filter(|id| !cited.contains(id))
                .find(|id| numbers::mentions(self.numbers_of(id), n))
                .cloned();
            let message = match &other_unit {
                Some(id) => format!(
                    "{what}: `{id}` gives {shown} but not as {}",
                    n.unit.describe()
                ),
                None if wanted.len() == 1 => {
                    format!("{what} appears in none of its cited sources ({names})")
                }
                None => format!("{what}: {shown} appears in none of its cited sources ({names})"),
            };
            let hint = match elsewhere {
                Some(id) => format!("`{id}` states it: cite it, or check the number"),
                None => "check the number, or cite the article that states it (\"50k\", \"50,000\" and \"fifty thousand\" count as the same; \"22%\" needs a percentage, \"$5\" an amount in dollars)".into(),
            };
            self.report(Severity::Error, ProblemCode::FigureNotInSource, at, message)
                .hint = Some(hint);
        }
    }
}

fn check_findings(c: &mut Checker<'_>, brief: &Brief) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, f) in brief.findings.iter().enumerate() {
        let here = |k| [Seg::Key("findings"), Seg::Index(i), Seg::Key(k)];
        if let Some(first) = seen.get(f.id.as_str()).copied() {
            let first_span = c.span(&[Seg::Key("findings"), Seg::Index(first), Seg::Key("id")]);
            let (file, text) = (c.file.to_path_buf(), c.text.to_string());
            let p = c.report(
                Severity::Error,
                ProblemCode::DuplicateId,
                &here("id"),
                format!("duplicate finding id `{}`", f.id),
            );
            p.hint = Some("give each finding its own id".into());
            if let Some(s) = first_span {
                *p = p.clone().related(&file, &text, s, "first used here");
            }
        } else {
            seen.insert(&f.id, i);
        }
        for (j, e) in f.evidence.iter().enumerate() {
            let at = |k| {
                [
                    Seg::Key("findings"),
                    Seg::Index(i),
                    Seg::Key("evidence"),
                    Seg::Index(j),
                    Seg::Key(k),
                ]
            };
            if c.known(&e.source, &at("source")) {
                c.quote(&e.source, &e.quote, &at("quote"));
            }
        }
        check_status(c, f, i);
        if let Some(date) = f.review_by.filter(|d| *d < c.ctx.today) {
            let today = c.ctx.today;
            let p = c.report(
                Severity::Warning,
                ProblemCode::ReviewOverdue,
                &here("review_by"),
                format!(
                    "the review date {date} of `{}` has passed (today is {today})",
                    f.id
                ),
            );
            p.hint = Some(
                "revisit the question, then move `review_by` forward or resolve the finding".into(),
            );
        }
    }
}

fn check_status(c: &mut Checker<'_>, f: &crate::model::Finding, i: usize) {
    let at = [Seg::Key("findings"), Seg::Index(i), Seg::Key("status")];
    match f.status {
        Status::Proven if f.evidence.is_empty() => {
            let p = c.report(
                Severity::Error,
                ProblemCode::NoEvidence,
                &at,
                format!("proven finding `{}` has no evidence", f.id),
            );
            p.hint = Some(
                "add [[findings.evidence]] with a verbatim quote, or mark it `not_proven`".into(),
            );
        }
        Status::Proven => {
            let set = c.ctx.sources;
            if f.evidence.iter().any(|e| set.get(&e.source).is_none()) {
                return;
            }
            let outlets: BTreeSet<String> = f
                .evidence
                .iter()
                .filter_map(|e| set.get(&e.source))
                .map(|s| s.outlet_key())
                .collect();
            if outlets.len() < 2 {
                let name = f
                    .evidence
                    .first()
                    .and_then(|e| set.get(&e.source))
                    .map(|s| s.outlet_name())
                    .unwrap_or_default();
                let p = c.report(
                    Severity::Warning,
                    ProblemCode::SingleOutlet,
                    &at,
                    format!(
                        "proven finding `{}` is backed by only one outlet ({name})",
                        f.id
                    ),
                );
                p.hint =
                    Some("add a quote from an independent outlet, or mark it `not_proven`".into());
            }
        }
        Status::Contested => {
            let sides: BTreeSet<String> = f
                .evidence
                .iter()
                .filter_map(|e| e.side.as_deref())
                .map(normalize_for_match)
                .collect();
            if sides.len() < 2 {
                let msg = if sides.is_empty() {
                    format!(
                        "contested finding `{}` does not say which side its evidence supports",
                        f.id
                    )
                } else {
                    format!(
                        "contested finding `{}` has evidence for one side only",
                        f.id
                    )
                };
                let p = c.report(Severity::Warning, ProblemCode::OneSided, &at, msg);
                p.hint = Some(
                    "give each evidence a `side = \"...\"`, with quotes for at least two sides"
                        .into(),
                );
            }
        }
        _ => {}
    }
}

fn check_timeline(c: &mut Checker<'_>, brief: &Brief) {
    for (i, t) in brief.timeline.iter().enumerate() {
        for (j, id) in t.sources.iter().enumerate() {
            c.known(
                id,
                &[
                    Seg::Key("timeline"),
                    Seg::Index(i),
                    Seg::Key("sources"),
                    Seg::Index(j),
                ],
            );
        }
    }
}
