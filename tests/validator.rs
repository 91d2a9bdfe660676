//! The built PDFs checked by an external validator: `pdfua` (PyPI, the
//! machine-checkable subset of PDF/UA-1 on pikepdf). `.ci/run` installs it;
//! under CI its absence is a failure, elsewhere the test says it skipped.

mod common;

use common::{brief_ok, project_from, repo, Pdf};

fn pdfua_available() -> bool {
    let found = std::process::Command::new("pdfua")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "CI must have pdfua: python3 -m pip install pdfua==0.1.3"
    );
    if !found {
        eprintln!("skipped: pdfua is not installed (python3 -m pip install pdfua==0.1.3)");
    }
    found
}

#[test]
fn every_audience_passes_the_pdf_ua_checker() {
    let p = project_from(&[
        (&repo().join("seeds"), "seeds"),
        (&repo().join("briefs"), "briefs"),
    ]);
    let dir = p.path();
    brief_ok(dir, &["build", "--audience", "all", "--date", "2026-07-06"]);
    let pdfs: Vec<_> = ["policy", "executive", "investor", "technical"]
        .iter()
        .map(|a| dir.join(format!("out/longcat/2026-W28/{a}.pdf")))
        .collect();
    for pdf in &pdfs {
        // What the checker relies on, read with our own PDF reader too.
        let doc = Pdf::open(pdf);
        assert!(doc.info("Title").is_some_and(|t| !t.is_empty()));
    }
    if !pdfua_available() {
        return;
    }
    let out = std::process::Command::new("pdfua")
        .arg("check")
        .args(&pdfs)
        .output()
        .expect("pdfua runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pdfua found problems:\n{report}");
    assert_eq!(
        report.matches("result: PASS").count(),
        pdfs.len(),
        "{report}"
    );
}
