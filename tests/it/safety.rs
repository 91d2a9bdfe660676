//! Safety of a build against hostile inputs (issue 13): names that would be
//! paths out of the project, links out of the template and seed folders,
//! link loops, FIFOs and devices where a file is expected.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{bad_inputs, command, copy_dir};

const BRIEF: &str = include_str!("../bad/unknown-status/briefs/b.toml");

/// A project that builds: the shared seeds and one valid brief.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&bad_inputs().join("_seeds"), &dir.path().join("seeds"));
    std::fs::create_dir_all(dir.path().join("briefs")).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("briefs/b.toml"),
        BRIEF.replace("prooven", "proven"),
    )
    .unwrap();
    dir
}

/// Runs `brief` in `dir`, killing it (and failing) if it takes longer than
/// `limit`: a hang is the bug some of these tests look for.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = command(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "brief {args:?} still ran after {limit:?}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn build(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--date", "2026-07-05"];
    args.extend_from_slice(extra);
    run_within(dir, &args, Duration::from_secs(60))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// A secret file outside the project, and its text.
fn secret() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "TOPSECRET-0451\n").unwrap();
    (dir, path)
}

const PDF: &str = "out/b/2026-W27/policy.pdf";

#[cfg(unix)]
#[test]
fn a_template_link_out_of_the_folder_is_refused_by_typst_read_and_by_include() {
    let (_keep, secret) = secret();
    for template in [
        "= {{ brief.title }}\n#raw(read(\"/leak.txt\"))\n",
        "= {{ brief.title }}\n{% include \"leak.txt\" %}\n",
    ] {
        let dir = project();
        link(&secret, &dir.path().join("templates/leak.txt"));
        std::fs::write(dir.path().join("templates/policy.typ.j2"), template).unwrap();
        let out = build(dir.path(), &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{template}\n{err}");
        assert!(err.contains("templates/leak.txt"), "{err}");
        assert!(err.contains("outside"), "{err}");
        assert!(!err.contains("TOPSECRET"), "{err}");
        assert!(!dir.path().join(PDF).exists());
    }
}

#[cfg(unix)]
#[test]
fn a_template_link_inside_the_folder_is_read() {
    let dir = project();
    std::fs::create_dir_all(dir.path().join("templates/parts")).unwrap();
    std::fs::write(dir.path().join("templates/parts/note.txt"), "INSIDE-1234").unwrap();
    link(
        Path::new("parts/note.txt"),
        &dir.path().join("templates/note.txt"),
    );
    std::fs::write(
        dir.path().join("templates/policy.typ.j2"),
        "#set document(title: \"t\")\n= {{ brief.title }}\n#read(\"/note.txt\")\n\n{% include \"note.txt\" %}\n",
    )
    .unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = crate::common::Pdf::open(&dir.path().join(PDF)).text();
    assert_eq!(text.matches("INSIDE-1234").count(), 2, "{text}");
}

#[cfg(unix)]
#[test]
fn link_loops_and_a_link_to_the_root_do_not_hang_the_template_walk() {
    let dir = project();
    for name in ["a", "b", "c"] {
        link(Path::new("."), &dir.path().join("templates").join(name));
    }
    std::fs::create_dir_all(dir.path().join("templates/sections")).unwrap();
    link(Path::new(".."), &dir.path().join("templates/sections/up"));
    link(Path::new("/"), &dir.path().join("templates/rootdir"));
    let start = Instant::now();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(start.elapsed() < Duration::from_secs(30));
    assert!(dir.path().join(PDF).is_file());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_a_template_is_refused_without_blocking() {
    let dir = project();
    let fifo = dir.path().join("templates/style.typ");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("templates/style.typ"), "{err}");
    assert!(err.contains("not a regular file"), "{err}");

    let dir = project();
    link(
        Path::new("/dev/zero"),
        &dir.path().join("templates/theme.typ"),
    );
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("templates/theme.typ"), "{err}");
}

/// A file of the project (`seeds/leak.md`) that links to a secret outside
/// it: `brief check` refuses it by name and never prints its text.
#[cfg(unix)]
fn check_refuses_a_link_out(rel: &str) {
    let (_keep, secret) = secret();
    let dir = project();
    link(&secret, &dir.path().join(rel));
    let out = run_within(
        dir.path(),
        &["check", "--date", "2026-07-05"],
        Duration::from_secs(30),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(rel), "{err}");
    assert!(err.contains("outside"), "{err}");
    assert!(!err.contains("TOPSECRET"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_seed_linking_out_of_seeds_is_not_read() {
    check_refuses_a_link_out("seeds/leak.md");
}

#[test]
fn ingest_ids_cannot_leave_seeds() {
    let dir = project();
    std::fs::write(dir.path().join("article.txt"), "A Title\n\nSome text.\n").unwrap();
    for id in ["../../x", "..", "/tmp/x", "a/b", ".x"] {
        let out = run_within(
            dir.path(),
            &["ingest", "article.txt", "--id", id],
            Duration::from_secs(30),
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{id}: {err}");
        assert!(err.contains("nothing was ingested"), "{id}: {err}");
    }
    assert!(!dir.path().parent().unwrap().join("x.md").exists());
    let seeds: Vec<_> = std::fs::read_dir(dir.path().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(seeds.len(), 2, "{seeds:?}");
}

#[cfg(unix)]
#[test]
fn a_folder_of_out_linking_elsewhere_is_not_written_through() {
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = project();
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    link(elsewhere.path(), &dir.path().join("out/b"));
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("outside"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn editions_outside_the_years_1000_to_9999_are_refused() {
    let dir = project();
    for date in ["0999-06-01", "0001-01-01"] {
        let out = run_within(
            dir.path(),
            &["build", "--date", date],
            Duration::from_secs(30),
        );
        let err = stderr(&out);
        assert!(!out.status.success(), "{date}: {err}");
        assert!(err.contains("1000-9999"), "{date}: {err}");
    }
    assert!(!dir.path().join("out/b").exists());
}

#[cfg(unix)]
#[test]
fn templates_eject_does_not_write_through_a_link_out_of_templates() {
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = project();
    link(elsewhere.path(), &dir.path().join("templates/sections"));
    let out = run_within(dir.path(), &["templates", "eject"], Duration::from_secs(30));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("outside"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0); // Checked before anything is written: no half-ejected folder.
    assert!(!dir.path().join("templates/base.typ.j2").exists());
}

/// Runs `brief` with its stdout a pipe whose reading end is closed before
/// it writes anything.
fn run_with_stdout_closed(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = command(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr(&out))
}

#[test]
fn a_closed_stdout_ends_a_command_quietly() {
    let dir = crate::common::repo_project();
    for args in [
        &["figures", "--format", "json"][..],
        &["figures"],
        &["check", "--format", "json", "--date", "2026-07-05"],
        &["schedule", "--weekly", "mon 07:00", "--cron"],
        &["completions", "bash"],
        &["build", "--date", "2026-07-05"],
    ] {
        let (code, err) = run_with_stdout_closed(dir.path(), args);
        assert!(matches!(code, Some(0 | 141)), "{args:?}: {code:?}\n{err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
    // The build went on without its progress lines.
    assert!(dir.path().join("out/longcat/2026-W27/policy.pdf").is_file());
}

#[test]
fn a_failed_manifest_or_latest_is_reported_and_exits_2() {
    let dir = project();
    std::fs::create_dir_all(dir.path().join("out/b")).unwrap();
    // `latest` cannot be made a folder: a file is in the way.
    std::fs::write(dir.path().join("out/b/latest"), "in the way").unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("out/b/latest"), "{err}");
    assert!(err.contains("`b` (manifest)"), "{err}");
}

#[test]
fn diff_reports_a_damaged_or_missing_manifest_as_such() {
    let dir = project();
    for date in ["2026-07-01", "2026-07-08"] {
        let out = run_within(
            dir.path(),
            &["build", "--date", date],
            Duration::from_secs(60),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let ok = run_within(dir.path(), &["diff", "b"], Duration::from_secs(30));
    assert!(ok.status.success(), "{}", stderr(&ok));
    let manifest = dir.path().join("out/b/2026-W27/manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, &text[..text.len() / 2]).unwrap();
    let out = run_within(dir.path(), &["diff", "b"], Duration::from_secs(30));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("2026-W27/manifest.json"), "{err}");
    assert!(err.contains("damaged"), "{err}");
    assert!(!err.contains("no edition"), "{err}");
    std::fs::remove_file(&manifest).unwrap();
    let out = run_within(
        dir.path(),
        &["diff", "b", "--from", "2026-W27"],
        Duration::from_secs(30),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("has no manifest.json"), "{err}");
}

/// Holds the lock of `out` as another build would.
fn hold_lock(out: &Path) -> std::fs::File {
    std::fs::create_dir_all(out).unwrap();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(".brief.lock"))
        .unwrap();
    file.lock().unwrap();
    file
}

#[test]
fn a_second_build_waits_for_the_first_or_fails_with_no_wait() {
    let dir = project();
    let held = hold_lock(&dir.path().join("out"));
    let out = run_within(
        dir.path(),
        &["build", "--date", "2026-07-05", "--no-wait"],
        Duration::from_secs(30),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("another build is writing"), "{err}");
    assert!(!dir.path().join(PDF).exists());

    // Without --no-wait it says so and waits; it builds once the lock is free.
    let log = dir.path().join("stderr.txt");
    let mut child = command(dir.path())
        .env("NO_COLOR", "1")
        .args(["build", "--date", "2026-07-05"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !std::fs::read_to_string(&log)
        .unwrap()
        .contains("waiting for another build")
    {
        assert!(child.try_wait().unwrap().is_none(), "it did not wait");
        assert!(start.elapsed() < Duration::from_secs(30), "no message");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.try_wait().unwrap().is_none(), "it did not wait");
    assert!(!dir.path().join(PDF).exists());
    drop(held);
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "{}",
        std::fs::read_to_string(&log).unwrap()
    );
    assert!(dir.path().join(PDF).is_file());
}

#[test]
fn concurrent_builds_into_one_folder_never_mix_their_outputs() {
    use sha2::Digest;
    // Two projects with different findings write the same out/ folder.
    let shared = tempfile::tempdir().unwrap();
    let out = shared.path().join("out");
    let a = project();
    let b = project();
    let brief_b = std::fs::read_to_string(b.path().join("briefs/b.toml"))
        .unwrap()
        .replace("The model and its chips", "The chips and their model");
    std::fs::write(b.path().join("briefs/b.toml"), brief_b).unwrap();
    let out_arg = out.display().to_string();
    for round in 0..4 {
        let spawn = |dir: &Path| {
            command(dir)
                .args([
                    "build",
                    "--force",
                    "--audience",
                    "all",
                    "--date",
                    "2026-07-05",
                ])
                .args(["--out", &out_arg])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (first, second) = (spawn(a.path()), spawn(b.path()));
        for child in [first, second] {
            let done = child.wait_with_output().unwrap();
            assert!(done.status.success(), "round {round}: {}", stderr(&done));
        }
        let edition = out.join("b/2026-W27");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(edition.join("manifest.json")).unwrap())
                .unwrap();
        let outputs = manifest["outputs"].as_object().unwrap();
        assert_eq!(outputs.len(), 4, "round {round}");
        for (audience, sha) in outputs {
            let pdf = std::fs::read(edition.join(format!("{audience}.pdf"))).unwrap();
            let hash: String = sha2::Sha256::digest(&pdf)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(&hash, sha.as_str().unwrap(), "round {round}: {audience}");
        }
        assert!(crate::common::temp_files(shared.path()).is_empty());
    }
}

/// The build's report lines on stdout, `built ...` or `up to date ...`, by
/// the PDF's file name.
fn outcomes(out: &Output) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let (what, rest) = l.split_once(" ./").or_else(|| l.split_once(" /")).unwrap();
            let file = rest.split(' ').next().unwrap().rsplit('/').next().unwrap();
            format!("{what} {file}")
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn audiences_built_from_other_inputs_or_changed_on_disk_are_rebuilt() {
    let dir = project();
    let all = ["build", "--date", "2026-07-05", "--audience", "all"];
    let out = build(dir.path(), &["--audience", "all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // An edit, then only one audience rebuilt: the others are stale.
    let brief = dir.path().join("briefs/b.toml");
    let text = std::fs::read_to_string(&brief).unwrap();
    std::fs::write(
        &brief,
        text.replace("What the sources establish.", "What is known."),
    )
    .unwrap();
    let out = build(dir.path(), &["--force"]);
    assert_eq!(outcomes(&out), ["built policy.pdf"], "{}", stderr(&out));
    let out = run_within(dir.path(), &all, Duration::from_secs(60));
    assert_eq!(
        outcomes(&out),
        [
            "built executive.pdf",
            "built investor.pdf",
            "built policy.pdf",
            "built technical.pdf"
        ],
        "{}",
        stderr(&out)
    );
    let out = run_within(dir.path(), &all, Duration::from_secs(60));
    assert!(
        outcomes(&out).iter().all(|l| l.starts_with("up to date")),
        "{:?}",
        outcomes(&out)
    );
    // A PDF changed on disk: another length, or the same length (its time
    // then differs, and its hash is compared).
    let edition = dir.path().join("out/b/2026-W27");
    let changed_on_disk = |name: &str, flip: bool| {
        let pdf = edition.join(name);
        let mut bytes = std::fs::read(&pdf).unwrap();
        if flip {
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x55;
        }
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&pdf, &bytes).unwrap();
        let out = run_within(dir.path(), &all, Duration::from_secs(60));
        assert!(out.status.success(), "{}", stderr(&out));
        outcomes(&out)
    };
    std::fs::write(edition.join("investor.pdf"), b"truncated").unwrap();
    let out = run_within(dir.path(), &all, Duration::from_secs(60));
    assert!(outcomes(&out).contains(&"built investor.pdf".to_string()));
    let lines = changed_on_disk("technical.pdf", true);
    assert!(
        lines.contains(&"built technical.pdf".to_string()),
        "{lines:?}"
    );
    // Rewritten with the same bytes (only its time changed): still current.
    let lines = changed_on_disk("technical.pdf", false);
    assert!(
        lines.iter().all(|l| l.starts_with("up to date")),
        "{lines:?}"
    );
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether `latest/` holds exactly the files of the edition `week`, as
/// hard links.
#[cfg(unix)]
fn latest_mirrors(out: &Path, week: &str) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (edition, latest) = (out.join("b").join(week), out.join("b/latest"));
    names(&edition) == names(&latest)
        && names(&edition).iter().all(|n| {
            let a = std::fs::metadata(edition.join(n)).unwrap();
            let b = std::fs::metadata(latest.join(n)).unwrap();
            a.ino() == b.ino()
        })
}

#[cfg(unix)]
#[test]
fn latest_is_replaced_whole_and_repaired_when_it_is_not_the_newest_edition() {
    let dir = project();
    let out = dir.path().join("out");
    let all = |date: &str| {
        let out = run_within(
            dir.path(),
            &["build", "--audience", "all", "--date", date],
            Duration::from_secs(60),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    };
    all("2026-07-01");
    assert!(latest_mirrors(&out, "2026-W27"));
    // The next week's edition for fewer audiences: latest/ has only its files.
    let week28 = ["build", "--date", "2026-07-08"];
    let out_w28 = run_within(dir.path(), &week28, Duration::from_secs(60));
    assert!(out_w28.status.success(), "{}", stderr(&out_w28));
    assert!(latest_mirrors(&out, "2026-W28"));
    assert_eq!(
        names(&out.join("b/latest")),
        ["manifest.json", "policy.pdf"]
    );
    // Half old, as a build killed while refreshing it could leave it (and a
    // folder it was assembling): the next build, up to date, repairs it.
    let latest = out.join("b/latest");
    std::fs::remove_file(latest.join("policy.pdf")).unwrap();
    std::fs::hard_link(out.join("b/2026-W27/policy.pdf"), latest.join("policy.pdf")).unwrap();
    std::fs::hard_link(
        out.join("b/2026-W27/investor.pdf"),
        latest.join("investor.pdf"),
    )
    .unwrap();
    std::fs::create_dir(out.join("b/.latest-abc123")).unwrap();
    let again = run_within(dir.path(), &week28, Duration::from_secs(60));
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(String::from_utf8_lossy(&again.stdout).contains("up to date"));
    assert!(latest_mirrors(&out, "2026-W28"));
    assert_eq!(names(&out.join("b")), ["2026-W27", "2026-W28", "latest"]);
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_point_leaves_outputs_the_next_build_makes_whole() {
    use sha2::Digest;
    let dir = project();
    let out = dir.path().join("out");
    let args = [
        "build",
        "--force",
        "--audience",
        "all",
        "--date",
        "2026-07-05",
    ];
    let first = run_within(dir.path(), &args, Duration::from_secs(60));
    assert!(first.status.success(), "{}", stderr(&first));
    let brief = dir.path().join("briefs/b.toml");
    let text = std::fs::read_to_string(&brief).unwrap();
    for round in 0..8u64 {
        // Another input each round, so every round really rebuilds.
        std::fs::write(
            &brief,
            text.replace("Scale matters.", &format!("Scale {round}.")),
        )
        .unwrap();
        let mut child = command(dir.path())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(10 + round * 25));
        let _ = child.kill(); // SIGKILL: no handler runs
        let _ = child.wait();
        // Killed before its manifest, the edition's inputs changed (the rule
        // is then --force); killed after, a plain build completes it.
        let plain = ["build", "--audience", "all", "--date", "2026-07-05"];
        let mut next = run_within(dir.path(), &plain, Duration::from_secs(60));
        if stderr(&next).contains("pass --force") {
            next = run_within(dir.path(), &args, Duration::from_secs(60));
        }
        assert!(next.status.success(), "round {round}: {}", stderr(&next));
        let again = run_within(dir.path(), &plain, Duration::from_secs(60));
        assert_eq!(
            String::from_utf8_lossy(&again.stdout)
                .matches("up to date")
                .count(),
            4,
            "round {round}: {}",
            stderr(&again)
        );
        let edition = out.join("b/2026-W27");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(edition.join("manifest.json")).unwrap())
                .unwrap();
        for (audience, sha) in manifest["outputs"].as_object().unwrap() {
            let pdf = std::fs::read(edition.join(format!("{audience}.pdf"))).unwrap();
            let hash: String = sha2::Sha256::digest(&pdf)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(&hash, sha.as_str().unwrap(), "round {round}: {audience}");
        }
        assert!(latest_mirrors(&out, "2026-W27"), "round {round}");
        assert_eq!(
            names(&out.join("b")),
            ["2026-W27", "latest"],
            "round {round}"
        );
        assert!(
            crate::common::temp_files(dir.path()).is_empty(),
            "round {round}"
        );
        // Built from this round's brief, whether or not the kill came first.
        let text = crate::common::Pdf::open(&edition.join("policy.pdf")).text();
        assert!(text.contains(&format!("Scale {round}")), "round {round}");
    }
}

#[cfg(unix)]
#[test]
fn a_brief_linking_out_of_briefs_is_not_read_or_quoted() {
    check_refuses_a_link_out("briefs/leak.toml");
}

#[cfg(unix)]
#[test]
fn a_cues_file_linking_out_of_the_project_is_not_read() {
    let (_keep, secret) = secret();
    let dir = project();
    link(&secret, &dir.path().join("cues.toml"));
    let out = run_within(dir.path(), &["figures"], Duration::from_secs(30));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cues.toml") && err.contains("outside"),
        "{err}"
    );
    assert!(!err.contains("TOPSECRET"), "{err}");
}
