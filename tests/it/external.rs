//! Cross-checks with tools outside cargo: poppler reads the built PDFs as our
//! Rust reader does (so the PDF tests can trust it), and `pdfua` (PyPI, the
//! machine-checkable subset of PDF/UA-1 on pikepdf) passes them. Ignored by
//! a plain `cargo test`; `.ci/run` installs the tools and runs
//! `cargo test --test it external -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{brief_ok, escape_project, fold, repo_project, Pdf};

const AUDIENCES: [&str; 4] = ["policy", "executive", "investor", "technical"];

/// Every audience of `brief` built in `project` for the week of 2026-07-06.
fn build_all(project: &Path, brief: &str) -> Vec<PathBuf> {
    brief_ok(
        project,
        &["build", "--audience", "all", "--date", "2026-07-06"],
    );
    AUDIENCES
        .iter()
        .map(|a| project.join(format!("out/{brief}/2026-W28/{a}.pdf")))
        .collect()
}

/// The stdout of an external tool, which must be installed and succeed.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name}: {e} (apt-get install poppler-utils; python3 -m pip install pdfua==0.1.3)")
    });
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{name} {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The font names `pdffonts` lists (sorted, once each), and whether every
/// font is embedded. Its table has fixed-width columns under a dash line:
/// name, type, encoding, emb, sub, uni, object id.
fn pdffonts(file: &str) -> (Vec<String>, bool) {
    let listed = tool("pdffonts", &[file]);
    let mut lines = listed.lines().skip(1);
    let dashes = lines.next().expect("a pdffonts header");
    let columns: Vec<(usize, usize)> =
        dashes
            .match_indices('-')
            .fold(Vec::new(), |mut cols: Vec<(usize, usize)>, (i, _)| {
                match cols.last_mut() {
                    Some((_, end)) if *end == i => *end = i + 1,
                    _ => cols.push((i, i + 1)),
                }
                cols
            });
    let cell = |line: &str, col: usize| {
        let (start, end) = columns[col];
        line.get(start..end.min(line.len()))
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let rows: Vec<&str> = lines.collect();
    let mut names: Vec<String> = rows.iter().map(|l| cell(l, 0)).collect();
    names.sort();
    names.dedup();
    (names, rows.iter().all(|l| cell(l, 3) == "yes"))
}

/// The words of a text, without the soft hyphens and hyphenation breaks
/// that readers render differently, sorted: the two readers may order the
/// runs of a page differently.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(&text.replace('\u{ad}', ""))
        .split(' ')
        .map(str::to_string)
        .collect();
    words.sort();
    words
}

#[test]
#[ignore = "needs poppler-utils (pdftotext, pdfinfo, pdffonts)"]
fn poppler_reads_the_text_pages_and_fonts_that_our_reader_reads() {
    let (longcat, escape) = (repo_project(), escape_project());
    let pdfs = [
        build_all(longcat.path(), "longcat"),
        build_all(escape.path(), "escape"),
    ]
    .concat();
    for path in &pdfs {
        let file = path.to_str().unwrap();
        let pdf = Pdf::open(path);

        let pages = tool("pdfinfo", &[file])
            .lines()
            .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse::<usize>()))
            .expect("pdfinfo prints the page count")
            .unwrap();
        assert_eq!(pdf.pages(), pages, "{file}");

        let (poppler_fonts, all_embedded) = pdffonts(file);
        assert!(all_embedded, "{file}: a font is not embedded");
        let mut ours: Vec<String> = pdf.fonts().into_iter().map(|(name, _)| name).collect();
        ours.sort();
        ours.dedup();
        assert_eq!(ours, poppler_fonts, "{file}");

        let poppler_text = tool("pdftotext", &[file, "-"]);
        assert_eq!(words(&pdf.text()), words(&poppler_text), "{file}");
    }
}

#[test]
#[ignore = "needs pdfua (python3 -m pip install pdfua==0.1.3)"]
fn every_audience_passes_the_pdf_ua_checker() {
    let project = repo_project();
    let pdfs = build_all(project.path(), "longcat");
    for pdf in &pdfs {
        // What the checker relies on, read with our own PDF reader too.
        assert!(Pdf::open(pdf).info("Title").is_some_and(|t| !t.is_empty()));
    }
    let files: Vec<&str> = pdfs.iter().map(|p| p.to_str().unwrap()).collect();
    let report = tool("pdfua", &[&["check"], &files[..]].concat());
    assert_eq!(
        report.matches("result: PASS").count(),
        pdfs.len(),
        "{report}"
    );
}
