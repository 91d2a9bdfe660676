//! Layout that holds on any content, read back from the real PDFs line by
//! line: a finding's heading (badge and claim, its `why` line) or a section
//! heading never ends a page; no page starts with a lone carried-over line
//! of a quote or a `why`; a reference URL breaks only after `/`, `.`, `-`,
//! `?` or `&`, and its text reads back as the plain URL.
//!
//! Checked on LongCat, the batch fixture and `tests/fixtures/layout/`: two
//! briefs of awkward lengths (LongCat's findings after a longer bottom
//! line) whose headings fall at a page foot unless the templates keep them
//! with their first quote, with seeds that carry long URLs.

use std::path::Path;

use crate::common::{brief_ok, project_from, repo, Line, Pdf};

/// A finding's claim (semibold sans at 10 pt) or a section heading (bold
/// sans at 13 pt).
fn is_heading(line: &Line) -> bool {
    line.runs.iter().any(|r| {
        let sans = r.font.contains("Inter");
        let near = |pt: f32| (r.size - pt).abs() < 0.05;
        sans && ((r.font.contains("SemiBold") && near(10.0))
            || (r.font.contains("Bold") && near(13.0)))
    })
}

/// A finding's `why` line (serif at 9.5 pt).
fn is_why(line: &Line) -> bool {
    line.runs
        .iter()
        .all(|r| !r.font.contains("Inter") && (r.size - 9.5).abs() < 0.05)
}

/// A line of a quote under a finding (serif at 8.8 pt) that does not start
/// the quote (with its opening mark or its side's label).
fn continues_a_quote(line: &Line) -> bool {
    let first = &line.runs[0];
    let quote_line = line
        .runs
        .iter()
        .all(|r| (r.size - 8.8).abs() < 0.05 || r.font.contains("Inter"));
    quote_line && !first.font.contains("Inter") && !first.text.trim_start().starts_with('“')
}

/// Every layout problem of one PDF, as "page N: ...".
fn layout_problems(pdf: &Pdf, urls: &[String]) -> Vec<String> {
    let pages = pdf.body_lines();
    let mut problems = Vec::new();
    for (n, lines) in pages.iter().enumerate() {
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            continue;
        };
        if n + 1 < pages.len() && (is_heading(last) || is_why(last)) {
            problems.push(format!(
                "page {}: ends with a heading or a why line: {last}",
                n + 1
            ));
        }
        if n > 0 && (continues_a_quote(first) || is_why(first)) {
            problems.push(format!(
                "page {}: starts with a carried-over line: {first}",
                n + 1
            ));
        }
    }
    let lines: Vec<&Line> = pages.iter().flatten().collect();
    for url in urls {
        problems.extend(url_problem(&lines, url));
    }
    problems
}

/// Where `url` is shown: whole on one line, or broken only after `/`, `.`,
/// `-`, `?` or `&` into pieces that end one line and start the next ones.
fn url_problem(lines: &[&Line], url: &str) -> Option<String> {
    if lines.iter().any(|l| l.text.contains(url)) {
        return None;
    }
    let starts = (0..lines.len()).filter(|&at| {
        let last = lines[at].text.rsplit(' ').next().unwrap_or("");
        last.starts_with("http") && url.starts_with(last)
    });
    let mut problems = Vec::new();
    for at in starts {
        match url_pieces(lines, at, url) {
            Ok(pieces)
                if pieces[..pieces.len() - 1]
                    .iter()
                    .all(|p| p.ends_with(['/', '.', '-', '?', '&'])) =>
            {
                return None
            }
            Ok(pieces) => problems.push(format!("{url} breaks mid-token: {pieces:?}")),
            Err(_) => {}
        }
    }
    Some(
        problems
            .pop()
            .unwrap_or_else(|| format!("{url} is not in the text layer")),
    )
}

/// The pieces `url` is broken into from the end of line `at` on, if the
/// lines read back as it.
fn url_pieces(lines: &[&Line], mut at: usize, url: &str) -> Result<Vec<String>, ()> {
    let mut rest = url;
    let mut pieces = Vec::new();
    while !rest.is_empty() {
        let text = &lines.get(at).ok_or(())?.text;
        let piece = if pieces.is_empty() {
            text.rsplit(' ').next().unwrap_or("")
        } else {
            text.split(' ').next().unwrap_or("")
        };
        if piece.is_empty() || !rest.starts_with(piece) {
            return Err(());
        }
        pieces.push(piece.to_string());
        rest = &rest[piece.len()..];
        at += 1;
    }
    Ok(pieces)
}

/// The URLs of a project's seeds.
fn seed_urls(project: &Path) -> Vec<String> {
    let mut urls = Vec::new();
    for entry in std::fs::read_dir(project.join("seeds")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        urls.extend(text.lines().filter_map(|l| {
            let url = l.strip_prefix("url = \"")?.strip_suffix('"')?;
            Some(url.to_string())
        }));
    }
    urls.sort();
    urls
}

/// Builds every brief of `project` for every audience and checks each PDF.
fn check_project(project: &Path) -> Vec<String> {
    brief_ok(
        project,
        &["build", "--audience", "all", "--date", "2026-07-06"],
    );
    let urls = seed_urls(project);
    let mut problems = Vec::new();
    for brief in std::fs::read_dir(project.join("out")).unwrap() {
        let edition = brief.unwrap().path().join("2026-W28");
        if !edition.is_dir() {
            continue; // the lock file
        }
        for pdf in std::fs::read_dir(&edition).unwrap() {
            let path = pdf.unwrap().path();
            if path.extension().is_some_and(|e| e == "pdf") {
                let shown = path.strip_prefix(project).unwrap().display().to_string();
                let pdf = Pdf::open(&path);
                // Only the URLs this PDF cites.
                let text = pdf.text().replace(' ', "");
                let cited: Vec<String> = urls
                    .iter()
                    .filter(|u| text.contains(&u[..30]))
                    .cloned()
                    .collect();
                problems.extend(
                    layout_problems(&pdf, &cited)
                        .into_iter()
                        .map(|p| format!("{shown} {p}")),
                );
            }
        }
    }
    problems.sort();
    problems
}

fn assert_layout(project: &Path) {
    let problems = check_project(project);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn longcat_layout_holds() {
    let root = repo();
    let project = project_from(&[
        (&root.join("seeds"), "seeds"),
        (&root.join("briefs"), "briefs"),
    ]);
    assert_layout(project.path());
}

#[test]
fn batch_layout_holds() {
    let project = project_from(&[(&repo().join("tests/fixtures/batch"), ".")]);
    assert_layout(project.path());
}

#[test]
fn awkward_lengths_keep_headings_with_their_quotes_and_urls_whole() {
    let project = project_from(&[(&repo().join("tests/fixtures/layout"), ".")]);
    assert_layout(project.path());
}

#[test]
fn reference_urls_read_back_plain() {
    let project = project_from(&[(&repo().join("tests/fixtures/layout"), ".")]);
    brief_ok(project.path(), &["build", "--date", "2026-07-06"]);
    let urls = seed_urls(project.path());
    let out = project.path().join("out");
    let pdf = Pdf::open(&out.join("claim-at-foot/2026-W28/policy.pdf"));
    // Joined across line breaks, the text layer holds each URL exactly:
    // no hyphen added, no invisible break character left in.
    let text: String = pdf
        .body_lines()
        .iter()
        .flatten()
        .map(|l| l.text.clone())
        .collect::<Vec<_>>()
        .join("");
    for url in &urls {
        let joined = text.replace(' ', "");
        assert!(joined.contains(url.as_str()), "{url} not in {joined}");
    }
    assert!(
        !text.contains('\u{200b}'),
        "a zero-width space in the text layer"
    );
}
