//! Cross-checks with tools outside cargo: poppler reads the built PDFs as our
//! Rust reader does (so the PDF tests can trust it), and `pdfua` (PyPI, the
//! machine-checkable subset of PDF/UA-1 on pikepdf) passes them. Ignored by
//! a plain `cargo test`; `.ci/run` installs the tools and runs
//! `cargo test --test it external -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{brief_ok, escape_project, fold, project_from, repo, repo_project, Pdf};

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

/// The font names `pdffonts` lists (sorted, once each, without the
/// `-Identity-H` of the Type 0 font), and whether every font is embedded.
/// A row: name, type (several words), encoding, emb, sub, uni, object id.
fn pdffonts(file: &str) -> (Vec<String>, bool) {
    let listed = tool("pdffonts", &[file]);
    let rows: Vec<Vec<&str>> = listed
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    let mut names: Vec<String> = rows
        .iter()
        .map(|row| row[0].trim_end_matches("-Identity-H").to_string())
        .collect();
    names.sort();
    names.dedup();
    let embedded = rows.iter().all(|row| row[row.len() - 5] == "yes");
    (names, embedded)
}

/// The words of a text, sorted (the two readers may order the runs of a
/// page differently), without soft hyphens, and with a word broken by a
/// hyphen at the end of a line joined again as pdftotext does.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut broken = false;
    for word in fold(&text.replace('\u{ad}', "")).split(' ') {
        match words.last_mut() {
            Some(last) if broken => last.push_str(word),
            _ => words.push(word.to_string()),
        }
        broken = word.len() > 1 && word.ends_with('-');
        if broken {
            words.last_mut().unwrap().pop();
        }
    }
    words.sort();
    words
}

#[test]
#[ignore = "needs poppler-utils (pdftotext, pdfinfo, pdffonts)"]
fn poppler_reads_the_text_pages_and_fonts_that_our_reader_reads() {
    let (longcat, escape) = (repo_project(), escape_project());
    let layout = project_from(&[(&repo().join("tests/fixtures/layout"), ".")]);
    let pdfs = [
        build_all(longcat.path(), "longcat"),
        build_all(escape.path(), "escape"),
        build_all(layout.path(), "claim-at-foot"),
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
        let (ours, theirs) = (words(&pdf.text()), words(&poppler_text));
        let only = |a: &[String], b: &[String]| -> Vec<String> {
            let mut rest = b.to_vec();
            a.iter()
                .filter(|w| match rest.iter().position(|r| r == *w) {
                    Some(i) => {
                        rest.swap_remove(i);
                        false
                    }
                    None => true,
                })
                .cloned()
                .collect()
        };
        assert_eq!(
            (only(&ours, &theirs), only(&theirs, &ours)),
            (Vec::new(), Vec::new()),
            "{file}: words only we read, words only poppler read"
        );
    }
}

#[test]
#[ignore = "needs pdfua (python3 -m pip install pdfua==0.1.3)"]
fn every_audience_passes_the_pdf_ua_checker() {
    // LongCat, and a brief whose references carry long URLs (boxed pieces
    // inside each link).
    let project = repo_project();
    let layout = project_from(&[(&repo().join("tests/fixtures/layout"), ".")]);
    let pdfs = [
        build_all(project.path(), "longcat"),
        build_all(layout.path(), "claim-at-foot"),
    ]
    .concat();
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

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn pdftotext_reads_reference_urls_as_typed() {
    // Broken over lines only after `/`, `.`, `-`, `?` or `&`, with nothing
    // added: the lines joined again hold each URL exactly.
    let layout = project_from(&[(&repo().join("tests/fixtures/layout"), ".")]);
    for path in build_all(layout.path(), "claim-at-foot") {
        let file = path.to_str().unwrap();
        let raw = tool("pdftotext", &["-raw", file, "-"]);
        let joined: String = raw.lines().collect();
        for seed in std::fs::read_dir(layout.path().join("seeds")).unwrap() {
            let text = std::fs::read_to_string(seed.unwrap().path()).unwrap();
            let url = text
                .lines()
                .find_map(|l| l.strip_prefix("url = \"")?.strip_suffix('"'))
                .unwrap();
            if joined.contains(&url[..30]) {
                assert!(joined.contains(url), "{file}: {url} not in\n{raw}");
            }
            // A line that ends inside the URL ends after a break character.
            for line in raw.lines() {
                let last = line.rsplit(' ').next().unwrap_or("");
                if last.starts_with("http") && url.starts_with(last) && last != url {
                    assert!(last.ends_with(['/', '.', '-', '?', '&']), "{file}: {line}");
                }
            }
        }
        assert!(!raw.contains('\u{200b}'), "{file}");
    }
}
