//! Nothing lost: a failed build leaves the previous PDF untouched and no
//! temp files; other briefs still build; an interrupted build leaves no
//! partial file; stale temp files of a killed build are swept.

use std::path::Path;
use std::process::Command;

use crate::common::{bad_inputs, brief, command, temp_files};

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::create_dir_all(dir.path().join("briefs")).unwrap();
    for name in ["alpha.md", "beta.md"] {
        std::fs::copy(bad_inputs().join("_seeds").join(name), seeds.join(name)).unwrap();
    }
    let brief = std::fs::read_to_string(bad_inputs().join("fabricated-quote/briefs/b.toml"))
        .unwrap()
        .replace(
            "The chips were smuggled through a third country",
            "using fifty thousand chips",
        );
    std::fs::write(dir.path().join("briefs/one.toml"), &brief).unwrap();
    std::fs::write(dir.path().join("briefs/two.toml"), &brief).unwrap();
    dir
}

/// The PDF of a brief's default audience in the edition of 2026-07-05.
fn pdf_of(dir: &Path, id: &str) -> std::path::PathBuf {
    dir.join("out").join(id).join("2026-W27/policy.pdf")
}

#[test]
fn a_failed_build_keeps_the_previous_pdf_and_others_still_build() {
    let dir = project();
    let out = brief(dir.path(), &["build", "--date", "2026-07-05"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = std::fs::read(pdf_of(dir.path(), "two")).unwrap();
    assert!(before.starts_with(b"%PDF"));

    // Break brief `two` only, through its own template folder.
    let own = dir.path().join("briefs/two/templates");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("style.typ"), "#let brief-page(").unwrap();
    std::fs::remove_file(pdf_of(dir.path(), "one")).unwrap();

    let out = brief(dir.path(), &["build", "--force", "--date", "2026-07-05"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("briefs/two/templates/style.typ:1:"),
        "{stderr}"
    );
    assert!(stderr.contains("`two` (policy) was not built"), "{stderr}");
    assert!(pdf_of(dir.path(), "one").is_file(), "one still builds");
    let after = std::fs::read(pdf_of(dir.path(), "two")).unwrap();
    assert_eq!(before, after, "the previous PDF of two is untouched");
    assert_eq!(temp_files(&dir.path().join("out")), Vec::<String>::new());
}

#[test]
fn stale_temp_files_of_a_killed_build_are_swept() {
    let dir = project();
    let out_dir = pdf_of(dir.path(), "one").parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join(".brief-abc123.tmp"), b"%PDF-1.7 half").unwrap();
    std::fs::write(out_dir.join("keep.txt"), b"not ours").unwrap();
    let out = brief(dir.path(), &["build", "one", "--date", "2026-07-05"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(temp_files(&out_dir), Vec::<String>::new());
    assert!(out_dir.join("keep.txt").is_file());
}

#[test]
fn an_interrupted_build_leaves_no_partial_file() {
    let dir = project();
    for delay_ms in [0u64, 30, 80, 150, 300, 600] {
        let _ = std::fs::remove_dir_all(dir.path().join("out"));
        let child = command(dir.path())
            .args(["--color", "never", "build", "--date", "2026-07-05"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait_with_output().unwrap().status;
        let out_dir = dir.path().join("out");
        assert_eq!(
            temp_files(&out_dir),
            Vec::<String>::new(),
            "after {delay_ms} ms ({status:?})"
        );
        for name in ["one", "two"] {
            if let Ok(pdf) = std::fs::read(pdf_of(dir.path(), name)) {
                assert!(pdf.starts_with(b"%PDF"), "{name} after {delay_ms} ms");
                let tail =
                    String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(32)..]).into_owned();
                assert!(
                    tail.contains("%%EOF"),
                    "{name} complete after {delay_ms} ms"
                );
            }
        }
    }
}

#[test]
fn write_atomic_replaces_whole_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    brief::util::fs::write_atomic(&path, b"first").unwrap();
    brief::util::fs::write_atomic(&path, b"second").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    // A folder in the way of the file: an error, the folder untouched.
    let blocked = dir.path().join("blocked.pdf");
    std::fs::create_dir(&blocked).unwrap();
    assert!(brief::util::fs::write_atomic(&blocked, b"x").is_err());
    assert!(blocked.is_dir());
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn written_files_get_the_permissions_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ordinary = dir.path().join("ordinary");
    std::fs::write(&ordinary, b"x").unwrap();
    let pdf = dir.path().join("x.pdf");
    brief::util::fs::write_atomic(&pdf, b"pdf").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // Not tempfile's private 0600: the umask decides, as for any file.
    assert_eq!(mode(&pdf), mode(&ordinary));
}

#[test]
fn link_atomic_replaces_the_old_file_and_follows_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (week1, week2) = (dir.path().join("w1.pdf"), dir.path().join("w2.pdf"));
    brief::util::fs::write_atomic(&week1, b"week one").unwrap();
    brief::util::fs::write_atomic(&week2, b"week two").unwrap();
    let latest = dir.path().join("latest/x.pdf");
    brief::util::fs::link_atomic(&week1, &latest).unwrap();
    assert_eq!(std::fs::read(&latest).unwrap(), b"week one");
    brief::util::fs::link_atomic(&week2, &latest).unwrap();
    assert_eq!(std::fs::read(&latest).unwrap(), b"week two");
    // Week one's file is untouched by re-pointing latest.
    assert_eq!(std::fs::read(&week1).unwrap(), b"week one");
    // Rewriting week two (a --force rebuild) replaces its file, never
    // writing through the link into another edition.
    brief::util::fs::write_atomic(&week2, b"week two, rebuilt").unwrap();
    assert_eq!(std::fs::read(&latest).unwrap(), b"week two");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert!(brief::util::fs::link_atomic(&dir.path().join("missing.pdf"), &latest).is_err());
}

#[test]
fn an_edition_with_a_failed_audience_gets_no_manifest_and_is_built_again() {
    let dir = project();
    // The investor audience of brief `one` cannot be typeset.
    let own = dir.path().join("briefs/one/templates");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("investor.typ.j2"), "#assert(false)\n").unwrap();
    let edition = dir.path().join("out/one/2026-W27");

    let out = brief(
        dir.path(),
        &["build", "--audience", "all", "--date", "2026-07-05"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for audience in ["policy", "executive", "technical"] {
        assert!(
            edition.join(format!("{audience}.pdf")).is_file(),
            "{audience}"
        );
    }
    assert!(!edition.join("investor.pdf").exists());
    assert!(
        !edition.join("manifest.json").exists(),
        "incomplete edition"
    );
    let complete = dir.path().join("out/two/2026-W27/manifest.json");
    assert!(complete.is_file(), "the other brief's edition is complete");

    // Once the template is mended, the edition is built (not skipped as
    // up to date) and gets its manifest.
    std::fs::remove_file(own.join("investor.typ.j2")).unwrap();
    let out = brief(
        dir.path(),
        &["build", "--audience", "all", "--date", "2026-07-05"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(edition.join("investor.pdf").is_file(), "{stdout}");
    assert!(edition.join("manifest.json").is_file(), "{stdout}");
    let line_of = |pdf: &str| stdout.lines().find(|l| l.contains(pdf)).map(str::to_string);
    let policy = line_of("one/2026-W27/policy.pdf").unwrap_or_default();
    assert!(policy.starts_with("built "), "{stdout}");
    let other = line_of("two/2026-W27/policy.pdf").unwrap_or_default();
    assert!(other.starts_with("up to date "), "{stdout}");
    assert_eq!(temp_files(&dir.path().join("out")), Vec::<String>::new());
}

#[test]
fn a_pdf_that_cannot_be_written_is_reported_and_its_edition_gets_no_manifest() {
    let dir = project();
    let edition = dir.path().join("out/one/2026-W27");
    // A folder where the policy PDF should go: the rename onto it fails
    // (also for root, unlike a read-only folder).
    std::fs::create_dir_all(edition.join("policy.pdf")).unwrap();
    let out = brief(
        dir.path(),
        &["build", "--audience", "all", "--date", "2026-07-05"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("policy.pdf"), "{stderr}");
    assert!(edition.join("policy.pdf").is_dir(), "left as it was");
    assert!(edition.join("technical.pdf").is_file(), "{stderr}");
    assert!(
        !edition.join("manifest.json").exists(),
        "incomplete edition"
    );
    assert!(dir.path().join("out/two/2026-W27/manifest.json").is_file());
    assert_eq!(temp_files(&dir.path().join("out")), Vec::<String>::new());
}
